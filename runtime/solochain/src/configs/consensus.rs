//! Block production (BABE), finality (GRANDPA) and what connects them to the validator set:
//! authorship, sessions with their history, and offence reports.

use frame_support::parameter_types;

use crate::{
	opaque::SessionKeys,
	time::{HOURS, MILLISECS_PER_BLOCK},
	AccountId, Babe, BlockNumber, Historical, Offences, Runtime, RuntimeEvent, Session, Staking,
};

use super::staking::{BondingDuration, SessionsPerEra};

/// A BABE epoch (and so a session) lasts an hour. The validator set changes at most once per
/// session, and the epoch randomness comes from the one before.
pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = HOURS;

parameter_types! {
	pub const EpochDurationInBlocks: BlockNumber = EPOCH_DURATION_IN_BLOCKS;
	/// Slots are blocks under BABE with secondary slots.
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_BLOCKS as u64;
	pub const ExpectedBlockTime: u64 = MILLISECS_PER_BLOCK;
	/// Upper bound of the validator set, shared by BABE, GRANDPA and staking.
	pub const MaxAuthorities: u32 = 100;
	/// Nominators kept per validator in an equivocation proof's exposure.
	pub const MaxNominators: u32 = 512;
	/// An equivocation can be reported as long as the offender can still be slashed: for the
	/// whole bonding period.
	pub const ReportLongevity: u64 =
		BondingDuration::get() as u64 * SessionsPerEra::get() as u64 * EpochDuration::get();
	/// Enough GRANDPA set-id entries for every session of the bonding period.
	pub const MaxSetIdSessionEntries: u64 =
		BondingDuration::get() as u64 * SessionsPerEra::get() as u64;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	/// Session rotation (driven by staking's elections) triggers epoch changes.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = MaxNominators;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = MaxNominators;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

/// BABE's slot of the block being executed, for the seal difficulty's adjustment.
pub struct CurrentBabeSlot;
impl frame_support::traits::Get<u64> for CurrentBabeSlot {
	fn get() -> u64 {
		*pallet_babe::CurrentSlot::<Runtime>::get()
	}
}

impl pallet_seal_difficulty::Config for Runtime {
	type CurrentSlot = CurrentBabeSlot;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	/// Doubles in about 710 filled slots (24 minutes).
	type RiseDivisor = frame_support::traits::ConstU64<1024>;
	type WeightInfo = pallet_seal_difficulty::weights::SubstrateWeight<Runtime>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	/// Staking credits era points to block authors.
	type EventHandler = Staking;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Staking>;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Disable at most a third of the validators for offences, so that GRANDPA (which needs
	/// two thirds) keeps finalizing; re-enable the least offending when a worse one appears.
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = crate::Balances;
	/// Setting keys is already paid for by the transaction fee and needs a bonded controller.
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}
