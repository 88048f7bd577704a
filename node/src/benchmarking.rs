//! Extrinsic builders for `aegis-node benchmark overhead` and `benchmark extrinsic`: they sign
//! real transactions of the Aegis runtime with development keys.

use std::sync::Arc;

use aegis_primitives::AccountId;
use aegis_runtime as runtime;
use codec::Encode;
use sc_client_api::UsageProvider;
use sp_core::{sr25519, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, OpaqueExtrinsic, SaturatedConversion};

use crate::service::FullClient;

/// Builds `system.remark` extrinsics: the cheapest signed transaction, to measure overhead.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = runtime::RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() });
		Ok(signed_extrinsic(&self.client, call, Sr25519Keyring::Bob.pair(), nonce))
	}
}

/// Builds `balances.transfer_keep_alive` extrinsics: the reference transaction for throughput.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
}

impl TransferKeepAliveBuilder {
	pub fn new(client: Arc<FullClient>, dest: AccountId) -> Self {
		Self { client, dest }
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = runtime::RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: self.dest.clone().into(),
			value: runtime::configs::ExistentialDeposit::get(),
		});
		Ok(signed_extrinsic(&self.client, call, Sr25519Keyring::Bob.pair(), nonce))
	}
}

/// Signs `call` with `sender` as the wallets do, against the client's best block.
pub fn signed_extrinsic(
	client: &FullClient,
	call: runtime::RuntimeCall,
	sender: sr25519::Pair,
	nonce: u32,
) -> OpaqueExtrinsic {
	let genesis_hash = client.usage_info().chain.genesis_hash;
	let best_hash = client.usage_info().chain.best_hash;
	let best_block = client.usage_info().chain.best_number.saturated_into::<u64>();
	// Benchmarks apply the extrinsic right away: any period starting at the best block will do.
	let period = 128;

	let tx_ext = runtime::configs::tx_extension(nonce, Era::mortal(period, best_block));

	let implicit = (
		(),
		(),
		runtime::VERSION.spec_version,
		runtime::VERSION.transaction_version,
		genesis_hash,
		best_hash,
		(),
		(),
		(),
		None,
		(),
		(),
	);
	let payload = runtime::SignedPayload::from_raw(call.clone(), tx_ext.clone(), implicit);
	let signature = payload.using_encoded(|bytes| sender.sign(bytes));

	runtime::UncheckedExtrinsic::new_signed(
		call,
		AccountId::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		tx_ext,
	)
	.into()
}

/// The inherent data a benchmark block needs: a timestamp and a BABE slot.
pub fn inherent_benchmark_data() -> Result<InherentData, String> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(sp_timestamp::Timestamp::new(0));
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|error| format!("creating the timestamp inherent: {error:?}"))?;
	let slot = sp_consensus_babe::inherents::InherentDataProvider::new(0.into());
	futures::executor::block_on(slot.provide_inherent_data(&mut inherent_data))
		.map_err(|error| format!("creating the BABE slot inherent: {error:?}"))?;
	Ok(inherent_data)
}
