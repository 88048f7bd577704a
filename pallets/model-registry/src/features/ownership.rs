//! The owner's control of a model: its policy and its transfer to another account, and the
//! authorisation by the policy's signing keys (k of n) that every such call needs while the
//! policy names some (see the pallet documentation: the account key alone does not control a
//! signed model).

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
	/// The payload the policy's signing keys sign to authorise `action` on `model` now.
	pub fn action_payload(
		model: ModelId,
		record: &ModelOf<T>,
		action: ModelActionOf<T>,
	) -> ModelActionPayloadOf<T> {
		ModelActionPayload { model, nonce: record.nonce, action }
	}

	/// The weight of checking an owner action's authorisation (its signatures, each by its
	/// algorithm), added to the call's own.
	pub fn authorisation_weight(authorisation: &[KeySignature]) -> Weight {
		Self::signatures_weight(authorisation, ModelActionPayloadOf::<T>::max_encoded_len() as u32)
	}

	/// Checks that the holders of the policy's threshold of signing keys authorised `action`
	/// (when the policy names keys: otherwise no authorisation may be given) and moves the
	/// model's nonce on, so the authorisation is spent. Changes `record` only; the caller
	/// writes it.
	pub(crate) fn authorise_owner_action(
		model: ModelId,
		record: &mut ModelOf<T>,
		action: ModelActionOf<T>,
		authorisation: &[KeySignature],
	) -> DispatchResult {
		Self::ensure_signers(&record.policy, authorisation, Error::<T>::MissingAuthorisation)?;
		if record.policy.signing.is_none() {
			return Ok(());
		}
		let nonce = record.nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let payload = Self::action_payload(model, record, action);
		Self::verify_signatures(purpose::MODEL_ACTION, &payload.encode(), authorisation)?;
		record.nonce = nonce;
		Ok(())
	}

	/// The body of [`Pallet::transfer_ownership`].
	pub(crate) fn do_transfer_ownership(
		owner: T::AccountId,
		model: ModelId,
		new_owner: T::AccountId,
		authorisation: &[KeySignature],
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
		Self::unpin_owner_keys(&record.owner, &record.policy);
		let dropped_keys = record.policy.signing.take().is_some();
		let from = core::mem::replace(&mut record.owner, new_owner.clone());
		record.pending_owner = None;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::OwnershipTransferred { model, from, to: new_owner });
		if dropped_keys {
			Self::deposit_event(Event::PolicyUpdated { model });
		}
		Ok(())
	}

	/// The body of [`Pallet::set_policy`].
	pub(crate) fn do_set_policy(
		owner: T::AccountId,
		model: ModelId,
		policy: UpdatePolicyOf<T>,
		authorisation: &[KeySignature],
	) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(record.owner == owner, Error::<T>::NotModelOwner);
		ensure!(record.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		Self::ensure_usable_policy(&policy)?;
		Self::authorise_owner_action(
			model,
			&mut record,
			ModelAction::SetPolicy(policy.clone()),
			authorisation,
		)?;
		Self::replace_policy(model, record, policy)
	}

	/// What [`Pallet::set_policy`] does once its checks passed: pins the owner's keys of the
	/// new policy, unpins those of the old and stores it. (Benchmarked with the checks' reads
	/// but without the signatures, whose weight the call adds by algorithm.)
	pub(crate) fn replace_policy(
		model: ModelId,
		mut record: ModelOf<T>,
		policy: UpdatePolicyOf<T>,
	) -> DispatchResult {
		Self::pin_owner_keys(&record.owner, &policy)?;
		Self::unpin_owner_keys(&record.owner, &record.policy);
		record.policy = policy;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::PolicyUpdated { model });
		Ok(())
	}
}
