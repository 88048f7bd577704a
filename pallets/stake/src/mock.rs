//! The smallest runtime that exercises the pallet: balances to bond from.

use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
};
use sp_runtime::BuildStorage;

use crate as pallet_aegis_stake;

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
	pub type Stake = pallet_aegis_stake;
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

/// Blocks unbonded funds stay on hold.
pub const UNBONDING_PERIOD: u64 = 10;
/// The smallest stake a bond keeps.
pub const MINIMUM_BOND: u64 = 100;
/// Unbonding parts a bond may have.
pub const MAX_UNLOCKING_CHUNKS: u32 = 3;

impl crate::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnbondingPeriod = ConstU64<UNBONDING_PERIOD>;
	type MinimumBond = ConstU64<MINIMUM_BOND>;
	type MaxUnlockingChunks = ConstU32<MAX_UNLOCKING_CHUNKS>;
	type WeightInfo = ();
}

/// Alice has 10 000 free, Bob 1 000 of which 500 bonded at genesis, Charlie 50.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CHARLIE: u64 = 3;
pub const BOB_GENESIS_BOND: u64 = 500;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: vec![(ALICE, 10_000), (BOB, 1_000), (CHARLIE, 50)],
			..Default::default()
		},
		stake: crate::GenesisConfig { bonds: vec![(BOB, BOB_GENESIS_BOND)] },
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
