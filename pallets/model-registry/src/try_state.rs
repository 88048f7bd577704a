//! The registry's invariants, checked after every block by `try-runtime` and after every
//! test of this pallet.

use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::traits::{CheckedAdd, Zero};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The pallet's invariants:
	/// - ids: every model is below the next id, every proposal below its model's next id;
	/// - versions: a model's versions are exactly 1..=current, each parent is the previous
	///   number, and every content hash indexes its version;
	/// - deposits: a model's deposit is its own plus one per version; holds equal deposits;
	/// - proposals: each model's count matches its stored proposals;
	/// - revocations: every revoked version exists; every model governance revoked is revoked;
	/// - keys: every signing key of the owner that a non-revoked model's policy names is
	///   pinned at least once per such policy (other pallets may pin keys too); policies name
	///   their keys once each, with a threshold from one to all of them.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		let fail = |message: &'static str| -> sp_runtime::TryRuntimeError { message.into() };

		let mut model_holds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut named_keys: BTreeMap<SigningKeyId, u32> = BTreeMap::new();
		let next_model = NextModelId::<T>::get();
		for (id, model) in Models::<T>::iter() {
			ensure!(id < next_model, fail("a model id is at or above the next id"));
			let count = model.current_version.unwrap_or(0);
			let mut expected = Self::model_deposit();
			for number in 1..=count {
				let version = Versions::<T>::get(id, number).ok_or(fail("a version is missing"))?;
				ensure!(version.number == number, fail("a version has another number"));
				ensure!(
					version.parent == number.checked_sub(1).filter(|parent| *parent > 0),
					fail("a version's parent is not the previous version"),
				);
				ensure!(
					VersionByContentHash::<T>::get(id, version.declaration.content_hash)
						== Some(number),
					fail("a content hash does not index its version"),
				);
				expected = expected
					.checked_add(&Self::version_deposit())
					.ok_or(fail("deposit overflow"))?;
			}
			ensure!(
				Versions::<T>::iter_prefix(id).count() == count as usize,
				fail("a model has versions past its current one"),
			);
			ensure!(
				VersionByContentHash::<T>::iter_prefix(id).count() == count as usize,
				fail("a model indexes content hashes of no version"),
			);
			ensure!(model.deposit == expected, fail("a model's deposit is not its price"));
			let proposals = Proposals::<T>::iter_prefix(id).collect::<alloc::vec::Vec<_>>();
			ensure!(
				proposals.len() == model.pending_proposals as usize,
				fail("a model's proposal count is wrong"),
			);
			ensure!(
				proposals.iter().all(|(proposal, _)| *proposal < model.next_proposal),
				fail("a proposal id is at or above its model's next id"),
			);
			if let Some(signing) = &model.policy.signing {
				let keys = signing.keys.as_slice();
				ensure!(
					signing.threshold >= 1 && signing.threshold as usize <= keys.len(),
					fail("a policy's threshold is not from one to all of its keys"),
				);
				ensure!(
					keys.iter().enumerate().all(|(index, key)| !keys[..index].contains(key)),
					fail("a policy names a key twice"),
				);
			}
			// Keys revoked before version 1 of this storage may still be named; they are no
			// longer registered, so not counted as the owner's (and updates under them fail).
			if model.status != ModelStatus::Revoked {
				for key in Self::owner_keys(&model.owner, &model.policy) {
					let named = named_keys.entry(key).or_insert(0u32);
					*named = named.saturating_add(1);
				}
			}
			let held = model_holds.entry(model.owner.clone()).or_insert_with(Zero::zero);
			*held = held.checked_add(&model.deposit).ok_or(fail("deposit overflow"))?;
		}
		for (key, policies) in named_keys {
			ensure!(
				T::Proofs::signing_key_pins(key) >= policies,
				fail("a signing key is pinned fewer times than policies name it"),
			);
		}
		for (owner, deposits) in model_holds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Model.into(), &owner) == deposits,
				fail("an owner's holds differ from the deposits of their models"),
			);
		}
		for (model, _) in ModelsRevokedByGovernance::<T>::iter() {
			ensure!(
				Models::<T>::get(model).is_some_and(|record| record.status == ModelStatus::Revoked),
				fail("a model revoked by governance is not revoked"),
			);
		}
		for (model, version, _) in RevokedVersions::<T>::iter() {
			ensure!(
				Versions::<T>::contains_key(model, version),
				fail("a revoked version does not exist"),
			);
		}
		let mut proposal_holds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (model, _, proposal) in Proposals::<T>::iter() {
			ensure!(Models::<T>::contains_key(model), fail("a proposal of no model"));
			let held = proposal_holds.entry(proposal.proposer.clone()).or_insert_with(Zero::zero);
			*held = held.checked_add(&proposal.deposit).ok_or(fail("deposit overflow"))?;
		}
		for (proposer, deposits) in proposal_holds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Proposal.into(), &proposer) == deposits,
				fail("a proposer's holds differ from their proposals' deposits"),
			);
		}
		Ok(())
	}
}
