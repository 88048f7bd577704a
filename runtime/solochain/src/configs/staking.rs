//! Nominated proof of stake: who validates is elected on chain from bonded stake every era.

use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen, VoteWeight,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, Nothing},
};
use frame_system::EnsureRoot;
use sp_runtime::{curve::PiecewiseLinear, Perbill};

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, RuntimeHoldReason, Session, Staking,
	Timestamp, VoterList,
};

use super::eras::{BondingDuration, MaxAuthorities, SessionsPerEra};

// Yearly inflation paid to stakers: 2.5 % when nobody stakes, rising to 10 % at the ideal
// staking rate of 50 %, falling steeply beyond it so that liquidity stays in the economy.
pallet_staking_reward_curve::build! {
	const REWARD_CURVE: PiecewiseLinear<'static> = curve!(
		min_inflation: 0_025_000,
		max_inflation: 0_100_000,
		ideal_stake: 0_500_000,
		falloff: 0_050_000,
		max_piece_count: 40,
		test_precision: 0_005_000,
	);
}

parameter_types! {
	/// Slashes wait 27 eras, one less than the bonding period, so governance can cancel an
	/// unjust slash before the stake would be free.
	pub const SlashDeferDuration: sp_staking::EraIndex = BondingDuration::get() - 1;
	pub const RewardCurve: &'static PiecewiseLinear<'static> = &REWARD_CURVE;
	/// Nominators paid per validator and reward page.
	pub const MaxExposurePageSize: u32 = 256;
	/// Eras of history kept for reward claims.
	pub const HistoryDepth: u32 = 84;
	/// Limits of one election's snapshot: bounded so that the on-chain election fits a block.
	pub ElectionBoundsOnChain: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(5_000.into())
		.targets_count(1_000.into())
		.build();
}

/// The on-chain sequential Phragmén election. It runs inside a block, which is fine for the
/// validator set sizes Aegis targets (bounded by [`ElectionBoundsOnChain`]).
pub struct OnChainSeqPhragmen;
impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type MaxWinnersPerPage = MaxAuthorities;
	type MaxBackersPerWinner = MaxExposurePageSize;
	type Sort = ConstBool<true>;
	type Bounds = ElectionBoundsOnChain;
}

/// Benchmark sizes for `pallet-staking`, matching the election bounds above.
pub struct StakingBenchmarkingConfig;
impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxValidators = ConstU32<1_000>;
	type MaxNominators = ConstU32<5_000>;
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CurrencyBalance = Balance;
	type UnixTime = Timestamp;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	/// Inflation beyond the stakers' share is not minted.
	type RewardRemainder = ();
	type RuntimeEvent = RuntimeEvent;
	/// Slashed stake is burnt.
	type Slash = ();
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionInterface = Self;
	type EraPayout = pallet_staking::ConvertCurve<RewardCurve>;
	type NextNewSession = Session;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = MaxAuthorities;
	type VoterList = VoterList;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxControllersInDeprecationBatch = ConstU32<5_900>;
	type EventListeners = ();
	type Filter = Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}

/// The next bag's upper bound: a quarter more than `current`, and at least one more so that
/// the small thresholds stay distinct.
const fn next_bag_threshold(current: u128) -> u128 {
	let next = current * 5 / 4;
	if next > current {
		next
	} else {
		current + 1
	}
}

/// How many bags the geometric series needs to reach `VoteWeight::MAX`, which ends it.
const fn bag_count() -> usize {
	let mut current: u128 = 1;
	let mut count = 1;
	while current < VoteWeight::MAX as u128 {
		current = next_bag_threshold(current);
		count += 1;
	}
	count
}

/// Number of bags in the voter list.
const BAG_COUNT: usize = bag_count();

/// Upper bounds of the voter-list bags: a geometric series from 1 growing by a quarter per bag,
/// ending at `VoteWeight::MAX`, so that a bag's members differ in stake by at most 25 %. The list
/// lets the election read the top voters without iterating all of them.
const fn bag_thresholds() -> [VoteWeight; BAG_COUNT] {
	let mut thresholds = [VoteWeight::MAX; BAG_COUNT];
	let mut current: u128 = 1;
	let mut bag = 0;
	while current < VoteWeight::MAX as u128 {
		thresholds[bag] = current as VoteWeight;
		current = next_bag_threshold(current);
		bag += 1;
	}
	thresholds
}

/// The bag thresholds, computed at compile time.
pub static BAG_THRESHOLDS: [VoteWeight; BAG_COUNT] = bag_thresholds();

parameter_types! {
	pub const BagThresholds: &'static [VoteWeight] = &BAG_THRESHOLDS;
}

impl pallet_bags_list::Config<pallet_bags_list::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_bags_list::weights::SubstrateWeight<Runtime>;
	type ScoreProvider = Staking;
	type BagThresholds = BagThresholds;
	/// Rebagging happens when voters ask for it (`rebag`), never in a hook.
	type MaxAutoRebagPerBlock = ();
	type Score = VoteWeight;
}
