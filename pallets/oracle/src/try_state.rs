//! The pallet's invariants, checked after every block by `try-runtime` and after every test
//! of this pallet.

use crate::*;

impl<T: Config> Pallet<T> {
	/// The pallet's invariants:
	/// - the reporter list is sorted, without duplicates, and matches [`ReporterInfo`];
	///   [`StakeReporters`] counts its reporters admitted by stake;
	/// - every round and value belongs to a feed; no round holds two reports of one account;
	/// - [`Windows`] is sorted and lists exactly the rounds with a running window, at their
	///   ends;
	/// - every feed id is below the next id.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let fail = |message: &'static str| -> sp_runtime::TryRuntimeError { message.into() };
		let reporters = Reporters::<T>::get();
		if !reporters.windows(2).all(|pair| matches!(pair, [a, b] if a < b)) {
			return Err(fail("the reporters are not sorted and distinct"));
		}
		if reporters.len() != ReporterInfo::<T>::iter_keys().count()
			|| !reporters.iter().all(Self::is_reporter)
		{
			return Err(fail("the reporter list and records differ"));
		}
		let by_stake = ReporterInfo::<T>::iter_values()
			.filter(|record| record.admission == Admission::Stake)
			.count();
		if by_stake != StakeReporters::<T>::get() as usize {
			return Err(fail("the count of stake reporters is wrong"));
		}
		let next = NextFeedId::<T>::get();
		if Feeds::<T>::iter_keys().any(|feed| feed >= next) {
			return Err(fail("a feed id is at or above the next id"));
		}
		let windows = Windows::<T>::get();
		if !windows.windows(2).all(|pair| matches!(pair, [a, b] if a < b)) {
			return Err(fail("the windows are not in order"));
		}
		let mut running = 0;
		for (feed, round) in Rounds::<T>::iter() {
			if !Feeds::<T>::contains_key(feed) {
				return Err(fail("a round of no feed"));
			}
			if let Some(ends_at) = round.closes_at_ms {
				running += 1;
				if !windows.contains(&(ends_at, feed)) {
					return Err(fail("a running window is not listed"));
				}
			}
			let reports = round.reports.as_slice();
			for (index, report) in reports.iter().enumerate() {
				let earlier = reports.get(..index).unwrap_or_default();
				if earlier.iter().any(|other| other.reporter == report.reporter) {
					return Err(fail("a round holds two reports of one account"));
				}
			}
		}
		if running != windows.len() {
			return Err(fail("a listed window runs in no round"));
		}
		if Latest::<T>::iter_keys().any(|feed| !Feeds::<T>::contains_key(feed)) {
			return Err(fail("a value of no feed"));
		}
		Ok(())
	}
}
