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

type Authorisation = KeySignaturesOf<Test>;

/// The signature in `key`'s name, made with `secret`, that authorises `action` on `model` now.
fn authorise(
	key: u32,
	secret: &PqSecretKey,
	model: ModelId,
	action: ModelActionOf<Test>,
) -> Authorisation {
	authorise_by(&[(key, secret)], model, action)
}

/// The signatures of each signer that authorise `action` on `model` now, in that order.
fn authorise_by(
	signers: &[(u32, &PqSecretKey)],
	model: ModelId,
	action: ModelActionOf<Test>,
) -> Authorisation {
	let record = Models::<Test>::get(model).unwrap();
	let payload = ModelRegistry::action_payload(model, &record, action).encode();
	signatures(
		signers
			.iter()
			.map(|(key, secret)| {
				let signed =
					pq_sign(secret, &GENESIS_HASH, purpose::MODEL_ACTION, &payload, &[0; 32]);
				(*key, signed.unwrap())
			})
			.collect(),
	)
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
		let swapped = crate::UpdatePolicy { signing: one_key(other_key), ..open_policy() };
		for policy in [open_policy(), swapped.clone()] {
			assert_noop!(
				set_policy(model, policy, no_signatures()),
				Error::<Test>::MissingAuthorisation
			);
		}
		// Another key of the owner's, in its own name, is not one the policy names.
		assert_noop!(
			set_policy(
				model,
				open_policy(),
				authorise(other_key, &other_secret, model, ModelAction::SetPolicy(open_policy()))
			),
			Error::<Test>::SignerNotInPolicy
		);
		// Signatures that authorise something else: another key (even the owner's), another
		// policy, another action, another purpose, another chain.
		let wrong = [
			authorise(key, &other_secret, model, ModelAction::SetPolicy(open_policy())),
			authorise(key, &secret, model, ModelAction::SetPolicy(swapped.clone())),
			authorise(key, &secret, model, ModelAction::Deprecate),
			signatures(vec![(
				key,
				signature(
					&secret,
					&ModelRegistry::action_payload(
						model,
						&before,
						ModelAction::SetPolicy(open_policy()),
					)
					.encode(),
				),
			)]),
			signatures(vec![(
				key,
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
			)]),
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
		let authorisation = authorise(key, &secret, model, ModelAction::SetPolicy(swapped.clone()));
		assert_ok!(set_policy(model, swapped.clone(), authorisation.clone()));
		assert_eq!(last_event(), Event::PolicyUpdated { model });
		let after = Models::<Test>::get(model).unwrap();
		assert_eq!((after.policy, after.nonce), (swapped.clone(), before.nonce + 1));
		assert_eq!((pins(key), pins(other_key)), (0, 1));
		// The same authorisation is spent, and its key no longer the policy's.
		assert_noop!(set_policy(model, swapped, authorisation), Error::<Test>::SignerNotInPolicy);
	});
}

#[test]
fn an_authorisation_is_single_use_and_voids_earlier_update_signatures() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let first = content(1, 2);
		let signed_earlier = payload(model, &first.declaration);
		let policy = crate::UpdatePolicy {
			contributors: BoundedVec::try_from(vec![BOB]).unwrap(),
			..Models::<Test>::get(model).unwrap().policy
		};
		let authorisation = authorise(key, &secret, model, ModelAction::SetPolicy(policy.clone()));
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
				signed_update(key, &secret, &signed_earlier),
			),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			first.declaration.clone(),
			signed_update(key, &secret, &payload(model, &first.declaration)),
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
			ModelRegistry::transfer_ownership(
				RuntimeOrigin::signed(ALICE),
				model,
				BOB,
				no_signatures()
			),
			Error::<Test>::MissingAuthorisation
		);
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, no_signatures()),
			Error::<Test>::MissingAuthorisation
		);
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), model, no_signatures()),
			Error::<Test>::MissingAuthorisation
		);
		// An authorisation is for one action and one recipient.
		let to_carol = authorise(key, &secret, model, ModelAction::TransferOwnership(CAROL));
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(ALICE), model, BOB, to_carol),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		let deprecation = authorise(key, &secret, model, ModelAction::Deprecate);
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
		let revocation = authorise(key, &secret, model, ModelAction::Revoke);
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
		let to_bob = authorise(key, &secret, model, ModelAction::TransferOwnership(BOB));
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			BOB,
			to_bob
		));
		assert_eq!(pins(key), 1, "the key protects the model until the transfer completes");
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), model));
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!((record.owner, record.policy.signing), (BOB, None));
		assert_eq!(last_event(), Event::PolicyUpdated { model });
		assert_eq!(pins(key), 0);
		// The previous owner's key no longer speaks for the model, and may be retired.
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		// The new owner names a key of their own, without an authorisation (none is named).
		let (bob_key, _) = registered_key(BOB, 3);
		let policy = crate::UpdatePolicy { signing: one_key(bob_key), ..open_policy() };
		assert_ok!(ModelRegistry::set_policy(
			RuntimeOrigin::signed(BOB),
			model,
			Box::new(policy),
			no_signatures()
		));
		assert_eq!(pins(bob_key), 1);
		// A revoked model cannot be offered to anyone.
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), model, no_signatures()));
		assert_noop!(
			ModelRegistry::transfer_ownership(
				RuntimeOrigin::signed(BOB),
				model,
				CAROL,
				no_signatures()
			),
			Error::<Test>::ModelAlreadyRevoked
		);
	});
}

#[test]
fn a_key_is_pinned_once_per_policy_that_names_it() {
	build_and_execute(|| {
		let (first, key, secret) = signed_model(ALICE, 1);
		let second =
			register(ALICE, crate::UpdatePolicy { signing: one_key(key), ..open_policy() });
		assert_eq!(pins(key), 2);
		let authorisation = authorise(key, &secret, first, ModelAction::SetPolicy(open_policy()));
		assert_ok!(set_policy(first, open_policy(), authorisation));
		assert_eq!(pins(key), 1);
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key),
			pallet_proof_verifier::Error::<Test>::SigningKeyInUse
		);
		// Governance acts without the key, and its revocation lets the key go.
		assert_ok!(ModelRegistry::deprecate_model(RuntimeOrigin::root(), second, no_signatures()));
		assert_eq!(pins(key), 1);
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), second, no_signatures()));
		assert_eq!(pins(key), 0);
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		// A policy cannot name a revoked key.
		assert_noop!(
			set_policy(
				first,
				crate::UpdatePolicy { signing: one_key(key), ..open_policy() },
				no_signatures()
			),
			Error::<Test>::UnusableSigningKey
		);
	});
}

#[test]
fn an_authorisation_the_policy_does_not_ask_for_is_refused() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let (key, secret) = registered_key(ALICE, 1);
		let unasked = authorise(key, &secret, model, ModelAction::Deprecate);
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, unasked),
			Error::<Test>::UnexpectedEvidence
		);
		assert_ok!(ModelRegistry::deprecate_model(
			RuntimeOrigin::signed(ALICE),
			model,
			no_signatures()
		));
	});
}

#[test]
fn the_weight_of_an_authorised_action_covers_each_signature_check() {
	build_and_execute(|| {
		let alice = registered_key_of(ALICE, 1, Algorithm::MlDsa65);
		let bob = registered_key_of(BOB, 2, Algorithm::SlhDsaSha2_128f);
		let model = register(
			ALICE,
			crate::UpdatePolicy { signing: k_of_n(&[alice.0, bob.0], 2), ..open_policy() },
		);
		let call = |authorisation: Authorisation| crate::Call::<Test>::deprecate_model {
			model,
			authorisation,
		};
		use frame_support::dispatch::GetDispatchInfo;
		let unsigned = call(no_signatures()).get_dispatch_info().call_weight;
		let authorisation =
			authorise_by(&[(alice.0, &alice.1), (bob.0, &bob.1)], model, ModelAction::Deprecate);
		let signed = call(authorisation).get_dispatch_info().call_weight;
		let payload_len =
			<crate::ModelActionPayloadOf<Test> as codec::MaxEncodedLen>::max_encoded_len() as u32;
		let ml_dsa = ProofVerifier::signature_weight(Algorithm::MlDsa65, payload_len);
		let slh_dsa = ProofVerifier::signature_weight(Algorithm::SlhDsaSha2_128f, payload_len);
		assert_eq!(signed, unsigned + ml_dsa + slh_dsa);
		assert!(ml_dsa.ref_time() > 0 && slh_dsa.ref_time() > 0);
	});
}

#[test]
fn owner_actions_of_a_k_of_n_policy_need_k_signers() {
	build_and_execute(|| {
		let alice = registered_key_of(ALICE, 1, Algorithm::MlDsa65);
		let bob = registered_key_of(BOB, 2, Algorithm::MlDsa87);
		let carol = registered_key_of(CAROL, 3, Algorithm::SlhDsaSha2_128s);
		let keys = [alice.0, bob.0, carol.0];
		let model =
			register(ALICE, crate::UpdatePolicy { signing: k_of_n(&keys, 2), ..open_policy() });
		// Alice's account and her own key are not enough to drop the co-signers.
		let alone = authorise(alice.0, &alice.1, model, ModelAction::SetPolicy(open_policy()));
		assert_noop!(set_policy(model, open_policy(), alone), Error::<Test>::MissingAuthorisation);
		let all = authorise_by(
			&[(alice.0, &alice.1), (bob.0, &bob.1), (carol.0, &carol.1)],
			model,
			ModelAction::SetPolicy(open_policy()),
		);
		assert_noop!(set_policy(model, open_policy(), all), Error::<Test>::SurplusSignatures);
		let twice = authorise_by(
			&[(carol.0, &carol.1), (carol.0, &carol.1)],
			model,
			ModelAction::SetPolicy(open_policy()),
		);
		assert_noop!(set_policy(model, open_policy(), twice), Error::<Test>::DuplicateSigner);
		// Bob and Carol agree to raise the threshold to all three.
		let stricter = crate::UpdatePolicy { signing: k_of_n(&keys, 3), ..open_policy() };
		let agreed = authorise_by(
			&[(bob.0, &bob.1), (carol.0, &carol.1)],
			model,
			ModelAction::SetPolicy(stricter.clone()),
		);
		assert_ok!(set_policy(model, stricter, agreed));
		assert_eq!((pins(alice.0), pins(bob.0), pins(carol.0)), (1, 0, 0));
		let two = authorise_by(
			&[(alice.0, &alice.1), (bob.0, &bob.1)],
			model,
			ModelAction::TransferOwnership(DAVE),
		);
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(ALICE), model, DAVE, two),
			Error::<Test>::MissingAuthorisation
		);
		let three = authorise_by(
			&[(carol.0, &carol.1), (alice.0, &alice.1), (bob.0, &bob.1)],
			model,
			ModelAction::TransferOwnership(DAVE),
		);
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			DAVE,
			three
		));
		// The new owner takes the model without the keys that signed for Alice.
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(DAVE), model));
		assert_eq!(Models::<Test>::get(model).unwrap().policy.signing, None);
		assert_eq!(pins(alice.0), 0);
	});
}

#[test]
fn a_policy_names_registered_keys_once_with_a_threshold_it_can_meet() {
	build_and_execute(|| {
		let (alice_key, _) = registered_key(ALICE, 1);
		let (bob_key, _) = registered_key(BOB, 2);
		let register_with = |signing| {
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(crate::UpdatePolicy { signing, ..open_policy() }),
			)
		};
		assert_noop!(
			register_with(k_of_n(&[alice_key, bob_key], 0)),
			Error::<Test>::InvalidThreshold
		);
		assert_noop!(
			register_with(k_of_n(&[alice_key, bob_key], 3)),
			Error::<Test>::InvalidThreshold
		);
		assert_noop!(register_with(k_of_n(&[], 0)), Error::<Test>::InvalidThreshold);
		assert_noop!(
			register_with(k_of_n(&[alice_key, bob_key, alice_key], 2)),
			Error::<Test>::DuplicatePolicyKey
		);
		assert_noop!(
			register_with(k_of_n(&[alice_key, bob_key + 7], 1)),
			Error::<Test>::UnusableSigningKey
		);
		// Another account's key may be named: it co-signs, and stays its holder's to revoke.
		assert_ok!(register_with(k_of_n(&[alice_key, bob_key], 2)));
		assert_eq!((pins(alice_key), pins(bob_key)), (1, 0));
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(BOB), bob_key));
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), alice_key),
			pallet_proof_verifier::Error::<Test>::SigningKeyInUse
		);
	});
}

#[test]
fn the_migrations_from_version_0_pin_keys_and_give_policies_k_of_n_signing() {
	use crate::migrations::v3::old;
	use frame_support::traits::fungible::MutateHold;
	build_and_execute(|| {
		// What a chain at version 0 holds: records of version 2's shape, keys nobody pinned,
		// deposits priced for the smaller records.
		let (key, _) = registered_key(ALICE, 1);
		let (revoked_key, _) = registered_key(BOB, 2);
		let first = content(1, 2).declaration;
		let old_model = |owner: u64, signing_key, status, current_version, deposit: u64| {
			assert_ok!(Balances::hold(&HoldReason::Model.into(), &owner, deposit));
			old::Model {
				owner,
				pending_owner: None,
				metadata: *metadata(),
				status,
				policy: old::UpdatePolicy {
					signing_key,
					zk_verifying_key: None,
					contributors: BoundedVec::default(),
				},
				current_version,
				nonce: 1,
				next_proposal: 0,
				pending_proposals: 0,
				deposit,
			}
		};
		old::Models::<Test>::insert(
			0,
			old_model(ALICE, Some(key), ModelStatus::Active, Some(1), 90),
		);
		old::Models::<Test>::insert(
			1,
			old_model(BOB, Some(revoked_key), ModelStatus::Revoked, None, 50),
		);
		old::Models::<Test>::insert(2, old_model(CAROL, None, ModelStatus::Active, None, 0));
		old::Versions::<Test>::insert(
			0,
			1,
			old::ModelVersion {
				number: 1,
				parent: None,
				declaration: first.clone(),
				submitter: ALICE,
				evidence: old::EvidenceRecord {
					signed_by: Some(key),
					zk_verifying_key: None,
					proposal: None,
				},
				block: 1,
				timestamp_ms: 0,
			},
		);
		crate::VersionByContentHash::<Test>::insert(0, first.content_hash, 1);
		crate::NextModelId::<Test>::put(3);
		StorageVersion::new(0).put::<ModelRegistry>();

		migrations::v1::PinPolicyKeys::<Test>::on_runtime_upgrade();
		assert_eq!((pins(key), pins(revoked_key)), (1, 0));
		migrations::v2::PushRevocations::<Test>::on_runtime_upgrade();
		migrations::v3::KOfNPolicies::<Test>::on_runtime_upgrade();
		assert_eq!(
			ModelRegistry::on_chain_storage_version(),
			ModelRegistry::in_code_storage_version()
		);
		let signed = Models::<Test>::get(0).unwrap();
		assert_eq!((signed.policy.signing, signed.nonce), (one_key(key), 1));
		assert_eq!(Models::<Test>::get(2).unwrap().policy.signing, None);
		assert_eq!(Versions::<Test>::get(0, 1).unwrap().evidence.signed_by.to_vec(), vec![key]);
		// Deposits are at the price of the grown records, held from their owners.
		let price = ModelRegistry::model_deposit() + ModelRegistry::version_deposit();
		assert_eq!((signed.deposit, held(ALICE, HoldReason::Model)), (price, price));
		assert_eq!(held(CAROL, HoldReason::Model), ModelRegistry::model_deposit());
		assert_ok!(ModelRegistry::do_try_state());
		// Each runs once.
		migrations::v1::PinPolicyKeys::<Test>::on_runtime_upgrade();
		migrations::v3::KOfNPolicies::<Test>::on_runtime_upgrade();
		assert_eq!(pins(key), 1);
		assert_eq!(held(ALICE, HoldReason::Model), price);
	});
}

#[test]
fn an_owner_who_cannot_cover_the_larger_deposit_keeps_the_model_and_pays_at_the_next_update() {
	use crate::migrations::v3::old;
	use frame_support::traits::fungible::{Mutate, MutateHold};
	new_test_ext().execute_with(|| {
		// Dave's model was priced for version 2's smaller record; he has spent everything
		// else, so the hold the larger record needs cannot be taken.
		let old_deposit = ModelRegistry::model_deposit() / 2;
		assert!(old_deposit > 0);
		assert_ok!(Balances::hold(&HoldReason::Model.into(), &DAVE, old_deposit));
		Balances::set_balance(&DAVE, 1);
		old::Models::<Test>::insert(
			0,
			old::Model {
				owner: DAVE,
				pending_owner: None,
				metadata: *metadata(),
				status: ModelStatus::Active,
				policy: old::UpdatePolicy {
					signing_key: None,
					zk_verifying_key: None,
					contributors: BoundedVec::default(),
				},
				current_version: None,
				nonce: 3,
				next_proposal: 0,
				pending_proposals: 0,
				deposit: old_deposit,
			},
		);
		crate::NextModelId::<Test>::put(1);
		StorageVersion::new(2).put::<ModelRegistry>();

		migrations::v3::KOfNPolicies::<Test>::on_runtime_upgrade();

		// The upgrade completes and the model is translated, its deposit and hold unchanged
		// and nothing taken from the owner's last unit.
		assert_eq!(
			ModelRegistry::on_chain_storage_version(),
			ModelRegistry::in_code_storage_version()
		);
		let model = Models::<Test>::get(0).expect("the model survives the upgrade");
		assert_eq!((model.owner, model.nonce, model.policy.signing), (DAVE, 3, None));
		assert_eq!(model.deposit, old_deposit);
		assert_eq!(held(DAVE, HoldReason::Model), old_deposit);
		assert_eq!(Balances::free_balance(DAVE), 1);
		// The shortfall is what the invariants report, until the owner's next update.
		assert_eq!(ModelRegistry::do_try_state(), Err("a model's deposit is not its price".into()));

		// Funded and staked again, Dave publishes: the update holds the version's deposit and
		// what the model's lacked, and the invariants hold.
		Balances::set_balance(&DAVE, ENDOWMENT);
		TestStakes::set(DAVE, MINIMUM_STAKE);
		assert_ok!(update(DAVE, 0, content(1, 2).declaration));
		let price = ModelRegistry::model_deposit() + ModelRegistry::version_deposit();
		assert_eq!(Models::<Test>::get(0).unwrap().deposit, price);
		assert_eq!(held(DAVE, HoldReason::Model), price);
		assert_ok!(ModelRegistry::do_try_state());
	});
}
