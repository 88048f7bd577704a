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

	use super::v3::old::Models;
	use crate::{Config, ModelStatus, Pallet};

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

		/// Every key a non-revoked model's policy names, if still registered, is pinned. (The
		/// records are still in version 2's shape: the registry's invariants are checked after
		/// [`super::v3`].)
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use aegis_primitives::proofs::VerifyProof;
			for (_, model) in Models::<T>::iter() {
				let Some(key) = model.policy.signing_key else { continue };
				if model.status != ModelStatus::Revoked
					&& T::Proofs::signing_key_owner(key).is_some()
				{
					frame_support::ensure!(
						T::Proofs::signing_key_pins(key) > 0,
						"a policy's key is not pinned"
					);
				}
			}
			Ok(())
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
		// No `post_upgrade` of its own: what it tells is the incentives' to check (their
		// `try_state`), and the registry's records keep version 2's shape until
		// [`super::v3`], whose checks cover the registry.
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

/// Version 2 → 3: k-of-n signing policies. A policy's one optional signing key becomes a
/// [`SigningPolicy`](crate::SigningPolicy) naming that key with threshold 1, and a version's
/// optional signer becomes the list of keys that signed it. Pins do not change (the key was the
/// owner's, as version 2 required). Records grow, so each model's deposit is brought to the
/// new price of its record and versions: the difference is held from the owner.
pub mod v3 {
	#[cfg(feature = "try-runtime")]
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{fungible::MutateHold, Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};
	use sp_runtime::traits::{Saturating, Zero};

	use crate::{
		Config, EvidenceRecord, HoldReason, Model, ModelVersion, Models, Pallet, SigningPolicy,
		UpdatePolicy, Versions,
	};

	/// The records of version 2, as they are read from storage before this upgrade.
	pub mod old {
		use codec::{Decode, Encode};
		use frame_support::{pallet_prelude::OptionQuery, storage_alias, BoundedVec, Twox64Concat};
		use frame_system::pallet_prelude::BlockNumberFor;

		use crate::{
			BalanceOf, Config, ModelId, ModelMetadataOf, ModelStatus, Pallet, ProposalId,
			SigningKeyId, VerifyingKeyId, VersionDeclaration, VersionNumber,
		};

		/// A version 2 policy: at most one signing key, the owner's.
		#[derive(Encode, Decode)]
		pub struct UpdatePolicy<AccountId, MaxContributors: frame_support::traits::Get<u32>> {
			/// The owner's signing key every update needed.
			pub signing_key: Option<SigningKeyId>,
			/// The verification key of every update's Groth16 proof.
			pub zk_verifying_key: Option<VerifyingKeyId>,
			/// Who may propose.
			pub contributors: BoundedVec<AccountId, MaxContributors>,
		}

		/// A version 2 model.
		#[derive(Encode, Decode)]
		pub struct Model<
			AccountId,
			Balance,
			Metadata,
			MaxContributors: frame_support::traits::Get<u32>,
		> {
			/// The owner.
			pub owner: AccountId,
			/// An offered transfer.
			pub pending_owner: Option<AccountId>,
			/// Name, framework, URI.
			pub metadata: Metadata,
			/// Active, deprecated or revoked.
			pub status: ModelStatus,
			/// The policy.
			pub policy: UpdatePolicy<AccountId, MaxContributors>,
			/// The latest version.
			pub current_version: Option<VersionNumber>,
			/// The update nonce.
			pub nonce: u64,
			/// The next proposal id.
			pub next_proposal: ProposalId,
			/// Proposals waiting.
			pub pending_proposals: u32,
			/// Held from the owner.
			pub deposit: Balance,
		}

		/// A version 2 evidence record: at most one signer.
		#[derive(Encode, Decode)]
		pub struct EvidenceRecord {
			/// The key that signed.
			pub signed_by: Option<SigningKeyId>,
			/// The Groth16 verification key.
			pub zk_verifying_key: Option<VerifyingKeyId>,
			/// The accepted proposal.
			pub proposal: Option<ProposalId>,
		}

		/// A version 2 version record.
		#[derive(Encode, Decode)]
		pub struct ModelVersion<AccountId, BlockNumber> {
			/// Its number.
			pub number: VersionNumber,
			/// The version it replaced.
			pub parent: Option<VersionNumber>,
			/// Hashes, shards, size.
			pub declaration: VersionDeclaration,
			/// Who put it forward.
			pub submitter: AccountId,
			/// Its evidence.
			pub evidence: EvidenceRecord,
			/// Its block.
			pub block: BlockNumber,
			/// Its block's time.
			pub timestamp_ms: u64,
		}

		/// A version 2 model of the runtime.
		pub type ModelOf<T> = Model<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			ModelMetadataOf<T>,
			<T as Config>::MaxContributors,
		>;

		/// A version 2 version of the runtime.
		pub type ModelVersionOf<T> =
			ModelVersion<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

		/// The models, in version 2's shape.
		#[storage_alias]
		pub(crate) type Models<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, ModelId, ModelOf<T>, OptionQuery>;

		/// The versions, in version 2's shape.
		#[storage_alias]
		pub(crate) type Versions<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ModelId,
			Twox64Concat,
			VersionNumber,
			ModelVersionOf<T>,
			OptionQuery,
		>;
	}

	/// Translates the records; run only through [`KOfNPolicies`], which checks the storage
	/// version.
	///
	/// One block: a read and a write per model and per version, and a hold per model. The
	/// chains this upgrade meets hold tens of models and hundreds of versions; a block's
	/// one-second budget covers several thousand records at the reference weights (a larger
	/// chain would step it with `pallet-migrations` instead).
	pub struct UncheckedKOfNPolicies<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedKOfNPolicies<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut models, mut versions) = (0u64, 0u64);
			Versions::<T>::translate::<old::ModelVersionOf<T>, _>(|_, _, version| {
				versions.saturating_inc();
				let signed_by =
					BoundedVec::truncate_from(version.evidence.signed_by.into_iter().collect());
				Some(ModelVersion {
					number: version.number,
					parent: version.parent,
					declaration: version.declaration,
					submitter: version.submitter,
					evidence: EvidenceRecord {
						signed_by,
						zk_verifying_key: version.evidence.zk_verifying_key,
						proposal: version.evidence.proposal,
					},
					block: version.block,
					timestamp_ms: version.timestamp_ms,
				})
			});
			Models::<T>::translate::<old::ModelOf<T>, _>(|id, model| {
				models.saturating_inc();
				let signing = model.policy.signing_key.map(|key| SigningPolicy {
					keys: BoundedVec::truncate_from(alloc::vec![key]),
					threshold: 1,
				});
				let price = Pallet::<T>::model_deposit().saturating_add(
					Pallet::<T>::version_deposit()
						.saturating_mul(model.current_version.unwrap_or(0).into()),
				);
				let top_up = price.saturating_sub(model.deposit);
				let deposit = if top_up.is_zero() {
					model.deposit
				} else {
					match T::Currency::hold(&HoldReason::Model.into(), &model.owner, top_up) {
						Ok(()) => model.deposit.saturating_add(top_up),
						Err(error) => {
							// The model keeps working; `try_state` reports its deposit short
							// of the price until the owner's next update holds the rest.
							log::warn!(
								target: "runtime::model-registry",
								"model {id}: the owner cannot cover the larger deposit: {error:?}"
							);
							model.deposit
						},
					}
				};
				Some(Model {
					owner: model.owner,
					pending_owner: model.pending_owner,
					metadata: model.metadata,
					status: model.status,
					policy: UpdatePolicy {
						signing,
						zk_verifying_key: model.policy.zk_verifying_key,
						contributors: model.policy.contributors,
					},
					current_version: model.current_version,
					nonce: model.nonce,
					next_proposal: model.next_proposal,
					pending_proposals: model.pending_proposals,
					deposit,
				})
			});
			// A hold reads and writes the account and its holds.
			let db = T::DbWeight::get();
			db.reads_writes(versions, versions)
				.saturating_add(db.reads_writes(models.saturating_mul(3), models.saturating_mul(3)))
		}

		/// The number of models and versions, and the models' signing keys, before.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let keys: alloc::vec::Vec<_> = old::Models::<T>::iter()
				.map(|(id, model)| (id, model.policy.signing_key))
				.collect();
			let versions = old::Versions::<T>::iter_keys().count() as u64;
			Ok((keys, versions).encode())
		}

		/// Every record translated, each key kept with threshold 1, and the registry's
		/// invariants hold.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use crate::SigningKeyId;
			type Snapshot = (alloc::vec::Vec<(crate::ModelId, Option<SigningKeyId>)>, u64);
			let (keys, versions) = Snapshot::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade snapshot does not decode")?;
			frame_support::ensure!(
				Versions::<T>::iter_keys().count() as u64 == versions,
				"versions were lost or added"
			);
			for (id, key) in keys {
				let model = Models::<T>::get(id).ok_or("a model was lost")?;
				let expected: alloc::vec::Vec<SigningKeyId> = key.into_iter().collect();
				frame_support::ensure!(
					model.policy.signing_keys() == expected.as_slice(),
					"a policy's signing key changed"
				);
				frame_support::ensure!(
					model.policy.signing.as_ref().is_none_or(|signing| signing.threshold == 1),
					"a migrated policy's threshold is not 1"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 2 → 3 of the registry's storage (see the module documentation).
	pub type KOfNPolicies<T> = VersionedMigration<
		2,
		3,
		UncheckedKOfNPolicies<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
