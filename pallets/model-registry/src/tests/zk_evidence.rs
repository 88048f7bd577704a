//! Updates carrying a Groth16 proof bound to the version, and the proofs that must fail.

use super::*;

#[test]
fn a_zk_proof_bound_to_the_version_is_accepted() {
	build_and_execute(|| {
		let first = content(1, 2);
		let commitment =
			update_commitment(&first.declaration.content_hash, &first.declaration.merkle_root);
		let (model, zk, key) = zk_model(ALICE, commitment);
		let evidence = crate::UpdateEvidence { signatures: no_signatures(), zk_proof: Some(zk) };
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			first.declaration,
			Box::new(evidence)
		));
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.zk_verifying_key, Some(key));
	});
}

#[test]
fn a_zk_proof_for_another_version_or_invalid_is_refused() {
	build_and_execute(|| {
		let first = content(1, 2);
		let commitment =
			update_commitment(&first.declaration.content_hash, &first.declaration.merkle_root);
		let (model, zk, _) = zk_model(ALICE, commitment);
		let update_with = |declaration: VersionDeclaration, zk_proof| {
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				declaration,
				Box::new(crate::UpdateEvidence { signatures: no_signatures(), zk_proof }),
			)
		};
		assert_noop!(update_with(first.declaration.clone(), None), Error::<Test>::MissingZkProof);
		// The proof is about version 1's hashes, not these.
		assert_noop!(
			update_with(content(2, 2).declaration, Some(zk.clone())),
			Error::<Test>::ZkProofNotBoundToVersion
		);
		// Bound, but the proof does not hold for the other input.
		let mut forged = zk.clone();
		forged.public_inputs[1] = [
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
			24, 25, 26, 27, 28, 29, 30, 31,
		];
		assert_noop!(
			update_with(first.declaration.clone(), Some(forged)),
			pallet_proof_verifier::Error::<Test>::ProofRejected
		);
		assert_ok!(update_with(first.declaration, Some(zk)));
	});
}
