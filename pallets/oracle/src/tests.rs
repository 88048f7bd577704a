//! Tests of the oracle pallet on the mock runtime.

use crate::{
	mock::*,
	offchain::{parse_fixed, value_at, FetchError},
	Admission, Banned, Error, Event, FeedReading, FeedValue, Feeds, Latest, RemovalReason,
	ReporterRules, Reporters, Rounds, Rules, Strikes,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
	traits::Hooks,
	BoundedVec,
};
use sp_runtime::{DispatchError, Perbill};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Oracle(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn create_feed() -> u32 {
	let feed = crate::NextFeedId::<Test>::get();
	assert_ok!(Oracle::create_feed(RuntimeOrigin::root(), accuracy_feed()));
	feed
}

fn report(
	who: u64,
	values: &[(u32, i128)],
) -> sp_runtime::DispatchResultWithInfo<PostDispatchInfo> {
	Oracle::report(RuntimeOrigin::signed(who), BoundedVec::try_from(values.to_vec()).unwrap())
}

fn advance_ms(ms: u64) {
	Timestamp::set_timestamp(Timestamp::get() + ms);
}

// ----- Feeds ---------------------------------------------------------------------------------

#[test]
fn governance_creates_and_updates_feeds_with_valid_configurations() {
	build_and_execute(|| {
		assert_noop!(
			Oracle::create_feed(RuntimeOrigin::signed(ALICE), accuracy_feed()),
			DispatchError::BadOrigin
		);
		for invalid in [
			crate::FeedConfig { quorum: 0, ..accuracy_feed() },
			crate::FeedConfig { quorum: 6, ..accuracy_feed() },
			crate::FeedConfig { expiry_ms: 0, ..accuracy_feed() },
		] {
			assert_noop!(
				Oracle::create_feed(RuntimeOrigin::root(), invalid),
				Error::<Test>::InvalidFeedConfig
			);
		}
		let feed = create_feed();
		assert_eq!(events().last(), Some(&Event::FeedCreated { feed }));
		create_feed();
		create_feed();
		assert_noop!(
			Oracle::create_feed(RuntimeOrigin::root(), accuracy_feed()),
			Error::<Test>::TooManyFeeds
		);
		let updated = crate::FeedConfig { quorum: 1, ..accuracy_feed() };
		assert_noop!(
			Oracle::update_feed(RuntimeOrigin::root(), 9, updated.clone()),
			Error::<Test>::UnknownFeed
		);
		assert_ok!(Oracle::update_feed(RuntimeOrigin::root(), feed, updated.clone()));
		assert_eq!(Feeds::<Test>::get(feed), Some(updated));
		assert_eq!(events().last(), Some(&Event::FeedUpdated { feed }));
	});
}

// ----- Reporters -----------------------------------------------------------------------------

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
		TestStakes::set(DAVE, REPORTER_STAKE);
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)));
		assert_eq!(
			events().last(),
			Some(&Event::ReporterAdded { reporter: DAVE, admission: Admission::Stake })
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
		let closed = ReporterRules { reporter_stake: 0, max_strikes: MAX_STRIKES };
		assert_ok!(Oracle::set_rules(RuntimeOrigin::root(), closed.clone()));
		assert_eq!(events().last(), Some(&Event::RulesSet { rules: closed }));
		assert_noop!(
			Oracle::join_reporters(RuntimeOrigin::signed(DAVE)),
			Error::<Test>::StakeAdmissionClosed
		);
	});
}

// ----- Rounds --------------------------------------------------------------------------------

#[test]
fn a_round_closes_at_its_quorum_with_the_median_and_rewards_close_reporters() {
	build_and_execute(|| {
		let feed = create_feed();
		let accepted = report(ALICE, &[(feed, 9_731)]).unwrap();
		assert_eq!(accepted.pays_fee, Pays::No, "accepted reports are free");
		assert_ok!(report(BOB, &[(feed, 9_700)]));
		assert!(Latest::<Test>::get(feed).is_none(), "two reports are below the quorum");
		assert_eq!(Rounds::<Test>::get(feed).reports.len(), 2);

		advance_ms(6_000);
		assert_ok!(report(CHARLIE, &[(feed, 5_000)]));
		// Dated by its oldest report, Alice's: the age of the data, not of the round.
		assert_eq!(
			Latest::<Test>::get(feed),
			Some(FeedValue { value: 9_700, timestamp_ms: START_MS, round: 1 })
		);
		assert!(events().contains(&Event::RoundClosed {
			feed,
			round: 1,
			value: 9_700,
			reports: 3
		}));
		// pallet-oracle combined the same value.
		assert_eq!(pallet_oracle::Values::<Test>::get(feed).map(|v| v.value), Some(9_700));
		assert_eq!(
			pallet_oracle::RawValues::<Test>::get(CHARLIE, feed).map(|v| v.value),
			Some(5_000)
		);
		// Charlie's 5000 is 48 % off the median: a strike, no reward.
		assert!(events().contains(&Event::ReportDeviated {
			feed,
			round: 1,
			reporter: CHARLIE,
			strikes: 1
		}));
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB]]);
		let round = Rounds::<Test>::get(feed);
		assert_eq!((round.number, round.reports.len()), (2, 0));
		assert_eq!(
			Oracle::reading(feed),
			Some(FeedReading {
				value: 9_700,
				decimals: 4,
				timestamp_ms: START_MS,
				round: 1,
				fresh: true
			})
		);
		// The next report opens round 2.
		assert_ok!(report(ALICE, &[(feed, 9_800)]));
		assert_eq!(Rounds::<Test>::get(feed).number, 2);
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
		assert_noop!(report(ALICE, &[(feed, 2)]), Error::<Test>::AlreadyReported);
		// A reporter admitted by stake reports only while it keeps the stake.
		TestStakes::set(DAVE, REPORTER_STAKE);
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)));
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
	});
}

#[test]
fn stale_reports_do_not_count_and_stale_values_are_not_served() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(report(ALICE, &[(feed, 100)]));
		advance_ms(EXPIRY_MS);
		assert_ok!(report(BOB, &[(feed, 100)]));
		assert_ok!(report(CHARLIE, &[(feed, 100)]));
		// Alice's report expired: two fresh reports, no quorum.
		assert!(Latest::<Test>::get(feed).is_none());
		let reporters: Vec<u64> =
			Rounds::<Test>::get(feed).reports.iter().map(|r| r.reporter).collect();
		assert_eq!(reporters, vec![BOB, CHARLIE]);
		// Alice may report again in the same round, and closes it.
		assert_ok!(report(ALICE, &[(feed, 102)]));
		assert_eq!(Latest::<Test>::get(feed).map(|v| v.value), Some(100));
		assert!(Oracle::fresh_value(feed).is_some());

		advance_ms(EXPIRY_MS - 1);
		assert!(Oracle::reading(feed).unwrap().fresh);
		advance_ms(1);
		let reading = Oracle::reading(feed).unwrap();
		assert_eq!((reading.value, reading.fresh), (100, false));
		assert_eq!(Oracle::fresh_value(feed), None);
		assert_eq!(Oracle::reading(feed + 1), None);
	});
}

#[test]
fn a_reporter_deviating_in_consecutive_rounds_is_removed() {
	build_and_execute(|| {
		let feed = create_feed();
		TestStakes::set(DAVE, REPORTER_STAKE);
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)));
		let round = |dave: i128| {
			assert_ok!(report(ALICE, &[(feed, 1_000)]));
			assert_ok!(report(BOB, &[(feed, 1_010)]));
			assert_ok!(report(DAVE, &[(feed, dave)]));
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
			reason: RemovalReason::Deviation
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
			ReporterRules { reporter_stake: REPORTER_STAKE, max_strikes: 0 }
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
		TestStakes::set(DAVE, REPORTER_STAKE);
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)));
		assert_ok!(report(ALICE, &[(feed, 1_000)]));
		assert_ok!(report(BOB, &[(feed, 1_000)]));
		assert_ok!(report(DAVE, &[(feed, 5_000)]));
		assert_eq!(Strikes::<Test>::get(DAVE), 1);
		// Leaving and rejoining keeps the strike: the next deviation removes him.
		assert_ok!(Oracle::leave_reporters(RuntimeOrigin::signed(DAVE)));
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)));
		assert_eq!(Strikes::<Test>::get(DAVE), 1);
		assert_ok!(report(ALICE, &[(feed, 1_000)]));
		assert_ok!(report(BOB, &[(feed, 1_000)]));
		assert_ok!(report(DAVE, &[(feed, 5_000)]));
		// Charlie, admitted by governance, deviates twice as well.
		for _ in 0..2 {
			assert_ok!(report(ALICE, &[(feed, 1_000)]));
			assert_ok!(report(BOB, &[(feed, 1_000)]));
			assert_ok!(report(CHARLIE, &[(feed, 9_000)]));
		}
		assert!(!Oracle::is_reporter(&DAVE));
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
fn anyone_removes_a_reporter_that_lost_its_stake() {
	build_and_execute(|| {
		TestStakes::set(DAVE, REPORTER_STAKE);
		assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(DAVE)));
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
	});
}

#[test]
fn a_round_opens_only_after_the_feeds_minimum_interval() {
	build_and_execute(|| {
		let feed = create_feed();
		assert_ok!(Oracle::update_feed(
			RuntimeOrigin::root(),
			feed,
			crate::FeedConfig { quorum: 1, min_interval_ms: 10_000, ..accuracy_feed() }
		));
		assert_ok!(report(ALICE, &[(feed, 1)]));
		assert_eq!(Rounds::<Test>::get(feed).opens_at_ms, START_MS + 10_000);
		// Reporters cannot close round after round: the next one is not open yet.
		assert_noop!(report(BOB, &[(feed, 2)]), Error::<Test>::RoundNotOpen);
		advance_ms(9_999);
		assert_noop!(report(BOB, &[(feed, 2)]), Error::<Test>::RoundNotOpen);
		advance_ms(1);
		assert_ok!(report(BOB, &[(feed, 2)]));
		assert_eq!(Latest::<Test>::get(feed).map(|v| (v.value, v.round)), Some((2, 2)));
	});
}

#[test]
fn changing_a_feeds_decimals_drops_its_round_and_value() {
	build_and_execute(|| {
		let feed = create_feed();
		for reporter in [ALICE, BOB, CHARLIE] {
			assert_ok!(report(reporter, &[(feed, 9_700)]));
		}
		assert_ok!(report(ALICE, &[(feed, 9_800)]));
		// Another expiry keeps the value and the round.
		let longer = crate::FeedConfig { expiry_ms: 2 * EXPIRY_MS, ..accuracy_feed() };
		assert_ok!(Oracle::update_feed(RuntimeOrigin::root(), feed, longer));
		assert!(Latest::<Test>::get(feed).is_some());
		assert_eq!(Rounds::<Test>::get(feed).reports.len(), 1);
		// Other decimals drop both: they are in the old scale.
		let finer = crate::FeedConfig { decimals: 6, ..accuracy_feed() };
		assert_ok!(Oracle::update_feed(RuntimeOrigin::root(), feed, finer));
		assert!(Latest::<Test>::get(feed).is_none());
		assert!(pallet_oracle::Values::<Test>::get(feed).is_none());
		let round = Rounds::<Test>::get(feed);
		assert_eq!((round.number, round.reports.len()), (2, 0));
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
		// |1 − 0| against a median of 0 counts as 100 %.
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB]]);
	});
}

#[test]
fn a_report_for_several_feeds_closes_each_round_it_completes() {
	build_and_execute(|| {
		let first = create_feed();
		let second = create_feed();
		assert_ok!(Oracle::update_feed(
			RuntimeOrigin::root(),
			second,
			crate::FeedConfig { quorum: 1, ..accuracy_feed() }
		));
		assert_ok!(report(ALICE, &[(first, 10), (second, -20)]));
		assert_eq!(Latest::<Test>::get(second).map(|v| v.value), Some(-20));
		assert!(Latest::<Test>::get(first).is_none());
	});
}

#[test]
fn a_reporter_removed_by_one_round_of_a_report_still_reports_the_others() {
	build_and_execute(|| {
		let first = create_feed();
		let second = create_feed();
		assert_ok!(Oracle::set_rules(
			RuntimeOrigin::root(),
			ReporterRules { reporter_stake: REPORTER_STAKE, max_strikes: 1 }
		));
		for feed in [first, second] {
			assert_ok!(report(ALICE, &[(feed, 100)]));
			assert_ok!(report(BOB, &[(feed, 100)]));
		}
		// Charlie's far-off values close both rounds; the first removes him.
		assert_ok!(report(CHARLIE, &[(first, 900), (second, 900)]));
		assert!(!Oracle::is_reporter(&CHARLIE));
		assert_eq!(Latest::<Test>::get(first).map(|v| v.value), Some(100));
		assert_eq!(Latest::<Test>::get(second).map(|v| v.value), Some(100));
		assert_eq!(RecordRewards::rounds(), vec![vec![ALICE, BOB], vec![ALICE, BOB]]);
	});
}

// ----- The off-chain worker ------------------------------------------------------------------

mod offchain_worker {
	use super::*;
	use aegis_primitives::oracle::{OracleSource, SOURCES_KEY};
	use codec::{Decode, Encode};
	use sp_core::offchain::{
		testing::{PendingRequest, TestOffchainExt, TestTransactionPoolExt},
		OffchainDbExt, OffchainWorkerExt, StorageKind, TransactionPoolExt,
	};
	use sp_runtime::testing::{TestXt, UintAuthorityId};

	const URL: &str = "http://127.0.0.1:8080/metrics.json";

	/// The request the worker must make, answered with `body`.
	fn fetch(body: &[u8]) -> PendingRequest {
		PendingRequest {
			method: "GET".into(),
			uri: URL.into(),
			headers: vec![("Accept".into(), "application/json".into())],
			response: Some(body.to_vec()),
			sent: true,
			..Default::default()
		}
	}

	#[test]
	fn the_worker_reports_a_fetched_value_once_per_round_for_each_local_reporter() {
		let mut ext = new_test_ext();
		let (offchain, state) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		ext.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.register_extension(OffchainWorkerExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool));

		ext.execute_with(|| {
			let feed = create_feed();
			let sources = vec![OracleSource {
				feed,
				url: URL.as_bytes().to_vec(),
				pointer: b"/model/accuracy".to_vec(),
			}];
			sp_io::offchain::local_storage_set(
				StorageKind::PERSISTENT,
				SOURCES_KEY,
				&sources.encode(),
			);
			// Alice's key and a key of an account that is not a reporter.
			UintAuthorityId::set_all_keys([ALICE, EVE]);
			state.write().expect_request(fetch(br#"{"model": {"accuracy": 0.97315}}"#));

			Oracle::offchain_worker(1);
			let transactions = std::mem::take(&mut pool_state.write().transactions);
			assert_eq!(transactions.len(), 1, "one report, by Alice only");
			let tx = TestXt::<RuntimeCall, ()>::decode(&mut &transactions[0][..]).unwrap();
			assert_eq!(
				tx.function,
				RuntimeCall::Oracle(crate::Call::report {
					values: BoundedVec::try_from(vec![(feed, 9_731)]).unwrap()
				})
			);

			// The report is in the pool: the next run neither fetches nor reports again.
			Oracle::offchain_worker(2);
			assert!(pool_state.read().transactions.is_empty());

			// A report that never lands (dropped from the pool) is sent again once it is
			// overdue.
			state.write().timestamp =
				sp_core::offchain::Timestamp::from_unix_millis(crate::offchain::RESUBMIT_AFTER_MS);
			state.write().expect_request(fetch(br#"{"model": {"accuracy": 0.9732}}"#));
			Oracle::offchain_worker(3);
			assert_eq!(pool_state.read().transactions.len(), 1);
		});
	}

	#[test]
	fn the_worker_skips_sources_that_fail() {
		let mut ext = new_test_ext();
		let (offchain, state) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		ext.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.register_extension(OffchainWorkerExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool));

		ext.execute_with(|| {
			let feed = create_feed();
			let source =
				OracleSource { feed, url: URL.as_bytes().to_vec(), pointer: b"/missing".to_vec() };
			sp_io::offchain::local_storage_set(
				StorageKind::PERSISTENT,
				SOURCES_KEY,
				&vec![source].encode(),
			);
			UintAuthorityId::set_all_keys([ALICE]);
			state.write().expect_request(fetch(br#"{"accuracy": 0.9}"#));
			Oracle::offchain_worker(1);
			assert!(pool_state.read().transactions.is_empty());
		});
	}
}

// ----- Parsing -------------------------------------------------------------------------------

#[test]
fn decimal_numbers_are_parsed_exactly_into_fixed_point() {
	for (text, decimals, expected) in [
		("0.9731", 4, Some(9_731)),
		("0.97319", 4, Some(9_731)),
		("-12.5", 2, Some(-1_250)),
		("+3", 0, Some(3)),
		("42", 3, Some(42_000)),
		("1e-3", 4, Some(10)),
		("6.02E+2", 1, Some(6_020)),
		("1e-30", 4, Some(0)),
		(".5", 1, Some(5)),
		("5.", 1, Some(50)),
		("", 2, None),
		(".", 2, None),
		("1.2.3", 2, None),
		("0x10", 0, None),
		("NaN", 0, None),
		("1e400", 0, None),
		("0e2147483647", 4, Some(0)),
		("1e2147483647", 4, None),
		("-0", 2, Some(0)),
		("00.10", 2, Some(10)),
		("1e", 0, None),
		("e5", 0, None),
		("170141183460469231731687303715884105728", 0, None),
	] {
		assert_eq!(parse_fixed(text, decimals), expected, "{text} with {decimals} decimals");
	}
	// Leading zeros are not integer digits.
	assert_eq!(parse_fixed(&format!("{}1", "0".repeat(100)), 0), Some(1));
}

#[test]
fn a_json_pointer_selects_the_number() {
	let body = br#"{"a": {"b": [1.5, "2.25", true]}, "n": null}"#;
	assert_eq!(value_at(body, b"/a/b/0", 2), Ok(150));
	assert_eq!(value_at(body, b"/a/b/1", 2), Ok(225), "quoted numbers are accepted");
	assert_eq!(value_at(body, b"/a/b/2", 2), Err(FetchError::NotANumber));
	assert_eq!(value_at(body, b"/n", 2), Err(FetchError::NotANumber));
	assert_eq!(value_at(body, b"/a/c", 2), Err(FetchError::NotJson));
	assert_eq!(value_at(b"not json", b"", 2), Err(FetchError::NotJson));
	assert_eq!(value_at(b"7", b"", 1), Ok(70), "the empty pointer is the whole document");
}
