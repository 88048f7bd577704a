//! The parachain's link to the relay chain and its collators.
//!
//! - `ParachainSystem` takes each block's relay-chain validation data (an inherent), hands
//!   new code to the relay chain and routes messages; the consensus hook paces authoring.
//! - Collators author in Aura slots of 6 seconds. With asynchronous backing, a block may be
//!   built on a parent the relay chain has not included yet: at most
//!   [`UNINCLUDED_SEGMENT_CAPACITY`] such blocks, [`BLOCK_PROCESSING_VELOCITY`] per relay slot.
//! - Who collates is decided by `pallet-collator-selection`, proof of stake for collators:
//!   the invulnerables governance appoints, and the candidates who bonded the most AEG (the
//!   candidacy bond and more). Sessions of six hours rotate the set; a candidate that authored
//!   nothing in a session is removed. Collators earn the transaction fees of their blocks and
//!   a share of the collator pot.

use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::Weight,
	PalletId,
};
use frame_system::EnsureRoot;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

use super::system::RuntimeBlockWeights;
use crate::{
	time::{SLOT_DURATION, TIMES},
	AccountId, Aura, Balances, CollatorSelection, MessageQueue, Runtime, RuntimeEvent, Session,
	SessionKeys, XcmpQueue,
};

/// Blocks the chain may build ahead of what the relay chain has included.
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// Blocks per relay-chain slot.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// The relay chain's slot duration.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6_000;
/// Blocks are built on the latest relay-chain block, with no descendants (no elastic
/// scaling).
pub const RELAY_PARENT_OFFSET: u32 = 0;

/// Paces authoring: checks each block's Aura slot against the relay chain's and bounds the
/// unincluded segment.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

parameter_types! {
	/// A quarter of a block for the relay chain's downward messages...
	pub ReservedDmpWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(4);
	/// ...and a quarter for messages from sibling parachains.
	pub ReservedXcmpWeight: Weight = RuntimeBlockWeights::get().max_block.saturating_div(4);
	pub const RelayOrigin: cumulus_primitives_core::AggregateMessageOrigin =
		cumulus_primitives_core::AggregateMessageOrigin::Parent;
}

impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = staging_parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = XcmpQueue;
	/// Downward messages wait in the message queue until processed.
	type DmpQueue = frame_support::traits::EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	/// Asynchronous backing: several blocks may share a relay parent.
	type CheckAssociatedRelayNumber =
		cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = ConstU32<RELAY_PARENT_OFFSET>;
	/// Scheduling signatures (V3) are off; enabling them without collator support would stall
	/// the chain.
	type SchedulingSignatureVerifier = ();
}

impl staging_parachain_info::Config for Runtime {}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	/// Asynchronous backing may build more than one block in a slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	/// Collator selection records who authored in the session.
	type EventHandler = (CollatorSelection,);
}

parameter_types! {
	/// Sessions of six hours: the collator set changes at most this often.
	pub const Period: u32 = 6 * TIMES.hour;
	pub const Offset: u32 = 0;
	/// The collator pot, which pays the author of each block half of what it holds.
	pub const PotId: PalletId = PalletId(*b"PotStake");
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Collators are not disabled for misbehaviour within a session; collator selection
	/// removes those that author nothing.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Registering keys costs only the transaction fee; candidacy costs the bond.
	type KeyDeposit = ();
}

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	/// Invulnerables, the candidacy bond and the number of candidates are consensus
	/// parameters: root only (the root track).
	type UpdateOrigin = EnsureRoot<AccountId>;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	/// Invulnerables are only removed while this many collators remain.
	type MinEligibleCollators = ConstU32<4>;
	type MaxInvulnerables = ConstU32<20>;
	/// A candidate that authored no block for a session is removed.
	type KickThreshold = Period;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	/// Candidates must have registered session keys.
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

// One parachain slot per relay-chain slot: the consensus hook derives the one from the other.
const _: () = assert!(RELAY_CHAIN_SLOT_DURATION_MILLIS as u64 == SLOT_DURATION);

/// The parachain id's type, for the genesis presets.
pub use cumulus_primitives_core::ParaId;
