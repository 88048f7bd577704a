//! Updates signed with the policy's signing keys (k of n), and the signatures that must fail.

use super::*;
use aegis_primitives::proofs::PinSigningKey;

#[test]
fn a_signed_update_is_accepted_and_recorded_with_its_key() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let first = content(1, 5);
		let signed = payload(model, &first.declaration);
		assert_eq!((signed.version, signed.parent, signed.nonce), (1, None, 0));
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			first.declaration.clone(),
			signed_update(key, &secret, &signed),
		));
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.signed_by.to_vec(), vec![key]);

		let second = content(2, 5);
		let signed = payload(model, &second.declaration);
		assert_eq!((signed.version, signed.parent, signed.nonce), (2, Some(1), 1));
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			second.declaration,
			signed_update(key, &secret, &signed),
		));
	});
}

#[test]
fn a_policy_key_of_any_algorithm_signs_updates_and_owner_actions() {
	build_and_execute(|| {
		for (seed, algorithm) in Algorithm::ALL.into_iter().enumerate() {
			let (model, key, secret) = signed_model_of(ALICE, seed as u8 + 10, algorithm);
			let first = content(seed as u8 + 1, 5);
			let signed = payload(model, &first.declaration);
			assert_ok!(ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				first.declaration.clone(),
				signed_update(key, &secret, &signed),
			));
			assert_eq!(
				Versions::<Test>::get(model, 1).unwrap().evidence.signed_by.to_vec(),
				vec![key]
			);
			// A signature of another algorithm in the policy key's name is refused on its
			// algorithm, and changes nothing.
			let other = Algorithm::ALL[(seed + 1) % Algorithm::ALL.len()];
			let (_, other_secret) = registered_key_of(ALICE, seed as u8 + 20, other);
			let second = content(seed as u8 + 100, 5);
			let signed = payload(model, &second.declaration);
			assert_noop!(
				ModelRegistry::update_model(
					RuntimeOrigin::signed(ALICE),
					model,
					second.declaration,
					signed_update(key, &other_secret, &signed),
				),
				pallet_proof_verifier::Error::<Test>::AlgorithmMismatch
			);
		}
	});
}

#[test]
fn a_tampered_replayed_or_foreign_signature_changes_nothing() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let first = content(1, 5);
		let signed = payload(model, &first.declaration);
		let update_with = |declaration: &VersionDeclaration, evidence| {
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				declaration.clone(),
				evidence,
			)
		};

		assert_noop!(
			update_with(&first.declaration, no_evidence()),
			Error::<Test>::MissingSignature
		);
		// The hash was altered after signing.
		let mut altered = first.declaration.clone();
		altered.content_hash[0] ^= 1;
		assert_noop!(
			update_with(&altered, signed_update(key, &secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Signed with a key the policy does not name (even one of Alice's): refused on the
		// name before any check, and in the policy key's name it does not verify.
		let (other_key, other_secret) = registered_key(ALICE, 2);
		assert_noop!(
			update_with(&first.declaration, signed_update(other_key, &other_secret, &signed)),
			Error::<Test>::SignerNotInPolicy
		);
		assert_noop!(
			update_with(&first.declaration, signed_update(key, &other_secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Signed for another chain.
		let foreign =
			pq_sign(&secret, &[1; 32], purpose::MODEL_UPDATE, &signed.encode(), &[0; 32]).unwrap();
		let foreign = Box::new(crate::UpdateEvidence {
			signatures: signatures(vec![(key, foreign)]),
			zk_proof: None,
		});
		assert_noop!(
			update_with(&first.declaration, foreign),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);

		// Accepted once; the same signature cannot publish anything again.
		assert_ok!(update_with(&first.declaration, signed_update(key, &secret, &signed)));
		let second = content(2, 5);
		assert_noop!(
			update_with(&second.declaration, signed_update(key, &secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// A signature over the right fields but an old nonce is a replay too.
		let stale = ModelUpdatePayload { nonce: 0, ..payload(model, &second.declaration) };
		assert_noop!(
			update_with(&second.declaration, signed_update(key, &secret, &stale)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		assert_ok!(update_with(
			&second.declaration,
			signed_update(key, &secret, &payload(model, &second.declaration))
		));
	});
}

/// Three keys of three algorithms, held by three accounts (Bob's and Carol's co-signing
/// Alice's model), any two of which must sign.
fn two_of_three() -> (ModelId, [(u32, PqSecretKey); 3]) {
	let alice = registered_key_of(ALICE, 31, Algorithm::MlDsa65);
	let bob = registered_key_of(BOB, 32, Algorithm::MlDsa87);
	let carol = registered_key_of(CAROL, 33, Algorithm::SlhDsaSha2_128s);
	let model = register(
		ALICE,
		crate::UpdatePolicy { signing: k_of_n(&[alice.0, bob.0, carol.0], 2), ..open_policy() },
	);
	(model, [alice, bob, carol])
}

#[test]
fn a_two_of_three_policy_takes_any_two_signers_and_refuses_one() {
	build_and_execute(|| {
		let (model, [alice, bob, carol]) = two_of_three();
		let pairs = [[&alice, &bob], [&bob, &carol], [&carol, &alice]];
		for (index, pair) in pairs.into_iter().enumerate() {
			let next = content(index as u8 + 1, 4);
			let signed = payload(model, &next.declaration);
			let signers: Vec<(u32, &PqSecretKey)> =
				pair.iter().map(|(key, secret)| (*key, secret)).collect();
			// One of the two is not enough, whichever it is.
			assert_noop!(
				ModelRegistry::update_model(
					RuntimeOrigin::signed(ALICE),
					model,
					next.declaration.clone(),
					signed_by(&signers[1..], &signed),
				),
				Error::<Test>::MissingSignature
			);
			assert_ok!(ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				next.declaration,
				signed_by(&signers, &signed),
			));
			let version = Versions::<Test>::get(model, index as u32 + 1).unwrap();
			assert_eq!(version.evidence.signed_by.to_vec(), vec![pair[0].0, pair[1].0]);
		}
		// The co-signers' keys are theirs: not pinned by Alice's model; Alice's own key is.
		assert_eq!(ProofVerifier::signing_key_pins(alice.0), 1);
		assert_eq!(ProofVerifier::signing_key_pins(bob.0), 0);
		assert_eq!(ProofVerifier::signing_key_pins(carol.0), 0);
	});
}

#[test]
fn surplus_duplicate_unknown_and_revoked_signers_are_clear_errors() {
	build_and_execute(|| {
		let (model, [alice, bob, carol]) = two_of_three();
		let next = content(1, 4);
		let signed = payload(model, &next.declaration);
		let update_with = |signers: &[(u32, &PqSecretKey)]| {
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				next.declaration.clone(),
				signed_by(signers, &signed),
			)
		};
		assert_noop!(
			update_with(&[(alice.0, &alice.1), (bob.0, &bob.1), (carol.0, &carol.1)]),
			Error::<Test>::SurplusSignatures
		);
		assert_noop!(
			update_with(&[(bob.0, &bob.1), (bob.0, &bob.1)]),
			Error::<Test>::DuplicateSigner
		);
		let (stranger, stranger_secret) = registered_key(DAVE, 34);
		assert_noop!(
			update_with(&[(alice.0, &alice.1), (stranger, &stranger_secret)]),
			Error::<Test>::SignerNotInPolicy
		);
		// A co-signer may revoke their key (the model does not pin it); it no longer signs.
		assert_ok!(ProofVerifier::revoke_signing_key(RuntimeOrigin::signed(CAROL), carol.0));
		assert_noop!(
			update_with(&[(alice.0, &alice.1), (carol.0, &carol.1)]),
			pallet_proof_verifier::Error::<Test>::SigningKeyRevoked
		);
		assert_ok!(update_with(&[(bob.0, &bob.1), (alice.0, &alice.1)]));
	});
}

#[test]
fn the_update_weight_counts_each_signature_by_its_algorithm() {
	build_and_execute(|| {
		let (model, [alice, bob, carol]) = two_of_three();
		let next = content(1, 4);
		let signed = payload(model, &next.declaration);
		let weight = |signers: &[(u32, &PqSecretKey)]| {
			ModelRegistry::evidence_weight(&signed_by(signers, &signed))
		};
		let payload_len = <ModelUpdatePayload as codec::MaxEncodedLen>::max_encoded_len() as u32;
		let of = |algorithm| ProofVerifier::signature_weight(algorithm, payload_len);
		assert_eq!(
			weight(&[(alice.0, &alice.1), (carol.0, &carol.1)]),
			of(Algorithm::MlDsa65) + of(Algorithm::SlhDsaSha2_128s)
		);
		assert_eq!(
			weight(&[(bob.0, &bob.1), (alice.0, &alice.1)]),
			of(Algorithm::MlDsa87) + of(Algorithm::MlDsa65)
		);
		assert!(weight(&[(alice.0, &alice.1)]).ref_time() > 0);
	});
}
