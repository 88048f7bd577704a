//! Rounds: collection windows, tallies, values, staleness and the hook's bounds.

use super::*;
use crate::{Error, FeedReading, FeedValue, Latest, Rounds, Windows};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use sp_runtime::{DispatchError, Perbill};

#[test]
fn a_round_collects_reports_for_its_window_and_closes_with_the_median_of_all() {
	build_and_execute(|| {
		let feed = create_feed();
		join_by_stake(DAVE);
		let accepted = report(ALICE, &[(feed, 9_731)]).unwrap();
		assert_eq!(accepted.pays_fee, Pays::No, "accepted reports are free");
		// The first report starts the window.
		assert_eq!(Rounds::<Test>::get(feed).closes_at_ms, Some(START_MS + WINDOW_MS));
		assert_eq!(Windows::<Test>::get().to_vec(), vec![(START_MS + WINDOW_MS, feed)]);
		assert_ok!(report(BOB, &[(feed, 9_700)]));
		assert_ok!(report(CHARLIE, &[(feed, 5_000)]));
		// A quorum does not close the round: its window does.
		assert!(Latest::<Test>::get(feed).is_none());
		assert!(pallet_oracle::Values::<Test>::get(feed).is_none(), "no partial value shows");
		advance_ms(BLOCK_MS);
		assert_ok!(report(DAVE, &[(feed, 9_800)]));
		next_block_after(BLOCK_MS);
		assert!(Latest::<Test>::get(feed).is_none(), "the window has not ended");

		next_block_after(BLOCK_MS);
		// The median of all four reports (the upper one), dated by the oldest, Alice's.
		assert_eq!(
			Latest::<Test>::get(feed),
			Some(FeedValue { value: 9_731, timestamp_ms: START_MS, round: 1 })
		);
		// Judged against the governance reporters' median, 9700: Charlie's 5000 is 48 % off.
		assert!(events().contains(&Event::RoundClosed {
			feed,
			round: 1,
			value: 9_731,
			reports: 4,
			reference: Some(9_700),
		}));
		assert!(events().contains(&Event::ReportDeviated {
			feed,
			round: 1,
			reporter: CHARLIE,
			strikes: 1
		}));
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB, DAVE]]);
		// pallet-oracle holds the same value, and every raw report.
		assert_eq!(pallet_oracle::Values::<Test>::get(feed).map(|v| v.value), Some(9_731));
		assert_eq!(
			pallet_oracle::RawValues::<Test>::get(CHARLIE, feed).map(|v| v.value),
			Some(5_000)
		);
		assert_eq!(
			Oracle::reading(feed),
			Some(FeedReading {
				value: 9_731,
				decimals: 4,
				timestamp_ms: START_MS,
				round: 1,
				fresh: true
			})
		);
		// Round 2 opens a block after the close.
		let closed_at = Timestamp::get();
		let round = Rounds::<Test>::get(feed);
		assert_eq!((round.number, round.reports.len()), (2, 0));
		assert_eq!((round.opens_at_ms, round.closes_at_ms), (closed_at + BLOCK_MS, None));
		assert!(Windows::<Test>::get().is_empty());
		assert_noop!(report(ALICE, &[(feed, 9_800)]), Error::<Test>::RoundNotOpen);
		advance_ms(BLOCK_MS);
		assert_ok!(report(ALICE, &[(feed, 9_800)]));
		assert_eq!(Rounds::<Test>::get(feed).number, 2);
	});
}

#[test]
fn the_order_in_which_reports_land_decides_nothing() {
	let reports = [(ALICE, 100), (BOB, 104), (CHARLIE, 90), (DAVE, 130)];
	let mut values = Vec::new();
	for first in 0..reports.len() {
		for second in 0..reports.len() {
			if second == first {
				continue;
			}
			let mut order = vec![reports[first], reports[second]];
			order.extend(reports.iter().enumerate().filter_map(|(index, report)| {
				(index != first && index != second).then_some(*report)
			}));
			build_and_execute(|| {
				let feed = create_feed();
				join_by_stake(DAVE);
				for (who, value) in &order {
					assert_ok!(report(*who, &[(feed, *value)]));
				}
				end_window();
				values.push(Latest::<Test>::get(feed).map(|latest| latest.value));
			});
		}
	}
	// Closing at the third report would have given the median of whichever three came first.
	assert_eq!(values.len(), 12);
	assert!(values.iter().all(|value| *value == Some(104)), "{values:?}");
}

#[test]
fn a_window_without_a_quorum_lapses_and_the_next_report_starts_another() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(report(ALICE, &[(feed, 100)]));
		assert_ok!(report(BOB, &[(feed, 100)]));
		end_window();
		assert!(events().contains(&Event::WindowLapsed { feed, round: 1, reports: 2 }));
		let round = Rounds::<Test>::get(feed);
		assert_eq!((round.number, round.reports.len(), round.closes_at_ms), (1, 2, None));
		assert!(Windows::<Test>::get().is_empty());
		assert!(RecordRewards::rounds().is_empty(), "nothing closed, nothing paid");

		let started = Timestamp::get();
		assert_ok!(report(CHARLIE, &[(feed, 101)]));
		assert_eq!(Rounds::<Test>::get(feed).closes_at_ms, Some(started + WINDOW_MS));
		end_window();
		assert_eq!(Latest::<Test>::get(feed).map(|v| (v.value, v.round)), Some((100, 1)));
	});
}

#[test]
fn a_report_skips_feeds_whose_round_takes_no_reports_and_fails_only_if_all_do() {
	build_and_execute(|| {
		let ended = create_feed();
		let open = create_feed();
		join_by_stake(DAVE);
		for reporter in [ALICE, BOB, CHARLIE] {
			assert_ok!(report(reporter, &[(ended, 100)]));
		}
		// The window has ended; the round is tallied when the next block starts.
		advance_ms(WINDOW_MS);
		assert_noop!(report(DAVE, &[(ended, 100)]), Error::<Test>::RoundNotOpen);
		let both = report(DAVE, &[(ended, 100), (open, 7)]).unwrap();
		assert_eq!(both.pays_fee, Pays::No, "a report with an accepted value is free");
		assert_eq!(Rounds::<Test>::get(ended).reports.len(), 3, "skipped");
		assert_eq!(Rounds::<Test>::get(open).reports[0].value, 7, "accepted");
		assert!(pallet_oracle::RawValues::<Test>::get(DAVE, ended).is_none());

		// Closed, with the next round not open yet.
		next_block_after(0);
		assert_eq!(Rounds::<Test>::get(ended).number, 2);
		assert_noop!(report(ALICE, &[(ended, 100)]), Error::<Test>::RoundNotOpen);
		assert_ok!(report(ALICE, &[(ended, 100), (open, 7)]));
		assert_eq!(Rounds::<Test>::get(ended).reports.len(), 0);
	});
}

#[test]
fn bad_reports_are_refused_and_change_nothing() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_noop!(report(EVE, &[(feed, 1)]), Error::<Test>::NotReporter);
		assert_noop!(report(ALICE, &[]), Error::<Test>::NoValues);
		assert_noop!(report(ALICE, &[(feed, 1), (feed, 2)]), Error::<Test>::DuplicateFeed);
		assert_noop!(report(ALICE, &[(feed, 1), (7, 2)]), Error::<Test>::UnknownFeed);
		assert_ok!(report(ALICE, &[(feed, 1)]));
		// Once per round, however often it is tried.
		assert_noop!(report(ALICE, &[(feed, 2)]), Error::<Test>::AlreadyReported);
		// A reporter admitted by stake reports only while it keeps the stake.
		join_by_stake(DAVE);
		TestStakes::set(DAVE, REPORTER_STAKE - 1);
		assert_noop!(report(DAVE, &[(feed, 1)]), Error::<Test>::InsufficientStake);
		// pallet-oracle's own call is for members only.
		assert_noop!(
			OracleFeeds::feed_values(
				RuntimeOrigin::signed(EVE),
				BoundedVec::try_from(vec![(feed, 1)]).unwrap()
			),
			pallet_oracle::Error::<Test>::NoPermission
		);
		assert_noop!(
			Oracle::report(RuntimeOrigin::root(), BoundedVec::try_from(vec![(feed, 1)]).unwrap()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn stale_reports_do_not_count_and_stale_values_are_not_served() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(report(ALICE, &[(feed, 100)]));
		end_window();
		advance_ms(EXPIRY_MS);
		let bob_at = Timestamp::get();
		assert_ok!(report(BOB, &[(feed, 100)]));
		assert_ok!(report(CHARLIE, &[(feed, 100)]));
		// Alice's report expired: two fresh reports, no quorum.
		end_window();
		assert!(Latest::<Test>::get(feed).is_none());
		let reporters: Vec<u64> =
			Rounds::<Test>::get(feed).reports.iter().map(|r| r.reporter).collect();
		assert_eq!(reporters, vec![BOB, CHARLIE]);
		// Alice may report again in the same round, and completes it.
		assert_ok!(report(ALICE, &[(feed, 102)]));
		end_window();
		assert_eq!(
			Latest::<Test>::get(feed).map(|v| (v.value, v.timestamp_ms)),
			Some((100, bob_at))
		);
		assert!(Oracle::fresh_value(feed).is_some());

		// Stale once the oldest report, Bob's, is older than the expiry.
		advance_ms(bob_at + EXPIRY_MS - 1 - Timestamp::get());
		assert!(Oracle::reading(feed).unwrap().fresh);
		advance_ms(1);
		let reading = Oracle::reading(feed).unwrap();
		assert_eq!((reading.value, reading.fresh), (100, false));
		assert_eq!(Oracle::fresh_value(feed), None);
		assert_eq!(Oracle::reading(feed + 1), None);
	});
}

#[test]
fn a_round_opens_only_after_the_feeds_minimum_interval() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(Oracle::update_feed(
			RuntimeOrigin::root(),
			feed,
			crate::FeedConfig { min_interval_ms: 10_000, ..accuracy_feed() }
		));
		for reporter in [ALICE, BOB, CHARLIE] {
			assert_ok!(report(reporter, &[(feed, 1)]));
		}
		end_window();
		let closed_at = Timestamp::get();
		assert_eq!(Rounds::<Test>::get(feed).opens_at_ms, closed_at + 10_000);
		// Reporters cannot close round after round: the next one is not open yet.
		assert_noop!(report(BOB, &[(feed, 2)]), Error::<Test>::RoundNotOpen);
		advance_ms(9_999);
		assert_noop!(report(BOB, &[(feed, 2)]), Error::<Test>::RoundNotOpen);
		advance_ms(1);
		assert_ok!(report(BOB, &[(feed, 2)]));
	});
}

#[test]
fn at_most_max_tallies_per_block_are_made_earliest_first() {
	build_and_execute(|| {
		let feeds = [create_feed(), create_feed(), create_feed()];
		// A block that tallies nothing is charged as the benchmark of a full list of windows
		// none of which ended, proof size included (a parachain's PoV counts it).
		let idle = <() as crate::WeightInfo>::tally_none_ended();
		assert!(idle.proof_size() > 0);
		assert_eq!(next_block_after(0), idle, "no window runs");
		// Feed 2's window starts first, then feeds 0 and 1 together.
		for reporter in [ALICE, BOB, CHARLIE] {
			assert_ok!(report(reporter, &[(feeds[2], 5)]));
		}
		advance_ms(10);
		for reporter in [ALICE, BOB, CHARLIE] {
			assert_ok!(report(reporter, &[(feeds[0], 5), (feeds[1], 5)]));
		}
		let ends = START_MS + WINDOW_MS;
		assert_eq!(next_block_after(0), idle, "windows run, none ended");
		assert_eq!(
			Windows::<Test>::get().to_vec(),
			vec![(ends, feeds[2]), (ends + 10, feeds[0]), (ends + 10, feeds[1])]
		);
		// All three ended; the mock tallies two per block.
		let weight = next_block_after(WINDOW_MS);
		assert!(weight.all_gte(<() as crate::WeightInfo>::tally_rounds(2)));
		let closed: Vec<u32> = feeds
			.iter()
			.copied()
			.filter(|feed| Latest::<Test>::get(feed).is_some())
			.collect();
		assert_eq!(closed, vec![feeds[0], feeds[2]]);
		assert_eq!(Windows::<Test>::get().to_vec(), vec![(ends + 10, feeds[1])]);
		// Its window has ended: it takes no more reports while it waits.
		join_by_stake(DAVE);
		assert_noop!(report(DAVE, &[(feeds[1], 5)]), Error::<Test>::RoundNotOpen);
		next_block_after(BLOCK_MS);
		assert!(Latest::<Test>::get(feeds[1]).is_some());
	});
}

#[test]
fn the_hook_weighs_the_rewards_and_removals_it_made() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(Oracle::set_rules(
			RuntimeOrigin::root(),
			crate::ReporterRules { max_strikes: 1, ..genesis_rules() }
		));
		assert_ok!(report(ALICE, &[(feed, 100)]));
		assert_ok!(report(BOB, &[(feed, 100)]));
		assert_ok!(report(CHARLIE, &[(feed, 900)]));
		let weight = end_window();
		let expected = <() as crate::WeightInfo>::tally_rounds(1)
			.saturating_add(
				<RecordRewards as aegis_primitives::incentives::OnRoundClosed<u64>>::weight(2),
			)
			.saturating_add(<() as crate::WeightInfo>::remove_reporter());
		assert_eq!(weight, expected);
		assert!(!Oracle::is_reporter(&CHARLIE));
	});
}

#[test]
fn changing_a_feeds_decimals_drops_its_round_window_and_value() {
	build_and_execute(|| {
		let feed = create_feed();
		for reporter in [ALICE, BOB, CHARLIE] {
			assert_ok!(report(reporter, &[(feed, 9_700)]));
		}
		end_window();
		advance_ms(BLOCK_MS);
		assert_ok!(report(ALICE, &[(feed, 9_800)]));
		// Another expiry keeps the value, the round and its window.
		let longer = crate::FeedConfig { expiry_ms: 2 * EXPIRY_MS, ..accuracy_feed() };
		assert_ok!(Oracle::update_feed(RuntimeOrigin::root(), feed, longer));
		assert!(Latest::<Test>::get(feed).is_some());
		assert_eq!(Rounds::<Test>::get(feed).reports.len(), 1);
		assert_eq!(Windows::<Test>::get().len(), 1);
		// Other decimals drop all three: they are in the old scale.
		let finer = crate::FeedConfig { decimals: 6, ..accuracy_feed() };
		assert_ok!(Oracle::update_feed(RuntimeOrigin::root(), feed, finer));
		assert!(Latest::<Test>::get(feed).is_none());
		assert!(pallet_oracle::Values::<Test>::get(feed).is_none());
		let round = Rounds::<Test>::get(feed);
		assert_eq!((round.number, round.reports.len(), round.closes_at_ms), (2, 0, None));
		assert!(Windows::<Test>::get().is_empty());
	});
}

#[test]
fn an_absolute_tolerance_keeps_feeds_near_zero_usable() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(Oracle::update_feed(
			RuntimeOrigin::root(),
			feed,
			crate::FeedConfig { tolerance: 2, ..accuracy_feed() }
		));
		assert_ok!(report(ALICE, &[(feed, 0)]));
		assert_ok!(report(BOB, &[(feed, -2)]));
		assert_ok!(report(CHARLIE, &[(feed, 3)]));
		end_window();
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB]]);
	});
}

#[test]
fn deviation_is_relative_to_the_median_even_at_zero() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(Oracle::update_feed(
			RuntimeOrigin::root(),
			feed,
			crate::FeedConfig { max_deviation: Perbill::from_percent(50), ..accuracy_feed() }
		));
		assert_ok!(report(ALICE, &[(feed, 0)]));
		assert_ok!(report(BOB, &[(feed, 0)]));
		assert_ok!(report(CHARLIE, &[(feed, 1)]));
		end_window();
		// |1 − 0| against a median of 0 counts as 100 %.
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB]]);
	});
}
