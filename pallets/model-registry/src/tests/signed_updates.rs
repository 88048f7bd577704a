//! Updates signed with the policy's signing key, and the signatures that must fail.

use super::*;

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
			signed_update(&secret, &signed),
		));
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.signed_by, Some(key));

		let second = content(2, 5);
		let signed = payload(model, &second.declaration);
		assert_eq!((signed.version, signed.parent, signed.nonce), (2, Some(1), 1));
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			second.declaration,
			signed_update(&secret, &signed),
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
				signed_update(&secret, &signed),
			));
			assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.signed_by, Some(key));
			// A signature of another algorithm (by a key of Alice's) is refused on its
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
					signed_update(&other_secret, &signed),
				),
				pallet_proof_verifier::Error::<Test>::AlgorithmMismatch
			);
		}
	});
}

#[test]
fn a_tampered_replayed_or_foreign_signature_changes_nothing() {
	build_and_execute(|| {
		let (model, _, secret) = signed_model(ALICE, 1);
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
			update_with(&altered, signed_update(&secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Signed with a key not named by the policy (even one of Alice's).
		let (_, other_secret) = registered_key(ALICE, 2);
		assert_noop!(
			update_with(&first.declaration, signed_update(&other_secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Signed for another chain.
		let foreign =
			pq_sign(&secret, &[1; 32], purpose::MODEL_UPDATE, &signed.encode(), &[0; 32]).unwrap();
		let foreign = Box::new(crate::UpdateEvidence { signature: Some(foreign), zk_proof: None });
		assert_noop!(
			update_with(&first.declaration, foreign),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);

		// Accepted once; the same signature cannot publish anything again.
		assert_ok!(update_with(&first.declaration, signed_update(&secret, &signed)));
		let second = content(2, 5);
		assert_noop!(
			update_with(&second.declaration, signed_update(&secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// A signature over the right fields but an old nonce is a replay too.
		let stale = ModelUpdatePayload { nonce: 0, ..payload(model, &second.declaration) };
		assert_noop!(
			update_with(&second.declaration, signed_update(&secret, &stale)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		assert_ok!(update_with(
			&second.declaration,
			signed_update(&secret, &payload(model, &second.declaration))
		));
	});
}
