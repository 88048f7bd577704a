//! ML-DSA-65 keys: registration with a proof of possession, rotation, revocation, pins.

use super::*;

#[test]
fn registering_a_key_holds_its_deposit_and_binds_it_to_the_owner() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		assert_eq!(key, 0);
		assert_eq!(NextMlDsaKeyId::<Test>::get(), 1);
		assert_eq!(last_event(), Event::MlDsaKeyRegistered { key, owner: ALICE });
		let record = MlDsaKeys::<Test>::get(key).unwrap();
		assert_eq!((record.owner, record.generation, record.since), (ALICE, 0, 1));
		assert_eq!(record.public_key, pair.public);
		// The deposit covers the key's bytes: a 1952-byte key costs more than the base.
		assert!(key_deposit() > 1952 + 100);
		assert_eq!(record.deposit, key_deposit());
		assert_eq!(held(ALICE, HoldReason::MlDsaKey), key_deposit());
		assert_eq!(register(ALICE, &keypair(2)), 1);
	});
}

#[test]
fn a_key_is_registered_only_with_a_proof_of_possession_for_this_account_and_chain() {
	build_and_execute(|| {
		let pair = keypair(1);
		let wrong_proofs = [
			// Bob's proof, submitted by Alice: she cannot claim the key Bob registered.
			pair.possession(BOB),
			// Another chain.
			pair.sign_on(&[1; 32], purpose::KEY_POSSESSION, &ALICE.encode()),
			// Another purpose.
			pair.sign(purpose::MODEL_UPDATE, &ALICE.encode()),
			// Another key's signature.
			keypair(2).possession(ALICE),
		];
		for proof in wrong_proofs {
			assert_noop!(
				ProofVerifier::register_ml_dsa_key(
					RuntimeOrigin::signed(ALICE),
					Box::new(pair.public.clone()),
					proof,
				),
				Error::<Test>::InvalidProofOfPossession
			);
		}
	});
}

#[test]
fn a_key_needs_a_deposit_the_owner_can_pay() {
	build_and_execute(|| {
		let pair = keypair(1);
		assert_noop!(
			ProofVerifier::register_ml_dsa_key(
				RuntimeOrigin::signed(PAUPER),
				Box::new(pair.public.clone()),
				pair.possession(PAUPER),
			),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}

#[test]
fn rotation_replaces_the_key_under_the_same_id() {
	build_and_execute(|| {
		let (old, new) = (keypair(1), keypair(2));
		let key = register(ALICE, &old);
		System::set_block_number(5);
		assert_ok!(ProofVerifier::rotate_ml_dsa_key(
			RuntimeOrigin::signed(ALICE),
			key,
			Box::new(new.public.clone()),
			old.rotation(ALICE, key, 0, &new),
			new.possession(ALICE),
		));
		assert_eq!(last_event(), Event::MlDsaKeyRotated { key, owner: ALICE, generation: 1 });
		let record = MlDsaKeys::<Test>::get(key).unwrap();
		assert_eq!(
			(record.public_key, record.generation, record.since),
			(new.public.clone(), 1, 5)
		);
		assert_eq!(held(ALICE, HoldReason::MlDsaKey), key_deposit());

		// Only the new key signs for the id now.
		let payload = b"model 7, version 2";
		assert_ok!(ProofVerifier::verify_ml_dsa(
			key,
			&ALICE,
			purpose::MODEL_UPDATE,
			payload,
			&new.sign(purpose::MODEL_UPDATE, payload),
		));
		assert_noop!(
			ProofVerifier::verify_ml_dsa(
				key,
				&ALICE,
				purpose::MODEL_UPDATE,
				payload,
				&old.sign(purpose::MODEL_UPDATE, payload),
			),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn rotation_must_be_signed_by_the_current_generation() {
	build_and_execute(|| {
		let (first, second, third) = (keypair(1), keypair(2), keypair(3));
		let key = register(ALICE, &first);
		let rotate = |signature, new: &KeyPair| {
			ProofVerifier::rotate_ml_dsa_key(
				RuntimeOrigin::signed(ALICE),
				key,
				Box::new(new.public.clone()),
				signature,
				new.possession(ALICE),
			)
		};
		// Signed by the new key instead of the current one.
		assert_noop!(
			rotate(second.rotation(ALICE, key, 0, &second), &second),
			Error::<Test>::InvalidRotationSignature
		);
		// Signed for another generation, key or owner.
		for signature in [
			first.rotation(ALICE, key, 1, &second),
			first.rotation(ALICE, key + 1, 0, &second),
			first.rotation(BOB, key, 0, &second),
		] {
			assert_noop!(rotate(signature, &second), Error::<Test>::InvalidRotationSignature);
		}
		// Signed for another new key.
		assert_noop!(
			rotate(first.rotation(ALICE, key, 0, &third), &second),
			Error::<Test>::InvalidRotationSignature
		);

		let to_second = first.rotation(ALICE, key, 0, &second);
		assert_ok!(rotate(to_second.clone(), &second));
		assert_ok!(rotate(second.rotation(ALICE, key, 1, &first), &first));
		// The first rotation cannot be replayed now that `first` is current again.
		assert_noop!(rotate(to_second, &second), Error::<Test>::InvalidRotationSignature);
	});
}

#[test]
fn rotation_is_refused_for_strangers_unknown_or_revoked_keys_and_no_ops() {
	build_and_execute(|| {
		let (old, new) = (keypair(1), keypair(2));
		let key = register(ALICE, &old);
		let rotate = |who: u64, key: MlDsaKeyId, new: &KeyPair, possession| {
			ProofVerifier::rotate_ml_dsa_key(
				RuntimeOrigin::signed(who),
				key,
				Box::new(new.public.clone()),
				old.rotation(who, key, 0, new),
				possession,
			)
		};
		assert_noop!(rotate(BOB, key, &new, new.possession(BOB)), Error::<Test>::NotMlDsaKeyOwner);
		assert_noop!(rotate(ALICE, 7, &new, new.possession(ALICE)), Error::<Test>::UnknownMlDsaKey);
		assert_noop!(rotate(ALICE, key, &old, old.possession(ALICE)), Error::<Test>::KeyUnchanged);
		assert_noop!(
			rotate(ALICE, key, &new, new.possession(BOB)),
			Error::<Test>::InvalidProofOfPossession
		);
		assert_ok!(ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key));
		assert_noop!(
			rotate(ALICE, key, &new, new.possession(ALICE)),
			Error::<Test>::MlDsaKeyRevoked
		);
	});
}

#[test]
fn revocation_releases_the_deposit_and_retires_the_id_for_good() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(BOB), key),
			Error::<Test>::NotMlDsaKeyOwner
		);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key + 1),
			Error::<Test>::UnknownMlDsaKey
		);
		assert_ok!(ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key));
		assert_eq!(last_event(), Event::MlDsaKeyRevoked { key, owner: ALICE });
		assert_eq!(held(ALICE, HoldReason::MlDsaKey), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::MlDsaKeyRevoked
		);
		// Signatures by a revoked key verify nowhere, and its id is not handed out again.
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, b"app", b"x", &pair.sign(b"app", b"x"),),
			Error::<Test>::MlDsaKeyRevoked
		);
		assert_eq!(register(ALICE, &pair), key + 1);
	});
}

#[test]
fn a_pinned_key_cannot_be_revoked_until_every_pin_is_gone() {
	build_and_execute(|| {
		let key = register(ALICE, &keypair(1));
		assert_ok!(ProofVerifier::pin_ml_dsa_key(key));
		assert_ok!(ProofVerifier::pin_ml_dsa_key(key));
		assert_eq!(ProofVerifier::ml_dsa_key_pins(key), 2);
		// A pin protects the key from its owner's account key alone: no revocation, no
		// deposit back, signatures still verify.
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::MlDsaKeyInUse
		);
		ProofVerifier::unpin_ml_dsa_key(key);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::MlDsaKeyInUse
		);
		ProofVerifier::unpin_ml_dsa_key(key);
		assert_eq!(ProofVerifier::ml_dsa_key_pins(key), 0);
		assert!(!crate::MlDsaKeyPins::<Test>::contains_key(key), "no pin, no storage");
		// Unpinning an unpinned key changes nothing.
		ProofVerifier::unpin_ml_dsa_key(key);
		assert_eq!(ProofVerifier::ml_dsa_key_pins(key), 0);
		assert_ok!(ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key));
		// Unknown and revoked keys cannot be pinned.
		assert_noop!(ProofVerifier::pin_ml_dsa_key(key), Error::<Test>::MlDsaKeyRevoked);
		assert_noop!(ProofVerifier::pin_ml_dsa_key(key + 1), Error::<Test>::UnknownMlDsaKey);
	});
}

#[test]
fn a_signature_verifies_only_for_its_signer_chain_purpose_and_payload() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		let payload = b"model 7, version 2, nonce 4";
		let signature = pair.sign(purpose::MODEL_UPDATE, payload);
		assert_ok!(ProofVerifier::verify_ml_dsa(
			key,
			&ALICE,
			purpose::MODEL_UPDATE,
			payload,
			&signature
		));

		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &BOB, purpose::MODEL_UPDATE, payload, &signature),
			Error::<Test>::NotMlDsaKeyOwner
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, b"another/purpose", payload, &signature),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(
				key,
				&ALICE,
				purpose::MODEL_UPDATE,
				b"model 7, version 3, nonce 4",
				&signature
			),
			Error::<Test>::BadSignature
		);
		let other_chain = pair.sign_on(&[1; 32], purpose::MODEL_UPDATE, payload);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, purpose::MODEL_UPDATE, payload, &other_chain),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, &[b'p'; 65], payload, &signature),
			Error::<Test>::PurposeTooLong
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(
				key + 1,
				&ALICE,
				purpose::MODEL_UPDATE,
				payload,
				&signature
			),
			Error::<Test>::UnknownMlDsaKey
		);
	});
}
