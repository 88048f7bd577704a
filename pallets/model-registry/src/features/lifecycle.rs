//! A model's life: registration, deprecation and revocation (by its owner or governance),
//! and governance's revocation of one version.

use frame_support::{ensure, traits::fungible::MutateHold};
use sp_runtime::{ArithmeticError, DispatchResult};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The body of [`Pallet::register_model`].
	pub(crate) fn do_register_model(
		owner: T::AccountId,
		metadata: ModelMetadataOf<T>,
		policy: UpdatePolicyOf<T>,
	) -> DispatchResult {
		Self::ensure_staked(&owner)?;
		Self::ensure_usable_policy(&policy)?;
		let model = NextModelId::<T>::get();
		let next = model.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = Self::model_deposit();

		T::Currency::hold(&HoldReason::Model.into(), &owner, deposit)?;
		Self::pin_owner_keys(&owner, &policy)?;
		Models::<T>::insert(
			model,
			Model {
				owner: owner.clone(),
				pending_owner: None,
				metadata,
				status: ModelStatus::Active,
				policy,
				current_version: None,
				nonce: 0,
				next_proposal: 0,
				pending_proposals: 0,
				deposit,
			},
		);
		NextModelId::<T>::put(next);
		Self::deposit_event(Event::ModelRegistered { model, owner });
		Ok(())
	}

	/// The body of [`Pallet::deprecate_model`].
	pub(crate) fn do_deprecate_model(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		model: ModelId,
		authorisation: &[KeySignature],
	) -> DispatchResult {
		let (mut record, by_owner) = Self::model_for_owner_or_admin(origin, model)?;
		ensure!(record.status == ModelStatus::Active, Error::<T>::ModelAlreadyDeprecated);
		if by_owner {
			Self::authorise_owner_action(
				model,
				&mut record,
				ModelAction::Deprecate,
				authorisation,
			)?;
		}
		record.status = ModelStatus::Deprecated;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::ModelDeprecated { model });
		Ok(())
	}

	/// The body of [`Pallet::revoke_model`].
	pub(crate) fn do_revoke_model(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		model: ModelId,
		authorisation: &[KeySignature],
	) -> DispatchResult {
		let (mut record, by_owner) = Self::model_for_owner_or_admin(origin, model)?;
		let revoked_by_owner = record.status == ModelStatus::Revoked;
		// Governance may still revoke a model its owner revoked: an owner who sees a model
		// about to be found malicious must not keep its versions' rewards by revoking first.
		ensure!(
			!revoked_by_owner
				|| (!by_owner && !ModelsRevokedByGovernance::<T>::contains_key(model)),
			Error::<T>::ModelAlreadyRevoked
		);
		if by_owner {
			Self::authorise_owner_action(model, &mut record, ModelAction::Revoke, authorisation)?;
		}
		if !revoked_by_owner {
			Self::unpin_owner_keys(&record.owner, &record.policy);
			record.status = ModelStatus::Revoked;
			record.pending_owner = None;
			Models::<T>::insert(model, record);
		}
		if !by_owner {
			ModelsRevokedByGovernance::<T>::insert(
				model,
				frame_system::Pallet::<T>::block_number(),
			);
			T::OnVersionRevoked::on_every_version_revoked(model);
		}
		Self::deposit_event(Event::ModelRevoked { model });
		Ok(())
	}

	/// The body of [`Pallet::revoke_version`].
	pub(crate) fn do_revoke_version(model: ModelId, version: VersionNumber) -> DispatchResult {
		ensure!(Versions::<T>::contains_key(model, version), Error::<T>::VersionNotFound);
		ensure!(
			!RevokedVersions::<T>::contains_key(model, version),
			Error::<T>::VersionAlreadyRevoked
		);
		RevokedVersions::<T>::insert(model, version, frame_system::Pallet::<T>::block_number());
		T::OnVersionRevoked::on_version_revoked(model, version);
		Self::deposit_event(Event::VersionRevoked { model, version });
		Ok(())
	}
}
