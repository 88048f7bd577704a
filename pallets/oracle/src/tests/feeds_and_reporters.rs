//! Governance's feeds and rules, and who may report.

use super::*;
use crate::{Admission, Error, Feeds, RemovalReason, ReporterRules, Reporters, StakeReporters};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn governance_creates_and_updates_feeds_with_valid_configurations() {
	build_and_execute(|| {
		assert_noop!(
			Oracle::create_feed(RuntimeOrigin::signed(ALICE), accuracy_feed()),
			DispatchError::BadOrigin
		);
		for invalid in [
			// One or two reporters would decide rounds alone.
			crate::FeedConfig { quorum: 0, ..accuracy_feed() },
			crate::FeedConfig { quorum: 2, ..accuracy_feed() },
			crate::FeedConfig { quorum: 6, ..accuracy_feed() },
			// Rounds would close, and pay, every block or more often.
			crate::FeedConfig { min_interval_ms: 0, ..accuracy_feed() },
			crate::FeedConfig { min_interval_ms: BLOCK_MS - 1, ..accuracy_feed() },
			crate::FeedConfig { collection_window_ms: 0, ..accuracy_feed() },
			crate::FeedConfig { collection_window_ms: BLOCK_MS - 1, ..accuracy_feed() },
			// The first report would be stale when the window ends.
			crate::FeedConfig { expiry_ms: WINDOW_MS, ..accuracy_feed() },
			crate::FeedConfig { expiry_ms: 0, ..accuracy_feed() },
		] {
			assert_noop!(
				Oracle::create_feed(RuntimeOrigin::root(), invalid.clone()),
				Error::<Test>::InvalidFeedConfig
			);
			let feed = create_feed();
			assert_noop!(
				Oracle::update_feed(RuntimeOrigin::root(), feed, invalid),
				Error::<Test>::InvalidFeedConfig
			);
			Feeds::<Test>::remove(feed);
		}
		let feed = create_feed();
		assert_eq!(events().last(), Some(&Event::FeedCreated { feed }));
		create_feed();
		create_feed();
		assert_noop!(
			Oracle::create_feed(RuntimeOrigin::root(), accuracy_feed()),
			Error::<Test>::TooManyFeeds
		);
		let updated = crate::FeedConfig {
			quorum: 5,
			min_interval_ms: BLOCK_MS,
			collection_window_ms: BLOCK_MS,
			expiry_ms: BLOCK_MS + 1,
			..accuracy_feed()
		};
		assert_noop!(
			Oracle::update_feed(RuntimeOrigin::root(), 99, updated.clone()),
			Error::<Test>::UnknownFeed
		);
		assert_ok!(Oracle::update_feed(RuntimeOrigin::root(), feed, updated.clone()));
		assert_eq!(Feeds::<Test>::get(feed), Some(updated));
		assert_eq!(events().last(), Some(&Event::FeedUpdated { feed }));
	});
}

#[test]
fn reporters_are_admitted_by_governance_or_by_stake() {
	build_and_execute(|| {
		assert_eq!(Reporters::<Test>::get().to_vec(), vec![ALICE, BOB, CHARLIE], "sorted");
		assert_noop!(
			Oracle::add_reporter(RuntimeOrigin::signed(ALICE), EVE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Oracle::add_reporter(RuntimeOrigin::root(), ALICE),
			Error::<Test>::AlreadyReporter
		);
		// Dave joins with the reporter stake.
		assert_noop!(
			Oracle::join_reporters(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::InsufficientStake
		);
		join_by_stake(DAVE);
		assert_eq!(
			events().last(),
			Some(&Event::ReporterAdded { reporter: DAVE, admission: Admission::Stake })
		);
		assert_noop!(
			Oracle::join_reporters(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::AlreadyReporter
		);
		assert_eq!(Reporters::<Test>::get().to_vec(), vec![ALICE, BOB, CHARLIE, DAVE]);
		// pallet-oracle sees the same members.
		assert_eq!(
			<Oracle as frame_support::traits::SortedMembers<u64>>::sorted_members(),
			vec![ALICE, BOB, CHARLIE, DAVE]
		);
		assert_ok!(Oracle::add_reporter(RuntimeOrigin::root(), EVE));
		assert_noop!(
			Oracle::add_reporter(RuntimeOrigin::root(), 6),
			Error::<Test>::TooManyReporters
		);
		assert_ok!(Oracle::leave_reporters(RuntimeOrigin::signed(DAVE)));
		assert_eq!(
			events().last(),
			Some(&Event::ReporterRemoved { reporter: DAVE, reason: RemovalReason::Left })
		);
		assert_eq!(StakeReporters::<Test>::get(), 0);
		assert_noop!(
			Oracle::leave_reporters(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::NotReporter
		);
		assert_ok!(Oracle::remove_reporter(RuntimeOrigin::root(), EVE));
		assert_noop!(
			Oracle::remove_reporter(RuntimeOrigin::root(), EVE),
			Error::<Test>::NotReporter
		);
		// Zero stake closes admission by stake.
		let closed = ReporterRules { reporter_stake: 0, ..genesis_rules() };
		assert_ok!(Oracle::set_rules(RuntimeOrigin::root(), closed.clone()));
		assert_eq!(events().last(), Some(&Event::RulesSet { rules: closed }));
		assert_noop!(
			Oracle::join_reporters(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::StakeAdmissionClosed
		);
	});
}

#[test]
fn stake_fills_only_its_seats_and_never_governances() {
	build_and_execute(|| {
		// Governance may not hand stake the seats a governance quorum needs.
		let greedy = ReporterRules { stake_seats: STAKE_SEATS + 1, ..genesis_rules() };
		assert_noop!(Oracle::set_rules(RuntimeOrigin::root(), greedy), Error::<Test>::InvalidRules);
		join_by_stake(DAVE);
		join_by_stake(EVE);
		assert_eq!(StakeReporters::<Test>::get(), 2);
		// A third staked account finds no seat, whatever its stake.
		TestStakes::set(6, u64::MAX);
		assert_noop!(Oracle::join_reporters(RuntimeOrigin::signed(6)), Error::<Test>::NoStakeSeat);
		// A seat freed is a seat taken.
		assert_ok!(Oracle::leave_reporters(RuntimeOrigin::signed(EVE)));
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(6)));
		// Fewer seats remove nobody, but admit nobody until enough have left.
		let fewer = ReporterRules { stake_seats: 1, ..genesis_rules() };
		assert_ok!(Oracle::set_rules(RuntimeOrigin::root(), fewer));
		assert!(Oracle::is_reporter(&DAVE) && Oracle::is_reporter(&6));
		assert_ok!(Oracle::leave_reporters(RuntimeOrigin::signed(6)));
		assert_noop!(
			Oracle::join_reporters(RuntimeOrigin::signed(EVE)),
			Error::<Test>::NoStakeSeat
		);
		// Governance's own seats stay free for it.
		assert_ok!(Oracle::add_reporter(RuntimeOrigin::root(), EVE));
		assert_eq!(StakeReporters::<Test>::get(), 1);
	});
}

#[test]
fn anyone_removes_a_reporter_that_lost_its_stake() {
	build_and_execute(|| {
		join_by_stake(DAVE);
		assert_noop!(
			Oracle::remove_unstaked(RuntimeOrigin::signed(EVE), DAVE),
			Error::<Test>::StakeStillBonded
		);
		assert_noop!(
			Oracle::remove_unstaked(RuntimeOrigin::signed(EVE), ALICE),
			Error::<Test>::AdmittedByGovernance
		);
		assert_noop!(
			Oracle::remove_unstaked(RuntimeOrigin::signed(EVE), EVE),
			Error::<Test>::NotReporter
		);
		TestStakes::set(DAVE, REPORTER_STAKE - 1);
		assert_ok!(Oracle::remove_unstaked(RuntimeOrigin::signed(EVE), DAVE));
		assert_eq!(
			events().last(),
			Some(&Event::ReporterRemoved { reporter: DAVE, reason: RemovalReason::StakeLost })
		);
		assert!(!Oracle::is_reporter(&DAVE));
		assert_eq!(StakeReporters::<Test>::get(), 0);
	});
}
