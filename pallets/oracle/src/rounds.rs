//! Rounds: reports entering them, the tally of the rounds whose collection window ended, and
//! closing a round on the median of its reports.

use frame_support::ensure;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The body of [`Pallet::report`]: every value enters its feed's open round, or the
	/// report fails whole.
	pub(crate) fn do_report(
		reporter: T::AccountId,
		values: &[(FeedId, OracleValue)],
	) -> DispatchResult {
		Self::ensure_may_report(&reporter)?;
		ensure!(!values.is_empty(), Error::<T>::NoValues);
		let now = Self::now_ms();
		let mut windows = Windows::<T>::get();
		let mut opened_window = false;
		let mut accepted = Vec::with_capacity(values.len());
		for (index, (feed, value)) in values.iter().enumerate() {
			let earlier = values.get(..index).unwrap_or_default();
			ensure!(earlier.iter().all(|(other, _)| other != feed), Error::<T>::DuplicateFeed);
			let config = Feeds::<T>::get(feed).ok_or(Error::<T>::UnknownFeed)?;
			let mut round = Rounds::<T>::get(feed);
			if !round.takes_reports_at(now) {
				continue;
			}
			Self::prune(&mut round, &config, now);
			ensure!(
				!round.reports.iter().any(|report| report.reporter == reporter),
				Error::<T>::AlreadyReported
			);
			round
				.reports
				.try_push(Report { reporter: reporter.clone(), value: *value, at_ms: now })
				.map_err(|_| Error::<T>::TooManyReporters)?;
			if round.closes_at_ms.is_none() {
				let ends_at = now.saturating_add(config.collection_window_ms);
				round.closes_at_ms = Some(ends_at);
				let position = windows.partition_point(|window| *window <= (ends_at, *feed));
				windows
					.try_insert(position, (ends_at, *feed))
					.map_err(|_| Error::<T>::TooManyFeeds)?;
				opened_window = true;
			}
			accepted.push((*feed, *value, round));
		}
		ensure!(!accepted.is_empty(), Error::<T>::RoundNotOpen);

		if opened_window {
			Windows::<T>::put(windows);
		}
		for (feed, value, round) in accepted {
			Rounds::<T>::insert(feed, &round);
			pallet_oracle::Pallet::<T>::feed_value(Some(reporter.clone()), feed, value)?;
		}
		Ok(())
	}

	/// Tallies the rounds whose collection window has ended, at most
	/// [`Config::MaxTalliesPerBlock`]; returns the weight it used. A block that tallies
	/// nothing is charged `tally_none_ended`, the benchmark of a full [`Windows`] none of
	/// which has ended: the most such a block reads, with its proof size.
	pub(crate) fn tally_ended_windows() -> Weight {
		let idle = <T as Config>::WeightInfo::tally_none_ended();
		let mut windows = Windows::<T>::get();
		if windows.is_empty() {
			return idle;
		}
		let now = Self::now_ms();
		let ended = windows
			.iter()
			.take(T::MaxTalliesPerBlock::get() as usize)
			.take_while(|(ends_at, _)| *ends_at <= now)
			.count();
		if ended == 0 {
			return idle;
		}
		let mut weight = <T as Config>::WeightInfo::tally_rounds(ended as u32);
		let due: Vec<FeedId> = windows.drain(..ended).map(|(_, feed)| feed).collect();
		Windows::<T>::put(windows);
		for feed in due {
			weight.saturating_accrue(Self::tally_round(feed, now));
		}
		weight
	}

	/// Closes `feed`'s round if its reports make a valid tally, else lets its window lapse.
	/// Returns the weight of what [`WeightInfo::tally_rounds`] leaves out: the rewards and the
	/// removals of the closed round.
	pub(crate) fn tally_round(feed: FeedId, now: u64) -> Weight {
		let mut round = Rounds::<T>::get(feed);
		round.closes_at_ms = None;
		let Some(config) = Feeds::<T>::get(feed) else {
			Rounds::<T>::insert(feed, round);
			return Weight::zero();
		};
		Self::prune(&mut round, &config, now);
		let Some(tally) = Self::tally(&round, &config) else {
			let reports = round.reports.len() as u32;
			let number = round.number;
			Rounds::<T>::insert(feed, round);
			Self::deposit_event(Event::WindowLapsed { feed, round: number, reports });
			return Weight::zero();
		};
		let (rewarded, removed) = Self::close_round(feed, &config, round, tally, now);
		T::OnRoundClosed::weight(rewarded).saturating_add(
			<T as Config>::WeightInfo::remove_reporter().saturating_mul(removed.into()),
		)
	}

	/// What a pruned round's reports add up to, if they may close it: at least `quorum` of
	/// them, more than half by governance reporters.
	pub(crate) fn tally(round: &RoundOf<T>, config: &FeedConfigOf<T>) -> Option<Tally> {
		let reports = round.reports.len() as u32;
		if reports < config.quorum {
			return None;
		}
		let governance: Vec<OracleValue> = round
			.reports
			.iter()
			.filter(|report| {
				ReporterInfo::<T>::get(&report.reporter)
					.is_some_and(|record| record.admission == Admission::Governance)
			})
			.map(|report| report.value)
			.collect();
		let governance_reports = governance.len() as u32;
		if governance_reports.saturating_mul(2) <= reports {
			return None;
		}
		let value = pallet_oracle::traits::median(round.reports.iter().map(|r| r.value).collect())?;
		let oldest_ms = round.reports.iter().map(|report| report.at_ms).min()?;
		let reference = if governance_reports >= MIN_QUORUM {
			pallet_oracle::traits::median(governance)
		} else {
			None
		};
		Some(Tally { value, oldest_ms, reference })
	}

	/// Closes `round` of `feed` with `tally`: records its value, judges its reports, and
	/// opens the next round. Returns how many reporters it rewarded and removed.
	pub(crate) fn close_round(
		feed: FeedId,
		config: &FeedConfigOf<T>,
		round: RoundOf<T>,
		tally: Tally,
		now: u64,
	) -> (u32, u32) {
		let rules = Rules::<T>::get();
		let judged_against = tally.reference.unwrap_or(tally.value);
		let mut rewarded = Vec::with_capacity(round.reports.len());
		let mut removed = 0u32;
		for report in &round.reports {
			let distance = report.value.abs_diff(judged_against);
			let scale = judged_against.unsigned_abs().max(1);
			let deviated = distance > config.tolerance
				&& Perbill::from_rational(distance, scale) > config.max_deviation;
			if !deviated {
				if Strikes::<T>::contains_key(&report.reporter) {
					Strikes::<T>::remove(&report.reporter);
				}
				rewarded.push(report.reporter.clone());
				continue;
			}
			if tally.reference.is_none() {
				// Judged against a value stake-admitted reporters helped set: no strike.
				continue;
			}
			let strikes = Strikes::<T>::get(&report.reporter).saturating_add(1);
			Strikes::<T>::insert(&report.reporter, strikes);
			Self::deposit_event(Event::ReportDeviated {
				feed,
				round: round.number,
				reporter: report.reporter.clone(),
				strikes,
			});
			if rules.max_strikes > 0 && strikes >= rules.max_strikes {
				match Self::dismiss(&report.reporter, RemovalReason::Deviation) {
					Ok(()) => removed = removed.saturating_add(1),
					Err(error) => log::warn!(
						target: LOG_TARGET,
						"removing a deviating reporter failed: {error:?}"
					),
				}
			}
		}
		let value = tally.value;
		Latest::<T>::insert(
			feed,
			FeedValue { value, timestamp_ms: tally.oldest_ms, round: round.number },
		);
		pallet_oracle::Values::<T>::insert(
			feed,
			TimestampedValue {
				value,
				timestamp: <<T as pallet_oracle::Config>::Time as Time>::now(),
			},
		);
		Rounds::<T>::insert(
			feed,
			RoundOf::<T> {
				number: round.number.saturating_add(1),
				opens_at_ms: now.saturating_add(config.min_interval_ms),
				closes_at_ms: None,
				reports: BoundedVec::new(),
			},
		);
		Self::deposit_event(Event::RoundClosed {
			feed,
			round: round.number,
			value,
			reports: round.reports.len() as u32,
			reference: tally.reference,
		});
		T::OnRoundClosed::on_round_closed(&rewarded);
		(rewarded.len() as u32, removed)
	}
}
