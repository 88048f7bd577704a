//! The owner's control of a model: its policy and its transfer to another account, and the
//! authorisation by the policy's signing key that every such call needs while the policy
//! names one (see the pallet documentation: the account key alone does not control a signed
//! model).

use aegis_integrity::pq::purpose;
use codec::{Encode, MaxEncodedLen};
use frame_support::{
	ensure,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
	},
	weights::Weight,
};
use sp_runtime::{ArithmeticError, DispatchResult};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The payload the policy's signing key signs to authorise `action` on `model` now.
	pub fn action_payload(
		model: ModelId,
		record: &ModelOf<T>,
		action: ModelActionOf<T>,
	) -> ModelActionPayloadOf<T> {
		ModelActionPayload { model, nonce: record.nonce, action }
	}

	/// The weight of checking an owner action's authorisation (a signature of `algorithm`, if
	/// one is given), added to the call's own.
	pub fn authorisation_weight(algorithm: Option<Algorithm>) -> Weight {
		algorithm
			.map(|algorithm| {
				T::Proofs::signature_weight(
					algorithm,
					ModelActionPayloadOf::<T>::max_encoded_len() as u32,
				)
			})
			.unwrap_or_default()
	}

	/// Checks that the holder of the policy's signing key authorised `action` (when the policy
	/// names one: otherwise no authorisation may be given) and moves the model's nonce on, so
	/// the authorisation is spent. Changes `record` only; the caller writes it.
	pub(crate) fn authorise_owner_action(
		model: ModelId,
		record: &mut ModelOf<T>,
		action: ModelActionOf<T>,
		authorisation: Option<&PqSignature>,
	) -> DispatchResult {
		let Some(key) = record.policy.signing_key else {
			ensure!(authorisation.is_none(), Error::<T>::UnexpectedEvidence);
			return Ok(());
		};
		let signature = authorisation.ok_or(Error::<T>::MissingAuthorisation)?;
		let nonce = record.nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let payload = Self::action_payload(model, record, action);
		T::Proofs::verify_signature(
			key,
			&record.owner,
			purpose::MODEL_ACTION,
			&payload.encode(),
			signature,
		)?;
		record.nonce = nonce;
		Ok(())
	}

	/// The body of [`Pallet::transfer_ownership`].
	pub(crate) fn do_transfer_ownership(
		owner: T::AccountId,
		model: ModelId,
		new_owner: T::AccountId,
		authorisation: Option<&PqSignature>,
	) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(record.owner == owner, Error::<T>::NotModelOwner);
		ensure!(record.status != ModelStatus::Revoked, Error::<T>::ModelAlreadyRevoked);
		ensure!(new_owner != owner, Error::<T>::AlreadyOwner);
		Self::authorise_owner_action(
			model,
			&mut record,
			ModelAction::TransferOwnership(new_owner.clone()),
			authorisation,
		)?;
		record.pending_owner = Some(new_owner.clone());
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::OwnershipTransferProposed { model, from: owner, to: new_owner });
		Ok(())
	}

	/// The body of [`Pallet::accept_ownership`].
	pub(crate) fn do_accept_ownership(new_owner: T::AccountId, model: ModelId) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(record.pending_owner.as_ref() == Some(&new_owner), Error::<T>::NoPendingTransfer);
		let reason = HoldReason::Model.into();
		T::Currency::ensure_can_hold(&reason, &new_owner, record.deposit)?;

		T::Currency::release(&reason, &record.owner, record.deposit, Precision::Exact)?;
		T::Currency::hold(&reason, &new_owner, record.deposit)?;
		let from = core::mem::replace(&mut record.owner, new_owner.clone());
		record.pending_owner = None;
		let dropped_key = record.policy.signing_key.take();
		if let Some(key) = dropped_key {
			T::Proofs::unpin_signing_key(key);
		}
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::OwnershipTransferred { model, from, to: new_owner });
		if dropped_key.is_some() {
			Self::deposit_event(Event::PolicyUpdated { model });
		}
		Ok(())
	}

	/// The body of [`Pallet::set_policy`].
	pub(crate) fn do_set_policy(
		owner: T::AccountId,
		model: ModelId,
		policy: UpdatePolicyOf<T>,
		authorisation: Option<&PqSignature>,
	) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(record.owner == owner, Error::<T>::NotModelOwner);
		ensure!(record.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		Self::ensure_usable_policy(&owner, &policy)?;
		Self::authorise_owner_action(
			model,
			&mut record,
			ModelAction::SetPolicy(policy.clone()),
			authorisation,
		)?;
		if let Some(key) = policy.signing_key {
			T::Proofs::pin_signing_key(key)?;
		}
		if let Some(key) = record.policy.signing_key {
			T::Proofs::unpin_signing_key(key);
		}
		record.policy = policy;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::PolicyUpdated { model });
		Ok(())
	}
}
