//! Version rewards: shares, the claim delay, cooldowns, revocation.

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
