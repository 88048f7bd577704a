//! Benchmarks of the incentives pallet: every call and every hook at its worst case.

use super::*;
use aegis_primitives::incentives::{
	OnProofVerified, OnRoundClosed, OnVersionAccepted, OnVersionRevoked, VerifiedProof,
};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Inspect, EnsureOrigin, Hooks};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};

/// A reward amount every token accepts (above any minimum balance).
fn amount<T: Config>(units: u32) -> BalanceOf<T> {
	let unit = T::Token::minimum_balance().max(BalanceOf::<T>::from(1_000_000u32));
	BalanceOf::<T>::from(units).saturating_mul(unit)
}

/// Parameters under which everyone is eligible and everything is rewarded. The stake is
/// still read (see `Pallet::eligible`).
fn generous<T: Config>() -> RewardParametersOf<T> {
	RewardParameters {
		mint_per_period: amount::<T>(1_000).min(T::MaxMintPerPeriod::get()),
		pool_cap: T::MaxPoolCap::get(),
		update_reward: amount::<T>(10),
		owner_share: sp_runtime::Perbill::from_percent(30),
		proof_reward: amount::<T>(10),
		report_reward: amount::<T>(10),
		claim_delay: 0u32.into(),
		minimum_stake: Zero::zero(),
		publisher_cooldown: 1u32.into(),
	}
}

/// An account with a bond: reading a bonded account's stake costs the most (see
/// [`ActiveStake::bond_for_benchmark`]).
fn staker<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let bond = T::Stakes::bond_for_benchmark(&who, Zero::zero());
	assert!(bond.is_ok(), "the benchmark can bond");
	who
}

/// Fills the pool with `units` and records `units` as unclaimed, as earned rewards would.
fn fund_and_allocate<T: Config>(units: u32) {
	let funded = T::Token::mint_into(&Pallet::<T>::pool_account(), amount::<T>(units * 2));
	assert!(funded.is_ok(), "the benchmark can mint the token");
	Unclaimed::<T>::put(amount::<T>(units));
}

fn fund_pool<T: Config>() {
	let funded = T::Token::mint_into(&Pallet::<T>::pool_account(), amount::<T>(1_000));
	assert!(funded.is_ok(), "the benchmark can mint the token");
	Parameters::<T>::put(generous::<T>());
}

/// A version reward of two shares, 20 units in all, claimable now, for version 1 of model 0
/// (whose versions then hold 20 units unclaimed).
fn two_shares<T: Config>(owner: &T::AccountId, contributor: &T::AccountId) {
	fund_and_allocate::<T>(20);
	VersionRewards::<T>::insert(0, 1, two_share_record::<T>(owner, contributor));
	ModelUnclaimed::<T>::insert(0, amount::<T>(20));
}

fn two_share_record<T: Config>(
	owner: &T::AccountId,
	contributor: &T::AccountId,
) -> VersionRewardOf<T> {
	let shares = BoundedVec::truncate_from(alloc::vec![
		(owner.clone(), amount::<T>(10)),
		(contributor.clone(), amount::<T>(10)),
	]);
	VersionReward { shares, claimable_at: 0u32.into() }
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Claiming the first of two shares: the record is rewritten with the other.
	#[benchmark]
	fn claim_version_reward() {
		let owner: T::AccountId = account("owner", 0, 0);
		let contributor: T::AccountId = account("contributor", 0, 0);
		two_shares::<T>(&owner, &contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), 0, 1);

		assert_eq!(T::Token::balance(&owner), amount::<T>(10));
	}

	#[benchmark]
	fn claim_earnings() {
		let reporter: T::AccountId = account("reporter", 0, 0);
		fund_and_allocate::<T>(10);
		Earnings::<T>::insert(&reporter, amount::<T>(10));

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter.clone()));

		assert_eq!(T::Token::balance(&reporter), amount::<T>(10));
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, generous::<T>());

		assert_eq!(Parameters::<T>::get(), generous::<T>());
		Ok(())
	}

	#[benchmark]
	fn set_rewarded_keys(
		n: Linear<0, { T::MaxRewardedKeys::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let keys = BoundedVec::truncate_from((0..n).collect::<Vec<_>>());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, keys);

		assert_eq!(RewardedKeys::<T>::get().len(), n as usize);
		Ok(())
	}

	/// `on_initialize` in a block that mints.
	#[benchmark]
	fn mint() {
		Parameters::<T>::put(generous::<T>());
		NextMint::<T>::put(BlockNumberFor::<T>::from(1u32));
		let pool = Pallet::<T>::pool_account();
		let before = T::Token::balance(&pool);

		#[block]
		{
			Pallet::<T>::on_initialize(1u32.into());
		}

		let minted = generous::<T>().mint_per_period;
		assert_eq!(T::Token::balance(&pool), before.saturating_add(minted));
	}

	/// `on_initialize` in any other block: the next minting block is read.
	#[benchmark]
	fn on_initialize_idle() {
		NextMint::<T>::put(BlockNumberFor::<T>::from(2u32));
		let pool = Pallet::<T>::pool_account();
		let before = T::Token::balance(&pool);

		#[block]
		{
			Pallet::<T>::on_initialize(1u32.into());
		}

		assert_eq!(T::Token::balance(&pool), before);
	}

	/// A contributor's version: two eligible shares.
	#[benchmark]
	fn on_version_accepted() {
		fund_pool::<T>();
		let owner = staker::<T>("owner", 0);
		let contributor = staker::<T>("contributor", 0);

		#[block]
		{
			Pallet::<T>::on_version_accepted(0, 1, &owner, &contributor);
		}

		assert!(VersionRewards::<T>::get(0, 1).is_some_and(|reward| reward.shares.len() == 2));
	}

	/// A new statement of `i` public inputs (the last the binding to the submitter) under the
	/// last of a full list of rewarded keys.
	#[benchmark]
	fn on_proof_verified(i: Linear<1, { T::MaxPublicInputs::get() }>) {
		fund_pool::<T>();
		let keys = BoundedVec::truncate_from((0..T::MaxRewardedKeys::get()).collect::<Vec<_>>());
		let key = keys.last().copied().unwrap_or_default();
		RewardedKeys::<T>::put(keys);
		let submitter = staker::<T>("submitter", 0);
		let mut inputs = alloc::vec![[7u8; 32]; i as usize - 1];
		inputs.push(aegis_primitives::incentives::proof_reward_binding(&submitter.encode()));

		#[block]
		{
			Pallet::<T>::on_proof_verified(
				&submitter,
				VerifiedProof::Groth16 { key, public_inputs: &inputs },
			);
		}

		assert_eq!(Earnings::<T>::get(&submitter), amount::<T>(10));
	}

	#[benchmark]
	fn on_round_closed(n: Linear<1, { T::MaxReporters::get() }>) {
		fund_pool::<T>();
		let reporters = (0..n).map(|index| staker::<T>("reporter", index)).collect::<Vec<_>>();

		#[block]
		{
			Pallet::<T>::on_round_closed(&reporters);
		}

		assert!(reporters.iter().all(|reporter| Earnings::<T>::get(reporter) == amount::<T>(10)));
	}

	/// Governance revokes a version with two unclaimed shares.
	#[benchmark]
	fn on_version_revoked() {
		let owner: T::AccountId = account("owner", 0, 0);
		let contributor: T::AccountId = account("contributor", 0, 0);
		two_shares::<T>(&owner, &contributor);

		#[block]
		{
			Pallet::<T>::on_version_revoked(0, 1);
		}

		assert!(VersionRewards::<T>::get(0, 1).is_none());
		assert!(ModelUnclaimed::<T>::get(0).is_none());
		assert!(Unclaimed::<T>::get().is_zero());
	}

	/// Governance revokes a model whose versions hold unclaimed rewards: one sum, whatever
	/// their number.
	#[benchmark]
	fn on_every_version_revoked() {
		let owner: T::AccountId = account("owner", 0, 0);
		let contributor: T::AccountId = account("contributor", 0, 0);
		two_shares::<T>(&owner, &contributor);

		#[block]
		{
			Pallet::<T>::on_every_version_revoked(0);
		}

		assert!(ForfeitedModels::<T>::contains_key(0));
		assert!(Unclaimed::<T>::get().is_zero());
	}

	/// `on_idle` removing `n` records of a forfeited model (the last of them, so its mark
	/// too); with none, the check for a forfeited model.
	#[benchmark]
	fn clear_forfeited_records(n: Linear<0, FORFEITED_RECORDS_PER_BLOCK>) {
		let owner: T::AccountId = account("owner", 0, 0);
		let contributor: T::AccountId = account("contributor", 0, 0);
		for version in 0..n {
			VersionRewards::<T>::insert(0, version, two_share_record::<T>(&owner, &contributor));
		}
		if n > 0 {
			ForfeitedModels::<T>::insert(0, ());
		}

		#[block]
		{
			Pallet::<T>::on_idle(1u32.into(), Weight::MAX);
		}

		assert_eq!(VersionRewards::<T>::iter_prefix(0).count(), 0);
		assert!(!ForfeitedModels::<T>::contains_key(0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
