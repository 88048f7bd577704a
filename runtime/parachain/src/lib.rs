//! # Aegis parachain runtime
//!
//! The Aegis pallets as a parachain: the same model registry, proof verification, incentive
//! token, oracle, governance and fees as the sovereign chain (`aegis-runtime`), configured
//! once in `aegis-runtime-common`, with the consensus and messaging of a parachain instead of
//! the sovereign chain's BABE, proof-of-work seal, NPoS and GRANDPA:
//!
//! - **Security and finality** come from the relay chain: its validators check every block
//!   against this runtime's `validate_block` and finalise it.
//! - **Block authors** are collators, in Aura slots of 6 seconds (asynchronous backing); they
//!   are the invulnerables governance appoints and the candidates who bond the most AEG
//!   (`pallet-collator-selection`, proof of stake for collators).
//! - **Stake** of the registry's publishers, of rewarded contributors and of oracle reporters
//!   is bonded in `pallet-aegis-stake` (there is no NPoS here).
//! - **Cross-chain messages** (XCM) come and go through the relay chain (`configs::xcm`): the
//!   relay chain's native token is accepted as a reserve asset from the relay chain, pays for
//!   execution, and goes back to it.
//!
//! The node is `polkadot-omni-node` (Aura parachains); operators need nothing of Aegis's but
//! this runtime and its chain spec. This file only composes: pallets are configured in
//! [`configs`], the runtime APIs are in [`apis`], the genesis presets in
//! [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to deeply nested types.
#![recursion_limit = "256"]

extern crate alloc;

// Before `apis`: its `define_benchmarks!` macros are used there, and macros are in scope in
// the order modules are declared.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys};
use sp_version::RuntimeVersion;

pub use aegis_primitives::{
	currency, AccountId, Balance, BlockNumber, Hash, Header, Nonce, Signature,
};

/// Block time and the periods derived from it.
pub mod time {
	use aegis_runtime_common::time::BlockTimes;

	/// A block every 6 seconds: one per relay-chain slot (asynchronous backing).
	pub const MILLISECS_PER_BLOCK: u64 = 6_000;
	/// Aura's slot: one block per slot.
	pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
	/// Periods in blocks of this chain.
	pub const TIMES: BlockTimes = BlockTimes::of_block_time(MILLISECS_PER_BLOCK);
}

/// Opaque types: what the collator node needs to know about blocks and session keys without
/// knowing the runtime's call type.
pub mod opaque {
	use super::*;

	pub use aegis_primitives::OpaqueBlock as Block;

	impl_opaque_keys! {
		/// The session keys of a collator: its Aura key.
		pub struct SessionKeys {
			pub aura: super::Aura,
		}
	}
}

pub use apis::RuntimeApi;
pub use opaque::SessionKeys;

/// Declares [`VERSION`] with the given `spec_name` (a literal: the `runtime_version` attribute
/// reads it from the tokens to write the wasm's version section).
macro_rules! runtime_version {
	($spec_name:tt) => {
		/// The runtime's identity. `spec_version` must rise with every change of behaviour:
		/// collators, the relay chain's validators and wallets decide by it whether the code
		/// they run or sign for is current.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed($spec_name),
			impl_name: alloc::borrow::Cow::Borrowed("aegis-parachain"),
			authoring_version: 1,
			spec_version: 105,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			// 2: the registry's owner actions take an ML-DSA authorisation; 3: oracle feeds have a
			// collection window, its rules stake seats; 4: signing keys and signatures name their
			// algorithm (`ProofVerifier::register_signing_key`), and the registry's evidence and
			// authorisations are lists of signatures naming their keys (k-of-n policies).
			transaction_version: 4,
			system_version: 1,
		};
	};
}

// A `fast-runtime` build (governance periods of a few blocks) has a name of its own: a chain
// refuses code of another name, so a test build can never be enacted on a real network.
#[cfg(not(feature = "fast-runtime"))]
runtime_version!("aegis-parachain");
#[cfg(feature = "fast-runtime")]
runtime_version!("aegis-parachain-fast");

/// The transaction extensions checked for every signed transaction, in order; wrapped in
/// `StorageWeightReclaim`, which gives back the proof size a transaction did not use (the
/// relay chain limits a block's proof, not only its compute time).
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::AuthorizeCall<Runtime>,
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
		pallet_model_registry::StakeGate<Runtime>,
	),
>;

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The extrinsic format: a call, optionally signed with one of the [`Signature`] schemes.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Executive: dispatches incoming extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	configs::migrations::SingleBlockMigrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// Core. The Aegis pallets, governance, balances and utility keep the sovereign chain's
	// indices, so that their calls encode alike on both (the `aegis` command's transactions
	// work on either); consensus and messaging pallets are each chain's own.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Utility = pallet_utility;
	/// Steps the multi-block migrations of a runtime upgrade (`configs::migrations`).
	#[runtime::pallet_index(3)]
	pub type MultiBlockMigrations = pallet_migrations;

	// Monetary.
	#[runtime::pallet_index(5)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(6)]
	pub type TransactionPayment = pallet_transaction_payment;

	// The parachain's link to the relay chain: validation data, code upgrades, messages.
	#[runtime::pallet_index(7)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(8)]
	pub type ParachainInfo = staging_parachain_info;
	#[runtime::pallet_index(9)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Collators. Declared in the order their hooks must run: authorship knows the author
	// before collator selection rewards it; session sets Aura's authorities.
	#[runtime::pallet_index(11)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(12)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(13)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(14)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(15)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// Stake of publishers, contributors and reporters (NPoS's place on the sovereign chain).
	#[runtime::pallet_index(19)]
	pub type Stake = pallet_aegis_stake;

	// Aegis.
	#[runtime::pallet_index(20)]
	pub type ProofVerifier = pallet_proof_verifier;
	#[runtime::pallet_index(21)]
	pub type ModelRegistry = pallet_model_registry;

	// Incentives.
	#[runtime::pallet_index(30)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(31)]
	pub type Incentives = pallet_incentives;
	#[runtime::pallet_index(32)]
	pub type Oracle = pallet_aegis_oracle;
	/// FRAME's oracle, the store of `Oracle`'s raw and combined values.
	#[runtime::pallet_index(33)]
	pub type OracleFeeds = pallet_oracle;

	// Governance (OpenGov).
	#[runtime::pallet_index(40)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(41)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(42)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(43)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(44)]
	pub type Origins = aegis_runtime_common::governance::pallet_custom_origins;
	#[runtime::pallet_index(45)]
	pub type Whitelist = pallet_whitelist;
	#[runtime::pallet_index(46)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;

	// Cross-chain messaging (XCM).
	#[runtime::pallet_index(50)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(51)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(52)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(53)]
	pub type MessageQueue = pallet_message_queue;
	/// Foreign assets: the relay chain's token, held here as a reserve-backed asset.
	#[runtime::pallet_index(54)]
	pub type ForeignAssets = pallet_assets<Instance1>;

	// Administration. Sudo is configured only by the development preset; governance replaces
	// it on real networks.
	#[runtime::pallet_index(90)]
	pub type Sudo = pallet_sudo;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
