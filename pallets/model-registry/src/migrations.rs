//! Storage migrations of the model registry.

/// Version 0 → 1: pin the signing key of every non-revoked model's policy in the proof
/// verifier, so that from this upgrade on a key that protects a model cannot be revoked with
/// the account key alone (see the pallet documentation). No record changes shape.
pub mod v1 {
	use aegis_primitives::proofs::PinSigningKey;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	use crate::{Config, ModelStatus, Models, Pallet};

	/// Pins the keys; run only through [`PinPolicyKeys`], which checks the storage version.
	///
	/// One block: a read per model and a write per pinned key. A model is held by a deposit of
	/// about 1.2 AEG, and a block's one-second budget covers about 8 000 models at the
	/// reference weights of a read and a write — far more than the chains this upgrade meets.
	pub struct UncheckedPinPolicyKeys<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedPinPolicyKeys<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut models, mut pinned) = (0u64, 0u64);
			for (_, model) in Models::<T>::iter() {
				models = models.saturating_add(1);
				let Some(key) = model.policy.signing_key else { continue };
				if model.status == ModelStatus::Revoked {
					continue;
				}
				// A key revoked before this upgrade cannot be pinned: its policy was already
				// unusable, and it stays so (updates fail with `SigningKeyRevoked`).
				if T::Proofs::pin_signing_key(key).is_ok() {
					pinned = pinned.saturating_add(1);
				}
			}
			// Per pin: the key's record and its pin count read, the count written.
			T::DbWeight::get().reads_writes(models.saturating_add(pinned.saturating_mul(2)), pinned)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 → 1 of the registry's storage (see the module documentation).
	pub type PinPolicyKeys<T> = VersionedMigration<
		0,
		1,
		UncheckedPinPolicyKeys<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 1 → 2: revocations are pushed to [`Config::OnVersionRevoked`](crate::Config)
/// when they happen instead of being asked for. Every revocation governance made before this
/// upgrade is told once, so the incentives forfeit the rewards they still hold for those
/// versions. Runs after the incentives' own migration to version 2. No record changes shape.
pub mod v2 {
	use aegis_primitives::incentives::OnVersionRevoked;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	use crate::{Config, ModelsRevokedByGovernance, Pallet, RevokedVersions};

	/// Tells the revocations; run only through [`PushRevocations`].
	///
	/// One block: governance's revocations are few (each a referendum), and each costs a read
	/// and the hook's O(1) weight.
	pub struct UncheckedPushRevocations<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedPushRevocations<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut weight = Weight::zero();
			for model in ModelsRevokedByGovernance::<T>::iter_keys() {
				T::OnVersionRevoked::on_every_version_revoked(model);
				weight = weight
					.saturating_add(T::DbWeight::get().reads(1))
					.saturating_add(T::OnVersionRevoked::model_weight());
			}
			for (model, version, _) in RevokedVersions::<T>::iter() {
				T::OnVersionRevoked::on_version_revoked(model, version);
				weight = weight
					.saturating_add(T::DbWeight::get().reads(1))
					.saturating_add(T::OnVersionRevoked::version_weight());
			}
			weight
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 1 → 2 of the registry's storage (see the module documentation).
	pub type PushRevocations<T> = VersionedMigration<
		1,
		2,
		UncheckedPushRevocations<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
