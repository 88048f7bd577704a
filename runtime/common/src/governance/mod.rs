//! Governance (OpenGov): token holders decide by referendum, on tracks with their own
//! thresholds and periods ([`tracks`]), with conviction voting; a technical committee can
//! whitelist a call for the fast track; the scheduler enacts what passed; preimages hold the
//! proposed calls. [`impl_governance!`] configures the pallets.
//!
//! No single key rules the chain outside the development preset (whose sudo key is for tests):
//! runtime upgrades go through the root track (`system.authorizeUpgrade` then
//! `system.applyAuthorizedUpgrade`), protocol parameters through `registry_admin`.

pub mod origins;
pub mod tracks;

use aegis_primitives::{
	currency::{deposit, UNITS},
	AccountId, Balance, BlockNumber,
};
use frame_support::{parameter_types, traits::EitherOf};
use frame_system::EnsureRoot;

use crate::time::BlockTimes;

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

/// `quick` if `fast`, else `real`.
pub const fn pick(fast: bool, real: BlockNumber, quick: BlockNumber) -> BlockNumber {
	if fast {
		quick
	} else {
		real
	}
}

/// The governance periods that are not a track's, in blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periods {
	/// Votes lock their tokens this long per conviction doubling (1x: one period).
	pub vote_locking: BlockNumber,
	/// A referendum that never gets its decision deposit times out.
	pub undeciding_timeout: BlockNumber,
	/// How long a technical-committee motion may be voted on.
	pub technical_motion: BlockNumber,
	/// A whitelisted call must be dispatched within this time.
	pub deferred_dispatch_expiration: BlockNumber,
}

/// The periods of a real network (`fast = false`) or of a `fast-runtime` build, for a chain
/// with the block time of `times`.
pub const fn periods(fast: bool, times: BlockTimes) -> Periods {
	Periods {
		vote_locking: pick(fast, 7 * times.day, 10),
		undeciding_timeout: pick(fast, 14 * times.day, 50),
		technical_motion: pick(fast, 3 * times.day, 10),
		deferred_dispatch_expiration: pick(fast, 28 * times.day, 100),
	}
}

parameter_types! {
	/// A preimage pays one stored item and its bytes.
	pub const PreimageBaseDeposit: Balance = deposit(2, 64);
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	/// What opening a referendum costs: returned when it is approved or cancelled, kept when
	/// it is rejected or times out, stays reserved (hopeless proposals cost something).
	pub const SubmissionDeposit: Balance = 10 * UNITS;
	/// Checked once a block: referendum alarms need no finer grain.
	pub const AlarmInterval: BlockNumber = 1;
}

/// Implements the `Config` of the governance pallets for the invoking runtime — scheduler,
/// preimage, conviction voting, referenda, the custom origins, the technical committee
/// (`pallet-collective`, instance 1) and the whitelist — and defines, in the invoking module,
/// the runtime's `TracksInfo` and the parameters that depend on the runtime:
/// `MaximumSchedulerWeight`, `MaxProposalWeight`, `PreimageHoldReason`, `VoteLockingPeriod`,
/// `UndecidingTimeout`, `TechnicalMotionDuration` and `DeferredDispatchExpiration`.
///
/// `fast` is whether this is a `fast-runtime` build (periods of a few blocks), `times` the
/// chain's [`BlockTimes`], `block_weights` its `BlockWeights` (a `Get`).
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_governance {
	(fast: $fast:expr, times: $times:expr, block_weights: $block_weights:ty $(,)?) => {
		const TRACKS: [$crate::governance::tracks::AegisTrack; 5] =
			$crate::governance::tracks::tracks($fast, $times);
		const PERIODS: $crate::governance::Periods = $crate::governance::periods($fast, $times);

		/// The runtime's tracks and which origin uses which.
		pub struct TracksInfo;

		impl pallet_referenda::TracksInfo<$crate::Balance, $crate::BlockNumber> for TracksInfo {
			type Id = u16;
			type RuntimeOrigin = crate::OriginCaller;

			fn tracks() -> impl Iterator<
				Item = alloc::borrow::Cow<
					'static,
					pallet_referenda::Track<Self::Id, $crate::Balance, $crate::BlockNumber>,
				>,
			> {
				TRACKS.iter().map(alloc::borrow::Cow::Borrowed)
			}

			fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
				match origin {
					crate::OriginCaller::system(frame_system::RawOrigin::Root) => {
						Ok($crate::governance::tracks::ROOT)
					},
					crate::OriginCaller::Origins(custom) => {
						Ok($crate::governance::tracks::custom_track(custom))
					},
					_ => Err(()),
				}
			}
		}

		frame_support::parameter_types! {
			/// Scheduled calls may use 80 % of a block.
			pub MaximumSchedulerWeight: frame_support::weights::Weight =
				sp_runtime::Perbill::from_percent(80) *
					<$block_weights as frame_support::traits::Get<
						frame_system::limits::BlockWeights,
					>>::get()
					.max_block;
			/// A technical-committee motion may dispatch a call of half a block at most.
			pub MaxProposalWeight: frame_support::weights::Weight =
				sp_runtime::Perbill::from_percent(50) *
					<$block_weights as frame_support::traits::Get<
						frame_system::limits::BlockWeights,
					>>::get()
					.max_block;
			pub const PreimageHoldReason: crate::RuntimeHoldReason =
				crate::RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
			pub const VoteLockingPeriod: $crate::BlockNumber = PERIODS.vote_locking;
			pub const UndecidingTimeout: $crate::BlockNumber = PERIODS.undeciding_timeout;
			pub const TechnicalMotionDuration: $crate::BlockNumber = PERIODS.technical_motion;
			pub const DeferredDispatchExpiration: $crate::BlockNumber =
				PERIODS.deferred_dispatch_expiration;
		}

		impl pallet_scheduler::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type RuntimeOrigin = crate::RuntimeOrigin;
			type PalletsOrigin = crate::OriginCaller;
			type RuntimeCall = crate::RuntimeCall;
			type MaximumWeight = MaximumSchedulerWeight;
			/// Referenda schedule their enactment through the scheduler's trait; only root
			/// schedules by call.
			type ScheduleOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type OriginPrivilegeCmp = frame_support::traits::EqualPrivilegeOnly;
			type MaxScheduledPerBlock = frame_support::traits::ConstU32<50>;
			type WeightInfo = pallet_scheduler::weights::SubstrateWeight<crate::Runtime>;
			type Preimages = crate::Preimage;
			type BlockNumberProvider = crate::System;
		}

		impl pallet_preimage::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type WeightInfo = pallet_preimage::weights::SubstrateWeight<crate::Runtime>;
			type Currency = crate::Balances;
			type ManagerOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type Consideration = frame_support::traits::fungible::HoldConsideration<
				$crate::AccountId,
				crate::Balances,
				PreimageHoldReason,
				frame_support::traits::LinearStoragePrice<
					$crate::governance::PreimageBaseDeposit,
					$crate::governance::PreimageByteDeposit,
					$crate::Balance,
				>,
			>;
		}

		impl pallet_conviction_voting::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<crate::Runtime>;
			type Currency = crate::Balances;
			type Polls = crate::Referenda;
			/// Support is measured against the tokens in circulation.
			type MaxTurnout = frame_support::traits::tokens::currency::ActiveIssuanceOf<
				crate::Balances,
				$crate::AccountId,
			>;
			type MaxVotes = frame_support::traits::ConstU32<512>;
			type VoteLockingPeriod = VoteLockingPeriod;
			type BlockNumberProvider = crate::System;
			type VotingHooks = ();
		}

		impl $crate::governance::pallet_custom_origins::Config for crate::Runtime {}

		impl pallet_referenda::Config for crate::Runtime {
			type RuntimeCall = crate::RuntimeCall;
			type RuntimeEvent = crate::RuntimeEvent;
			type WeightInfo = pallet_referenda::weights::SubstrateWeight<crate::Runtime>;
			type Scheduler = crate::Scheduler;
			type Currency = crate::Balances;
			/// Any account may open a referendum, paying the submission deposit.
			type SubmitOrigin = frame_system::EnsureSigned<$crate::AccountId>;
			type CancelOrigin = frame_support::traits::EitherOf<
				frame_system::EnsureRoot<$crate::AccountId>,
				$crate::governance::ReferendumCanceller,
			>;
			type KillOrigin = frame_support::traits::EitherOf<
				frame_system::EnsureRoot<$crate::AccountId>,
				$crate::governance::ReferendumKiller,
			>;
			/// Deposits of killed referenda are burned (no treasury yet).
			type Slash = ();
			type Votes = pallet_conviction_voting::VotesOf<crate::Runtime>;
			type Tally = pallet_conviction_voting::TallyOf<crate::Runtime>;
			type SubmissionDeposit = $crate::governance::SubmissionDeposit;
			type MaxQueued = frame_support::traits::ConstU32<100>;
			type UndecidingTimeout = UndecidingTimeout;
			type AlarmInterval = $crate::governance::AlarmInterval;
			type Tracks = TracksInfo;
			type Preimages = crate::Preimage;
			type BlockNumberProvider = crate::System;
		}

		impl pallet_collective::Config<$crate::governance::TechnicalCollective> for crate::Runtime {
			type RuntimeOrigin = crate::RuntimeOrigin;
			type Proposal = crate::RuntimeCall;
			type RuntimeEvent = crate::RuntimeEvent;
			type MotionDuration = TechnicalMotionDuration;
			type MaxProposals = frame_support::traits::ConstU32<100>;
			type MaxMembers = frame_support::traits::ConstU32<30>;
			type DefaultVote = pallet_collective::PrimeDefaultVote;
			type WeightInfo = pallet_collective::weights::SubstrateWeight<crate::Runtime>;
			/// Membership is decided by referendum.
			type SetMembersOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type MaxProposalWeight = MaxProposalWeight;
			type DisapproveOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type KillOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type Consideration = ();
		}

		impl pallet_whitelist::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type RuntimeCall = crate::RuntimeCall;
			/// Two thirds of the technical committee whitelist a call's hash...
			type WhitelistOrigin = frame_support::traits::EitherOf<
				frame_system::EnsureRoot<$crate::AccountId>,
				$crate::governance::TechnicalTwoThirds,
			>;
			/// ...which the whitelisted-caller track (or root) then dispatches.
			type DispatchWhitelistedOrigin = frame_support::traits::EitherOf<
				frame_system::EnsureRoot<$crate::AccountId>,
				$crate::governance::WhitelistedCaller,
			>;
			type Preimages = crate::Preimage;
			type DeferredDispatchExpiration = DeferredDispatchExpiration;
			type BlockNumberProvider = crate::System;
			type WeightInfo = pallet_whitelist::weights::SubstrateWeight<crate::Runtime>;
		}
	};
}
