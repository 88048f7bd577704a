//! Groth16 against snarkjs' own files.

use super::*;

#[test]
fn snarkjs_orders_g2_coordinates_as_we_do() {
	// snarkjs' setup leaves γ at the generator of G2: the layouts agree on the order of the
	// Fq2 coefficients exactly when the generator decodes to arkworks' generator.
	use ark_bn254::G2Affine;
	use ark_ec::AffineRepr;
	let key = snarkjs::verifying_key(SNARKJS_KEY);
	assert_eq!(key.gamma, encode_g2(&G2Affine::generator()));
	assert_ne!(key.delta, key.gamma);
}

#[test]
fn proofs_made_by_snarkjs_verify_unchanged() {
	build_and_execute(|| {
		let id = register_verifying_key(ALICE, snarkjs::verifying_key(SNARKJS_KEY));
		let (proof, public) =
			(snarkjs::proof(SNARKJS_PROOF), snarkjs::public_inputs(SNARKJS_PUBLIC));
		let (proof_2, public_2) =
			(snarkjs::proof(SNARKJS_PROOF_2), snarkjs::public_inputs(SNARKJS_PUBLIC_2));
		assert_eq!(public[0][31], 33);
		assert_eq!(public[1][31], 14);

		// Each proof holds for its own signals only, and only in their order.
		assert_noop!(
			attest(BOB, groth16_statement(id, proof_2.clone(), public.clone())),
			Error::<Test>::ProofRejected
		);
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), public_2.clone())),
			Error::<Test>::ProofRejected
		);
		let reversed: Vec<_> = public.iter().rev().copied().collect();
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), reversed)),
			Error::<Test>::ProofRejected
		);

		assert_ok!(attest(BOB, groth16_statement(id, proof, public)));
		assert_ok!(attest(BOB, groth16_statement(id, proof_2, public_2)));
	});
}
