//! The smallest runtime that exercises the incentives: balances stand in for the incentive
//! token; stakes and revocations are set by the tests.

use std::collections::BTreeMap;

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
	PalletId,
};
use sp_runtime::{BuildStorage, Perbill};

use crate::{self as pallet_incentives, RewardParameters};

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Incentives = pallet_incentives;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

parameter_types! {
	/// The active stake of each account, as the tests set it.
	pub static BondedStakes: BTreeMap<u64, u64> = BTreeMap::new();
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

parameter_types! {
	pub const IncentivesPalletId: PalletId = PalletId(*b"aeg/incv");
}

impl crate::Config for Test {
	type Token = Balances;
	type Stakes = TestStakes;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type PalletId = IncentivesPalletId;
	type MintPeriod = ConstU64<10>;
	type MaxMintPerPeriod = ConstU64<10_000>;
	type MaxPoolCap = ConstU64<100_000>;
	type MaxRewardedKeys = ConstU32<4>;
	type MaxPublicInputs = ConstU32<8>;
	type MaxReporters = ConstU32<4>;
	type WeightInfo = ();
}

/// A model owner.
pub const OWNER: u64 = 1;
/// A contributor to the owner's model.
pub const CONTRIBUTOR: u64 = 2;
/// An oracle reporter and proof submitter.
pub const REPORTER: u64 = 3;
/// An account without stake.
pub const UNSTAKED: u64 = 4;
/// The stake the parameters require.
pub const MINIMUM_STAKE: u64 = 500;
/// The parameters at genesis.
pub const PARAMETERS: RewardParameters<u64, u64> = RewardParameters {
	mint_per_period: 1_000,
	pool_cap: 2_500,
	update_reward: 100,
	owner_share: Perbill::from_percent(30),
	proof_reward: 40,
	report_reward: 5,
	claim_delay: 20,
	minimum_stake: MINIMUM_STAKE,
	publisher_cooldown: 0,
};
/// The verification key whose proofs are rewarded at genesis.
pub const REWARDED_KEY: u32 = 7;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		incentives: crate::GenesisConfig {
			parameters: PARAMETERS,
			rewarded_keys: vec![REWARDED_KEY],
		},
		..Default::default()
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		for who in [OWNER, CONTRIBUTOR, REPORTER] {
			TestStakes::set(who, MINIMUM_STAKE);
		}
		run_to_block(1);
	});
	ext
}

/// Runs the pallet's `on_initialize` for every block up to `block`.
pub fn run_to_block(block: u64) {
	while System::block_number() < block {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Incentives::on_initialize(next);
	}
}

/// Runs `test` on a fresh chain (the pool minted once), then checks the invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Incentives::do_try_state().expect("incentive invariants hold");
	});
}
