//! The hooks through which the other Aegis pallets report rewarded work — the model
//! registry's accepted versions, the proof verifier's verified proofs and the oracle's closed
//! rounds — and the registry reports governance's revocations, which forfeit rewards.

use aegis_primitives::incentives::{
	OnProofVerified, OnRoundClosed, OnVersionAccepted, OnVersionRevoked, VerifiedProof,
};
use codec::Encode;
use frame_support::{traits::Get, weights::Weight, BoundedVec};
use sp_runtime::traits::{Saturating, Zero};

use crate::*;

impl<T: Config> OnVersionAccepted<T::AccountId> for Pallet<T> {
	fn on_version_accepted(
		model: ModelId,
		version: VersionNumber,
		owner: &T::AccountId,
		submitter: &T::AccountId,
	) {
		let parameters = Parameters::<T>::get();
		let reward = parameters.update_reward;
		if reward.is_zero() {
			return;
		}
		let source = RewardSource::Version { model, version };
		let now = frame_system::Pallet::<T>::block_number();
		let candidates: Vec<(T::AccountId, BalanceOf<T>)> = if owner == submitter {
			alloc::vec![(owner.clone(), reward)]
		} else {
			let owner_part = parameters.owner_share.mul_floor(reward);
			alloc::vec![
				(owner.clone(), owner_part),
				(submitter.clone(), reward.saturating_sub(owner_part)),
			]
		};
		let mut shares = BoundedVec::new();
		let mut total = BalanceOf::<T>::zero();
		for (beneficiary, amount) in candidates {
			if amount.is_zero() {
				continue;
			}
			if !Self::eligible(&beneficiary, &parameters) {
				Self::skipped(&beneficiary, source, SkipReason::InsufficientStake);
				continue;
			}
			let cooling = LastVersionReward::<T>::get(&beneficiary)
				.is_some_and(|last| last.saturating_add(parameters.publisher_cooldown) > now);
			if cooling {
				Self::skipped(&beneficiary, source, SkipReason::PublisherCooldown);
				continue;
			}
			// At most two candidates, and the bound is two.
			if shares.try_push((beneficiary, amount)).is_ok() {
				total = total.saturating_add(amount);
			}
		}
		if shares.is_empty() {
			return;
		}
		if let Err(reason) = Self::allocate(total) {
			for (beneficiary, _) in &shares {
				Self::skipped(beneficiary, source, reason);
			}
			return;
		}
		// Part of `Unclaimed`, which did not overflow.
		let model_unclaimed = ModelUnclaimed::<T>::get(model).unwrap_or_default();
		Self::set_model_unclaimed(model, model_unclaimed.saturating_add(total));
		let claimable_at = now.saturating_add(parameters.claim_delay);
		for (beneficiary, amount) in &shares {
			LastVersionReward::<T>::insert(beneficiary, now);
			Self::deposit_event(Event::RewardEarned {
				beneficiary: beneficiary.clone(),
				source,
				amount: *amount,
			});
		}
		VersionRewards::<T>::insert(model, version, VersionReward { shares, claimable_at });
	}

	fn weight() -> Weight {
		T::WeightInfo::on_version_accepted()
	}
}

impl<T: Config> OnVersionRevoked for Pallet<T> {
	fn on_version_revoked(model: ModelId, version: VersionNumber) {
		let Some(reward) = VersionRewards::<T>::take(model, version) else {
			return;
		};
		if ForfeitedModels::<T>::contains_key(model) {
			// Forfeited with its model already: only the record was left.
			return;
		}
		let amount = reward.total();
		let model_unclaimed = ModelUnclaimed::<T>::get(model).unwrap_or_default();
		Self::set_model_unclaimed(model, model_unclaimed.saturating_sub(amount));
		Self::release(amount);
		Self::deposit_event(Event::RewardForfeited { model, version, amount });
	}

	fn on_every_version_revoked(model: ModelId) {
		// No sum: no version of the model holds a reward, so there is nothing to forfeit
		// and no record to remove.
		let Some(amount) = ModelUnclaimed::<T>::take(model) else {
			return;
		};
		Self::release(amount);
		ForfeitedModels::<T>::insert(model, ());
		Self::deposit_event(Event::ModelRewardsForfeited { model, amount });
	}

	fn version_weight() -> Weight {
		T::WeightInfo::on_version_revoked()
	}

	fn model_weight() -> Weight {
		T::WeightInfo::on_every_version_revoked()
	}
}

impl<T: Config> OnProofVerified<T::AccountId> for Pallet<T> {
	fn on_proof_verified(submitter: &T::AccountId, proof: VerifiedProof<'_>) {
		let VerifiedProof::Groth16 { key, public_inputs } = proof else {
			return;
		};
		let parameters = Parameters::<T>::get();
		if parameters.proof_reward.is_zero() || !RewardedKeys::<T>::get().contains(&key) {
			return;
		}
		let source = RewardSource::Proof { key };
		let binding = aegis_primitives::incentives::proof_reward_binding(&submitter.encode());
		if public_inputs.last() != Some(&binding) {
			Self::skipped(submitter, source, SkipReason::NotBoundToSubmitter);
			return;
		}
		let statement = aegis_integrity::sha3_256(&(key, public_inputs).encode());
		if RewardedProofs::<T>::contains_key(statement) {
			Self::skipped(submitter, source, SkipReason::AlreadyRewarded);
			return;
		}
		if Self::earn(submitter, source, parameters.proof_reward, &parameters) {
			RewardedProofs::<T>::insert(statement, ());
		}
	}

	fn weight() -> Weight {
		T::WeightInfo::on_proof_verified(T::MaxPublicInputs::get())
	}
}

impl<T: Config> OnRoundClosed<T::AccountId> for Pallet<T> {
	fn on_round_closed(reporters: &[T::AccountId]) {
		let parameters = Parameters::<T>::get();
		if parameters.report_reward.is_zero() {
			return;
		}
		for reporter in reporters.iter().take(T::MaxReporters::get() as usize) {
			Self::earn(reporter, RewardSource::Report, parameters.report_reward, &parameters);
		}
	}

	fn weight(reporters: u32) -> Weight {
		T::WeightInfo::on_round_closed(reporters.min(T::MaxReporters::get()))
	}
}
