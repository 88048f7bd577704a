//! # Aegis runtime
//!
//! The state transition function of the Aegis sovereign chain. This file only composes: every
//! pallet is configured in its concern's module under [`configs`], the runtime APIs the node
//! and wallets call are in [`apis`], and the genesis presets in [`genesis_config_presets`].
//!
//! Consensus is BABE (slot assignment by VRF over the NPoS validator set elected by
//! `pallet-staking`) with GRANDPA finality. Every 2-second slot has an author: primary VRF
//! winners, or otherwise the round-robin secondary author. Every block also carries a
//! proof-of-work seal (`aegis_primitives::pow`) at the difficulty `pallet-seal-difficulty`
//! keeps; the node mines and checks it, the runtime never sees it.

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
	currency, time, AccountId, Balance, BlockNumber, Hash, Header, Nonce, Signature,
};

/// Opaque types: what the node needs to know about blocks and session keys without knowing the
/// runtime's call type.
pub mod opaque {
	use super::*;

	pub use aegis_primitives::OpaqueBlock as Block;

	impl_opaque_keys! {
		/// The session keys of a validator: one per consensus protocol it takes part in.
		pub struct SessionKeys {
			pub babe: super::Babe,
			pub grandpa: super::Grandpa,
		}
	}
}

pub use apis::RuntimeApi;
pub use opaque::SessionKeys;

/// Declares [`VERSION`] with the given `spec_name` and `spec_version` (literals: the
/// `runtime_version` attribute reads them from the tokens to write the wasm's version section).
macro_rules! runtime_version {
	($spec_name:tt, $spec_version:tt) => {
		/// The runtime's identity. `spec_version` must rise with every change of behaviour:
		/// nodes and wallets decide by it whether the code they run or sign for is current.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed($spec_name),
			impl_name: alloc::borrow::Cow::Borrowed("aegis-node"),
			authoring_version: 1,
			spec_version: $spec_version,
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
// refuses code of another name, so a test build can never be enacted on a real network, nor a
// real one on a test chain. `next-spec-version` is this runtime one version later, the upgrade
// target of the end-to-end tests.
#[cfg(all(not(feature = "fast-runtime"), not(feature = "next-spec-version")))]
runtime_version!("aegis", 109);
#[cfg(all(not(feature = "fast-runtime"), feature = "next-spec-version"))]
runtime_version!("aegis", 110);
#[cfg(all(feature = "fast-runtime", not(feature = "next-spec-version")))]
runtime_version!("aegis-fast", 109);
#[cfg(all(feature = "fast-runtime", feature = "next-spec-version"))]
runtime_version!("aegis-fast", 110);

/// The BABE epoch configuration at genesis: `c = 1/4` is the probability that a slot has a
/// primary (VRF) winner; `PrimaryAndSecondaryVRFSlots` gives every other slot a secondary author,
/// so that a block is authored every slot.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 4),
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// The transaction extensions checked for every signed transaction, in order.
pub type TxExtension = (
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
	frame_system::WeightReclaim<Runtime>,
	pallet_model_registry::StakeGate<Runtime>,
);

/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block with its justifications, as stored by the node.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The extrinsic format: a call, optionally signed with one of the [`Signature`] schemes.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

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

	// Core.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Utility = pallet_utility;
	/// Steps the multi-block migrations of a runtime upgrade (`configs::migrations`).
	#[runtime::pallet_index(3)]
	pub type MultiBlockMigrations = pallet_migrations;

	// Monetary. Indexed before staking: genesis builds pallets in index order, and stakes are
	// bonded from genesis balances.
	#[runtime::pallet_index(5)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(6)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Consensus. BABE must come before Session and Grandpa: it drives the session rotation.
	#[runtime::pallet_index(10)]
	pub type Babe = pallet_babe;
	#[runtime::pallet_index(11)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(12)]
	pub type Staking = pallet_staking;
	#[runtime::pallet_index(13)]
	pub type Offences = pallet_offences;
	#[runtime::pallet_index(14)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(15)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(16)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(17)]
	pub type VoterList = pallet_bags_list<Instance1>;
	/// Declared after BABE, whose `on_initialize` records the slot it adjusts from.
	#[runtime::pallet_index(18)]
	pub type SealDifficulty = pallet_seal_difficulty;

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
	pub type Origins = configs::governance::pallet_custom_origins;
	#[runtime::pallet_index(45)]
	pub type Whitelist = pallet_whitelist;
	#[runtime::pallet_index(46)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;

	// Administration. Sudo is configured only by the development preset; governance replaces
	// it on real networks.
	#[runtime::pallet_index(90)]
	pub type Sudo = pallet_sudo;
}
