//! The oracle's reads for other pallets and clients, the checks its calls share, and the
//! admission and removal of reporters.

use crate::*;

impl<T: Config> Pallet<T> {
	/// The feed's value, if it is fresh: what other pallets may rely on.
	pub fn fresh_value(feed: FeedId) -> Option<FeedValue> {
		let reading = Self::reading(feed)?;
		reading.fresh.then_some(FeedValue {
			value: reading.value,
			timestamp_ms: reading.timestamp_ms,
			round: reading.round,
		})
	}

	/// The feed's value with its timestamp, round and freshness (the runtime API).
	pub fn reading(feed: FeedId) -> Option<FeedReading> {
		let config = Feeds::<T>::get(feed)?;
		let latest = Latest::<T>::get(feed)?;
		let fresh = latest.timestamp_ms.saturating_add(config.expiry_ms) > Self::now_ms();
		Some(FeedReading {
			value: latest.value,
			decimals: config.decimals,
			timestamp_ms: latest.timestamp_ms,
			round: latest.round,
			fresh,
		})
	}

	/// Whether `who` has the reporter stake bonded: what admission by stake needs, and keeps
	/// needing.
	pub(crate) fn has_reporter_stake(who: &T::AccountId) -> bool {
		T::Stakes::active_stake(who) >= Rules::<T>::get().reporter_stake
	}

	/// Whether `who` is a reporter.
	pub fn is_reporter(who: &T::AccountId) -> bool {
		ReporterInfo::<T>::contains_key(who)
	}

	pub(crate) fn now_ms() -> u64 {
		u64::try_from(T::Clock::now().as_millis()).unwrap_or(u64::MAX)
	}

	pub(crate) fn ensure_may_report(reporter: &T::AccountId) -> DispatchResult {
		let record = ReporterInfo::<T>::get(reporter).ok_or(Error::<T>::NotReporter)?;
		if record.admission == Admission::Stake {
			frame_support::ensure!(
				Self::has_reporter_stake(reporter),
				Error::<T>::InsufficientStake
			);
		}
		Ok(())
	}

	pub(crate) fn ensure_valid(config: &FeedConfigOf<T>) -> DispatchResult {
		let shortest = T::MinRoundInterval::get();
		frame_support::ensure!(
			(MIN_QUORUM..=T::MaxReporters::get()).contains(&config.quorum)
				&& config.min_interval_ms >= shortest
				&& config.collection_window_ms >= shortest
				&& config.expiry_ms > config.collection_window_ms,
			Error::<T>::InvalidFeedConfig
		);
		Ok(())
	}

	pub(crate) fn ensure_valid_rules(rules: &ReporterRulesOf<T>) -> DispatchResult {
		let governance_seats = T::MaxReporters::get().saturating_sub(rules.stake_seats);
		frame_support::ensure!(governance_seats >= MIN_QUORUM, Error::<T>::InvalidRules);
		Ok(())
	}

	/// Drops the round's stale reports and those of accounts that are no longer reporters.
	pub(crate) fn prune(round: &mut RoundOf<T>, config: &FeedConfigOf<T>, now: u64) {
		round.reports.retain(|report| {
			report.at_ms.saturating_add(config.expiry_ms) > now
				&& Self::is_reporter(&report.reporter)
		});
	}

	/// Adds `who` to the reporters.
	pub(crate) fn admit(who: &T::AccountId, admission: Admission) -> DispatchResult {
		frame_support::ensure!(!Self::is_reporter(who), Error::<T>::AlreadyReporter);
		let mut reporters = Reporters::<T>::get();
		let position = reporters.binary_search(who).unwrap_or_else(|position| position);
		reporters
			.try_insert(position, who.clone())
			.map_err(|_| Error::<T>::TooManyReporters)?;
		Reporters::<T>::put(&reporters);
		ReporterInfo::<T>::insert(who, ReporterRecord { admission });
		if admission == Admission::Stake {
			StakeReporters::<T>::mutate(|count| *count = count.saturating_add(1));
		}
		Self::deposit_event(Event::ReporterAdded { reporter: who.clone(), admission });
		Ok(())
	}

	/// Removes `who` from the reporters, and its raw values from `pallet-oracle`.
	pub(crate) fn dismiss(who: &T::AccountId, reason: RemovalReason) -> DispatchResult {
		let record = ReporterInfo::<T>::take(who).ok_or(Error::<T>::NotReporter)?;
		if record.admission == Admission::Stake {
			StakeReporters::<T>::mutate(|count| *count = count.saturating_sub(1));
		}
		let mut reporters = Reporters::<T>::get();
		reporters.retain(|reporter| reporter != who);
		Reporters::<T>::put(&reporters);
		if reason == RemovalReason::Deviation {
			Banned::<T>::insert(who, ());
		}
		<pallet_oracle::Pallet<T> as ChangeMembers<T::AccountId>>::change_members_sorted(
			&[],
			core::slice::from_ref(who),
			&reporters,
		);
		Self::deposit_event(Event::ReporterRemoved { reporter: who.clone(), reason });
		Ok(())
	}
}
