//! Tests of the incentives pallet on the mock runtime.

use crate::{
	mock::*, Earnings, Error, Event, NextMint, Parameters, RewardSource, RewardedKeys, SkipReason,
	Unclaimed, VersionRewards,
};
use aegis_primitives::incentives::{
	OnProofVerified, OnRoundClosed, OnVersionAccepted, VerifiedProof,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec};
use sp_runtime::{DispatchError, Perbill};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Incentives(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn pool() -> u64 {
	Balances::balance(&Incentives::pool_account())
}

fn accept(model: u32, version: u32, owner: u64, submitter: u64) {
	<Incentives as OnVersionAccepted<u64>>::on_version_accepted(model, version, &owner, &submitter);
}

fn claim(who: u64, model: u32, version: u32) -> sp_runtime::DispatchResult {
	Incentives::claim_version_reward(RuntimeOrigin::signed(who), model, version)
}

/// The public inputs `inputs` followed by the binding to `beneficiary`.
fn bound(beneficiary: u64, inputs: &[[u8; 32]]) -> Vec<[u8; 32]> {
	let binding = aegis_primitives::incentives::proof_reward_binding(&beneficiary.encode());
	inputs.iter().copied().chain([binding]).collect()
}

/// `submitter` attests a proof of `public_inputs` under `key`.
fn attest(submitter: u64, key: u32, public_inputs: &[[u8; 32]]) {
	<Incentives as OnProofVerified<u64>>::on_proof_verified(
		&submitter,
		VerifiedProof::Groth16 { key, public_inputs },
	);
}

/// `submitter` attests a proof of `inputs` bound to itself.
fn groth16(submitter: u64, key: u32, inputs: &[[u8; 32]]) {
	attest(submitter, key, &bound(submitter, inputs));
}

// ----- The pool ------------------------------------------------------------------------------

#[test]
fn the_pool_is_minted_once_per_period_up_to_its_cap() {
	build_and_execute(|| {
		assert_eq!(pool(), 1_000);
		assert_eq!(events(), vec![Event::PoolMinted { amount: 1_000 }]);
		assert_eq!(NextMint::<Test>::get(), 11);
		run_to_block(10);
		assert_eq!(pool(), 1_000);
		run_to_block(11);
		assert_eq!(pool(), 2_000);
		// The third mint stops at the cap of unallocated funds, the fourth mints nothing.
		run_to_block(21);
		assert_eq!(pool(), 2_500);
		run_to_block(31);
		assert_eq!(pool(), 2_500);
		// Allocated rewards do not count towards the cap: the pool is refilled behind them.
		accept(0, 1, OWNER, OWNER);
		assert_eq!(Incentives::unallocated(), 2_400);
		run_to_block(41);
		assert_eq!((pool(), Incentives::unallocated()), (2_600, 2_500));
	});
}

#[test]
fn the_hook_is_charged_its_benchmark_in_every_block() {
	use frame_support::traits::Hooks;
	build_and_execute(|| {
		let idle = <() as crate::WeightInfo>::on_initialize_idle();
		// The proof size counts on a parachain: every block reads the next minting block.
		assert!(idle.proof_size() > 0);
		assert_eq!(Incentives::on_initialize(10), idle);
		assert_eq!(Incentives::on_initialize(11), <() as crate::WeightInfo>::mint());
		assert_eq!(NextMint::<Test>::get(), 21);
	});
}

// ----- Version rewards -----------------------------------------------------------------------

#[test]
fn a_direct_update_rewards_the_owner_after_the_claim_delay() {
	build_and_execute(|| {
		accept(0, 1, OWNER, OWNER);
		let source = RewardSource::Version { model: 0, version: 1 };
		assert_eq!(
			events().last(),
			Some(&Event::RewardEarned { beneficiary: OWNER, source, amount: 100 })
		);
		let reward = VersionRewards::<Test>::get(0, 1).unwrap();
		assert_eq!((reward.shares.to_vec(), reward.claimable_at), (vec![(OWNER, 100)], 21));
		assert_eq!(Unclaimed::<Test>::get(), 100);

		run_to_block(20);
		assert_noop!(claim(OWNER, 0, 1), Error::<Test>::NotYetClaimable);
		run_to_block(21);
		assert_noop!(claim(CONTRIBUTOR, 0, 1), Error::<Test>::NoReward);
		let pool_before = pool();
		assert_ok!(claim(OWNER, 0, 1));
		assert_eq!(
			events().last(),
			Some(&Event::VersionRewardClaimed {
				beneficiary: OWNER,
				model: 0,
				version: 1,
				amount: 100
			})
		);
		assert_eq!(Balances::balance(&OWNER), 100);
		assert_eq!(pool(), pool_before - 100);
		assert_eq!(Unclaimed::<Test>::get(), 0);
		assert!(VersionRewards::<Test>::get(0, 1).is_none());
		assert_noop!(claim(OWNER, 0, 1), Error::<Test>::NoReward);
	});
}

#[test]
fn an_accepted_proposal_splits_the_reward_by_the_owner_share() {
	build_and_execute(|| {
		accept(3, 2, OWNER, CONTRIBUTOR);
		let reward = VersionRewards::<Test>::get(3, 2).unwrap();
		assert_eq!(reward.shares.to_vec(), vec![(OWNER, 30), (CONTRIBUTOR, 70)]);
		run_to_block(21);
		assert_ok!(claim(CONTRIBUTOR, 3, 2));
		assert_eq!(VersionRewards::<Test>::get(3, 2).unwrap().shares.to_vec(), vec![(OWNER, 30)]);
		assert_ok!(claim(OWNER, 3, 2));
		assert_eq!((Balances::balance(&OWNER), Balances::balance(&CONTRIBUTOR)), (30, 70));
		assert!(VersionRewards::<Test>::get(3, 2).is_none());

		// All to the contributor, or all to the owner.
		for (share, expected) in [(0, vec![(CONTRIBUTOR, 100)]), (100, vec![(OWNER, 100)])] {
			Parameters::<Test>::mutate(|p| p.owner_share = Perbill::from_percent(share));
			accept(3, share + 10, OWNER, CONTRIBUTOR);
			assert_eq!(
				VersionRewards::<Test>::get(3, share + 10).unwrap().shares.to_vec(),
				expected
			);
		}
	});
}

#[test]
fn beneficiaries_without_the_minimum_stake_earn_nothing() {
	build_and_execute(|| {
		let source = RewardSource::Version { model: 0, version: 1 };
		accept(0, 1, OWNER, UNSTAKED);
		assert_eq!(VersionRewards::<Test>::get(0, 1).unwrap().shares.to_vec(), vec![(OWNER, 30)]);
		assert!(events().contains(&Event::RewardSkipped {
			beneficiary: UNSTAKED,
			source,
			reason: SkipReason::InsufficientStake
		}));
		assert_eq!(Unclaimed::<Test>::get(), 30);

		TestStakes::set(OWNER, MINIMUM_STAKE - 1);
		accept(0, 2, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(0, 2).is_none());
		assert_eq!(Unclaimed::<Test>::get(), 30);
	});
}

#[test]
fn a_reward_the_pool_cannot_cover_is_not_earned() {
	build_and_execute(|| {
		Parameters::<Test>::mutate(|p| p.update_reward = 1_001);
		accept(0, 1, OWNER, CONTRIBUTOR);
		assert!(VersionRewards::<Test>::get(0, 1).is_none());
		assert_eq!(Unclaimed::<Test>::get(), 0);
		let source = RewardSource::Version { model: 0, version: 1 };
		for beneficiary in [OWNER, CONTRIBUTOR] {
			assert!(events().contains(&Event::RewardSkipped {
				beneficiary,
				source,
				reason: SkipReason::PoolExhausted
			}));
		}
		// Exactly the unallocated funds can be earned, and then nothing more.
		Parameters::<Test>::mutate(|p| p.update_reward = 1_000);
		accept(0, 2, OWNER, OWNER);
		assert_eq!(Incentives::unallocated(), 0);
		accept(0, 3, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(0, 3).is_none());
		// A zero reward records nothing.
		Parameters::<Test>::mutate(|p| p.update_reward = 0);
		run_to_block(11);
		accept(0, 4, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(0, 4).is_none());
	});
}

#[test]
fn the_reward_of_a_revoked_version_is_forfeited_before_it_is_claimed() {
	build_and_execute(|| {
		accept(0, 1, OWNER, CONTRIBUTOR);
		accept(0, 2, OWNER, OWNER);
		run_to_block(21);
		assert_ok!(claim(CONTRIBUTOR, 0, 1));
		revoke(0, 1);
		assert_noop!(claim(OWNER, 0, 1), Error::<Test>::VersionRevoked);
		assert_noop!(
			Incentives::forfeit_version_reward(RuntimeOrigin::signed(REPORTER), 0, 2),
			Error::<Test>::VersionNotRevoked
		);
		assert_noop!(
			Incentives::forfeit_version_reward(RuntimeOrigin::signed(REPORTER), 0, 9),
			Error::<Test>::NoReward
		);
		let pool_before = pool();
		assert_ok!(Incentives::forfeit_version_reward(RuntimeOrigin::signed(REPORTER), 0, 1));
		assert_eq!(
			events().last(),
			Some(&Event::RewardForfeited { model: 0, version: 1, amount: 30 })
		);
		// The owner's share went back to the pool's unallocated funds; the tokens stay.
		assert_eq!(pool(), pool_before);
		assert_eq!(Unclaimed::<Test>::get(), 100);
		assert!(VersionRewards::<Test>::get(0, 1).is_none());
		assert_noop!(claim(OWNER, 0, 1), Error::<Test>::NoReward);
		assert_ok!(claim(OWNER, 0, 2));
	});
}

#[test]
fn an_account_earns_at_most_one_version_reward_per_cooldown_whatever_the_model() {
	build_and_execute(|| {
		Parameters::<Test>::mutate(|p| p.publisher_cooldown = 10);
		accept(0, 1, OWNER, OWNER);
		// Another model of the same owner earns nothing in the cooldown.
		accept(1, 1, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(1, 1).is_none());
		assert!(events().contains(&Event::RewardSkipped {
			beneficiary: OWNER,
			source: RewardSource::Version { model: 1, version: 1 },
			reason: SkipReason::PublisherCooldown
		}));
		// A contributor not cooling down still earns their share of a proposal the owner
		// accepts in the owner's cooldown.
		accept(0, 2, OWNER, CONTRIBUTOR);
		let reward = VersionRewards::<Test>::get(0, 2).expect("the contributor's share");
		assert_eq!(reward.shares.into_inner(), vec![(CONTRIBUTOR, 70)]);
		// Ten blocks later the owner earns again.
		run_to_block(10);
		accept(2, 1, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(2, 1).is_none());
		run_to_block(11);
		accept(2, 2, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(2, 2).is_some());
	});
}

/// The attack the per-publisher cooldown exists for: one staked account registers a hundred
/// cheap models and publishes a version of each every period, next to an honest publisher with
/// one model. With a cooldown per model it took the whole mint and left the honest publisher
/// `PoolExhausted`; now each earns one reward per period.
#[test]
fn a_hundred_models_earn_their_owner_no_more_than_one_earns_an_honest_publisher() {
	build_and_execute(|| {
		Parameters::<Test>::mutate(|p| p.publisher_cooldown = 10);
		let (farmer, honest) = (OWNER, CONTRIBUTOR);
		let honest_model = 1_000;
		let mut version = 0;
		for period in 0..5u64 {
			run_to_block(1 + period * 10);
			version += 1;
			// The farmer's versions land first in every block.
			for model in 0..100 {
				accept(model, version, farmer, farmer);
			}
			accept(honest_model, version, honest, honest);
		}
		let earned = |who: u64| -> u64 {
			events()
				.iter()
				.filter_map(|event| match event {
					Event::RewardEarned { beneficiary, amount, .. } if *beneficiary == who => {
						Some(*amount)
					},
					_ => None,
				})
				.sum()
		};
		assert_eq!(earned(honest), 5 * PARAMETERS.update_reward, "one reward per period");
		assert_eq!(earned(farmer), earned(honest), "a hundred models earn what one does");
		assert!(!events().iter().any(|event| matches!(
			event,
			Event::RewardSkipped { beneficiary, reason: SkipReason::PoolExhausted, .. }
				if *beneficiary == honest
		)));
	});
}

// ----- Proof and report rewards --------------------------------------------------------------

#[test]
fn a_groth16_statement_under_a_rewarded_key_is_rewarded_once() {
	build_and_execute(|| {
		let source = RewardSource::Proof { key: REWARDED_KEY };
		groth16(REPORTER, REWARDED_KEY, &[[1; 32], [2; 32]]);
		assert_eq!(
			events().last(),
			Some(&Event::RewardEarned { beneficiary: REPORTER, source, amount: 40 })
		);
		// Someone else attesting the statement (e.g. a re-randomised copy of the proof seen in
		// the pool) is not bound to: nothing.
		attest(OWNER, REWARDED_KEY, &bound(REPORTER, &[[1; 32], [2; 32]]));
		assert_eq!(
			events().last(),
			Some(&Event::RewardSkipped {
				beneficiary: OWNER,
				source,
				reason: SkipReason::NotBoundToSubmitter
			})
		);
		// The prover attesting the same statement again: nothing either.
		groth16(REPORTER, REWARDED_KEY, &[[1; 32], [2; 32]]);
		assert_eq!(
			events().last(),
			Some(&Event::RewardSkipped {
				beneficiary: REPORTER,
				source,
				reason: SkipReason::AlreadyRewarded
			})
		);
		// Inputs without a binding at all earn nothing.
		attest(REPORTER, REWARDED_KEY, &[[9; 32]]);
		attest(REPORTER, REWARDED_KEY, &[]);
		// Other inputs are another statement.
		groth16(REPORTER, REWARDED_KEY, &[[1; 32], [3; 32]]);
		// Other keys, and other kinds of proof, earn nothing.
		let before = events().len();
		groth16(REPORTER, REWARDED_KEY + 1, &[[4; 32]]);
		<Incentives as OnProofVerified<u64>>::on_proof_verified(
			&REPORTER,
			VerifiedProof::MerkleInclusion,
		);
		<Incentives as OnProofVerified<u64>>::on_proof_verified(&REPORTER, VerifiedProof::MlDsa);
		assert_eq!(events().len(), before);
		assert_eq!((Earnings::<Test>::get(REPORTER), Earnings::<Test>::get(OWNER)), (80, 0));

		// An unstaked submitter earns nothing, and the statement stays unrewarded.
		groth16(UNSTAKED, REWARDED_KEY, &[[5; 32]]);
		assert_eq!(Earnings::<Test>::get(UNSTAKED), 0);
		groth16(REPORTER, REWARDED_KEY, &[[5; 32]]);
		assert_eq!(Earnings::<Test>::get(REPORTER), 120);
	});
}

#[test]
fn reporters_of_a_closed_round_earn_and_claim_their_earnings() {
	build_and_execute(|| {
		<Incentives as OnRoundClosed<u64>>::on_round_closed(&[REPORTER, UNSTAKED, CONTRIBUTOR]);
		assert_eq!(
			(
				Earnings::<Test>::get(REPORTER),
				Earnings::<Test>::get(UNSTAKED),
				Earnings::<Test>::get(CONTRIBUTOR)
			),
			(5, 0, 5)
		);
		groth16(REPORTER, REWARDED_KEY, &[[1; 32]]);
		assert_eq!(Unclaimed::<Test>::get(), 50);

		assert_noop!(
			Incentives::claim_earnings(RuntimeOrigin::signed(UNSTAKED)),
			Error::<Test>::NoReward
		);
		assert_ok!(Incentives::claim_earnings(RuntimeOrigin::signed(REPORTER)));
		assert_eq!(
			events().last(),
			Some(&Event::EarningsClaimed { beneficiary: REPORTER, amount: 45 })
		);
		assert_eq!(Balances::balance(&REPORTER), 45);
		assert_eq!(Unclaimed::<Test>::get(), 5);
		assert_noop!(
			Incentives::claim_earnings(RuntimeOrigin::signed(REPORTER)),
			Error::<Test>::NoReward
		);
		// More reporters than a round may have: the surplus earns nothing.
		<Incentives as OnRoundClosed<u64>>::on_round_closed(&[10, 11, 12, 13, 14, 15]);
		for who in 10..=15 {
			TestStakes::set(who, MINIMUM_STAKE);
		}
		<Incentives as OnRoundClosed<u64>>::on_round_closed(&[10, 11, 12, 13, 14, 15]);
		assert_eq!((Earnings::<Test>::get(13), Earnings::<Test>::get(14)), (5, 0));
	});
}

// ----- Governance ----------------------------------------------------------------------------

#[test]
fn governance_sets_the_parameters_and_earned_rewards_keep_theirs() {
	build_and_execute(|| {
		accept(0, 1, OWNER, OWNER);
		let parameters = crate::RewardParameters { update_reward: 7, claim_delay: 0, ..PARAMETERS };
		assert_noop!(
			Incentives::set_parameters(RuntimeOrigin::signed(OWNER), parameters.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Incentives::set_parameters(RuntimeOrigin::root(), parameters.clone()));
		assert_eq!(events().last(), Some(&Event::ParametersSet { parameters: parameters.clone() }));
		assert_eq!(Parameters::<Test>::get(), parameters);
		accept(0, 2, OWNER, OWNER);
		assert_ok!(claim(OWNER, 0, 2));
		assert_eq!(Balances::balance(&OWNER), 7);
		assert_noop!(claim(OWNER, 0, 1), Error::<Test>::NotYetClaimable);
	});
}

#[test]
fn no_referendum_can_mint_past_the_runtime_bounds() {
	build_and_execute(|| {
		for parameters in [
			crate::RewardParameters { mint_per_period: 10_001, ..PARAMETERS },
			crate::RewardParameters { pool_cap: 100_001, ..PARAMETERS },
		] {
			assert_noop!(
				Incentives::set_parameters(RuntimeOrigin::root(), parameters),
				Error::<Test>::MintAboveBound
			);
		}
		let at_the_bounds =
			crate::RewardParameters { mint_per_period: 10_000, pool_cap: 100_000, ..PARAMETERS };
		assert_ok!(Incentives::set_parameters(RuntimeOrigin::root(), at_the_bounds.clone()));
		assert_eq!(Parameters::<Test>::get(), at_the_bounds);
	});
}

#[test]
fn governance_sets_the_rewarded_keys_without_duplicates() {
	build_and_execute(|| {
		let keys = BoundedVec::try_from(vec![1, 2, 3]).unwrap();
		assert_noop!(
			Incentives::set_rewarded_keys(RuntimeOrigin::signed(OWNER), keys.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Incentives::set_rewarded_keys(
				RuntimeOrigin::root(),
				BoundedVec::try_from(vec![1, 2, 1]).unwrap()
			),
			Error::<Test>::DuplicateKey
		);
		assert_ok!(Incentives::set_rewarded_keys(RuntimeOrigin::root(), keys.clone()));
		assert_eq!(events().last(), Some(&Event::RewardedKeysSet { keys: keys.clone() }));
		assert_eq!(RewardedKeys::<Test>::get(), keys);
		// The old key is no longer rewarded, the new ones are.
		groth16(REPORTER, REWARDED_KEY, &[[1; 32]]);
		groth16(REPORTER, 2, &[[1; 32]]);
		assert_eq!(Earnings::<Test>::get(REPORTER), 40);
	});
}

#[test]
fn try_state_catches_an_unclaimed_total_the_pool_does_not_cover() {
	build_and_execute(|| {
		accept(0, 1, OWNER, OWNER);
		Unclaimed::<Test>::put(99);
		assert!(Incentives::do_try_state().is_err());
		Unclaimed::<Test>::put(100);
		assert_ok!(Incentives::do_try_state());
		Earnings::<Test>::insert(REPORTER, 5_000);
		Unclaimed::<Test>::put(5_100);
		assert!(Incentives::do_try_state().is_err());
		Earnings::<Test>::remove(REPORTER);
		Unclaimed::<Test>::put(100);
	});
}

// ----- Migrations ----------------------------------------------------------------------------

#[test]
fn the_v1_migration_drops_the_per_model_cooldowns() {
	use frame_support::{
		storage::{storage_prefix, unhashed},
		traits::{GetStorageVersion, OnRuntimeUpgrade, PalletInfoAccess, StorageVersion},
	};
	build_and_execute(|| {
		// What version 0 kept: the block of each model's last rewarded version.
		let prefix = storage_prefix(Incentives::name().as_bytes(), b"LastRewardedVersion");
		let key = |model: u32| {
			[&prefix[..], &model.using_encoded(sp_io::hashing::twox_64)[..], &model.encode()[..]]
				.concat()
		};
		for model in 0..3u32 {
			unhashed::put(&key(model), &5u64);
		}
		StorageVersion::new(0).put::<Incentives>();

		crate::migrations::v1::PerPublisherCooldown::<Test>::on_runtime_upgrade();
		for model in 0..3u32 {
			assert!(unhashed::get_raw(&key(model)).is_none(), "model {model}'s entry is gone");
		}
		assert_eq!(Incentives::on_chain_storage_version(), 1);
		assert_eq!(Incentives::on_chain_storage_version(), Incentives::in_code_storage_version());
		// No account starts in a cooldown.
		accept(0, 1, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(0, 1).is_some());
	});
}
