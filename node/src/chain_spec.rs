//! The built-in chain specifications, built from the runtime's genesis presets.

use aegis_primitives::currency::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use aegis_runtime_wasm::sovereign::WASM_BINARY;
use sc_service::{ChainType, Properties};

/// A chain spec of the Aegis chain. No extensions: everything a node needs is in the genesis.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, for wallets such as polkadot.js apps (and
/// chopsticks, which needs them): the same on the sovereign chain and the parachain.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"this node was built without the runtime's wasm (SKIP_WASM_BUILD was set); rebuild it \
		 without SKIP_WASM_BUILD to use the built-in chains"
			.to_string()
	})?;
	Ok(ChainSpec::builder(wasm, Default::default())
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: Alice validates alone and holds the sudo key.
pub fn development() -> Result<ChainSpec, String> {
	from_preset(
		"Aegis Development",
		"aegis_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: Alice, Bob and Charlie validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Aegis Local Testnet",
		"aegis_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::BuildStorage;

	/// Every built-in chain must build its genesis state: a broken preset would otherwise only
	/// show when a node starts.
	#[test]
	fn built_in_chain_specs_build_their_genesis() {
		for spec in [development(), local_testnet()] {
			let spec = spec.expect("the wasm runtime is built for tests");
			let storage = spec.build_storage().expect("genesis builds");
			assert!(storage.top.contains_key(sp_core::storage::well_known_keys::CODE));
		}
	}

	#[test]
	fn built_in_chain_specs_name_the_token() {
		let spec = development().expect("the wasm runtime is built for tests");
		let properties = sc_chain_spec::ChainSpec::properties(&spec);
		assert_eq!(properties.get("tokenSymbol"), Some(&"AEG".into()));
		assert_eq!(properties.get("tokenDecimals"), Some(&12.into()));
	}
}
