//! Governance (OpenGov): token holders decide by referendum, on tracks with their own
//! thresholds and periods (`tracks`), with conviction voting; a technical committee can
//! whitelist a call for the fast track; the scheduler enacts what passed; preimages hold the
//! proposed calls.
//!
//! No single key rules the chain outside the development preset (whose sudo key is for tests):
//! runtime upgrades go through the root track (`system.authorizeUpgrade` then
//! `system.applyAuthorizedUpgrade`), protocol parameters through `registry_admin`.

pub mod origins;
pub mod tracks;

use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::currency::ActiveIssuanceOf, ConstU32, EitherOf,
		EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSigned};

use super::system::RuntimeBlockWeights;
use crate::{
	currency::{deposit, UNITS},
	time::DAYS,
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System,
};

pub use origins::{
	pallet_custom_origins, ReferendumCanceller, ReferendumKiller, RegistryAdmin, WhitelistedCaller,
};

/// The technical committee's instance of `pallet-collective`.
pub type TechnicalCollective = frame_support::instances::Instance1;

/// Root, or a referendum on the registry-admin track: the origin of the Aegis pallets'
/// protocol parameters (fees, stakes, revocations, rewards, oracle feeds and reporters).
pub type AegisAdminOrigin = EitherOf<EnsureRoot<AccountId>, RegistryAdmin>;

/// Two thirds of the technical committee.
pub type TechnicalTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, TechnicalCollective, 2, 3>;

/// Whether this is a `fast-runtime` build: governance periods of a few blocks, for tests.
pub(crate) const FAST_RUNTIME: bool = cfg!(feature = "fast-runtime");

/// `quick` if `fast`, else `real`.
pub(crate) const fn pick(fast: bool, real: BlockNumber, quick: BlockNumber) -> BlockNumber {
	if fast {
		quick
	} else {
		real
	}
}

/// A period of this build: `real` blocks, or `fast` in a `fast-runtime` build.
pub(crate) const fn period(real: BlockNumber, fast: BlockNumber) -> BlockNumber {
	pick(FAST_RUNTIME, real, fast)
}

parameter_types! {
	/// Scheduled calls may use 80 % of a block.
	pub MaximumSchedulerWeight: Weight =
		sp_runtime::Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
	/// A preimage pays one stored item and its bytes.
	pub const PreimageBaseDeposit: Balance = deposit(2, 64);
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// Votes lock their tokens this long per conviction doubling (1x: one period).
	pub const VoteLockingPeriod: BlockNumber = period(7 * DAYS, 10);
	/// What opening a referendum costs: returned when it is approved or cancelled, kept when
	/// it is rejected or times out, stays reserved (hopeless proposals cost something).
	pub const SubmissionDeposit: Balance = 10 * UNITS;
	/// A referendum that never gets its decision deposit times out.
	pub const UndecidingTimeout: BlockNumber = period(14 * DAYS, 50);
	/// How long a technical-committee motion may be voted on.
	pub const TechnicalMotionDuration: BlockNumber = period(3 * DAYS, 10);
	pub MaxProposalWeight: Weight =
		sp_runtime::Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
	/// A whitelisted call must be dispatched within this time.
	pub const DeferredDispatchExpiration: BlockNumber = period(28 * DAYS, 100);
	/// Checked once a block: referendum alarms need no finer grain.
	pub const AlarmInterval: BlockNumber = 1;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Referenda schedule their enactment through the scheduler's trait; only root schedules
	/// by call.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	/// Support is measured against the tokens in circulation.
	type MaxTurnout = ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

impl pallet_custom_origins::Config for Runtime {}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	/// Any account may open a referendum, paying the submission deposit.
	type SubmitOrigin = EnsureSigned<AccountId>;
	type CancelOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumCanceller>;
	type KillOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumKiller>;
	/// Deposits of killed referenda are burned (no treasury yet).
	type Slash = ();
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_collective::Config<TechnicalCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = TechnicalMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<30>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Membership is decided by referendum.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Two thirds of the technical committee whitelist a call's hash...
	type WhitelistOrigin = EitherOf<EnsureRoot<AccountId>, TechnicalTwoThirds>;
	/// ...which the whitelisted-caller track (or root) then dispatches.
	type DispatchWhitelistedOrigin = EitherOf<EnsureRoot<AccountId>, WhitelistedCaller>;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = DeferredDispatchExpiration;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_whitelist::weights::SubstrateWeight<Runtime>;
}
