//! Tests of the seal difficulty pallet.

use frame_support::{assert_noop, assert_ok, traits::Hooks};
use proptest::prelude::*;
use sp_runtime::DispatchError;

use crate::{
	mock::*, types::next_difficulty, Bounds, Difficulty, DifficultyBounds, Error, Event, LastSlot,
};

/// Executes the hook of a block in `slot`.
fn block_in_slot(slot: u64) {
	Slot::set(slot);
	System::set_block_number(System::block_number() + 1);
	SealDifficulty::on_initialize(System::block_number());
}

#[test]
fn genesis_sets_difficulty_and_bounds() {
	build_and_execute(|| {
		assert_eq!(Difficulty::<Test>::get(), GENESIS_DIFFICULTY);
		assert_eq!(Bounds::<Test>::get(), GENESIS_BOUNDS);
		assert_eq!(LastSlot::<Test>::get(), None);
	});
}

#[test]
fn the_first_block_only_records_its_slot() {
	build_and_execute(|| {
		block_in_slot(500);
		assert_eq!(LastSlot::<Test>::get(), Some(500));
		assert_eq!(Difficulty::<Test>::get(), GENESIS_DIFFICULTY);
	});
}

#[test]
fn filled_slots_raise_the_difficulty_slowly() {
	build_and_execute(|| {
		block_in_slot(500);
		block_in_slot(501);
		assert_eq!(Difficulty::<Test>::get(), GENESIS_DIFFICULTY + GENESIS_DIFFICULTY / 1024);
		for slot in 502..700 {
			block_in_slot(slot);
		}
		// 199 filled slots: about (1 + 1/1024)^199 ≈ 1.21 times the start.
		let after_199 = Difficulty::<Test>::get();
		assert!(
			after_199 > GENESIS_DIFFICULTY * 115 / 100
				&& after_199 < GENESIS_DIFFICULTY * 125 / 100,
			"{after_199}"
		);
	});
}

#[test]
fn each_empty_slot_halves_the_difficulty() {
	build_and_execute(|| {
		block_in_slot(500);
		block_in_slot(502);
		assert_eq!(Difficulty::<Test>::get(), GENESIS_DIFFICULTY / 2);
		block_in_slot(505);
		// Two slots skipped: halved twice.
		assert_eq!(Difficulty::<Test>::get(), GENESIS_DIFFICULTY / 8);
	});
}

#[test]
fn the_difficulty_stays_within_its_bounds() {
	build_and_execute(|| {
		block_in_slot(500);
		block_in_slot(600);
		assert_eq!(Difficulty::<Test>::get(), GENESIS_BOUNDS.min);

		assert_ok!(SealDifficulty::set_bounds(RuntimeOrigin::root(), 100, 120));
		for slot in 601..700 {
			block_in_slot(slot);
		}
		assert_eq!(Difficulty::<Test>::get(), 120);
	});
}

#[test]
fn governance_sets_bounds_and_the_difficulty_is_clamped() {
	build_and_execute(|| {
		assert_ok!(SealDifficulty::set_bounds(RuntimeOrigin::root(), 20_000, 50_000));
		assert_eq!(Bounds::<Test>::get(), DifficultyBounds { min: 20_000, max: 50_000 });
		assert_eq!(Difficulty::<Test>::get(), 20_000);
		System::assert_last_event(
			Event::BoundsSet { min: 20_000, max: 50_000, difficulty: 20_000 }.into(),
		);
	});
}

#[test]
fn bounds_must_be_valid() {
	build_and_execute(|| {
		assert_noop!(
			SealDifficulty::set_bounds(RuntimeOrigin::root(), 0, 10),
			Error::<Test>::InvalidBounds
		);
		assert_noop!(
			SealDifficulty::set_bounds(RuntimeOrigin::root(), 11, 10),
			Error::<Test>::InvalidBounds
		);
	});
}

#[test]
fn governance_sets_the_difficulty_within_bounds() {
	build_and_execute(|| {
		assert_ok!(SealDifficulty::set_difficulty(RuntimeOrigin::root(), 777));
		assert_eq!(Difficulty::<Test>::get(), 777);
		System::assert_last_event(Event::DifficultySet { difficulty: 777 }.into());
		assert_noop!(
			SealDifficulty::set_difficulty(RuntimeOrigin::root(), 99),
			Error::<Test>::DifficultyOutOfBounds
		);
		assert_noop!(
			SealDifficulty::set_difficulty(RuntimeOrigin::root(), 1_000_001),
			Error::<Test>::DifficultyOutOfBounds
		);
	});
}

#[test]
fn only_the_admin_origin_may_change_anything() {
	build_and_execute(|| {
		assert_noop!(
			SealDifficulty::set_bounds(RuntimeOrigin::signed(1), 1, 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			SealDifficulty::set_difficulty(RuntimeOrigin::signed(1), 1_000),
			DispatchError::BadOrigin
		);
	});
}

proptest! {
	/// Whatever the slots, the difficulty never leaves its bounds and never becomes zero.
	#[test]
	fn any_slot_sequence_keeps_the_invariants(gaps in proptest::collection::vec(1u64..10, 1..200)) {
		new_test_ext().execute_with(|| {
			let mut slot = 1_000;
			for gap in gaps {
				slot += gap;
				block_in_slot(slot);
				prop_assert!(GENESIS_BOUNDS.contains(Difficulty::<Test>::get()));
			}
			prop_assert!(crate::Pallet::<Test>::do_try_state().is_ok());
			Ok(())
		})?;
	}

	/// The rule itself: rising never lowers, skipping never raises.
	#[test]
	fn next_difficulty_is_monotone_in_the_gap(current in 1u64..u64::MAX, gap in 2u64..100) {
		prop_assert!(next_difficulty(current, 1, 1024) > current || current == u64::MAX);
		prop_assert!(next_difficulty(current, gap, 1024) < current);
	}
}
