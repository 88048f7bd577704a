//! # Aegis Oracle Pallet
//!
//! Real-time off-chain data on chain (a model's benchmark accuracy, a price), reported by
//! admitted reporters in rounds and combined by median, on top of FRAME's `pallet-oracle`.
//!
//! ## Pallet API
//!
//! - [`Pallet::report`]: a reporter reports values for one or more feeds (free when
//!   accepted, like `pallet-oracle`'s own feeds).
//! - [`Pallet::join_reporters`], [`Pallet::leave_reporters`]: admission by stake;
//!   [`Pallet::remove_unstaked`]: anyone removes a reporter that lost its stake.
//! - Governance: [`Pallet::add_reporter`], [`Pallet::remove_reporter`],
//!   [`Pallet::create_feed`], [`Pallet::update_feed`], [`Pallet::set_rules`].
//! - [`runtime_api::OracleFeedsApi`]: a feed's value with its timestamp, round and freshness.
//! - An off-chain worker that fetches each feed's configured HTTP JSON source and reports it
//!   with the reporter keys in the node's keystore ([`offchain`]).
//!
//! ## Overview
//!
//! **Rounds.** Each feed has one round at a time, open from `min_interval_ms` after the
//! previous one closed. A reporter has at most one fresh report in a round; a report older
//! than the feed's `expiry_ms` no longer counts (and may be replaced). When a round holds
//! `quorum` fresh reports it closes: its value is their median (the upper median for an even
//! count), dated by its oldest report. Reporters within `max_deviation` (or the absolute
//! `tolerance`) of the median are rewarded ([`OnRoundClosed`]); the others get a strike, and a
//! reporter with `max_strikes` consecutive strikes is removed and may not rejoin by stake
//! until governance re-admits it. Strikes survive leaving and rejoining.
//!
//! **Staleness.** A value whose data is older than its feed's `expiry_ms` is reported as
//! stale by the runtime API and is never returned by [`Pallet::fresh_value`], the read other
//! pallets use. (`pallet-oracle`'s own `DataProvider` and view functions return its combined
//! value whatever its age, as upstream does.)
//!
//! **Reporters.** Governance adds reporters, or an account joins with the governance-set
//! reporter stake bonded (and reports only while it keeps it). The set is bounded by
//! [`Config::MaxReporters`].
//!
//! ## Low Level
//!
//! `pallet-oracle` keeps each reporter's raw values ([`pallet_oracle::RawValues`]) and the
//! combined value ([`pallet_oracle::Values`]); its members are this pallet's reporters
//! ([`SortedMembers`]) and its combination is [`RoundMedian`], the median of the open round
//! once it has a quorum. Reports reach it through [`DataFeeder`], never through its own
//! `feed_values` call, which the runtime filters out: reports must go through the rounds.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod offchain;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use aegis_primitives::{incentives::OnRoundClosed, staking::ActiveStake};
use alloc::vec::Vec;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo, Pays},
	traits::{fungible::Inspect, ChangeMembers, Get, SortedMembers, Time, UnixTime},
	weights::Weight,
	BoundedVec,
};
use frame_system::offchain::{AppCrypto, CreateSignedTransaction};
use pallet_oracle::{CombineData, DataFeeder, TimestampedValue};
use sp_runtime::{traits::Zero, Perbill};

/// The balance type of reporter stakes.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A feed's configuration in the runtime.
pub type FeedConfigOf<T> = FeedConfig<<T as Config>::MaxNameLen>;
/// An open round in the runtime.
pub type RoundOf<T> = Round<<T as frame_system::Config>::AccountId, <T as Config>::MaxReporters>;
/// The reporter rules in the runtime.
pub type ReporterRulesOf<T> = ReporterRules<BalanceOf<T>>;
/// `pallet-oracle`'s timestamped value in the runtime.
pub type TimestampedValueOf<T> =
	TimestampedValue<OracleValue, <<T as pallet_oracle::Config>::Time as Time>::Moment>;

const LOG_TARGET: &str = "runtime::oracle";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_oracle::Config<OracleKey = FeedId, OracleValue = OracleValue>
		+ CreateSignedTransaction<Call<Self>>
	{
		/// The reporter key the off-chain worker signs reports with.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;

		/// The currency stakes are counted in.
		type Currency: Inspect<Self::AccountId>;

		/// Active bonded stake, for admission by stake.
		type Stakes: ActiveStake<Self::AccountId, BalanceOf<Self>>;

		/// The time reports and values are stamped with.
		type Clock: UnixTime;

		/// Told which reporters made each closed round's value (the incentives reward them).
		type OnRoundClosed: OnRoundClosed<Self::AccountId>;

		/// Manages feeds, reporters and rules.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most feeds.
		#[pallet::constant]
		type MaxFeeds: Get<u32>;

		/// The most reporters (and so the most reports in a round).
		#[pallet::constant]
		type MaxReporters: Get<u32>;

		/// The longest feed name.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The most values one report carries.
		#[pallet::constant]
		type MaxValuesPerReport: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The next feed's id.
	#[pallet::storage]
	pub type NextFeedId<T: Config> = StorageValue<_, FeedId, ValueQuery>;

	/// The feeds and how they are combined.
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type Feeds<T: Config> =
		CountedStorageMap<_, Twox64Concat, FeedId, FeedConfigOf<T>, OptionQuery>;

	/// Each feed's open round.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageMap<_, Twox64Concat, FeedId, RoundOf<T>, ValueQuery>;

	/// Each feed's value: the median of its last closed round.
	#[pallet::storage]
	pub type Latest<T: Config> = StorageMap<_, Twox64Concat, FeedId, FeedValue, OptionQuery>;

	/// The reporters, sorted (`pallet-oracle`'s members).
	#[pallet::storage]
	pub type Reporters<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxReporters>, ValueQuery>;

	/// What the chain keeps about each reporter.
	#[pallet::storage]
	pub type ReporterInfo<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ReporterRecord, OptionQuery>;

	/// Consecutive closed rounds in which each account's report deviated too far. Kept when a
	/// reporter leaves, so that leaving and rejoining does not clear them.
	#[pallet::storage]
	pub type Strikes<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Accounts removed for deviating, which may not rejoin by stake.
	#[pallet::storage]
	pub type Banned<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// The rules for reporters.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageValue<_, ReporterRulesOf<T>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial rules.
		pub rules: ReporterRulesOf<T>,
		/// Reporters admitted by governance at genesis.
		pub reporters: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Rules::<T>::put(self.rules.clone());
			for reporter in &self.reporters {
				Pallet::<T>::admit(reporter, Admission::Governance)
					.expect("genesis: the reporters fit MaxReporters and are distinct");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance created a feed.
		FeedCreated {
			/// The new feed.
			feed: FeedId,
		},
		/// Governance changed a feed's configuration.
		FeedUpdated {
			/// The feed.
			feed: FeedId,
		},
		/// A round closed with the median of its fresh reports.
		RoundClosed {
			/// The feed.
			feed: FeedId,
			/// The round.
			round: u32,
			/// The feed's new value.
			value: OracleValue,
			/// How many reports it was taken over.
			reports: u32,
		},
		/// A report deviated from its round's median by more than the feed allows.
		ReportDeviated {
			/// The feed.
			feed: FeedId,
			/// The round.
			round: u32,
			/// The reporter.
			reporter: T::AccountId,
			/// Its consecutive strikes now.
			strikes: u32,
		},
		/// An account became a reporter.
		ReporterAdded {
			/// The reporter.
			reporter: T::AccountId,
			/// How.
			admission: Admission,
		},
		/// An account stopped being a reporter.
		ReporterRemoved {
			/// The former reporter.
			reporter: T::AccountId,
			/// Why.
			reason: RemovalReason,
		},
		/// Governance set the reporter rules.
		RulesSet {
			/// The new rules.
			rules: ReporterRulesOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a reporter.
		NotReporter,
		/// The account is a reporter already.
		AlreadyReporter,
		/// The reporter set is full.
		TooManyReporters,
		/// The account has less active bonded stake than the reporter stake.
		InsufficientStake,
		/// Admission by stake is closed (the reporter stake is zero).
		StakeAdmissionClosed,
		/// The account was removed for deviating; only governance can re-admit it.
		Banned,
		/// No feed has this id.
		UnknownFeed,
		/// There are as many feeds as there may be.
		TooManyFeeds,
		/// The caller already reported in this feed's open round.
		AlreadyReported,
		/// A report names the same feed twice.
		DuplicateFeed,
		/// A report carries no values.
		NoValues,
		/// A feed needs a quorum between 1 and the most reporters, and an expiry.
		InvalidFeedConfig,
		/// The feed's next round opens later (its minimum interval since the last close).
		RoundNotOpen,
		/// The reporter was admitted by governance: only governance removes it.
		AdmittedByGovernance,
		/// The reporter still has the reporter stake.
		StakeStillBonded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn offchain_worker(block: BlockNumberFor<T>) {
			offchain::run::<T>(block);
		}

		fn integrity_test() {
			assert!(T::MaxReporters::get() > 0, "feeds need reporters");
			assert!(T::MaxValuesPerReport::get() > 0, "reports carry values");
			assert!(
				<T as pallet_oracle::Config>::MaxHasDispatchedSize::get() >= T::MaxReporters::get(),
				"pallet-oracle must admit every reporter in a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Reports `values` for their feeds' open rounds; each round that reaches its quorum
		/// closes. Free when accepted.
		///
		/// ## Dispatch Origin
		/// Signed: a reporter (one admitted by stake must still have the reporter stake).
		///
		/// ## Errors
		/// [`Error::NotReporter`], [`Error::InsufficientStake`], [`Error::NoValues`],
		/// [`Error::DuplicateFeed`], [`Error::UnknownFeed`], [`Error::AlreadyReported`].
		///
		/// ## Events
		/// `oracleFeeds.NewFeedData` for each value; [`Event::RoundClosed`] and
		/// [`Event::ReportDeviated`] / [`Event::ReporterRemoved`] for each round closed.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::report_weight(values.len() as u32))]
		pub fn report(
			origin: OriginFor<T>,
			values: BoundedVec<(FeedId, OracleValue), T::MaxValuesPerReport>,
		) -> DispatchResultWithPostInfo {
			let reporter = ensure_signed(origin)?;
			Self::ensure_may_report(&reporter)?;
			ensure!(!values.is_empty(), Error::<T>::NoValues);
			let now = Self::now_ms();
			let mut accepted = Vec::with_capacity(values.len());
			for (index, (feed, value)) in values.iter().enumerate() {
				let earlier = values.get(..index).unwrap_or_default();
				ensure!(earlier.iter().all(|(other, _)| other != feed), Error::<T>::DuplicateFeed);
				let config = Feeds::<T>::get(feed).ok_or(Error::<T>::UnknownFeed)?;
				let mut round = Rounds::<T>::get(feed);
				ensure!(now >= round.opens_at_ms, Error::<T>::RoundNotOpen);
				Self::prune(&mut round, &config, now);
				ensure!(
					!round.reports.iter().any(|report| report.reporter == reporter),
					Error::<T>::AlreadyReported
				);
				accepted.push((*feed, *value, config, round));
			}

			// Every value is recorded before any round closes: closing one may remove the
			// reporter, whose other values were valid reports all the same.
			let mut closing = Vec::new();
			for (feed, value, config, mut round) in accepted {
				round
					.reports
					.try_push(Report { reporter: reporter.clone(), value, at_ms: now })
					.map_err(|_| Error::<T>::TooManyReporters)?;
				Rounds::<T>::insert(feed, &round);
				pallet_oracle::Pallet::<T>::feed_value(Some(reporter.clone()), feed, value)?;
				if round.reports.len() as u32 >= config.quorum {
					closing.push((feed, config, round));
				}
			}
			for (feed, config, round) in closing {
				Self::close_round(feed, &config, round, now);
			}
			Ok(Pays::No.into())
		}

		/// Joins the reporters with the reporter stake bonded.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Errors
		/// [`Error::StakeAdmissionClosed`], [`Error::Banned`], [`Error::InsufficientStake`],
		/// [`Error::AlreadyReporter`], [`Error::TooManyReporters`].
		///
		/// ## Events
		/// [`Event::ReporterAdded`].
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::join_reporters())]
		pub fn join_reporters(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let rules = Rules::<T>::get();
			ensure!(!rules.reporter_stake.is_zero(), Error::<T>::StakeAdmissionClosed);
			ensure!(!Banned::<T>::contains_key(&who), Error::<T>::Banned);
			ensure!(Self::has_reporter_stake(&who), Error::<T>::InsufficientStake);
			Self::admit(&who, Admission::Stake)
		}

		/// Leaves the reporters.
		///
		/// ## Dispatch Origin
		/// Signed: a reporter.
		///
		/// ## Errors
		/// [`Error::NotReporter`].
		///
		/// ## Events
		/// [`Event::ReporterRemoved`].
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::leave_reporters())]
		pub fn leave_reporters(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::dismiss(&who, RemovalReason::Left)
		}

		/// Adds a reporter, lifting a ban and clearing its strikes.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::AlreadyReporter`], [`Error::TooManyReporters`].
		///
		/// ## Events
		/// [`Event::ReporterAdded`].
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::add_reporter())]
		pub fn add_reporter(origin: OriginFor<T>, reporter: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::admit(&reporter, Admission::Governance)?;
			Banned::<T>::remove(&reporter);
			Strikes::<T>::remove(&reporter);
			Ok(())
		}

		/// Removes a reporter.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::NotReporter`].
		///
		/// ## Events
		/// [`Event::ReporterRemoved`].
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_reporter())]
		pub fn remove_reporter(origin: OriginFor<T>, reporter: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::dismiss(&reporter, RemovalReason::Governance)
		}

		/// Creates a feed.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::InvalidFeedConfig`], [`Error::TooManyFeeds`].
		///
		/// ## Events
		/// [`Event::FeedCreated`].
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::create_feed())]
		pub fn create_feed(origin: OriginFor<T>, config: FeedConfigOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::ensure_valid(&config)?;
			ensure!(Feeds::<T>::count() < T::MaxFeeds::get(), Error::<T>::TooManyFeeds);
			let feed = NextFeedId::<T>::get();
			let next = feed.checked_add(1).ok_or(sp_runtime::ArithmeticError::Overflow)?;
			Feeds::<T>::insert(feed, config);
			NextFeedId::<T>::put(next);
			Self::deposit_event(Event::FeedCreated { feed });
			Ok(())
		}

		/// Changes a feed's configuration. Its open round and value are kept, unless the
		/// decimals change: then both are dropped, being in the old scale.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::UnknownFeed`], [`Error::InvalidFeedConfig`].
		///
		/// ## Events
		/// [`Event::FeedUpdated`].
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::update_feed())]
		pub fn update_feed(
			origin: OriginFor<T>,
			feed: FeedId,
			config: FeedConfigOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let previous = Feeds::<T>::get(feed).ok_or(Error::<T>::UnknownFeed)?;
			Self::ensure_valid(&config)?;
			if previous.decimals != config.decimals {
				// Reports and the value are in the old scale: start over.
				Rounds::<T>::mutate(feed, |round| round.reports.clear());
				Latest::<T>::remove(feed);
				pallet_oracle::Values::<T>::remove(feed);
			}
			Feeds::<T>::insert(feed, config);
			Self::deposit_event(Event::FeedUpdated { feed });
			Ok(())
		}

		/// Sets the reporter rules. Reporters admitted by stake who no longer have it stay
		/// reporters but cannot report until they do.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Events
		/// [`Event::RulesSet`].
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::set_rules())]
		pub fn set_rules(origin: OriginFor<T>, rules: ReporterRulesOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Rules::<T>::put(rules.clone());
			Self::deposit_event(Event::RulesSet { rules });
			Ok(())
		}

		/// Removes a reporter that joined by stake and no longer has the reporter stake, so
		/// that its slot is free for others.
		///
		/// ## Dispatch Origin
		/// Signed: anyone.
		///
		/// ## Errors
		/// [`Error::NotReporter`], [`Error::AdmittedByGovernance`],
		/// [`Error::StakeStillBonded`].
		///
		/// ## Events
		/// [`Event::ReporterRemoved`].
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_unstaked())]
		pub fn remove_unstaked(origin: OriginFor<T>, reporter: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			let record = ReporterInfo::<T>::get(&reporter).ok_or(Error::<T>::NotReporter)?;
			ensure!(record.admission == Admission::Stake, Error::<T>::AdmittedByGovernance);
			ensure!(!Self::has_reporter_stake(&reporter), Error::<T>::StakeStillBonded);
			Self::dismiss(&reporter, RemovalReason::StakeLost)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The weight of a report of `values` values, each closing a full round.
	pub fn report_weight(values: u32) -> Weight {
		let rewards = T::OnRoundClosed::weight(T::MaxReporters::get());
		<T as Config>::WeightInfo::report(values)
			.saturating_add(rewards.saturating_mul(values.into()))
	}

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
	fn has_reporter_stake(who: &T::AccountId) -> bool {
		T::Stakes::active_stake(who) >= Rules::<T>::get().reporter_stake
	}

	/// Whether `who` is a reporter.
	pub fn is_reporter(who: &T::AccountId) -> bool {
		ReporterInfo::<T>::contains_key(who)
	}

	pub(crate) fn now_ms() -> u64 {
		u64::try_from(T::Clock::now().as_millis()).unwrap_or(u64::MAX)
	}

	fn ensure_may_report(reporter: &T::AccountId) -> DispatchResult {
		let record = ReporterInfo::<T>::get(reporter).ok_or(Error::<T>::NotReporter)?;
		if record.admission == Admission::Stake {
			frame_support::ensure!(
				Self::has_reporter_stake(reporter),
				Error::<T>::InsufficientStake
			);
		}
		Ok(())
	}

	fn ensure_valid(config: &FeedConfigOf<T>) -> DispatchResult {
		frame_support::ensure!(
			config.quorum >= 1 && config.quorum <= T::MaxReporters::get() && config.expiry_ms > 0,
			Error::<T>::InvalidFeedConfig
		);
		Ok(())
	}

	/// Drops the round's stale reports and those of accounts that are no longer reporters.
	fn prune(round: &mut RoundOf<T>, config: &FeedConfigOf<T>, now: u64) {
		round.reports.retain(|report| {
			report.at_ms.saturating_add(config.expiry_ms) > now
				&& Self::is_reporter(&report.reporter)
		});
	}

	/// The median of the round's fresh reports and the time of the oldest, if they reach the
	/// quorum.
	fn round_median(
		round: &RoundOf<T>,
		config: &FeedConfigOf<T>,
		now: u64,
	) -> Option<(OracleValue, u64)> {
		let fresh: Vec<&Report<T::AccountId>> = round
			.reports
			.iter()
			.filter(|report| report.at_ms.saturating_add(config.expiry_ms) > now)
			.collect();
		if (fresh.len() as u32) < config.quorum {
			return None;
		}
		let oldest = fresh.iter().map(|report| report.at_ms).min()?;
		let median = pallet_oracle::traits::median(fresh.iter().map(|r| r.value).collect())?;
		Some((median, oldest))
	}

	/// Closes `round` of `feed`: records its median, strikes or rewards its reporters, and
	/// opens the next round.
	fn close_round(feed: FeedId, config: &FeedConfigOf<T>, round: RoundOf<T>, now: u64) {
		let Some((value, oldest)) = Self::round_median(&round, config, now) else {
			return;
		};
		let rules = Rules::<T>::get();
		let mut rewarded = Vec::with_capacity(round.reports.len());
		for report in &round.reports {
			if !Self::is_reporter(&report.reporter) {
				continue;
			}
			let distance = report.value.abs_diff(value);
			let scale = value.unsigned_abs().max(1);
			let deviated = distance > config.tolerance
				&& Perbill::from_rational(distance, scale) > config.max_deviation;
			if !deviated {
				if Strikes::<T>::contains_key(&report.reporter) {
					Strikes::<T>::remove(&report.reporter);
				}
				rewarded.push(report.reporter.clone());
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
				if let Err(error) = Self::dismiss(&report.reporter, RemovalReason::Deviation) {
					log::warn!(target: LOG_TARGET, "removing a deviating reporter failed: {error:?}");
				}
			}
		}
		Latest::<T>::insert(feed, FeedValue { value, timestamp_ms: oldest, round: round.number });
		Rounds::<T>::insert(
			feed,
			RoundOf::<T> {
				number: round.number.saturating_add(1),
				opens_at_ms: now.saturating_add(config.min_interval_ms),
				reports: BoundedVec::new(),
			},
		);
		Self::deposit_event(Event::RoundClosed {
			feed,
			round: round.number,
			value,
			reports: round.reports.len() as u32,
		});
		T::OnRoundClosed::on_round_closed(&rewarded);
	}

	/// Adds `who` to the reporters.
	fn admit(who: &T::AccountId, admission: Admission) -> DispatchResult {
		frame_support::ensure!(!Self::is_reporter(who), Error::<T>::AlreadyReporter);
		let mut reporters = Reporters::<T>::get();
		let position = reporters.binary_search(who).unwrap_or_else(|position| position);
		reporters
			.try_insert(position, who.clone())
			.map_err(|_| Error::<T>::TooManyReporters)?;
		Reporters::<T>::put(&reporters);
		ReporterInfo::<T>::insert(who, ReporterRecord { admission });
		Self::deposit_event(Event::ReporterAdded { reporter: who.clone(), admission });
		Ok(())
	}

	/// Removes `who` from the reporters, and its raw values from `pallet-oracle`.
	fn dismiss(who: &T::AccountId, reason: RemovalReason) -> DispatchResult {
		ReporterInfo::<T>::take(who).ok_or(Error::<T>::NotReporter)?;
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

	/// The pallet's invariants:
	/// - the reporter list is sorted, without duplicates, and matches [`ReporterInfo`];
	/// - every round and value belongs to a feed; no round holds two reports of one account
	///   or more than the feed's quorum;
	/// - every feed id is below the next id.
	#[cfg(any(feature = "try-runtime", test))]
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
		let next = NextFeedId::<T>::get();
		if Feeds::<T>::iter_keys().any(|feed| feed >= next) {
			return Err(fail("a feed id is at or above the next id"));
		}
		for (feed, round) in Rounds::<T>::iter() {
			let config = Feeds::<T>::get(feed).ok_or(fail("a round of no feed"))?;
			if round.reports.len() as u32 >= config.quorum.max(1)
				&& Self::round_median(&round, &config, Self::now_ms()).is_some()
			{
				return Err(fail("an open round has a fresh quorum"));
			}
			let reports = round.reports.as_slice();
			for (index, report) in reports.iter().enumerate() {
				let earlier = reports.get(..index).unwrap_or_default();
				if earlier.iter().any(|other| other.reporter == report.reporter) {
					return Err(fail("a round holds two reports of one account"));
				}
			}
		}
		if Latest::<T>::iter_keys().any(|feed| !Feeds::<T>::contains_key(feed)) {
			return Err(fail("a value of no feed"));
		}
		Ok(())
	}
}

/// `pallet-oracle`'s members: the reporters.
impl<T: Config> SortedMembers<T::AccountId> for Pallet<T> {
	fn sorted_members() -> Vec<T::AccountId> {
		Reporters::<T>::get().into_inner()
	}

	fn contains(who: &T::AccountId) -> bool {
		Self::is_reporter(who)
	}

	fn count() -> usize {
		Reporters::<T>::decode_len().unwrap_or(0)
	}
}

/// `pallet-oracle`'s combination: the median of the open round once it has a quorum of fresh
/// reports, else the previous value. [`Pallet::report`] records a report in the round before
/// `pallet-oracle` combines, so both agree on every closed round's value.
pub struct RoundMedian<T>(core::marker::PhantomData<T>);

impl<T: Config> CombineData<FeedId, TimestampedValueOf<T>> for RoundMedian<T> {
	fn combine_data(
		feed: &FeedId,
		_raw_values: Vec<TimestampedValueOf<T>>,
		previous: Option<TimestampedValueOf<T>>,
	) -> Option<TimestampedValueOf<T>> {
		let Some(config) = Feeds::<T>::get(feed) else { return previous };
		let round = Rounds::<T>::get(feed);
		match Pallet::<T>::round_median(&round, &config, Pallet::<T>::now_ms()) {
			Some((value, _)) => Some(TimestampedValue {
				value,
				timestamp: <<T as pallet_oracle::Config>::Time as Time>::now(),
			}),
			None => previous,
		}
	}
}

/// Reporter keys: sr25519 under `aegis_primitives::oracle::ORACLE_KEY_TYPE`.
pub mod crypto {
	use aegis_primitives::oracle::ORACLE_KEY_TYPE;
	use sp_application_crypto::sr25519;
	use sp_runtime::{MultiSignature, MultiSigner};

	sp_application_crypto::app_crypto!(sr25519, ORACLE_KEY_TYPE);

	/// Signs reports with a reporter key from the keystore, for accounts that are sr25519
	/// `MultiSigner`s.
	pub struct ReporterId;

	impl frame_system::offchain::AppCrypto<MultiSigner, MultiSignature> for ReporterId {
		type RuntimeAppPublic = Public;
		type GenericSignature = sp_core::sr25519::Signature;
		type GenericPublic = sp_core::sr25519::Public;
	}
}
