//! Groth16 proofs: what verifies and what must fail.

use super::*;

#[test]
fn a_valid_groth16_proof_is_attested_for_every_number_of_inputs() {
	build_and_execute(|| {
		let mut expected = Vec::new();
		for inputs in [0, 1, 5, 16] {
			let (key, proof, public_inputs) = simulated_circuit(inputs, u64::from(inputs));
			let id = register_verifying_key(ALICE, key);
			let statement = groth16_statement(id, proof, public_inputs.clone());
			let statement_hash = statement.hash();
			assert_ok!(attest(BOB, statement));
			assert_eq!(
				last_event(),
				Event::ProofVerified { statement_hash, kind: ProofKind::Groth16, submitter: BOB }
			);
			expected.push((BOB, Some((id, public_inputs))));
		}
		// Each attested proof was reported with its key and inputs, for the incentives.
		assert_eq!(RecordProofs::reported(), expected);
	});
}

#[test]
fn a_groth16_proof_for_other_inputs_or_another_key_is_refused() {
	build_and_execute(|| {
		let (key, proof, inputs) = simulated_circuit(3, 1);
		let id = register_verifying_key(ALICE, key);
		let (other_key, other_proof, _) = simulated_circuit(3, 2);
		let other_id = register_verifying_key(ALICE, other_key);

		let mut changed = inputs.clone();
		changed[0][31] ^= 1;
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), changed)),
			Error::<Test>::ProofRejected
		);
		let mut swapped = inputs.clone();
		swapped.swap(0, 1);
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), swapped)),
			Error::<Test>::ProofRejected
		);
		assert_noop!(
			attest(BOB, groth16_statement(other_id, proof.clone(), inputs.clone())),
			Error::<Test>::ProofRejected
		);
		assert_noop!(
			attest(BOB, groth16_statement(id, other_proof, inputs.clone())),
			Error::<Test>::ProofRejected
		);
		// Swapping A and C keeps every point valid but breaks the equation.
		let mixed = Groth16Proof { a: proof.c, c: proof.a, ..proof.clone() };
		assert_noop!(
			attest(BOB, groth16_statement(id, mixed, inputs.clone())),
			Error::<Test>::ProofRejected
		);
		assert_ok!(attest(BOB, groth16_statement(id, proof, inputs)));
	});
}

#[test]
fn malformed_groth16_inputs_are_refused_before_the_pairing() {
	build_and_execute(|| {
		let (key, proof, inputs) = simulated_circuit(3, 1);
		let id = register_verifying_key(ALICE, key);
		let check = |proof: Groth16Proof, inputs: Vec<FieldBytes>| {
			attest(BOB, groth16_statement(id, proof, inputs))
		};

		assert_noop!(
			check(proof.clone(), inputs[..2].to_vec()),
			Error::<Test>::PublicInputCountMismatch
		);
		let mut four = inputs.clone();
		four.push([0; 32]);
		assert_noop!(check(proof.clone(), four), Error::<Test>::PublicInputCountMismatch);

		// x and x + r are the same scalar; only the canonical one is an input.
		let mut out_of_range = inputs.clone();
		out_of_range[0] = add_be(&inputs[0], &SCALAR_FIELD_MODULUS);
		assert_noop!(check(proof.clone(), out_of_range), Error::<Test>::PublicInputOutOfRange);
		let mut modulus = inputs.clone();
		modulus[2] = SCALAR_FIELD_MODULUS;
		assert_noop!(check(proof.clone(), modulus), Error::<Test>::PublicInputOutOfRange);

		let mut off_curve = proof.clone();
		off_curve.a.x[31] ^= 1;
		let mut b_off_curve = proof.clone();
		b_off_curve.b.y[1][31] ^= 1;
		let mut c_non_canonical = proof.clone();
		c_non_canonical.c.y = add_be(&proof.c.y, &BASE_FIELD_MODULUS);
		let a_at_infinity = Groth16Proof { a: G1Point::default(), ..proof.clone() };
		let b_outside_subgroup =
			Groth16Proof { b: g2_point_outside_the_subgroup(), ..proof.clone() };
		for bad in [off_curve, b_off_curve, c_non_canonical, a_at_infinity, b_outside_subgroup] {
			assert_noop!(check(bad, inputs.clone()), Error::<Test>::MalformedProof);
		}

		assert_noop!(
			attest(BOB, groth16_statement(id + 1, proof.clone(), inputs.clone())),
			Error::<Test>::UnknownVerifyingKey
		);
		assert_ok!(ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(check(proof, inputs), Error::<Test>::VerifyingKeyRemoved);
	});
}

/// A proof from arkworks' own Groth16 prover over a small circuit: `a · b = c`, `a + b = d`,
/// with `c` and `d` public (the snarkjs test circuit, written with arkworks).
#[test]
fn a_proof_from_the_arkworks_prover_verifies() {
	use ark_bn254::{Bn254, Fr};
	use ark_groth16::Groth16;
	use ark_relations::{
		lc,
		r1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError, Variable},
	};
	use ark_snark::SNARK;

	#[derive(Clone)]
	struct ProductAndSum {
		a: Fr,
		b: Fr,
	}

	impl ConstraintSynthesizer<Fr> for ProductAndSum {
		fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
			let a = cs.new_witness_variable(|| Ok(self.a))?;
			let b = cs.new_witness_variable(|| Ok(self.b))?;
			let c = cs.new_input_variable(|| Ok(self.a * self.b))?;
			let d = cs.new_input_variable(|| Ok(self.a + self.b))?;
			cs.enforce_constraint(lc!() + a, lc!() + b, lc!() + c)?;
			cs.enforce_constraint(lc!() + a + b, lc!() + Variable::One, lc!() + d)?;
			Ok(())
		}
	}

	use ark_std::rand::{rngs::StdRng, SeedableRng};
	let mut rng = StdRng::seed_from_u64(2026);
	let circuit = ProductAndSum { a: Fr::from(3u64), b: Fr::from(11u64) };
	let (proving_key, verifying_key) =
		Groth16::<Bn254>::circuit_specific_setup(circuit.clone(), &mut rng).unwrap();
	let proof = Groth16::<Bn254>::prove(&proving_key, circuit, &mut rng).unwrap();
	let inputs = [Fr::from(33u64), Fr::from(14u64)];
	assert!(Groth16::<Bn254>::verify(&verifying_key, &inputs, &proof).unwrap());

	let key: Groth16VerifyingKeyOf<Test> = crate::Groth16VerifyingKey {
		alpha: encode_g1(&verifying_key.alpha_g1),
		beta: encode_g2(&verifying_key.beta_g2),
		gamma: encode_g2(&verifying_key.gamma_g2),
		delta: encode_g2(&verifying_key.delta_g2),
		ic: BoundedVec::try_from(
			verifying_key.gamma_abc_g1.iter().map(encode_g1).collect::<Vec<_>>(),
		)
		.unwrap(),
	};
	let proof =
		Groth16Proof { a: encode_g1(&proof.a), b: encode_g2(&proof.b), c: encode_g1(&proof.c) };
	let inputs: Vec<FieldBytes> = inputs.iter().map(encode_scalar).collect();

	build_and_execute(|| {
		let id = register_verifying_key(ALICE, key);
		let mut wrong = inputs.clone();
		wrong[0] = encode_scalar(&Fr::from(34u64));
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), wrong)),
			Error::<Test>::ProofRejected
		);
		assert_ok!(attest(BOB, groth16_statement(id, proof, inputs)));
	});
}
