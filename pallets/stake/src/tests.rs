//! Bonding, unbonding and withdrawing, with every error path.

use aegis_primitives::staking::ActiveStake;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{traits::BadOrigin, TokenError};

use crate::{mock::*, Bonds, Error, Event, HoldReason, UnlockChunk};

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Stake(HoldReason::Bonded), &who)
}

fn stake(who: u64) -> u64 {
	<Stake as ActiveStake<u64, u64>>::active_stake(&who)
}

#[test]
fn genesis_bonds_hold_their_stake() {
	build_and_execute(|| {
		assert_eq!(stake(BOB), BOB_GENESIS_BOND);
		assert_eq!(held(BOB), BOB_GENESIS_BOND);
		assert_eq!(Balances::balance(&BOB), 1_000 - BOB_GENESIS_BOND);
		assert_eq!(stake(ALICE), 0);
	});
}

#[test]
fn bond_holds_funds_and_adds_to_the_stake() {
	build_and_execute(|| {
		assert_ok!(Stake::bond(RuntimeOrigin::signed(ALICE), 1_000));
		System::assert_last_event(Event::Bonded { who: ALICE, amount: 1_000 }.into());
		assert_ok!(Stake::bond(RuntimeOrigin::signed(ALICE), 1));
		assert_eq!(stake(ALICE), 1_001);
		assert_eq!(held(ALICE), 1_001);
		assert_eq!(Balances::balance(&ALICE), 10_000 - 1_001);
	});
}

#[test]
fn bond_rejects_nothing_dust_and_more_than_the_free_balance() {
	build_and_execute(|| {
		assert_noop!(Stake::bond(RuntimeOrigin::none(), 100), BadOrigin);
		assert_noop!(Stake::bond(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Stake::bond(RuntimeOrigin::signed(ALICE), MINIMUM_BOND - 1),
			Error::<Test>::BelowMinimumBond
		);
		assert_noop!(
			Stake::bond(RuntimeOrigin::signed(ALICE), 10_001),
			Error::<Test>::InsufficientBalance
		);
		// Charlie's 50 are short of the minimum whatever he does.
		assert_noop!(
			Stake::bond(RuntimeOrigin::signed(CHARLIE), 50),
			Error::<Test>::BelowMinimumBond
		);
		// Adding to a bond at the minimum needs no minimum of its own.
		assert_ok!(Stake::bond(RuntimeOrigin::signed(BOB), 1));
	});
}

#[test]
fn unbonded_funds_stop_counting_at_once_and_stay_held_for_the_period() {
	build_and_execute(|| {
		assert_ok!(Stake::unbond(RuntimeOrigin::signed(BOB), 200));
		let unlocks_at = 1 + UNBONDING_PERIOD;
		System::assert_last_event(Event::Unbonded { who: BOB, amount: 200, unlocks_at }.into());
		assert_eq!(stake(BOB), 300);
		assert_eq!(held(BOB), BOB_GENESIS_BOND, "still on hold while unbonding");

		System::set_block_number(unlocks_at - 1);
		assert_noop!(
			Stake::withdraw_unbonded(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NothingToWithdraw
		);
		System::set_block_number(unlocks_at);
		assert_ok!(Stake::withdraw_unbonded(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(Event::Withdrawn { who: BOB, amount: 200 }.into());
		assert_eq!(held(BOB), 300);
		assert_eq!(Balances::balance(&BOB), 1_000 - 300);
		assert_eq!(stake(BOB), 300);
	});
}

#[test]
fn unbonding_everything_and_withdrawing_removes_the_bond() {
	build_and_execute(|| {
		assert_ok!(Stake::unbond(RuntimeOrigin::signed(BOB), BOB_GENESIS_BOND));
		assert_eq!(stake(BOB), 0);
		assert!(Bonds::<Test>::contains_key(BOB), "kept while unbonding");
		System::set_block_number(1 + UNBONDING_PERIOD);
		assert_ok!(Stake::withdraw_unbonded(RuntimeOrigin::signed(BOB)));
		assert!(!Bonds::<Test>::contains_key(BOB));
		assert_eq!(held(BOB), 0);
		assert_eq!(Balances::balance(&BOB), 1_000);
		assert_noop!(
			Stake::withdraw_unbonded(RuntimeOrigin::signed(BOB)),
			Error::<Test>::NotBonded
		);
	});
}

#[test]
fn unbond_rejects_what_it_cannot_do() {
	build_and_execute(|| {
		assert_noop!(Stake::unbond(RuntimeOrigin::signed(BOB), 0), Error::<Test>::ZeroAmount);
		assert_noop!(Stake::unbond(RuntimeOrigin::signed(ALICE), 1), Error::<Test>::NotBonded);
		assert_noop!(
			Stake::unbond(RuntimeOrigin::signed(BOB), BOB_GENESIS_BOND + 1),
			Error::<Test>::InsufficientStake
		);
		// 500 - 450 = 50 would be below the minimum of 100, and not zero.
		assert_noop!(
			Stake::unbond(RuntimeOrigin::signed(BOB), 450),
			Error::<Test>::BelowMinimumBond
		);
	});
}

#[test]
fn unbonding_parts_merge_within_a_block_and_are_bounded() {
	build_and_execute(|| {
		assert_ok!(Stake::unbond(RuntimeOrigin::signed(BOB), 10));
		assert_ok!(Stake::unbond(RuntimeOrigin::signed(BOB), 20));
		let bond = Bonds::<Test>::get(BOB).unwrap();
		assert_eq!(bond.unlocking.to_vec(), vec![UnlockChunk { value: 30, unlocks_at: 11 }]);

		for block in 2..=u64::from(MAX_UNLOCKING_CHUNKS) {
			System::set_block_number(block);
			assert_ok!(Stake::unbond(RuntimeOrigin::signed(BOB), 10));
		}
		System::set_block_number(u64::from(MAX_UNLOCKING_CHUNKS) + 1);
		assert_noop!(
			Stake::unbond(RuntimeOrigin::signed(BOB), 10),
			Error::<Test>::TooManyUnlockingChunks
		);

		// Withdrawing the first part frees a slot and releases only what has unlocked.
		System::set_block_number(1 + UNBONDING_PERIOD);
		assert_ok!(Stake::withdraw_unbonded(RuntimeOrigin::signed(BOB)));
		System::assert_last_event(Event::Withdrawn { who: BOB, amount: 30 }.into());
		assert_ok!(Stake::unbond(RuntimeOrigin::signed(BOB), 10));
		let unbonding: u64 =
			Bonds::<Test>::get(BOB).unwrap().unlocking.iter().map(|c| c.value).sum();
		assert_eq!(unbonding, 10 * u64::from(MAX_UNLOCKING_CHUNKS));
	});
}

#[test]
fn bonded_funds_cannot_be_spent() {
	build_and_execute(|| {
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(BOB), ALICE, 600),
			TokenError::FundsUnavailable
		);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(BOB), ALICE, 400));
	});
}

#[test]
fn try_state_catches_a_bond_that_differs_from_its_hold() {
	new_test_ext().execute_with(|| {
		Bonds::<Test>::mutate(BOB, |bond| bond.as_mut().unwrap().active += 1);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
	});
}
