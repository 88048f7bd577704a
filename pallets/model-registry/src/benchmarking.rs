//! Benchmarks of the model registry's calls. Updates are measured without their evidence
//! checks (the evidence weights come from the proof verifier's own benchmarks,
//! `Config::Proofs`, added at dispatch); registering a model and setting a policy in their worst
//! case: a policy naming a signing key and a verification key of the most public inputs (both
//! read, the key pinned), and for `set_policy` replacing a signed policy with the
//! authorisation checked.

use super::*;
use aegis_integrity::pq::purpose;
use alloc::vec::Vec;
use codec::{Encode, MaxEncodedLen};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Inspect, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

/// An account with enough funds for any deposit and fee the benchmarks cause.
fn funded_account<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let costs = Pallet::<T>::model_deposit()
		.saturating_add(Pallet::<T>::version_deposit())
		.saturating_add(Pallet::<T>::deposit_for(ProposalOf::<T>::max_encoded_len()))
		.saturating_add(Pallet::<T>::update_fee(&declaration(u32::MAX)));
	let amount = T::Currency::minimum_balance().saturating_add(costs.saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn bounded<S: Get<u32>>(len: u32, byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(alloc::vec![byte; len as usize])
}

/// Metadata of the largest size.
fn metadata<T: Config>() -> Box<ModelMetadataOf<T>> {
	Box::new(ModelMetadata {
		name: bounded(T::MaxNameLen::get(), b'n'),
		framework: bounded(T::MaxFrameworkLen::get(), b'f'),
		uri: bounded(T::MaxUriLen::get(), b'u'),
	})
}

/// A policy with no evidence and the most contributors.
fn policy<T: Config>(contributor: &T::AccountId) -> UpdatePolicyOf<T> {
	let mut contributors: Vec<T::AccountId> = (1..T::MaxContributors::get())
		.map(|index| account("contributor", index, 1))
		.collect();
	contributors.push(contributor.clone());
	UpdatePolicy {
		signing_key: None,
		zk_verifying_key: None,
		contributors: BoundedVec::truncate_from(contributors),
	}
}

fn declaration(seed: u32) -> VersionDeclaration {
	let mut content_hash = [0u8; 64];
	content_hash[..4].copy_from_slice(&seed.to_le_bytes());
	VersionDeclaration {
		content_hash,
		merkle_root: [7; 64],
		shard_count: 1_024,
		byte_size: 1 << 30,
	}
}

fn no_evidence<T: Config>() -> Box<UpdateEvidenceOf<T>> {
	Box::new(UpdateEvidence { signature: None, zk_proof: None })
}

/// A registered model of `owner` with one version, whose policy lists `contributor`.
fn model_with_version<T: Config>(owner: &T::AccountId, contributor: &T::AccountId) -> ModelId {
	MinimumStake::<T>::kill();
	let model = NextModelId::<T>::get();
	let registered = Pallet::<T>::register_model(
		RawOrigin::Signed(owner.clone()).into(),
		metadata::<T>(),
		Box::new(policy::<T>(contributor)),
	);
	let updated = Pallet::<T>::update_model(
		RawOrigin::Signed(owner.clone()).into(),
		model,
		declaration(0),
		no_evidence::<T>(),
	);
	if registered.is_err() || updated.is_err() {
		panic!("benchmark setup: {registered:?} {updated:?}");
	}
	model
}

fn proposal_of<T: Config>(model: ModelId, contributor: &T::AccountId) -> ProposalId {
	let proposal = Models::<T>::get(model).map(|record| record.next_proposal).unwrap_or_default();
	if let Err(error) = Pallet::<T>::propose_update(
		RawOrigin::Signed(contributor.clone()).into(),
		model,
		declaration(1),
		None,
	) {
		panic!("benchmark proposal: {error:?}");
	}
	proposal
}

/// A policy naming `owner`'s signing key and a verification key of the most public inputs,
/// with the most contributors: what `register_model` and `set_policy` read the most for.
fn keyed_policy<T: Config>(owner: &T::AccountId, seed: u8) -> UpdatePolicyOf<T> {
	let (signing_key, zk_key) =
		T::Proofs::register_benchmark_keys(owner, seed, T::MaxPublicInputs::get());
	UpdatePolicy {
		signing_key: Some(signing_key),
		zk_verifying_key: Some(zk_key),
		..policy::<T>(&account("contributor", 0, 0))
	}
}

/// Gives `model` a policy naming `owner`'s key of `seed` (pinned, as `set_policy` would).
fn sign_policy_of<T: Config>(model: ModelId, owner: &T::AccountId, seed: u8) {
	let signed = keyed_policy::<T>(owner, seed);
	if let Some(key) = signed.signing_key {
		if let Err(error) = T::Proofs::pin_signing_key(key) {
			panic!("benchmark pin: {error:?}");
		}
	}
	Models::<T>::mutate(model, |record| {
		if let Some(record) = record {
			record.policy = signed;
		}
	});
}

/// The signature by the (ML-DSA-65) key of `seed` authorising `action` on `model` now.
fn authorisation<T: Config>(model: ModelId, seed: u8, action: ModelActionOf<T>) -> PqSignature {
	use aegis_integrity::pq::signing;
	let record = Models::<T>::get(model).expect("benchmark model");
	let payload = Pallet::<T>::action_payload(model, &record, action);
	let genesis = frame_system::Pallet::<T>::block_hash(
		frame_system::pallet_prelude::BlockNumberFor::<T>::zero(),
	);
	let genesis = <[u8; 32]>::try_from(genesis.as_ref()).unwrap_or_default();
	let (_, secret) = signing::pq_keypair_from_seed(Algorithm::MlDsa65, &[seed; 32]);
	match signing::pq_sign(&secret, &genesis, purpose::MODEL_ACTION, &payload.encode(), &[0; 32]) {
		Ok(signature) => signature,
		Err(error) => panic!("benchmark authorisation: {error:?}"),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_model() {
		MinimumStake::<T>::kill();
		let owner = funded_account::<T>("owner", 0);
		let policy = keyed_policy::<T>(&owner, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), metadata::<T>(), Box::new(policy));

		assert!(Models::<T>::get(0).is_some_and(|model| model.policy.signing_key.is_some()));
	}

	#[benchmark]
	fn update_model() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model, declaration(1), no_evidence::<T>());

		assert!(Versions::<T>::contains_key(model, 2));
	}

	#[benchmark]
	fn propose_update() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(contributor.clone()), model, declaration(1), None);

		assert!(Proposals::<T>::contains_key(model, 0));
	}

	#[benchmark]
	fn accept_proposal() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		let proposal = proposal_of::<T>(model, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model, proposal, None);

		assert!(Versions::<T>::contains_key(model, 2));
	}

	#[benchmark]
	fn reject_proposal() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		let proposal = proposal_of::<T>(model, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model, proposal);

		assert!(!Proposals::<T>::contains_key(model, proposal));
	}

	#[benchmark]
	fn transfer_ownership() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model, contributor.clone(), None);

		assert_eq!(
			Models::<T>::get(model).and_then(|record| record.pending_owner),
			Some(contributor)
		);
	}

	/// The offered model's policy names the previous owner's key, which is dropped and
	/// unpinned.
	#[benchmark]
	fn accept_ownership() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		sign_policy_of::<T>(model, &owner, 1);
		Models::<T>::mutate(model, |record| {
			if let Some(record) = record {
				record.pending_owner = Some(contributor.clone());
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(contributor.clone()), model);

		assert!(Models::<T>::get(model).is_some_and(
			|record| record.owner == contributor && record.policy.signing_key.is_none()
		));
	}

	#[benchmark]
	fn deprecate_model() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model, None);

		assert_eq!(
			Models::<T>::get(model).map(|record| record.status),
			Some(ModelStatus::Deprecated)
		);
	}

	/// Governance revokes a model whose policy names a key: the key unpinned, the revocation
	/// recorded for the incentives. (The owner's revocation writes less, and pays for its
	/// authorisation on top.)
	#[benchmark]
	fn revoke_model() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		sign_policy_of::<T>(model, &owner, 1);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, None);

		assert_eq!(Models::<T>::get(model).map(|record| record.status), Some(ModelStatus::Revoked));
		assert!(ModelsRevokedByGovernance::<T>::contains_key(model));
		Ok(())
	}

	#[benchmark]
	fn revoke_version() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, 1);

		assert!(RevokedVersions::<T>::contains_key(model, 1));
		Ok(())
	}

	/// A signed policy replaced by one naming other keys: both policies' keys read, the old
	/// key unpinned and the new one pinned, the authorisation checked.
	#[benchmark]
	fn set_policy() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		sign_policy_of::<T>(model, &owner, 1);
		let replacement = keyed_policy::<T>(&owner, 2);
		let signature = authorisation::<T>(model, 1, ModelAction::SetPolicy(replacement.clone()));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			model,
			Box::new(replacement.clone()),
			Some(Box::new(signature)),
		);

		assert!(Models::<T>::get(model).is_some_and(|record| record.policy == replacement));
	}

	#[benchmark]
	fn set_update_fees() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let fees = UpdateFeeSchedule {
			base: 1u32.into(),
			per_shard: 2u32.into(),
			per_mebibyte: 3u32.into(),
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, fees.clone());

		assert_eq!(UpdateFees::<T>::get(), fees);
		Ok(())
	}

	#[benchmark]
	fn set_minimum_stake() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 5u32.into());

		assert_eq!(MinimumStake::<T>::get(), 5u32.into());
		Ok(())
	}

	/// The stake check of [`StakeGate`] and of the gated calls: the minimum and the stake of a
	/// bonded account (the most the check reads) are read.
	#[benchmark]
	fn stake_gate() -> Result<(), BenchmarkError> {
		MinimumStake::<T>::put(BalanceOf::<T>::from(1u32));
		let who = funded_account::<T>("staker", 0);
		T::Stakes::bond_for_benchmark(&who, 1u32.into())?;
		let staked;

		#[block]
		{
			staked = Pallet::<T>::has_minimum_stake(&who);
		}

		assert!(staked);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
