//! A runtime with FRAME's oracle under this pallet: test accounts and keys are `u64`s,
//! stakes and rewards are recorded by the tests.

use std::collections::BTreeMap;

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	PalletId,
};
use sp_runtime::{
	testing::{TestSignature, TestXt, UintAuthorityId},
	BuildStorage, Perbill,
};

use crate::{self as pallet_aegis_oracle, FeedConfig, ReporterRules};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type OracleFeeds = pallet_oracle;
	#[runtime::pallet_index(4)]
	pub type Oracle = pallet_aegis_oracle;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	/// Priced reads and writes, so that the hook's weight can be checked.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	pub const OraclePalletId: PalletId = PalletId(*b"aeg/orcl");
}

impl pallet_oracle::Config for Test {
	type OnNewData = ();
	type CombineData = crate::ValuesAtClose<Test>;
	type Time = Timestamp;
	type OracleKey = u32;
	type OracleValue = i128;
	type PalletId = OraclePalletId;
	type Members = Oracle;
	type WeightInfo = ();
	type MaxHasDispatchedSize = ConstU32<5>;
	type MaxFeedValues = ConstU32<4>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl frame_system::offchain::SigningTypes for Test {
	type Public = UintAuthorityId;
	type Signature = TestSignature;
}

impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	type RuntimeCall = RuntimeCall;
	type Extrinsic = TestXt<RuntimeCall, ()>;
}

impl<LocalCall> frame_system::offchain::CreateSignedTransaction<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	fn create_signed_transaction<
		C: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>,
	>(
		call: RuntimeCall,
		_public: UintAuthorityId,
		account: u64,
		_nonce: u32,
	) -> Option<TestXt<RuntimeCall, ()>> {
		Some(TestXt::new_signed(call, account, (), ()))
	}
}

/// Test reporter keys: `UintAuthorityId`s, whose accounts are their numbers.
pub struct TestReporterId;
impl frame_system::offchain::AppCrypto<UintAuthorityId, TestSignature> for TestReporterId {
	type RuntimeAppPublic = UintAuthorityId;
	type GenericPublic = UintAuthorityId;
	type GenericSignature = TestSignature;
}

parameter_types! {
	/// The active stake of each account, as the tests set it.
	pub static BondedStakes: BTreeMap<u64, u64> = BTreeMap::new();
	/// The rewarded reporters of each closed round, in order.
	pub static RewardedRounds: Vec<Vec<u64>> = Vec::new();
}

/// Stakes the tests set.
pub struct TestStakes;
impl TestStakes {
	pub fn set(who: u64, stake: u64) {
		BondedStakes::mutate(|stakes| stakes.insert(who, stake));
	}
}
impl aegis_primitives::staking::ActiveStake<u64, u64> for TestStakes {
	fn active_stake(who: &u64) -> u64 {
		BondedStakes::get().get(who).copied().unwrap_or(0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmark(who: &u64, amount: u64) -> sp_runtime::DispatchResult {
		Self::set(*who, amount);
		Ok(())
	}
}

/// Records the reporters of every closed round.
pub struct RecordRewards;
impl RecordRewards {
	/// The rewarded reporters of each closed round, in order.
	pub fn rounds() -> Vec<Vec<u64>> {
		RewardedRounds::get()
	}
}
impl aegis_primitives::incentives::OnRoundClosed<u64> for RecordRewards {
	fn on_round_closed(reporters: &[u64]) {
		RewardedRounds::mutate(|rounds| rounds.push(reporters.to_vec()));
	}

	fn weight(reporters: u32) -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0).saturating_mul(reporters.into())
	}
}

impl crate::Config for Test {
	type AuthorityId = TestReporterId;
	type Currency = Balances;
	type Stakes = TestStakes;
	type Clock = Timestamp;
	type MinRoundInterval = ConstU64<BLOCK_MS>;
	type MaxTalliesPerBlock = ConstU32<2>;
	type OnRoundClosed = RecordRewards;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type MaxFeeds = ConstU32<3>;
	type MaxReporters = ConstU32<5>;
	type MaxNameLen = ConstU32<32>;
	type MaxValuesPerReport = ConstU32<3>;
	type WeightInfo = ();
}

/// Reporters admitted by governance at genesis.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CHARLIE: u64 = 3;
/// An account that joins by stake in the tests.
pub const DAVE: u64 = 4;
/// An account that is never a reporter.
pub const EVE: u64 = 5;
/// The reporter stake at genesis.
pub const REPORTER_STAKE: u64 = 1_000;
/// Strikes after which a reporter is removed, at genesis.
pub const MAX_STRIKES: u32 = 2;
/// The time of block 1.
pub const START_MS: u64 = 1_700_000_000_000;
/// The expiry of the test feed.
pub const EXPIRY_MS: u64 = 60_000;
/// The mock's block time: the shortest interval and window a feed may have.
pub const BLOCK_MS: u64 = 1_000;
/// The test feed's collection window.
pub const WINDOW_MS: u64 = 3 * BLOCK_MS;
/// Seats for reporters admitted by stake at genesis: all but the three governance needs.
pub const STAKE_SEATS: u32 = 2;

/// The test feed's configuration: three reports, four decimals, 10 % deviation allowed, a
/// three-block window, the next round a block after a close.
pub fn accuracy_feed() -> FeedConfig<ConstU32<32>> {
	FeedConfig {
		name: b"model-0/accuracy".to_vec().try_into().expect("short name"),
		decimals: 4,
		quorum: 3,
		expiry_ms: EXPIRY_MS,
		min_interval_ms: BLOCK_MS,
		collection_window_ms: WINDOW_MS,
		max_deviation: Perbill::from_percent(10),
		tolerance: 0,
	}
}

/// The genesis rules.
pub fn genesis_rules() -> ReporterRules<u64> {
	ReporterRules {
		reporter_stake: REPORTER_STAKE,
		max_strikes: MAX_STRIKES,
		stake_seats: STAKE_SEATS,
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		oracle: crate::GenesisConfig {
			rules: genesis_rules(),
			reporters: vec![BOB, ALICE, CHARLIE],
		},
		..Default::default()
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(START_MS);
	});
	ext
}

/// Runs `test` on a fresh chain, then checks the invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Oracle::do_try_state().expect("oracle invariants hold");
	});
}
