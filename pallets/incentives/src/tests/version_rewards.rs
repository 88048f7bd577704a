//! Version rewards: shares, the claim delay, cooldowns, forfeiture by governance's revocations.

use super::*;

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
fn governance_revoking_a_version_forfeits_its_unclaimed_reward_at_once() {
	build_and_execute(|| {
		accept(0, 1, OWNER, CONTRIBUTOR);
		accept(0, 2, OWNER, OWNER);
		assert_eq!(ModelUnclaimed::<Test>::get(0), Some(200));
		run_to_block(21);
		assert_ok!(claim(CONTRIBUTOR, 0, 1));
		assert_eq!(ModelUnclaimed::<Test>::get(0), Some(130));
		let pool_before = pool();
		revoke_version(0, 1);
		assert_eq!(
			events().last(),
			Some(&Event::RewardForfeited { model: 0, version: 1, amount: 30 })
		);
		// The owner's share went back to the pool's unallocated funds; the tokens stay.
		assert_eq!(pool(), pool_before);
		assert_eq!(Unclaimed::<Test>::get(), 100);
		assert_eq!(ModelUnclaimed::<Test>::get(0), Some(100));
		assert!(VersionRewards::<Test>::get(0, 1).is_none());
		assert_noop!(claim(OWNER, 0, 1), Error::<Test>::NoReward);
		// A version without a reward forfeits nothing.
		let events_before = events().len();
		revoke_version(0, 9);
		assert_eq!(events().len(), events_before);
		assert_eq!(Unclaimed::<Test>::get(), 100);
		// The other versions keep theirs.
		assert_ok!(claim(OWNER, 0, 2));
		assert!(ModelUnclaimed::<Test>::get(0).is_none());
	});
}

#[test]
fn governance_revoking_a_model_forfeits_every_unclaimed_reward_of_it_in_one_step() {
	build_and_execute(|| {
		for version in 1..=3 {
			accept(0, version, OWNER, CONTRIBUTOR);
		}
		accept(1, 1, OWNER, OWNER);
		assert_eq!(Unclaimed::<Test>::get(), 400);
		let pool_before = pool();
		revoke_model(0);
		assert_eq!(events().last(), Some(&Event::ModelRewardsForfeited { model: 0, amount: 300 }));
		assert_eq!(pool(), pool_before);
		assert_eq!(Unclaimed::<Test>::get(), 100);
		assert!(ModelUnclaimed::<Test>::get(0).is_none());
		assert!(ForfeitedModels::<Test>::contains_key(0));
		run_to_block(21);
		// Its records are left for idle time, unclaimable.
		assert!(VersionRewards::<Test>::get(0, 2).is_some());
		assert_noop!(claim(OWNER, 0, 2), Error::<Test>::VersionRevoked);
		assert_noop!(claim(CONTRIBUTOR, 0, 2), Error::<Test>::VersionRevoked);
		// Revoking one of its versions afterwards forfeits nothing twice.
		revoke_version(0, 3);
		assert_eq!(Unclaimed::<Test>::get(), 100);
		assert!(VersionRewards::<Test>::get(0, 3).is_none());
		// Idle time removes the rest and the mark; the claims then find nothing.
		Incentives::on_idle(21, Weight::MAX);
		assert_eq!(VersionRewards::<Test>::iter_prefix(0).count(), 0);
		assert!(!ForfeitedModels::<Test>::contains_key(0));
		assert_noop!(claim(OWNER, 0, 2), Error::<Test>::NoReward);
		// Another model's reward stands.
		assert_ok!(claim(OWNER, 1, 1));
		// A model without unclaimed rewards forfeits nothing and leaves no mark.
		let events_before = events().len();
		revoke_model(1);
		assert_eq!(events().len(), events_before);
		assert!(!ForfeitedModels::<Test>::contains_key(1));
	});
}

#[test]
fn idle_time_removes_forfeited_records_a_bounded_number_a_block_within_its_weight() {
	let records = FORFEITED_RECORDS_PER_BLOCK + 1;
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		let reward = VersionReward {
			shares: BoundedVec::truncate_from(vec![(OWNER, 100)]),
			claimable_at: 0,
		};
		for version in 0..records {
			VersionRewards::<Test>::insert(0, version, reward.clone());
		}
		ForfeitedModels::<Test>::insert(0, ());
	});
	// In the database, as on a chain (removals from a block's own overlay are not counted).
	ext.commit_all().expect("the records are committed");
	ext.execute_with(|| {
		let most = <() as WeightInfo>::clear_forfeited_records(FORFEITED_RECORDS_PER_BLOCK);
		// Not enough room for the most a block may remove: nothing done, nothing charged.
		let short = most.saturating_sub(Weight::from_parts(1, 0));
		assert_eq!(Incentives::on_idle(2, short), Weight::zero());
		assert_eq!(VersionRewards::<Test>::iter_prefix(0).count(), records as usize);
		// Room: at most the bound, charged for what was removed.
		assert_eq!(Incentives::on_idle(2, most), most);
		assert_eq!(VersionRewards::<Test>::iter_prefix(0).count(), 1);
		assert!(ForfeitedModels::<Test>::contains_key(0));
	});
	ext.commit_all().expect("the block is committed");
	ext.execute_with(|| {
		assert_eq!(
			Incentives::on_idle(3, Weight::MAX),
			<() as WeightInfo>::clear_forfeited_records(1)
		);
		assert!(!ForfeitedModels::<Test>::contains_key(0));
		// Nothing left: the check alone is charged.
		assert_eq!(
			Incentives::on_idle(4, Weight::MAX),
			<() as WeightInfo>::clear_forfeited_records(0)
		);
		Incentives::do_try_state().expect("incentive invariants hold");
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
