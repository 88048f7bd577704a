//! What the node hands the runtime's oracle off-chain worker: the `--oracle-source` list, in
//! the node's off-chain storage, where the worker reads it (`pallet_aegis_oracle::offchain`).

use aegis_primitives::{
	oracle::{OracleSource, SOURCES_KEY},
	OpaqueBlock as Block,
};
use codec::Encode;
use sc_service::error::Error as ServiceError;

/// Stores the `--oracle-source` list where the runtime's off-chain worker reads it, replacing
/// the list of an earlier run (an empty list stops the worker from reporting).
pub fn store_sources<B: sc_client_api::Backend<Block>>(
	backend: &B,
	sources: &[OracleSource],
) -> Result<(), ServiceError> {
	use sp_core::offchain::OffchainStorage;
	for (index, source) in sources.iter().enumerate() {
		if sources.get(..index).unwrap_or_default().iter().any(|s| s.feed == source.feed) {
			return Err(ServiceError::Other(format!(
				"--oracle-source: feed {} is given twice",
				source.feed
			)));
		}
	}
	let mut storage = backend.offchain_storage().ok_or_else(|| {
		ServiceError::Other("the database has no off-chain storage for the oracle sources".into())
	})?;
	storage.set(sc_offchain::STORAGE_PREFIX, SOURCES_KEY, &sources.encode());
	for source in sources {
		log::info!(
			"Oracle feed {} is read from {}{}",
			source.feed,
			String::from_utf8_lossy(&source.url),
			if source.pointer.is_empty() {
				String::new()
			} else {
				format!(" at {}", String::from_utf8_lossy(&source.pointer))
			},
		);
	}
	Ok(())
}
