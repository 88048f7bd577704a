//! Storage migrations of the oracle pallet.

/// Version 0 → 1: rounds close at the end of a collection window, and reporters admitted by
/// stake have their own, limited seats.
///
/// - Every feed gets a collection window of [`MIGRATED_WINDOW_BLOCKS`] blocks; its quorum is
///   raised to at least [`MIN_QUORUM`](crate::MIN_QUORUM) (and at most `MaxReporters`), its
///   minimum interval to at least a block, and its expiry above the window.
/// - A round holding reports starts its window now, so that the reports it holds are tallied
///   a window later; an empty one waits for its first report.
/// - The rules get `StakeSeats` seats for stake (at most what leaves governance
///   [`MIN_QUORUM`](crate::MIN_QUORUM)); reporters already admitted by stake keep theirs
///   even beyond it. [`StakeReporters`](crate::StakeReporters) counts them.
pub mod v1 {
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};
	use sp_runtime::Perbill;

	use crate::{
		Admission, BalanceOf, Config, FeedConfig, FeedId, Feeds, Pallet, Report, ReporterInfo,
		ReporterRules, Round, Rounds, Rules, StakeReporters, Windows, MIN_QUORUM,
	};

	/// The collection window migrated feeds get, in blocks: every reporter's off-chain
	/// worker has a few blocks to land its report.
	pub const MIGRATED_WINDOW_BLOCKS: u64 = 3;

	/// The records as version 0 stored them.
	pub(crate) mod v0 {
		use super::*;

		#[derive(Decode, Encode)]
		pub struct FeedConfig<MaxNameLen: Get<u32>> {
			pub name: BoundedVec<u8, MaxNameLen>,
			pub decimals: u8,
			pub quorum: u32,
			pub expiry_ms: u64,
			pub min_interval_ms: u64,
			pub max_deviation: Perbill,
			pub tolerance: u128,
		}

		#[derive(Decode, Encode)]
		pub struct Round<AccountId, MaxReporters: Get<u32>> {
			pub number: u32,
			pub opens_at_ms: u64,
			pub reports: BoundedVec<Report<AccountId>, MaxReporters>,
		}

		#[derive(Decode, Encode)]
		pub struct ReporterRules<Balance> {
			pub reporter_stake: Balance,
			pub max_strikes: u32,
		}
	}

	/// Migrates version 0's feeds, rounds and rules; run only through [`WindowedRounds`].
	pub struct UncheckedWindowedRounds<T, StakeSeats>(core::marker::PhantomData<(T, StakeSeats)>);

	impl<T: Config, StakeSeats: Get<u32>> UncheckedOnRuntimeUpgrade
		for UncheckedWindowedRounds<T, StakeSeats>
	{
		fn on_runtime_upgrade() -> Weight {
			let block = T::MinRoundInterval::get();
			let window = block.saturating_mul(MIGRATED_WINDOW_BLOCKS);
			let max_reporters = T::MaxReporters::get();
			let mut feeds = 0u64;
			Feeds::<T>::translate::<v0::FeedConfig<T::MaxNameLen>, _>(|_, old| {
				feeds = feeds.saturating_add(1);
				Some(FeedConfig {
					name: old.name,
					decimals: old.decimals,
					quorum: old.quorum.clamp(MIN_QUORUM, max_reporters),
					expiry_ms: old.expiry_ms.max(window.saturating_add(block)),
					min_interval_ms: old.min_interval_ms.max(block),
					collection_window_ms: window,
					max_deviation: old.max_deviation,
					tolerance: old.tolerance,
				})
			});

			let now = Pallet::<T>::now_ms();
			let ends_at = now.saturating_add(window);
			let mut rounds = 0u64;
			let mut windows: Vec<(u64, FeedId)> = Vec::new();
			Rounds::<T>::translate::<v0::Round<T::AccountId, T::MaxReporters>, _>(|feed, old| {
				rounds = rounds.saturating_add(1);
				let closes_at_ms = (!old.reports.is_empty()).then_some(ends_at);
				if closes_at_ms.is_some() {
					windows.push((ends_at, feed));
				}
				Some(Round {
					number: old.number,
					opens_at_ms: old.opens_at_ms,
					closes_at_ms,
					reports: old.reports,
				})
			});
			windows.sort_unstable();
			// One round per feed, and at most `MaxFeeds` feeds: nothing is cut.
			Windows::<T>::put(BoundedVec::truncate_from(windows));

			let stake_seats = StakeSeats::get().min(max_reporters.saturating_sub(MIN_QUORUM));
			let _ = Rules::<T>::translate::<v0::ReporterRules<BalanceOf<T>>, _>(|old| {
				old.map(|old| ReporterRules {
					reporter_stake: old.reporter_stake,
					max_strikes: old.max_strikes,
					stake_seats,
				})
			});
			let mut records = 0u64;
			let by_stake = ReporterInfo::<T>::iter_values()
				.inspect(|_| records = records.saturating_add(1))
				.filter(|record| record.admission == Admission::Stake)
				.count();
			StakeReporters::<T>::put(u32::try_from(by_stake).unwrap_or(u32::MAX));

			let reads = feeds.saturating_add(rounds).saturating_add(records).saturating_add(2);
			let writes = feeds.saturating_add(rounds).saturating_add(3);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 → 1 of the oracle's storage (see the module documentation).
	pub type WindowedRounds<T, StakeSeats> = VersionedMigration<
		0,
		1,
		UncheckedWindowedRounds<T, StakeSeats>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
