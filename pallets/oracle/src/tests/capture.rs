//! Attacks on rounds: reporters admitted by stake (sybils) trying to set a value, to strike
//! honest reporters out, or to close rounds alone; and the strikes honest judging gives.

use super::*;
use crate::{Banned, Error, Latest, ReporterRules, Rules, Strikes};
use frame_support::{assert_noop, assert_ok};

/// Reports `reports` in the open round of `feed`, lets its window end, and waits for the next
/// round to open.
fn settle(feed: u32, reports: &[(u64, i128)]) {
	for (who, value) in reports {
		assert_ok!(report(*who, &[(feed, *value)]));
	}
	end_window();
	advance_ms(BLOCK_MS);
}

fn struck() -> Vec<u64> {
	events()
		.into_iter()
		.filter_map(|event| match event {
			Event::ReportDeviated { reporter, .. } => Some(reporter),
			_ => None,
		})
		.collect()
}

#[test]
fn stake_admitted_reporters_cannot_outvote_governance_reporters() {
	build_and_execute(|| {
		let feed = create_feed();
		join_by_stake(DAVE);
		join_by_stake(EVE);
		// Two sybils against two governance reporters: no majority, no value.
		settle(feed, &[(ALICE, 100), (BOB, 102), (DAVE, 900), (EVE, 900)]);
		assert!(events().contains(&Event::WindowLapsed { feed, round: 1, reports: 4 }));
		assert!(Latest::<Test>::get(feed).is_none());
		assert!(struck().is_empty() && RecordRewards::rounds().is_empty());

		// A third governance report makes the majority: the value lies within the governance
		// reporters' range, and the sybils are the ones struck.
		settle(feed, &[(CHARLIE, 101)]);
		let value = Latest::<Test>::get(feed).map(|latest| latest.value);
		assert_eq!(value, Some(102), "the median of 100, 101, 102, 900, 900");
		assert!(events().contains(&Event::RoundClosed {
			feed,
			round: 1,
			value: 102,
			reports: 5,
			reference: Some(101),
		}));
		assert_eq!(struck(), vec![DAVE, EVE]);
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB, CHARLIE]]);
	});
}

#[test]
fn nobody_is_struck_on_a_median_stake_could_have_set() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(Oracle::set_rules(
			RuntimeOrigin::root(),
			ReporterRules { max_strikes: 1, ..genesis_rules() }
		));
		join_by_stake(DAVE);
		// Two governance reports: a majority, but too few to judge by. Dave's report moved the
		// value to 2000; Alice, honest at 1000, earns no reward — and no strike.
		settle(feed, &[(ALICE, 1_000), (BOB, 2_000), (DAVE, 2_000)]);
		assert!(events().contains(&Event::RoundClosed {
			feed,
			round: 1,
			value: 2_000,
			reports: 3,
			reference: None,
		}));
		assert_eq!(RecordRewards::rounds(), vec![vec![BOB, DAVE]]);
		assert!(struck().is_empty());
		assert_eq!(Strikes::<Test>::get(ALICE), 0);
		assert!(Oracle::is_reporter(&ALICE), "one strike would have removed her");

		// The same for the sybil: far from the value, but judged against nothing stake-proof.
		settle(feed, &[(ALICE, 1_000), (BOB, 1_000), (DAVE, 5_000)]);
		assert!(struck().is_empty());
		assert!(Oracle::is_reporter(&DAVE));
	});
}

#[test]
fn one_reporter_cannot_close_rounds_or_earn_alone() {
	build_and_execute(|| {
		let feed = create_feed();
		for _ in 0..3 {
			assert_ok!(report(ALICE, &[(feed, 1)]));
			end_window();
			// Her report stays in the round until it expires; she cannot add another.
			assert_noop!(report(ALICE, &[(feed, 2)]), Error::<Test>::AlreadyReported);
			advance_ms(EXPIRY_MS);
		}
		assert_eq!(events().iter().filter(|e| matches!(e, Event::WindowLapsed { .. })).count(), 3);
		assert!(Latest::<Test>::get(feed).is_none());
		assert!(RecordRewards::rounds().is_empty());
	});
}

#[test]
fn a_reporter_deviating_in_consecutive_rounds_is_removed() {
	build_and_execute(|| {
		let feed = create_feed();
		join_by_stake(DAVE);
		let round = |dave: i128| {
			settle(feed, &[(ALICE, 1_000), (BOB, 1_010), (CHARLIE, 1_005), (DAVE, dave)])
		};
		round(2_000);
		assert_eq!(Strikes::<Test>::get(DAVE), 1);
		// An honest round clears the strikes.
		round(1_005);
		assert_eq!(Strikes::<Test>::get(DAVE), 0);
		round(-3_000);
		round(9_000);
		assert!(events().contains(&Event::ReporterRemoved {
			reporter: DAVE,
			reason: crate::RemovalReason::Deviation
		}));
		assert!(!Oracle::is_reporter(&DAVE));
		assert!(pallet_oracle::RawValues::<Test>::get(DAVE, feed).is_none(), "raw values cleared");
		assert_eq!(RecordRewards::rounds().len(), 4);
		// Removed for deviating, Dave cannot buy his way back; governance can re-admit him.
		assert_noop!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)), Error::<Test>::Banned);
		assert_ok!(Oracle::add_reporter(RuntimeOrigin::root(), DAVE));
		assert!(!Banned::<Test>::contains_key(DAVE));
		// With no strike limit, nobody is removed.
		assert_ok!(Oracle::set_rules(
			RuntimeOrigin::root(),
			ReporterRules { max_strikes: 0, ..genesis_rules() }
		));
		round(9_000);
		round(9_000);
		round(9_000);
		assert_eq!(Strikes::<Test>::get(DAVE), 3);
		assert_eq!(Rules::<Test>::get().max_strikes, 0);
	});
}

#[test]
fn strikes_survive_leaving_and_deviating_governance_reporters_are_banned_too() {
	build_and_execute(|| {
		let feed = create_feed();
		join_by_stake(DAVE);
		settle(feed, &[(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (DAVE, 5_000)]);
		assert_eq!(Strikes::<Test>::get(DAVE), 1);
		// Leaving and rejoining keeps the strike: the next deviation removes him.
		assert_ok!(Oracle::leave_reporters(RuntimeOrigin::signed(DAVE)));
		join_by_stake(DAVE);
		assert_eq!(Strikes::<Test>::get(DAVE), 1);
		settle(feed, &[(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (DAVE, 5_000)]);
		assert!(!Oracle::is_reporter(&DAVE));
		// Charlie, admitted by governance, deviates twice from the other two governance
		// reporters (and Eve, by stake) and is removed as well.
		join_by_stake(EVE);
		for _ in 0..2 {
			settle(feed, &[(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 9_000), (EVE, 1_000)]);
		}
		assert!(!Oracle::is_reporter(&CHARLIE));
		TestStakes::set(CHARLIE, REPORTER_STAKE);
		assert_noop!(Oracle::join_reporters(RuntimeOrigin::signed(CHARLIE)), Error::<Test>::Banned);
		assert_noop!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)), Error::<Test>::Banned);
		// Governance re-admits with a clean slate.
		assert_ok!(Oracle::add_reporter(RuntimeOrigin::root(), CHARLIE));
		assert_eq!(Strikes::<Test>::get(CHARLIE), 0);
	});
}

#[test]
fn a_removed_reporters_reports_drop_out_of_open_rounds() {
	build_and_execute(|| {
		let first = create_feed();
		let second = create_feed();
		assert_ok!(Oracle::update_feed(
			RuntimeOrigin::root(),
			second,
			crate::FeedConfig { collection_window_ms: 2 * WINDOW_MS, ..accuracy_feed() }
		));
		assert_ok!(Oracle::set_rules(
			RuntimeOrigin::root(),
			ReporterRules { max_strikes: 1, ..genesis_rules() }
		));
		for feed in [first, second] {
			assert_ok!(report(ALICE, &[(feed, 100)]));
			assert_ok!(report(BOB, &[(feed, 100)]));
		}
		assert_ok!(report(CHARLIE, &[(first, 900), (second, 900)]));
		// The first round removes Charlie; his report in the second no longer counts.
		end_window();
		assert!(!Oracle::is_reporter(&CHARLIE));
		end_window();
		assert!(events().contains(&Event::WindowLapsed { feed: second, round: 1, reports: 2 }));
		assert!(Latest::<Test>::get(second).is_none());
	});
}
