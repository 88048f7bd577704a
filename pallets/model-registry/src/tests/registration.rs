//! Registering a model: its deposit, the stake it needs and a usable policy.

use super::*;

#[test]
fn registering_a_model_holds_its_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_eq!(last_event(), Event::ModelRegistered { model, owner: ALICE });
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!(
			(record.owner, record.status, record.current_version, record.nonce),
			(ALICE, ModelStatus::Active, None, 0)
		);
		assert_eq!(record.metadata, *metadata());
		assert_eq!(held(ALICE, HoldReason::Model), ModelRegistry::model_deposit());
		assert_eq!(register(ALICE, open_policy()), model + 1);
	});
}

#[test]
fn registration_needs_a_stake_and_a_usable_policy() {
	build_and_execute(|| {
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(DAVE),
				metadata(),
				Box::new(open_policy())
			),
			Error::<Test>::InsufficientStake
		);
		let (alice_key, _) = registered_key(ALICE, 1);
		let mut policy = open_policy();
		policy.signing = one_key(alice_key + 7);
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::UnusableSigningKey
		);
		policy.signing = one_key(alice_key);
		policy.zk_verifying_key = Some(3);
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::UnusableVerifyingKey
		);
		// A key without public inputs cannot take the update commitment.
		policy.zk_verifying_key = Some(registered_verifying_key(BOB, 0));
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::UnusableVerifyingKey
		);
		policy.zk_verifying_key = None;
		policy.contributors = BoundedVec::try_from(vec![BOB, CAROL, BOB]).unwrap();
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::DuplicateContributor
		);
		policy.contributors = BoundedVec::try_from(vec![BOB, CAROL]).unwrap();
		register(ALICE, policy);
	});
}
