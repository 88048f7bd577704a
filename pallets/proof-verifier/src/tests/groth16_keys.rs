//! Groth16 verification keys: registration and removal.

use super::*;

#[test]
fn a_verification_key_is_registered_with_a_deposit_for_its_size() {
	build_and_execute(|| {
		let (small, _, _) = simulated_circuit(1, 1);
		let (large, _, _) = simulated_circuit(16, 2);
		let first = register_verifying_key(ALICE, small);
		assert_eq!(
			last_event(),
			Event::VerifyingKeyRegistered { key: first, owner: ALICE, public_inputs: 1 }
		);
		let second = register_verifying_key(ALICE, large);
		assert_eq!(
			last_event(),
			Event::VerifyingKeyRegistered { key: second, owner: ALICE, public_inputs: 16 }
		);
		let (small, large) = (
			VerifyingKeys::<Test>::get(first).unwrap().deposit,
			VerifyingKeys::<Test>::get(second).unwrap().deposit,
		);
		// 15 more IC points of 64 bytes each.
		assert_eq!(large - small, 15 * 64);
		assert_eq!(held(ALICE, HoldReason::VerifyingKey), small + large);

		assert_noop!(
			ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(BOB), first),
			Error::<Test>::NotVerifyingKeyOwner
		);
		assert_ok!(ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), first));
		assert_eq!(last_event(), Event::VerifyingKeyRemoved { key: first, owner: ALICE });
		assert_eq!(held(ALICE, HoldReason::VerifyingKey), large);
		assert_noop!(
			ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), first),
			Error::<Test>::VerifyingKeyRemoved
		);
		assert_noop!(
			ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::UnknownVerifyingKey
		);
	});
}

#[test]
fn a_verification_key_with_an_invalid_point_is_refused() {
	build_and_execute(|| {
		let (key, _, _) = simulated_circuit(2, 1);
		let mut off_curve = key.clone();
		off_curve.alpha.y[31] ^= 1;
		let mut non_canonical = key.clone();
		non_canonical.ic[1].x = add_be(&key.ic[1].x, &BASE_FIELD_MODULUS);
		let mut alpha_at_infinity = key.clone();
		alpha_at_infinity.alpha = G1Point::default();
		let mut delta_at_infinity = key.clone();
		delta_at_infinity.delta = G2Point::default();
		let mut outside_subgroup = key.clone();
		outside_subgroup.gamma = g2_point_outside_the_subgroup();
		let mut no_ic = key.clone();
		no_ic.ic = BoundedVec::default();
		for bad in [
			off_curve,
			non_canonical,
			alpha_at_infinity,
			delta_at_infinity,
			outside_subgroup,
			no_ic,
		] {
			assert_noop!(
				ProofVerifier::register_verifying_key(RuntimeOrigin::signed(ALICE), Box::new(bad)),
				Error::<Test>::MalformedVerifyingKey
			);
		}
		// An IC point at infinity is what an honest setup gives an input no constraint uses.
		let mut ic_at_infinity = key;
		ic_at_infinity.ic[2] = G1Point::default();
		assert_ok!(ProofVerifier::register_verifying_key(
			RuntimeOrigin::signed(ALICE),
			Box::new(ic_at_infinity)
		));
	});
}
