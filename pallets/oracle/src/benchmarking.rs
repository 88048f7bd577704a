//! Benchmarks of the oracle pallet: every call at its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

/// A feed whose rounds close on `MaxReporters` reports, any distance a strike.
fn strict_feed<T: Config>() -> FeedConfigOf<T> {
	FeedConfig {
		name: BoundedVec::truncate_from(alloc::vec![b'x'; T::MaxNameLen::get() as usize]),
		decimals: 18,
		quorum: T::MaxReporters::get(),
		expiry_ms: u64::MAX / 2,
		min_interval_ms: T::MinRoundInterval::get(),
		collection_window_ms: T::MinRoundInterval::get(),
		max_deviation: Perbill::zero(),
		tolerance: 0,
	}
}

/// Rules admitting anyone by stake to every seat governance may leave.
fn rules<T: Config>(reporter_stake: BalanceOf<T>, max_strikes: u32) -> ReporterRulesOf<T> {
	let stake_seats = T::MaxReporters::get().saturating_sub(MIN_QUORUM);
	ReporterRules { reporter_stake, max_strikes, stake_seats }
}

/// An account with a bond below any reporter stake governance would set: reading a bonded
/// account's stake costs the most (see [`ActiveStake::bond_for_benchmark`]).
fn bonded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let bond = T::Stakes::bond_for_benchmark(&who, Zero::zero());
	assert!(bond.is_ok(), "the benchmark can bond");
	who
}

/// Creates a feed whose open round holds a report of each of `reporters`, valued apart.
fn feed_with_round<T: Config>(reporters: &[T::AccountId], closes_at_ms: Option<u64>) -> FeedId {
	let feed = NextFeedId::<T>::get();
	Feeds::<T>::insert(feed, strict_feed::<T>());
	NextFeedId::<T>::put(feed.saturating_add(1));
	let now = Pallet::<T>::now_ms();
	let reports = reporters
		.iter()
		.enumerate()
		.map(|(index, reporter)| Report {
			reporter: reporter.clone(),
			value: 1_000 * (index as OracleValue + 1),
			at_ms: now,
		})
		.collect::<Vec<_>>();
	Rounds::<T>::insert(
		feed,
		RoundOf::<T> {
			number: 1,
			opens_at_ms: 0,
			closes_at_ms,
			reports: BoundedVec::truncate_from(reports),
		},
	);
	feed
}

/// Fills [`Windows`] with `count` windows of feeds ending long after any other.
fn later_windows<T: Config>(count: u32) {
	let mut windows = Windows::<T>::get();
	for index in 0..count {
		let _ = windows.try_push((u64::MAX, u32::MAX - index));
	}
	windows.sort();
	Windows::<T>::put(windows);
}

/// Gives `reporter` a raw value in every feed there may be: what removing it must clear.
fn raw_values_everywhere<T: Config>(reporter: &T::AccountId) {
	let value = TimestampedValue { value: 1, timestamp: <T as pallet_oracle::Config>::Time::now() };
	for feed in 0..T::MaxFeeds::get() {
		pallet_oracle::RawValues::<T>::insert(reporter, feed, value);
	}
}

/// Admits reporters until there are `count`; returns them all, sorted.
fn reporters<T: Config>(count: u32) -> Vec<T::AccountId> {
	let existing = Reporters::<T>::decode_len().unwrap_or(0) as u32;
	for index in existing..count {
		let reporter: T::AccountId = account("reporter", index, 0);
		assert!(Pallet::<T>::admit(&reporter, Admission::Governance).is_ok());
	}
	Reporters::<T>::get().into_inner()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` values, each the first of its round but for every other reporter's (so that each
	/// starts a window, inserted among as many others as there may be), from a reporter
	/// admitted by stake (whose stake is checked on every report).
	#[benchmark]
	fn report(n: Linear<1, { T::MaxValuesPerReport::get() }>) -> Result<(), BenchmarkError> {
		Rules::<T>::put(rules::<T>(Zero::zero(), 1));
		let others = reporters::<T>(T::MaxReporters::get() - 1);
		let caller = bonded::<T>("staked reporter");
		Pallet::<T>::admit(&caller, Admission::Stake)?;
		let values: Vec<(FeedId, OracleValue)> =
			(0..n).map(|_| (feed_with_round::<T>(&others, None), 0)).collect();
		later_windows::<T>(T::MaxFeeds::get().saturating_sub(n));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), BoundedVec::truncate_from(values));

		assert_eq!(Rounds::<T>::get(0).reports.len() as u32, T::MaxReporters::get());
		Ok(())
	}

	/// `n` rounds whose windows ended, each full of governance reporters' reports valued
	/// apart: every report but the median's is struck (no one is removed: removals and
	/// rewards are weighed apart, by the hook).
	#[benchmark]
	fn tally_rounds(n: Linear<0, { T::MaxTalliesPerBlock::get() }>) -> Result<(), BenchmarkError> {
		Rules::<T>::put(rules::<T>(Zero::zero(), 0));
		let all = reporters::<T>(T::MaxReporters::get());
		let mut windows = Vec::new();
		for _ in 0..n {
			let feed = feed_with_round::<T>(&all, Some(0));
			windows.push((0, feed));
		}
		Windows::<T>::put(BoundedVec::truncate_from(windows));
		later_windows::<T>(T::MaxFeeds::get().saturating_sub(n));

		#[block]
		{
			Pallet::<T>::tally_ended_windows();
		}

		if n > 0 {
			assert!(Latest::<T>::get(0).is_some());
		}
		Ok(())
	}

	/// A block that tallies nothing: every window there may be is open, none has ended (the
	/// list and the time are read).
	#[benchmark]
	fn tally_none_ended() {
		later_windows::<T>(T::MaxFeeds::get());
		let weight;

		#[block]
		{
			weight = Pallet::<T>::tally_ended_windows();
		}

		assert_eq!(Windows::<T>::decode_len(), Some(T::MaxFeeds::get() as usize));
		assert_eq!(weight, <T as Config>::WeightInfo::tally_none_ended());
	}

	/// Joining checks the stake and the seats and inserts into a nearly full list; the stake
	/// check is measured through [`ActiveStake`] directly, the way the call makes it.
	#[benchmark]
	fn join_reporters() {
		Rules::<T>::put(rules::<T>(Zero::zero(), 1));
		reporters::<T>(T::MaxReporters::get() - 1);
		let joiner = bonded::<T>("joiner");

		#[block]
		{
			let _ = Rules::<T>::get();
			let _ = T::Stakes::active_stake(&joiner);
			let _ = Banned::<T>::contains_key(&joiner);
			let _ = StakeReporters::<T>::get();
			assert!(Pallet::<T>::admit(&joiner, Admission::Stake).is_ok());
		}

		assert!(Pallet::<T>::is_reporter(&joiner));
	}

	#[benchmark]
	fn leave_reporters() {
		let all = reporters::<T>(T::MaxReporters::get());
		let leaver = all[0].clone();
		raw_values_everywhere::<T>(&leaver);

		#[extrinsic_call]
		_(RawOrigin::Signed(leaver.clone()));

		assert!(!Pallet::<T>::is_reporter(&leaver));
	}

	#[benchmark]
	fn add_reporter() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		reporters::<T>(T::MaxReporters::get() - 1);
		let added: T::AccountId = account("added", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, added.clone());

		assert!(Pallet::<T>::is_reporter(&added));
		Ok(())
	}

	#[benchmark]
	fn remove_reporter() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let all = reporters::<T>(T::MaxReporters::get());
		let removed = all[0].clone();
		raw_values_everywhere::<T>(&removed);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, removed.clone());

		assert!(!Pallet::<T>::is_reporter(&removed));
		Ok(())
	}

	#[benchmark]
	fn create_feed() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, strict_feed::<T>());

		assert_eq!(Feeds::<T>::count(), 1);
		Ok(())
	}

	#[benchmark]
	fn update_feed() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Feeds::<T>::insert(0, strict_feed::<T>());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, strict_feed::<T>());

		assert!(Feeds::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_rules() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rules = rules::<T>(7u32.into(), 3);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rules.clone());

		assert_eq!(Rules::<T>::get(), rules);
		Ok(())
	}

	/// A reporter admitted by stake, now bonded below it, with raw values in every feed.
	#[benchmark]
	fn remove_unstaked() {
		Rules::<T>::put(rules::<T>(BalanceOf::<T>::max_value(), 1));
		reporters::<T>(T::MaxReporters::get() - 1);
		let unstaked = bonded::<T>("unstaked");
		assert!(Pallet::<T>::admit(&unstaked, Admission::Stake).is_ok());
		raw_values_everywhere::<T>(&unstaked);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), unstaked.clone());

		assert!(!Pallet::<T>::is_reporter(&unstaked));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
