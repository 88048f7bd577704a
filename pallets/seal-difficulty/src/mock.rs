//! The smallest runtime that exercises the pallet: the slot is a value the tests set.

use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use sp_runtime::BuildStorage;

use crate::{self as pallet_seal_difficulty, DifficultyBounds};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type SealDifficulty = pallet_seal_difficulty;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	/// The slot of the block being executed; tests move it.
	pub static Slot: u64 = 100;
}

impl crate::Config for Test {
	type CurrentSlot = Slot;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type RiseDivisor = ConstU64<1024>;
	type WeightInfo = ();
}

/// Genesis: difficulty 10 000 within [100, 1 000 000].
pub const GENESIS_DIFFICULTY: u64 = 10_000;
pub const GENESIS_BOUNDS: DifficultyBounds = DifficultyBounds { min: 100, max: 1_000_000 };

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		seal_difficulty: crate::GenesisConfig {
			difficulty: GENESIS_DIFFICULTY,
			bounds: GENESIS_BOUNDS,
			_config: Default::default(),
		},
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
