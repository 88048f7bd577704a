//! Signing keys: registration with a proof of possession, rotation (also to another
//! algorithm), revocation, pins; every algorithm, and the migration of version 0's keys.

use super::*;

#[test]
fn registering_a_key_holds_its_deposit_and_binds_it_to_the_owner() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		assert_eq!(key, 0);
		assert_eq!(NextSigningKeyId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::SigningKeyRegistered { key, owner: ALICE, algorithm: Algorithm::MlDsa65 }
		);
		let record = SigningKeys::<Test>::get(key).unwrap();
		assert_eq!((record.owner, record.generation, record.since), (ALICE, 0, 1));
		assert_eq!(record.public_key, pair.public);
		// The deposit covers the key's bytes: a 1952-byte key costs more than the base.
		assert!(key_deposit() > 1952 + 100);
		assert_eq!(record.deposit, key_deposit());
		assert_eq!(held(ALICE, HoldReason::SigningKey), key_deposit());
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
				ProofVerifier::register_signing_key(
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
			ProofVerifier::register_signing_key(
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
		assert_ok!(rotate(ALICE, key, 0, &old, &new));
		assert_eq!(
			last_event(),
			Event::SigningKeyRotated {
				key,
				owner: ALICE,
				generation: 1,
				algorithm: Algorithm::MlDsa65
			}
		);
		let record = SigningKeys::<Test>::get(key).unwrap();
		assert_eq!(
			(record.public_key, record.generation, record.since),
			(new.public.clone(), 1, 5)
		);
		assert_eq!(held(ALICE, HoldReason::SigningKey), key_deposit());

		// Only the new key signs for the id now.
		let payload = b"model 7, version 2";
		assert_ok!(ProofVerifier::verify_signature(
			key,
			purpose::MODEL_UPDATE,
			payload,
			&new.sign(purpose::MODEL_UPDATE, payload),
		));
		assert_noop!(
			ProofVerifier::verify_signature(
				key,
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
			ProofVerifier::rotate_signing_key(
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
		let rotate = |who: u64, key: SigningKeyId, new: &KeyPair, possession| {
			ProofVerifier::rotate_signing_key(
				RuntimeOrigin::signed(who),
				key,
				Box::new(new.public.clone()),
				old.rotation(who, key, 0, new),
				possession,
			)
		};
		assert_noop!(
			rotate(BOB, key, &new, new.possession(BOB)),
			Error::<Test>::NotSigningKeyOwner
		);
		assert_noop!(
			rotate(ALICE, 7, &new, new.possession(ALICE)),
			Error::<Test>::UnknownSigningKey
		);
		assert_noop!(rotate(ALICE, key, &old, old.possession(ALICE)), Error::<Test>::KeyUnchanged);
		assert_noop!(
			rotate(ALICE, key, &new, new.possession(BOB)),
			Error::<Test>::InvalidProofOfPossession
		);
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		assert_noop!(
			rotate(ALICE, key, &new, new.possession(ALICE)),
			Error::<Test>::SigningKeyRevoked
		);
	});
}

#[test]
fn revocation_releases_the_deposit_and_retires_the_id_for_good() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(BOB), key),
			Error::<Test>::NotSigningKeyOwner
		);
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key + 1),
			Error::<Test>::UnknownSigningKey
		);
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		assert_eq!(last_event(), Event::SigningKeyRevoked { key, owner: ALICE });
		assert_eq!(held(ALICE, HoldReason::SigningKey), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT);
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::SigningKeyRevoked
		);
		// Signatures by a revoked key verify nowhere, and its id is not handed out again.
		assert_noop!(
			ProofVerifier::verify_signature(key, b"app", b"x", &pair.sign(b"app", b"x"),),
			Error::<Test>::SigningKeyRevoked
		);
		assert_eq!(register(ALICE, &pair), key + 1);
	});
}

#[test]
fn a_pinned_key_cannot_be_revoked_until_every_pin_is_gone() {
	build_and_execute(|| {
		let key = register(ALICE, &keypair(1));
		assert_ok!(ProofVerifier::pin_signing_key(key));
		assert_ok!(ProofVerifier::pin_signing_key(key));
		assert_eq!(ProofVerifier::signing_key_pins(key), 2);
		// A pin protects the key from its owner's account key alone: no revocation, no
		// deposit back, signatures still verify.
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::SigningKeyInUse
		);
		ProofVerifier::unpin_signing_key(key);
		assert_noop!(
			ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::SigningKeyInUse
		);
		ProofVerifier::unpin_signing_key(key);
		assert_eq!(ProofVerifier::signing_key_pins(key), 0);
		assert!(!crate::SigningKeyPins::<Test>::contains_key(key), "no pin, no storage");
		// Unpinning an unpinned key changes nothing.
		ProofVerifier::unpin_signing_key(key);
		assert_eq!(ProofVerifier::signing_key_pins(key), 0);
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(ALICE), key));
		// Unknown and revoked keys cannot be pinned.
		assert_noop!(ProofVerifier::pin_signing_key(key), Error::<Test>::SigningKeyRevoked);
		assert_noop!(ProofVerifier::pin_signing_key(key + 1), Error::<Test>::UnknownSigningKey);
	});
}

#[test]
fn a_signature_verifies_only_for_its_signer_chain_purpose_and_payload() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		let payload = b"model 7, version 2, nonce 4";
		let signature = pair.sign(purpose::MODEL_UPDATE, payload);
		assert_ok!(ProofVerifier::verify_signature(
			key,
			purpose::MODEL_UPDATE,
			payload,
			&signature
		));

		assert_noop!(
			ProofVerifier::verify_signature(key, b"another/purpose", payload, &signature),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			ProofVerifier::verify_signature(
				key,
				purpose::MODEL_UPDATE,
				b"model 7, version 3, nonce 4",
				&signature
			),
			Error::<Test>::BadSignature
		);
		let other_chain = pair.sign_on(&[1; 32], purpose::MODEL_UPDATE, payload);
		assert_noop!(
			ProofVerifier::verify_signature(key, purpose::MODEL_UPDATE, payload, &other_chain),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			ProofVerifier::verify_signature(key, &[b'p'; 65], payload, &signature),
			Error::<Test>::PurposeTooLong
		);
		assert_noop!(
			ProofVerifier::verify_signature(key + 1, purpose::MODEL_UPDATE, payload, &signature),
			Error::<Test>::UnknownSigningKey
		);
	});
}

#[test]
fn every_algorithm_registers_with_its_own_deposit_and_verifies_only_its_own_signatures() {
	build_and_execute(|| {
		let mut keys = Vec::new();
		for (seed, algorithm) in Algorithm::ALL.into_iter().enumerate() {
			let pair = keypair_of(algorithm, seed as u8 + 1);
			let before = held(ALICE, HoldReason::SigningKey);
			let key = register(ALICE, &pair);
			assert_eq!(last_event(), Event::SigningKeyRegistered { key, owner: ALICE, algorithm });
			let record = SigningKeys::<Test>::get(key).unwrap();
			assert_eq!(record.public_key.algorithm(), algorithm);
			assert_eq!(record.deposit, key_deposit_of(algorithm));
			assert_eq!(held(ALICE, HoldReason::SigningKey), before + key_deposit_of(algorithm));
			let signature = pair.sign(purpose::MODEL_UPDATE, b"payload");
			assert_ok!(ProofVerifier::verify_signature(
				key,
				purpose::MODEL_UPDATE,
				b"payload",
				&signature
			));
			keys.push((key, signature));
		}
		// Each key refuses the others' signatures on the algorithm, before any cryptography.
		for (key, _) in &keys {
			for (other, signature) in &keys {
				if key != other {
					assert_noop!(
						ProofVerifier::verify_signature(
							*key,
							purpose::MODEL_UPDATE,
							b"payload",
							signature
						),
						Error::<Test>::AlgorithmMismatch
					);
				}
			}
		}
		// SLH-DSA's 32-byte keys cost far less than ML-DSA-87's 2592 bytes.
		assert!(
			key_deposit_of(Algorithm::SlhDsaSha2_128s) + 2500 < key_deposit_of(Algorithm::MlDsa87)
		);
	});
}

#[test]
fn a_proof_of_possession_of_another_algorithm_is_refused() {
	build_and_execute(|| {
		// The same seed, two algorithms: a valid ML-DSA-44 signature proves nothing about the
		// ML-DSA-65 key.
		let key = keypair_of(Algorithm::MlDsa65, 1);
		let other = keypair_of(Algorithm::MlDsa44, 1);
		assert_noop!(
			ProofVerifier::register_signing_key(
				RuntimeOrigin::signed(ALICE),
				Box::new(key.public.clone()),
				other.possession(ALICE),
			),
			Error::<Test>::InvalidProofOfPossession
		);
	});
}

#[test]
fn a_refused_algorithm_gets_no_new_keys_but_its_registered_keys_keep_working() {
	build_and_execute(|| {
		let slh = keypair_of(Algorithm::SlhDsaSha2_128f, 1);
		let key = register(ALICE, &slh);
		RefusedAlgorithm::set(Some(Algorithm::SlhDsaSha2_128f));

		let another = keypair_of(Algorithm::SlhDsaSha2_128f, 2);
		assert_noop!(
			ProofVerifier::register_signing_key(
				RuntimeOrigin::signed(ALICE),
				Box::new(another.public.clone()),
				another.possession(ALICE),
			),
			Error::<Test>::AlgorithmNotAccepted
		);
		let ml_dsa = register(BOB, &keypair(3));
		assert_noop!(
			rotate(BOB, ml_dsa, 0, &keypair(3), &another),
			Error::<Test>::AlgorithmNotAccepted
		);

		// The registered key still verifies, and may leave the refused algorithm.
		assert_ok!(ProofVerifier::verify_signature(key, b"app", b"x", &slh.sign(b"app", b"x")));
		let ml_dsa_87 = keypair_of(Algorithm::MlDsa87, 4);
		assert_ok!(rotate(ALICE, key, 0, &slh, &ml_dsa_87));
		RefusedAlgorithm::set(None);
	});
}

#[test]
fn rotation_to_another_algorithm_moves_the_deposit_with_the_key_size() {
	build_and_execute(|| {
		let ml_dsa_65 = keypair(1);
		let key = register(ALICE, &ml_dsa_65);
		let free = Balances::free_balance(ALICE);

		// To SLH-DSA-SHA2-128s: a 32-byte key, so most of the deposit comes back.
		let slh = keypair_of(Algorithm::SlhDsaSha2_128s, 2);
		assert_ok!(rotate(ALICE, key, 0, &ml_dsa_65, &slh));
		assert_eq!(
			last_event(),
			Event::SigningKeyRotated {
				key,
				owner: ALICE,
				generation: 1,
				algorithm: Algorithm::SlhDsaSha2_128s
			}
		);
		let deposit = key_deposit_of(Algorithm::SlhDsaSha2_128s);
		assert_eq!(SigningKeys::<Test>::get(key).unwrap().deposit, deposit);
		assert_eq!(held(ALICE, HoldReason::SigningKey), deposit);
		assert_eq!(Balances::free_balance(ALICE), free + key_deposit() - deposit);
		// The old key's signatures are void; the new key's verify under the same id.
		assert_noop!(
			ProofVerifier::verify_signature(key, b"app", b"x", &ml_dsa_65.sign(b"app", b"x")),
			Error::<Test>::AlgorithmMismatch
		);
		assert_ok!(ProofVerifier::verify_signature(key, b"app", b"x", &slh.sign(b"app", b"x")));

		// To ML-DSA-87: a 2592-byte key, so more is held. The rotation must be signed by the
		// current (SLH-DSA) key for generation 1.
		let ml_dsa_87 = keypair_of(Algorithm::MlDsa87, 3);
		assert_noop!(
			rotate(ALICE, key, 0, &ml_dsa_65, &ml_dsa_87),
			Error::<Test>::InvalidRotationSignature
		);
		assert_ok!(rotate(ALICE, key, 1, &slh, &ml_dsa_87));
		let deposit = key_deposit_of(Algorithm::MlDsa87);
		assert_eq!(SigningKeys::<Test>::get(key).unwrap().deposit, deposit);
		assert_eq!(held(ALICE, HoldReason::SigningKey), deposit);
		assert_eq!(Balances::free_balance(ALICE), free + key_deposit() - deposit);
	});
}

#[test]
fn a_rotation_to_a_larger_key_needs_the_larger_deposit() {
	build_and_execute(|| {
		// The owner can afford an SLH-DSA key's deposit and not much more.
		let slh = keypair_of(Algorithm::SlhDsaSha2_128f, 1);
		let funds = key_deposit_of(Algorithm::SlhDsaSha2_128f) + 10;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), 7, funds));
		let key = register(7, &slh);
		let ml_dsa_87 = keypair_of(Algorithm::MlDsa87, 2);
		assert_noop!(
			rotate(7, key, 0, &slh, &ml_dsa_87),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}

#[test]
fn version_0_keys_and_pins_move_under_their_ids_with_their_deposits() {
	use crate::migrations::v1::{
		MlDsaKeyPins, MlDsaKeyRecordV0, MlDsaKeys, NameKeyAlgorithms, NextMlDsaKeyId,
	};
	use aegis_integrity::pq::{signing::keypair_from_seed, MlDsaPublicKey};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	new_test_ext().execute_with(|| {
		// Version 0: keys 0 and 2 registered (1 revoked), key 2 pinned twice, holds in place.
		StorageVersion::new(0).put::<ProofVerifier>();
		let old_key = |seed: u8| -> MlDsaPublicKey { keypair_from_seed(&[seed; 32]).0 };
		for (id, owner, seed) in [(0u32, ALICE, 1u8), (2, BOB, 2)] {
			let deposit = key_deposit();
			MlDsaKeys::<Test>::insert(
				id,
				MlDsaKeyRecordV0 {
					owner,
					public_key: old_key(seed),
					generation: u32::from(seed),
					since: 1u64,
					deposit,
				},
			);
			assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<u64>>::hold(
				&HoldReason::SigningKey.into(),
				&owner,
				deposit
			));
		}
		NextMlDsaKeyId::<Test>::put(3);
		MlDsaKeyPins::<Test>::insert(2, 2);

		NameKeyAlgorithms::<Test>::on_runtime_upgrade();

		assert_eq!(ProofVerifier::on_chain_storage_version(), 1);
		assert_eq!(NextSigningKeyId::<Test>::get(), 3);
		assert_eq!(SigningKeys::<Test>::iter().count(), 2);
		for (id, owner, seed) in [(0u32, ALICE, 1u8), (2, BOB, 2)] {
			let record = SigningKeys::<Test>::get(id).unwrap();
			assert_eq!(record.owner, owner);
			assert_eq!(record.public_key.as_bytes(), &old_key(seed).0[..]);
			assert_eq!(record.public_key.algorithm(), Algorithm::MlDsa65);
			assert_eq!((record.generation, record.since), (u32::from(seed), 1));
			// The price did not move with the record's new layout: the hold stays right.
			assert_eq!(record.deposit, key_deposit());
		}
		assert_eq!(ProofVerifier::signing_key_pins(2), 2);
		assert!(matches!(ProofVerifier::signing_key(1), Err(Error::<Test>::SigningKeyRevoked)));
		assert!(MlDsaKeys::<Test>::iter_keys().next().is_none());
		assert!(MlDsaKeyPins::<Test>::iter_keys().next().is_none());
		assert!(!NextMlDsaKeyId::<Test>::exists());
		ProofVerifier::do_try_state().expect("invariants hold after the move");

		// The moved key signs as before, with the ML-DSA-65 signature the chain now names.
		let pair = keypair(1);
		assert_eq!(pair.public.as_bytes(), &old_key(1).0[..]);
		assert_ok!(ProofVerifier::verify_signature(0, b"app", b"x", &pair.sign(b"app", b"x")));

		// Run again, it changes nothing.
		NameKeyAlgorithms::<Test>::on_runtime_upgrade();
		assert_eq!(SigningKeys::<Test>::iter().count(), 2);
		assert_eq!(NextSigningKeyId::<Test>::get(), 3);
	});
}
