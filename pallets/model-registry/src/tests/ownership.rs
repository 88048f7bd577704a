//! Ownership transfers, deprecation, revocation and the owner's policy.

use super::*;

#[test]
fn ownership_moves_in_two_steps_with_the_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(update(ALICE, model, content(1, 1).declaration));
		let deposit = Models::<Test>::get(model).unwrap().deposit;
		assert_noop!(
			ModelRegistry::transfer_ownership(
				RuntimeOrigin::signed(BOB),
				model,
				BOB,
				no_signatures()
			),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			ModelRegistry::transfer_ownership(
				RuntimeOrigin::signed(ALICE),
				model,
				ALICE,
				no_signatures()
			),
			Error::<Test>::AlreadyOwner
		);
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			BOB,
			no_signatures()
		));
		assert_eq!(last_event(), Event::OwnershipTransferProposed { model, from: ALICE, to: BOB });
		// Until Bob accepts, Alice owns the model.
		assert_noop!(update(BOB, model, content(2, 1).declaration), Error::<Test>::NotModelOwner);
		assert_noop!(
			ModelRegistry::accept_ownership(RuntimeOrigin::signed(CAROL), model),
			Error::<Test>::NoPendingTransfer
		);
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), model));
		assert_eq!(last_event(), Event::OwnershipTransferred { model, from: ALICE, to: BOB });
		assert_eq!((held(ALICE, HoldReason::Model), held(BOB, HoldReason::Model)), (0, deposit));
		assert_ok!(update(BOB, model, content(2, 1).declaration));
		assert_noop!(update(ALICE, model, content(3, 1).declaration), Error::<Test>::NotModelOwner);
	});
}

#[test]
fn an_ownership_transfer_needs_a_new_owner_who_can_hold_the_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let pauper = 77;
		let _ = Balances::deposit_creating(&pauper, 2);
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			pauper,
			no_signatures()
		));
		assert_noop!(
			ModelRegistry::accept_ownership(RuntimeOrigin::signed(pauper), model),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn deprecation_and_revocation_stop_updates_and_keep_history() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(update(ALICE, model, content(1, 1).declaration));
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(BOB), model, no_signatures()),
			Error::<Test>::NotModelOwner
		);
		assert_ok!(ModelRegistry::deprecate_model(
			RuntimeOrigin::signed(ALICE),
			model,
			no_signatures()
		));
		assert_eq!(last_event(), Event::ModelDeprecated { model });
		assert_noop!(
			update(ALICE, model, content(2, 1).declaration),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, no_signatures()),
			Error::<Test>::ModelAlreadyDeprecated
		);
		// Governance may revoke any model.
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), model, no_signatures()));
		assert_eq!(last_event(), Event::ModelRevoked { model });
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), model, no_signatures()),
			Error::<Test>::ModelAlreadyRevoked
		);
		assert_noop!(
			ModelRegistry::set_policy(
				RuntimeOrigin::signed(ALICE),
				model,
				Box::new(open_policy()),
				no_signatures()
			),
			Error::<Test>::ModelNotActive
		);
		assert!(Versions::<Test>::get(model, 1).is_some());
		assert_eq!(Models::<Test>::get(model).unwrap().status, ModelStatus::Revoked);
	});
}

#[test]
fn the_owner_sets_the_policy() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let (key, _) = registered_key(ALICE, 1);
		let policy = crate::UpdatePolicy { signing: one_key(key), ..open_policy() };
		assert_noop!(
			ModelRegistry::set_policy(
				RuntimeOrigin::signed(BOB),
				model,
				Box::new(policy.clone()),
				no_signatures()
			),
			Error::<Test>::NotModelOwner
		);
		assert_ok!(ModelRegistry::set_policy(
			RuntimeOrigin::signed(ALICE),
			model,
			Box::new(policy.clone()),
			no_signatures()
		));
		assert_eq!(last_event(), Event::PolicyUpdated { model });
		assert_eq!(Models::<Test>::get(model).unwrap().policy, policy);
		assert_noop!(
			update(ALICE, model, content(1, 1).declaration),
			Error::<Test>::MissingSignature
		);
	});
}
