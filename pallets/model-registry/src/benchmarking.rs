//! Benchmarks of the model registry's calls. Updates and owner actions are measured without
//! their evidence checks (signatures and proofs: the proof verifier's own benchmarks,
//! `Config::Proofs`, give their weights by algorithm, added at dispatch); registering a model
//! and setting a policy in their worst case: a policy naming the most signing keys (all the
//! owner's, so each is read and pinned) and a verification key of the most public inputs, and
//! for `set_policy` replacing such a policy with another (every old key unpinned, every new
//! one read and pinned).

use super::*;
use alloc::vec::Vec;
use codec::MaxEncodedLen;
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
		signing: None,
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
	Box::new(UpdateEvidence { signatures: BoundedVec::new(), zk_proof: None })
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

/// A policy naming the most signing keys, all `owner`'s (made from seeds `seed * 16 + i`),
/// every one of which must sign, and a verification key of the most public inputs, with the
/// most contributors: what `register_model` and `set_policy` read and pin the most for.
fn keyed_policy<T: Config>(owner: &T::AccountId, seed: u8) -> UpdatePolicyOf<T> {
	let registered: Vec<(SigningKeyId, VerifyingKeyId)> = (0..T::MaxPolicyKeys::get())
		.map(|index| {
			let key_seed = seed.wrapping_mul(16).wrapping_add(index as u8);
			T::Proofs::register_benchmark_keys(owner, key_seed, T::MaxPublicInputs::get())
		})
		.collect();
	let keys: Vec<SigningKeyId> = registered.iter().map(|(key, _)| *key).collect();
	UpdatePolicy {
		signing: Some(SigningPolicy {
			threshold: keys.len() as u32,
			keys: BoundedVec::truncate_from(keys),
		}),
		zk_verifying_key: registered.first().map(|(_, zk_key)| *zk_key),
		..policy::<T>(&account("contributor", 0, 0))
	}
}

/// Gives `model` a policy naming the most keys of `owner` (pinned, as `set_policy` would).
fn sign_policy_of<T: Config>(model: ModelId, owner: &T::AccountId, seed: u8) {
	let signed = keyed_policy::<T>(owner, seed);
	if let Err(error) = Pallet::<T>::pin_owner_keys(owner, &signed) {
		panic!("benchmark pin: {error:?}");
	}
	Models::<T>::mutate(model, |record| {
		if let Some(record) = record {
			record.policy = signed;
		}
	});
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

		assert!(Models::<T>::get(0).is_some_and(|model| model.policy.signing.is_some()));
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
		_(RawOrigin::Signed(owner.clone()), model, proposal, BoundedVec::new());

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
		_(RawOrigin::Signed(owner.clone()), model, contributor.clone(), BoundedVec::new());

		assert_eq!(
			Models::<T>::get(model).and_then(|record| record.pending_owner),
			Some(contributor)
		);
	}

	/// The offered model's policy names the most keys of the previous owner, which are dropped
	/// and unpinned.
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

		assert!(Models::<T>::get(model)
			.is_some_and(|record| record.owner == contributor && record.policy.signing.is_none()));
	}

	#[benchmark]
	fn deprecate_model() {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), model, BoundedVec::new());

		assert_eq!(
			Models::<T>::get(model).map(|record| record.status),
			Some(ModelStatus::Deprecated)
		);
	}

	/// Governance revokes a model whose policy names the most keys of its owner: each
	/// unpinned, the revocation recorded for the incentives. (The owner's revocation writes
	/// less, and pays for its authorisation on top.)
	#[benchmark]
	fn revoke_model() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		sign_policy_of::<T>(model, &owner, 1);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, BoundedVec::new());

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

	/// A policy of the most keys replaced by one naming as many others: the model read, the
	/// new keys checked, every old key unpinned and every new one pinned — the call without
	/// its authorisation's signatures, which it adds by algorithm.
	#[benchmark]
	fn set_policy() -> Result<(), BenchmarkError> {
		let owner = funded_account::<T>("owner", 0);
		let contributor = funded_account::<T>("contributor", 0);
		let model = model_with_version::<T>(&owner, &contributor);
		sign_policy_of::<T>(model, &owner, 1);
		let replacement = keyed_policy::<T>(&owner, 2);

		#[block]
		{
			let record = Models::<T>::get(model).ok_or(BenchmarkError::Weightless)?;
			Pallet::<T>::ensure_usable_policy(&replacement)?;
			Pallet::<T>::replace_policy(model, record, replacement.clone())?;
		}

		assert!(Models::<T>::get(model).is_some_and(|record| record.policy == replacement));
		Ok(())
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
