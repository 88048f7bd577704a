//! The storage migration to windowed rounds and stake seats.

use super::*;
use crate::{
	migrations::v1::{v0, WindowedRounds, MIGRATED_WINDOW_BLOCKS},
	Feeds, Latest, Pallet, Report, Rounds, Rules, StakeReporters, Windows,
};
use codec::Encode;
use frame_support::{
	storage::unhashed,
	traits::{ConstU32, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use sp_runtime::Perbill;

/// Writes `feed`'s configuration and round, and the rules, as version 0 stored them.
fn store_version_0(feed: u32, quorum: u32, reports: Vec<Report<u64>>) {
	let config = v0::FeedConfig::<ConstU32<32>> {
		name: accuracy_feed().name,
		decimals: 4,
		quorum,
		expiry_ms: BLOCK_MS,
		min_interval_ms: 0,
		max_deviation: Perbill::from_percent(10),
		tolerance: 0,
	};
	unhashed::put_raw(&Feeds::<Test>::hashed_key_for(feed), &config.encode());
	let round = v0::Round::<u64, ConstU32<5>> {
		number: 4,
		opens_at_ms: START_MS,
		reports: reports.try_into().expect("few reports"),
	};
	unhashed::put_raw(&Rounds::<Test>::hashed_key_for(feed), &round.encode());
	let rules = v0::ReporterRules { reporter_stake: REPORTER_STAKE, max_strikes: MAX_STRIKES };
	unhashed::put_raw(&Rules::<Test>::hashed_key(), &rules.encode());
}

#[test]
fn version_0_feeds_rounds_and_rules_are_migrated() {
	build_and_execute(|| {
		let reported = create_feed();
		let empty = create_feed();
		join_by_stake(DAVE);
		StakeReporters::<Test>::kill();
		let reports = [(ALICE, 100), (BOB, 101), (CHARLIE, 99)].map(|(reporter, value)| Report {
			reporter,
			value,
			at_ms: START_MS,
		});
		store_version_0(reported, 1, reports.to_vec());
		store_version_0(empty, 9, Vec::new());
		Windows::<Test>::kill();
		StorageVersion::new(0).put::<Pallet<Test>>();

		WindowedRounds::<Test, ConstU32<4>>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let window = MIGRATED_WINDOW_BLOCKS * BLOCK_MS;
		let config = Feeds::<Test>::get(reported).expect("migrated");
		assert_eq!(
			(config.quorum, config.min_interval_ms, config.collection_window_ms, config.expiry_ms),
			(3, BLOCK_MS, window, window + BLOCK_MS),
			"raised to what rounds now need"
		);
		assert_eq!(Feeds::<Test>::get(empty).map(|config| config.quorum), Some(5));
		// The round with reports starts its window now; the empty one waits.
		let round = Rounds::<Test>::get(reported);
		assert_eq!((round.number, round.reports.len()), (4, 3));
		assert_eq!(round.closes_at_ms, Some(START_MS + window));
		assert_eq!(Rounds::<Test>::get(empty).closes_at_ms, None);
		assert_eq!(Windows::<Test>::get().to_vec(), vec![(START_MS + window, reported)]);
		// Four seats asked for, two left after governance's three.
		let rules = Rules::<Test>::get();
		assert_eq!(
			(rules.reporter_stake, rules.max_strikes, rules.stake_seats),
			(REPORTER_STAKE, MAX_STRIKES, 2)
		);
		assert_eq!(StakeReporters::<Test>::get(), 1, "Dave");
		Oracle::do_try_state().expect("consistent after the migration");

		// Run again, it does nothing; the migrated round closes a window later.
		WindowedRounds::<Test, ConstU32<4>>::on_runtime_upgrade();
		assert_eq!(Rounds::<Test>::get(reported).closes_at_ms, Some(START_MS + window));
		next_block_after(window);
		assert_eq!(
			Latest::<Test>::get(reported).map(|latest| (latest.value, latest.round)),
			Some((100, 4))
		);
	});
}
