//! Benchmarks of the oracle pallet: every call at its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

/// A feed every report may close: `MaxReporters` reports, any distance a strike.
fn strict_feed<T: Config>() -> FeedConfigOf<T> {
	FeedConfig {
		name: BoundedVec::truncate_from(alloc::vec![b'x'; T::MaxNameLen::get() as usize]),
		decimals: 18,
		quorum: T::MaxReporters::get(),
		expiry_ms: u64::MAX / 2,
		min_interval_ms: 0,
		max_deviation: Perbill::zero(),
		tolerance: 0,
	}
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

	/// `n` values, each closing a full round in which every other reporter deviates and is
	/// removed (one strike is the limit).
	#[benchmark]
	fn report(n: Linear<1, { T::MaxValuesPerReport::get() }>) -> Result<(), BenchmarkError> {
		Rules::<T>::put(ReporterRules { reporter_stake: Zero::zero(), max_strikes: 1 });
		let all = reporters::<T>(T::MaxReporters::get());
		let (caller, others) = all.split_last().ok_or(BenchmarkError::Weightless)?;
		others.iter().for_each(raw_values_everywhere::<T>);
		let now = Pallet::<T>::now_ms();
		let mut values = Vec::new();
		for _ in 0..n {
			let feed = NextFeedId::<T>::get();
			Feeds::<T>::insert(feed, strict_feed::<T>());
			NextFeedId::<T>::put(feed.saturating_add(1));
			let reports = others
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
					reports: BoundedVec::truncate_from(reports),
				},
			);
			values.push((feed, 0));
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), BoundedVec::truncate_from(values));

		assert!(Latest::<T>::get(0).is_some());
		Ok(())
	}

	/// Joining checks the stake and inserts into a nearly full list; the stake check is
	/// measured through [`ActiveStake`] directly, as benchmarks cannot bond.
	#[benchmark]
	fn join_reporters() {
		reporters::<T>(T::MaxReporters::get() - 1);
		let joiner: T::AccountId = account("joiner", 0, 0);

		#[block]
		{
			let _ = T::Stakes::active_stake(&joiner);
			let _ = Banned::<T>::contains_key(&joiner);
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
		let rules = ReporterRules { reporter_stake: 7u32.into(), max_strikes: 3 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rules.clone());

		assert_eq!(Rules::<T>::get(), rules);
		Ok(())
	}

	/// A reporter admitted by stake without it, with raw values in every feed.
	#[benchmark]
	fn remove_unstaked() {
		Rules::<T>::put(ReporterRules {
			reporter_stake: BalanceOf::<T>::max_value(),
			max_strikes: 1,
		});
		reporters::<T>(T::MaxReporters::get() - 1);
		let unstaked: T::AccountId = account("unstaked", 0, 0);
		assert!(Pallet::<T>::admit(&unstaked, Admission::Stake).is_ok());
		raw_values_everywhere::<T>(&unstaked);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), unstaked.clone());

		assert!(!Pallet::<T>::is_reporter(&unstaked));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
