//! The post-quantum factor cannot be removed with the account key: while a policy names a
//! signing key, every owner action that changes the policy, the owner or the model's status
//! needs a signature by that key, and the key cannot be revoked.
//!
//! Each test plays the attacker who holds the owner's account (sr25519) key — here: may
//! dispatch as `ALICE` — but not the post-quantum secret key.

use super::*;
use crate::{migrations, ModelAction, ModelActionOf};
use aegis_primitives::proofs::PinSigningKey;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

type Authorisation = Option<Box<PqSignature>>;

/// The signature by `secret` that authorises `action` on `model` now.
fn authorise(secret: &PqSecretKey, model: ModelId, action: ModelActionOf<Test>) -> Authorisation {
	let record = Models::<Test>::get(model).unwrap();
	let payload = ModelRegistry::action_payload(model, &record, action);
	let signature =
		pq_sign(secret, &GENESIS_HASH, purpose::MODEL_ACTION, &payload.encode(), &[0; 32]).unwrap();
	Some(Box::new(signature))
}

fn set_policy(
	model: ModelId,
	policy: UpdatePolicyOf<Test>,
	authorisation: Authorisation,
) -> sp_runtime::DispatchResult {
	ModelRegistry::set_policy(RuntimeOrigin::signed(ALICE), model, Box::new(policy), authorisation)
}

fn pins(key: u32) -> u32 {
	ProofVerifier::signing_key_pins(key)
}

fn nonce(model: ModelId) -> u64 {
	Models::<Test>::get(model).unwrap().nonce
}

#[test]
fn the_account_key_alone_cannot_change_a_signed_policy() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let before = Models::<Test>::get(model).unwrap();

		// Switching the key off, or naming another key of the owner's, without the key.
		let (other_key, other_secret) = registered_key(ALICE, 2);
		let swapped = crate::UpdatePolicy { signing_key: Some(other_key), ..open_policy() };
		for policy in [open_policy(), swapped.clone()] {
			assert_noop!(set_policy(model, policy, None), Error::<Test>::MissingAuthorisation);
		}
		// Signatures that authorise something else: another key (even the owner's), another
		// policy, another action, another purpose, another chain.
		let wrong = [
			authorise(&other_secret, model, ModelAction::SetPolicy(open_policy())),
			authorise(&secret, model, ModelAction::SetPolicy(swapped.clone())),
			authorise(&secret, model, ModelAction::Deprecate),
			Some(Box::new(signature(
				&secret,
				&ModelRegistry::action_payload(
					model,
					&before,
					ModelAction::SetPolicy(open_policy()),
				)
				.encode(),
			))),
			Some(Box::new(
				pq_sign(
					&secret,
					&[1; 32],
					purpose::MODEL_ACTION,
					&ModelRegistry::action_payload(
						model,
						&before,
						ModelAction::SetPolicy(open_policy()),
					)
					.encode(),
					&[0; 32],
				)
				.unwrap(),
			)),
		];
		for authorisation in wrong {
			assert_noop!(
				set_policy(model, open_policy(), authorisation),
				pallet_proof_verifier::Error::<Test>::BadSignature
			);
		}
		assert_eq!(Models::<Test>::get(model).unwrap(), before);
		// Nor can updates go through without evidence.
		assert_noop!(
			update(ALICE, model, content(1, 1).declaration),
			Error::<Test>::MissingSignature
		);

		// With the key, the policy changes, the keys' pins follow, the nonce moves on.
		let authorisation = authorise(&secret, model, ModelAction::SetPolicy(swapped.clone()));
		assert_ok!(set_policy(model, swapped.clone(), authorisation.clone()));
		assert_eq!(last_event(), Event::PolicyUpdated { model });
		let after = Models::<Test>::get(model).unwrap();
		assert_eq!((after.policy, after.nonce), (swapped.clone(), before.nonce + 1));
		assert_eq!((pins(key), pins(other_key)), (0, 1));
		// The same authorisation is spent.
		assert_noop!(
			set_policy(model, swapped, authorisation),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
	});
}

#[test]
fn an_authorisation_is_single_use_and_voids_earlier_update_signatures() {
	build_and_execute(|| {
		let (model, _, secret) = signed_model(ALICE, 1);
		let first = content(1, 2);
		let signed_earlier = payload(model, &first.declaration);
		let policy = crate::UpdatePolicy {
			contributors: BoundedVec::try_from(vec![BOB]).unwrap(),
			..Models::<Test>::get(model).unwrap().policy
		};
		let authorisation = authorise(&secret, model, ModelAction::SetPolicy(policy.clone()));
		assert_ok!(set_policy(model, policy.clone(), authorisation.clone()));
		assert_noop!(
			set_policy(model, policy, authorisation),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// An update signed before the action named the old nonce.
		assert_noop!(
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				first.declaration.clone(),
				signed_update(&secret, &signed_earlier),
			),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			first.declaration.clone(),
			signed_update(&secret, &payload(model, &first.declaration)),
		));
	});
}

#[test]
fn the_account_key_alone_cannot_transfer_deprecate_or_revoke_a_signed_model() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let before = Models::<Test>::get(model).unwrap();
		// The attacker's own staked account is BOB.
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(ALICE), model, BOB, None),
			Error::<Test>::MissingAuthorisation
		);
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, None),
			Error::<Test>::MissingAuthorisation
		);
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), model, None),
			Error::<Test>::MissingAuthorisation
		);
		// An authorisation is for one action and one recipient.
		let to_carol = authorise(&secret, model, ModelAction::TransferOwnership(CAROL));
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(ALICE), model, BOB, to_carol),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		let deprecation = authorise(&secret, model, ModelAction::Deprecate);
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), model, deprecation.clone()),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Nor can the key be revoked under the model.
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key),
			pallet_proof_verifier::Error::<Test>::SigningKeyInUse
		);
		assert_eq!(Models::<Test>::get(model).unwrap(), before);

		// With the key, each action goes through.
		assert_ok!(ModelRegistry::deprecate_model(
			RuntimeOrigin::signed(ALICE),
			model,
			deprecation
		));
		assert_eq!(last_event(), Event::ModelDeprecated { model });
		// A deprecated model keeps its key pinned: its status can still change (revocation).
		assert_eq!(pins(key), 1);
		let revocation = authorise(&secret, model, ModelAction::Revoke);
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), model, revocation));
		assert_eq!(nonce(model), before.nonce + 2);
		assert_eq!(pins(key), 0);
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
	});
}

#[test]
fn a_transfer_the_key_authorised_hands_over_the_model_without_the_old_key() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let to_bob = authorise(&secret, model, ModelAction::TransferOwnership(BOB));
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			BOB,
			to_bob
		));
		assert_eq!(pins(key), 1, "the key protects the model until the transfer completes");
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), model));
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!((record.owner, record.policy.signing_key), (BOB, None));
		assert_eq!(last_event(), Event::PolicyUpdated { model });
		assert_eq!(pins(key), 0);
		// The previous owner's key no longer speaks for the model, and may be retired.
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		// The new owner names a key of their own, without an authorisation (none is named).
		let (bob_key, _) = registered_key(BOB, 3);
		let policy = crate::UpdatePolicy { signing_key: Some(bob_key), ..open_policy() };
		assert_ok!(ModelRegistry::set_policy(
			RuntimeOrigin::signed(BOB),
			model,
			Box::new(policy),
			None
		));
		assert_eq!(pins(bob_key), 1);
		// A revoked model cannot be offered to anyone.
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), model, None));
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), model, CAROL, None),
			Error::<Test>::ModelAlreadyRevoked
		);
	});
}

#[test]
fn a_key_is_pinned_once_per_policy_that_names_it() {
	build_and_execute(|| {
		let (first, key, secret) = signed_model(ALICE, 1);
		let second =
			register(ALICE, crate::UpdatePolicy { signing_key: Some(key), ..open_policy() });
		assert_eq!(pins(key), 2);
		let authorisation = authorise(&secret, first, ModelAction::SetPolicy(open_policy()));
		assert_ok!(set_policy(first, open_policy(), authorisation));
		assert_eq!(pins(key), 1);
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key),
			pallet_proof_verifier::Error::<Test>::SigningKeyInUse
		);
		// Governance acts without the key, and its revocation lets the key go.
		assert_ok!(ModelRegistry::deprecate_model(RuntimeOrigin::root(), second, None));
		assert_eq!(pins(key), 1);
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), second, None));
		assert_eq!(pins(key), 0);
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		// A policy cannot name a revoked key.
		assert_noop!(
			set_policy(
				first,
				crate::UpdatePolicy { signing_key: Some(key), ..open_policy() },
				None
			),
			Error::<Test>::SigningKeyNotOwned
		);
	});
}

#[test]
fn an_authorisation_the_policy_does_not_ask_for_is_refused() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let (_, secret) = registered_key(ALICE, 1);
		let unasked = authorise(&secret, model, ModelAction::Deprecate);
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, unasked),
			Error::<Test>::UnexpectedEvidence
		);
		assert_ok!(ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, None));
	});
}

#[test]
fn the_weight_of_an_authorised_action_covers_its_signature_check() {
	build_and_execute(|| {
		let (model, _, secret) = signed_model(ALICE, 1);
		let call = |authorisation: Authorisation| crate::Call::<Test>::deprecate_model {
			model,
			authorisation,
		};
		use frame_support::dispatch::GetDispatchInfo;
		let unsigned = call(None).get_dispatch_info().call_weight;
		let signed = call(authorise(&secret, model, ModelAction::Deprecate))
			.get_dispatch_info()
			.call_weight;
		assert_eq!(
			signed,
			unsigned + ModelRegistry::authorisation_weight(Some(Algorithm::MlDsa65))
		);
		assert!(ModelRegistry::authorisation_weight(Some(Algorithm::MlDsa65)).ref_time() > 0);
	});
}

#[test]
fn the_v1_migration_pins_the_keys_of_existing_policies() {
	build_and_execute(|| {
		let (signed, key, _) = signed_model(ALICE, 1);
		let (revoked, revoked_key, _) = signed_model(BOB, 2);
		let _open = register(CAROL, open_policy());
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), revoked, None));
		// What a chain before version 1 holds: policies name keys nobody pinned.
		ProofVerifier::unpin_signing_key(key);
		StorageVersion::new(0).put::<ModelRegistry>();

		migrations::v1::PinPolicyKeys::<Test>::on_runtime_upgrade();
		assert_eq!((pins(key), pins(revoked_key)), (1, 0));
		assert_eq!(ModelRegistry::on_chain_storage_version(), 1);
		assert_eq!(Models::<Test>::get(signed).unwrap().policy.signing_key, Some(key));
		// It runs once.
		migrations::v1::PinPolicyKeys::<Test>::on_runtime_upgrade();
		assert_eq!(pins(key), 1);
		assert_eq!(ModelRegistry::on_chain_storage_version(), 1);
		migrations::v2::PushRevocations::<Test>::on_runtime_upgrade();
		assert_eq!(
			ModelRegistry::on_chain_storage_version(),
			ModelRegistry::in_code_storage_version()
		);
	});
}
