//! Storage migrations of the incentives pallet.

/// Version 0 → 1: the version-reward cooldown is kept per beneficiary
/// ([`LastVersionReward`](crate::LastVersionReward)) instead of per model. The per-model
/// entries of version 0 (`LastRewardedVersion`) are removed; no account starts in a cooldown.
pub mod v1 {
	use frame_support::{
		migrations::VersionedMigration,
		storage::migration::clear_storage_prefix,
		traits::{Get, PalletInfoAccess, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	use crate::{Config, Pallet};

	/// The most per-model entries removed: one per model that ever earned a reward, far fewer
	/// than a block can delete (each removal is one write).
	const MAX_REMOVED: u32 = 10_000;

	/// Removes version 0's per-model cooldowns; run only through [`PerPublisherCooldown`].
	pub struct UncheckedPerPublisherCooldown<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedPerPublisherCooldown<T> {
		fn on_runtime_upgrade() -> Weight {
			let removed = clear_storage_prefix(
				Pallet::<T>::name().as_bytes(),
				b"LastRewardedVersion",
				b"",
				Some(MAX_REMOVED),
				None,
			);
			T::DbWeight::get().writes(u64::from(removed.backend))
		}

		/// What version 1 promises, and no more: the pallet's invariants (`try_state`) are
		/// those of the last version, and hold only once [`super::v2`] has summed the
		/// records, after this.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let per_model = frame_support::storage::storage_prefix(
				Pallet::<T>::name().as_bytes(),
				b"LastRewardedVersion",
			);
			frame_support::ensure!(
				!frame_support::storage::unhashed::contains_prefixed_key(&per_model),
				"a per-model cooldown of version 0 is left"
			);
			frame_support::ensure!(
				crate::LastVersionReward::<T>::iter_keys().next().is_none(),
				"an account starts in a cooldown"
			);
			Ok(())
		}
	}

	/// Version 0 → 1 of the incentives' storage (see the module documentation).
	pub type PerPublisherCooldown<T> = VersionedMigration<
		0,
		1,
		UncheckedPerPublisherCooldown<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 1 → 2: each model's unclaimed version rewards are summed in
/// [`ModelUnclaimed`](crate::ModelUnclaimed), so that governance's revocation of a model
/// forfeits them in one step. Versions revoked before this upgrade are told to the pallet by
/// the model registry's own migration, which must run after this one.
pub mod v2 {
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	use sp_runtime::Saturating;

	use crate::{Config, Pallet, VersionRewards};

	/// Sums the records; run only through [`SumModelRewards`].
	///
	/// One block: a read per unclaimed version reward (at most one per beneficiary per
	/// cooldown, and claimed after the claim delay) and a write per model among them.
	pub struct UncheckedSumModelRewards<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedSumModelRewards<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut sums = alloc::collections::BTreeMap::new();
			let mut records = 0u64;
			for (model, _, reward) in VersionRewards::<T>::iter() {
				records = records.saturating_add(1);
				let sum = sums.entry(model).or_insert_with(Default::default);
				*sum = reward.total().saturating_add(*sum);
			}
			let models = sums.len() as u64;
			for (model, sum) in sums {
				Pallet::<T>::set_model_unclaimed(model, sum);
			}
			T::DbWeight::get().reads_writes(records, models)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 1 → 2 of the incentives' storage (see the module documentation).
	pub type SumModelRewards<T> = VersionedMigration<
		1,
		2,
		UncheckedSumModelRewards<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
