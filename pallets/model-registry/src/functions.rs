//! The registry's prices, derived values and the cheap checks every call shares.

use aegis_integrity::{content::declared_size_fits, merkle::verify_merkle_proof};
use codec::MaxEncodedLen;
use frame_support::{ensure, traits::Get};
use sp_runtime::{
	traits::{Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

use crate::*;

/// A mebibyte: the unit the update fee charges declared content by.
const MEBIBYTE: u64 = 1 << 20;

impl<T: Config> Pallet<T> {
	/// The deposit for an item of `bytes` encoded bytes.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		aegis_primitives::storage_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The deposit of a model record.
	pub fn model_deposit() -> BalanceOf<T> {
		Self::deposit_for(ModelOf::<T>::max_encoded_len())
	}

	/// The deposit of a version: its record and its content-hash index entry.
	pub fn version_deposit() -> BalanceOf<T> {
		Self::deposit_for(
			ModelVersionOf::<T>::max_encoded_len()
				.saturating_add(Sha3_512Hash::max_encoded_len())
				.saturating_add(VersionNumber::max_encoded_len()),
		)
	}

	/// The fee of an update declaring `declaration`.
	pub fn update_fee(declaration: &VersionDeclaration) -> BalanceOf<T> {
		let fees = UpdateFees::<T>::get();
		let mebibytes = declaration.byte_size.div_ceil(MEBIBYTE);
		let mebibytes = BalanceOf::<T>::from(u32::try_from(mebibytes).unwrap_or(u32::MAX));
		fees.base
			.saturating_add(fees.per_shard.saturating_mul(declaration.shard_count.into()))
			.saturating_add(fees.per_mebibyte.saturating_mul(mebibytes))
	}

	/// The payload an update signature for `declaration` as the next version of `model` covers.
	pub fn update_payload(
		model: ModelId,
		record: &ModelOf<T>,
		declaration: &VersionDeclaration,
	) -> Result<ModelUpdatePayload, DispatchError> {
		Ok(ModelUpdatePayload::new(
			model,
			Self::next_version(record)?,
			record.current_version,
			declaration,
			record.nonce,
		))
	}

	/// Checks that `leaf_hash` is the `proof.leaf_index`-th shard of `version` of `model`.
	pub fn verify_shard(
		model: ModelId,
		version: VersionNumber,
		leaf_hash: &Sha3_512Hash,
		proof: &MerkleProof,
	) -> Result<(), ShardCheckError> {
		let record = Versions::<T>::get(model, version).ok_or(ShardCheckError::VersionNotFound)?;
		if proof.leaf_count != record.declaration.shard_count {
			return Err(ShardCheckError::WrongShardCount);
		}
		verify_merkle_proof(&record.declaration.merkle_root, leaf_hash, proof)
			.map_err(|_| ShardCheckError::NotInVersion)
	}

	/// Whether governance revoked `version` of `model`, alone or with its whole model: such a
	/// version must not be trusted.
	pub fn is_revoked(model: ModelId, version: VersionNumber) -> bool {
		RevokedVersions::<T>::contains_key(model, version)
			|| ModelsRevokedByGovernance::<T>::contains_key(model)
	}

	/// The number the model's next version gets.
	pub(crate) fn next_version(record: &ModelOf<T>) -> Result<VersionNumber, DispatchError> {
		record
			.current_version
			.unwrap_or(0)
			.checked_add(1)
			.ok_or(ArithmeticError::Overflow.into())
	}

	/// Whether `who` has the active bonded stake governance requires.
	pub fn has_minimum_stake(who: &T::AccountId) -> bool {
		let minimum = MinimumStake::<T>::get();
		minimum.is_zero() || T::Stakes::active_stake(who) >= minimum
	}

	pub(crate) fn ensure_staked(who: &T::AccountId) -> DispatchResult {
		ensure!(Self::has_minimum_stake(who), Error::<T>::InsufficientStake);
		Ok(())
	}

	/// A policy an owner may set: its signing keys are registered, unrevoked and named once,
	/// with a threshold from one to all of them; its verification key takes the update
	/// commitment as an input; and no contributor is listed twice.
	pub(crate) fn ensure_usable_policy(policy: &UpdatePolicyOf<T>) -> DispatchResult {
		if let Some(signing) = &policy.signing {
			let keys = signing.keys.as_slice();
			ensure!(
				signing.threshold >= 1
					&& usize::try_from(signing.threshold).is_ok_and(|k| k <= keys.len()),
				Error::<T>::InvalidThreshold
			);
			for (index, key) in keys.iter().enumerate() {
				let earlier = keys.get(..index).unwrap_or_default();
				ensure!(!earlier.contains(key), Error::<T>::DuplicatePolicyKey);
				ensure!(
					T::Proofs::signing_key_owner(*key).is_some(),
					Error::<T>::UnusableSigningKey
				);
			}
		}
		if let Some(key) = policy.zk_verifying_key {
			ensure!(
				T::Proofs::verifying_key_inputs(key).is_some_and(|inputs| inputs >= 1),
				Error::<T>::UnusableVerifyingKey
			);
		}
		let contributors = policy.contributors.as_slice();
		for (index, contributor) in contributors.iter().enumerate() {
			let earlier = contributors.get(..index).unwrap_or_default();
			ensure!(!earlier.contains(contributor), Error::<T>::DuplicateContributor);
		}
		Ok(())
	}

	/// A declaration the model can take as a new version: shards, a size that fits them, and
	/// content the model has not published before.
	pub(crate) fn ensure_new_content(
		model: ModelId,
		declaration: &VersionDeclaration,
	) -> DispatchResult {
		ensure!(declaration.shard_count > 0, Error::<T>::NoShards);
		ensure!(
			declared_size_fits(declaration.byte_size, declaration.shard_count),
			Error::<T>::ImpossibleDeclaredSize
		);
		ensure!(
			!VersionByContentHash::<T>::contains_key(model, declaration.content_hash),
			Error::<T>::DuplicateContentHash
		);
		Ok(())
	}

	/// The model, if `origin` is its owner or governance; and whether it is the owner.
	pub(crate) fn model_for_owner_or_admin(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		model: ModelId,
	) -> Result<(ModelOf<T>, bool), DispatchError> {
		let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		use frame_support::traits::EnsureOrigin;
		if T::AdminOrigin::try_origin(origin.clone()).is_ok() {
			return Ok((record, false));
		}
		let who = frame_system::ensure_signed(origin)?;
		ensure!(record.owner == who, Error::<T>::NotModelOwner);
		Ok((record, true))
	}
}
