//! What governance sets, within the runtime's bounds.

use super::*;

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
