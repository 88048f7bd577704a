//! # Aegis Oracle Pallet
//!
//! Real-time off-chain data on chain (a model's benchmark accuracy, a price), reported by
//! admitted reporters in rounds and combined by median, on top of FRAME's `pallet-oracle`.
//!
//! ## Pallet API
//!
//! - [`Pallet::report`]: a reporter reports values for one or more feeds (free when
//!   accepted, like `pallet-oracle`'s own feeds).
//! - [`Pallet::join_reporters`], [`Pallet::leave_reporters`]: admission by stake, to the
//!   seats governance leaves to it; [`Pallet::remove_unstaked`]: anyone removes a reporter
//!   that lost its stake.
//! - Governance: [`Pallet::add_reporter`], [`Pallet::remove_reporter`],
//!   [`Pallet::create_feed`], [`Pallet::update_feed`], [`Pallet::set_rules`].
//! - [`runtime_api::OracleFeedsApi`]: a feed's value with its timestamp, round and freshness.
//! - An off-chain worker that fetches each feed's configured HTTP JSON source and reports it
//!   with the reporter keys in the node's keystore ([`offchain`]).
//!
//! ## Overview
//!
//! **Rounds.** Each feed has one round at a time, open from `min_interval_ms` after the
//! previous one closed. The round's first report starts its collection window
//! (`collection_window_ms`); reports are accepted until the window ends, one fresh report per
//! reporter (a report older than the feed's `expiry_ms` no longer counts and may be
//! replaced). In the first block after the window ([`Hooks::on_initialize`]) the round is
//! tallied: it closes if it holds `quorum` fresh reports, more than half of them by
//! governance-admitted reporters; otherwise the window lapses and the next report starts
//! another. A closed round's value is the median of all its fresh reports (the upper median
//! for an even count), dated by its oldest report: since most reports are governance
//! reporters', it lies within the range of their values, whatever reporters admitted by
//! stake report. Closing at the window's end, not at the quorum-th report, means the order in
//! which reports land decides nothing.
//!
//! **Judging reports.** Reports are judged against the median of the governance reporters'
//! reports when the round holds at least [`MIN_QUORUM`] of them — a value stake alone cannot
//! move — else against the round's value. Reports within `max_deviation` (or the absolute
//! `tolerance`) are rewarded ([`OnRoundClosed`]) and clear their reporter's strikes. Other
//! reports earn a strike only when judged against the governance median: a reporter is never
//! struck, let alone removed, on a median stake-admitted sybils could have set. A reporter with
//! `max_strikes` consecutive strikes is removed and may not rejoin by stake until governance
//! re-admits it. Strikes survive leaving and rejoining.
//!
//! **Staleness.** A value whose data is older than its feed's `expiry_ms` is reported as
//! stale by the runtime API and is never returned by [`Pallet::fresh_value`], the read other
//! pallets use. (`pallet-oracle`'s own `DataProvider` and view functions return its combined
//! value whatever its age, as upstream does.)
//!
//! **Reporters.** Governance adds reporters, or an account joins with the governance-set
//! reporter stake bonded (and reports only while it keeps it), to one of the `stake_seats`
//! seats governance leaves to stake. The set is bounded by [`Config::MaxReporters`]; at least
//! [`MIN_QUORUM`] seats are always governance's, so stake cannot crowd governance out.
//!
//! ## Low Level
//!
//! `pallet-oracle` keeps each reporter's raw values ([`pallet_oracle::RawValues`]) and the
//! combined value ([`pallet_oracle::Values`]); its members are this pallet's reporters
//! ([`SortedMembers`]); this pallet writes its combined value when a round closes, and its
//! own combination ([`ValuesAtClose`]) never does. Reports reach it through [`DataFeeder`],
//! never through its own `feed_values` call, which the runtime filters out: reports must go
//! through the rounds.
//!
//! Each call checks its origin and hands over: `rounds.rs` (reports entering rounds, the
//! tally of ended windows, closing a round on its median), `functions.rs` (reads for other
//! pallets and clients, the checks calls share, admitting and dismissing reporters),
//! `impl_pallet_oracle.rs` (what `pallet-oracle` asks of this pallet), `offchain.rs` (the
//! reporting worker), `try_state.rs` (the invariants).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod crypto;
mod functions;
mod impl_pallet_oracle;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod offchain;
mod rounds;
pub mod runtime_api;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
pub mod weights;

pub use impl_pallet_oracle::ValuesAtClose;
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

const LOG_TARGET: &str = "runtime::oracle";

/// The fewest reports a round may close on, and the fewest governance reporters' reports a
/// round needs before reports are struck against their median: with three, one reporter —
/// or one compromised governance key — never decides alone.
pub const MIN_QUORUM: u32 = 3;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

		/// The shortest `min_interval_ms` and `collection_window_ms` a feed may have: the
		/// block time, so that a round collects reports for at least a block and a feed closes
		/// at most one round per block.
		#[pallet::constant]
		type MinRoundInterval: Get<u64>;

		/// The most rounds tallied in one block; rounds whose window ended wait for the next
		/// block beyond it. Bounds the hook's weight.
		#[pallet::constant]
		type MaxTalliesPerBlock: Get<u32>;

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
	// Twox64Concat: feed ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageMap<_, Twox64Concat, FeedId, RoundOf<T>, ValueQuery>;

	/// The running collection windows: when each ends, and its feed, in that order. One entry
	/// per round whose `closes_at_ms` is set; read every block, so it is one small value.
	#[pallet::storage]
	pub type Windows<T: Config> =
		StorageValue<_, BoundedVec<(u64, FeedId), T::MaxFeeds>, ValueQuery>;

	/// Each feed's value: the median of its last closed round.
	// Twox64Concat: feed ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type Latest<T: Config> = StorageMap<_, Twox64Concat, FeedId, FeedValue, OptionQuery>;

	/// The reporters, sorted (`pallet-oracle`'s members).
	#[pallet::storage]
	pub type Reporters<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxReporters>, ValueQuery>;

	/// What the chain keeps about each reporter.
	// Blake2_128Concat: account ids are chosen by their owners (e.g. vanity keys), so the map's
	// keys must be hashed with a cryptographic hasher to keep the trie balanced.
	#[pallet::storage]
	pub type ReporterInfo<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ReporterRecord, OptionQuery>;

	/// Consecutive closed rounds in which each account's report deviated too far. Kept when a
	/// reporter leaves, so that leaving and rejoining does not clear them.
	// Blake2_128Concat: account ids are chosen by their owners (e.g. vanity keys), so the map's
	// keys must be hashed with a cryptographic hasher to keep the trie balanced.
	#[pallet::storage]
	pub type Strikes<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many reporters were admitted by stake: at most the rules' `stake_seats` when they
	/// joined.
	#[pallet::storage]
	pub type StakeReporters<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Accounts removed for deviating, which may not rejoin by stake.
	// Blake2_128Concat: account ids are chosen by their owners (e.g. vanity keys), so the map's
	// keys must be hashed with a cryptographic hasher to keep the trie balanced.
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
			Pallet::<T>::ensure_valid_rules(&self.rules)
				.expect("genesis: the reporter rules leave governance its seats");
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
			/// The governance reporters' median the reports were judged against (and struck
			/// on), when the round held at least [`MIN_QUORUM`] of their reports.
			reference: Option<OracleValue>,
		},
		/// A round's collection window ended without a quorum of fresh reports, or without a
		/// majority of governance reporters among them: the round stays open, and its next
		/// report starts another window.
		WindowLapsed {
			/// The feed.
			feed: FeedId,
			/// The round.
			round: u32,
			/// The fresh reports it held.
			reports: u32,
		},
		/// A report deviated from the governance reporters' median by more than the feed
		/// allows.
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
		/// Every seat governance leaves to reporters admitted by stake is taken.
		NoStakeSeat,
		/// The rules would leave governance fewer than [`MIN_QUORUM`] seats.
		InvalidRules,
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
		/// A feed needs a quorum between [`MIN_QUORUM`] and the most reporters, an interval and
		/// a collection window of at least [`Config::MinRoundInterval`], and an expiry longer
		/// than the window.
		InvalidFeedConfig,
		/// No value of the report was for an open round: each feed's next round opens later
		/// (its minimum interval since the last close), or its collection window has ended.
		RoundNotOpen,
		/// The reporter was admitted by governance: only governance removes it.
		AdmittedByGovernance,
		/// The reporter still has the reporter stake.
		StakeStillBonded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Tallies the rounds whose collection window ended by the previous block's time (the
		/// time the chain knows before this block's timestamp is set): at most
		/// [`Config::MaxTalliesPerBlock`], earliest first.
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			Self::tally_ended_windows()
		}

		fn offchain_worker(block: BlockNumberFor<T>) {
			offchain::run::<T>(block);
		}

		fn integrity_test() {
			assert!(T::MaxReporters::get() >= MIN_QUORUM, "feeds need a quorum of reporters");
			assert!(T::MinRoundInterval::get() > 0, "rounds last at least a block");
			assert!(T::MaxTalliesPerBlock::get() > 0, "rounds must close");
			assert!(T::MaxValuesPerReport::get() > 0, "reports carry values");
			assert!(
				T::MaxValuesPerReport::get() <= T::MaxFeeds::get(),
				"a report names each feed at most once"
			);
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
		/// Reports `values` for their feeds' open rounds; a round's first report starts its
		/// collection window. Values for rounds that do not take reports now (not open yet, or
		/// window ended) are skipped, so that a report racing a round's close still counts for
		/// its other feeds. Free when a value was accepted.
		///
		/// ## Dispatch Origin
		/// Signed: a reporter (one admitted by stake must still have the reporter stake).
		///
		/// ## Errors
		/// [`Error::NotReporter`], [`Error::InsufficientStake`], [`Error::NoValues`],
		/// [`Error::DuplicateFeed`], [`Error::UnknownFeed`], [`Error::AlreadyReported`],
		/// [`Error::RoundNotOpen`] (no value was accepted).
		///
		/// ## Events
		/// `oracleFeeds.NewFeedData` for each accepted value.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::report(values.len() as u32))]
		pub fn report(
			origin: OriginFor<T>,
			values: BoundedVec<(FeedId, OracleValue), T::MaxValuesPerReport>,
		) -> DispatchResultWithPostInfo {
			let reporter = ensure_signed(origin)?;
			Self::do_report(reporter, &values)?;
			Ok(Pays::No.into())
		}

		/// Joins the reporters with the reporter stake bonded.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Errors
		/// [`Error::StakeAdmissionClosed`], [`Error::Banned`], [`Error::InsufficientStake`],
		/// [`Error::AlreadyReporter`], [`Error::NoStakeSeat`], [`Error::TooManyReporters`].
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
			ensure!(!Self::is_reporter(&who), Error::<T>::AlreadyReporter);
			ensure!(StakeReporters::<T>::get() < rules.stake_seats, Error::<T>::NoStakeSeat);
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
				Rounds::<T>::mutate(feed, |round| {
					round.reports.clear();
					round.closes_at_ms = None;
				});
				Windows::<T>::mutate(|windows| windows.retain(|(_, other)| *other != feed));
				Latest::<T>::remove(feed);
				pallet_oracle::Values::<T>::remove(feed);
			}
			Feeds::<T>::insert(feed, config);
			Self::deposit_event(Event::FeedUpdated { feed });
			Ok(())
		}

		/// Sets the reporter rules. Reporters admitted by stake who no longer have it stay
		/// reporters but cannot report until they do; fewer stake seats than stake reporters
		/// remove nobody, but admit nobody by stake until enough have left.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::InvalidRules`].
		///
		/// ## Events
		/// [`Event::RulesSet`].
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::set_rules())]
		pub fn set_rules(origin: OriginFor<T>, rules: ReporterRulesOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::ensure_valid_rules(&rules)?;
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
