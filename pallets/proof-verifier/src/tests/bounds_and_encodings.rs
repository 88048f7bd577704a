//! Bounds and encodings of what transactions carry.

use super::*;

#[test]
fn oversize_arguments_do_not_decode() {
	let max_inputs = <<Test as crate::Config>::MaxPublicInputs as Get<u32>>::get() as usize;
	let max_payload = <<Test as crate::Config>::MaxSignedPayloadLen as Get<u32>>::get() as usize;
	let (key, proof, _) = simulated_circuit(2, 1);

	// One public input too many: the encoding of an unbounded list does not decode as a
	// statement, nor as the call that carries it.
	let inputs = vec![[0u8; 32]; max_inputs + 1];
	let encoded = (1u8, 0u32, proof.clone(), inputs).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());
	let call = (2u8, 5u8, encoded).encode();
	assert!(RuntimeCall::decode(&mut &call[..]).is_err());

	let payload = vec![0u8; max_payload + 1];
	let encoded = (2u8, 0u32, b"app".to_vec(), payload, 1u8, vec![0u8; 3309]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());
	let purpose = vec![b'p'; 65];
	let encoded = (2u8, 0u32, purpose, b"x".to_vec(), 1u8, vec![0u8; 3309]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());
	// A signature must have its algorithm's exact length (ML-DSA-65: 3309 bytes), and name
	// one of the five algorithms.
	for (tag, len) in [(1u8, 3308), (1, 3310), (4, 3309), (5, 3309)] {
		let encoded = (2u8, 0u32, b"app".to_vec(), b"x".to_vec(), tag, vec![0u8; len]).encode();
		assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err(), "{tag} {len}");
	}

	// A Merkle proof claiming 33 siblings is refused at its length prefix.
	let encoded = (0u8, [0u8; 64], [0u8; 64], 0u32, 1u32, codec::Compact(33u32)).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());

	// A key with one IC point too many.
	let ic = vec![G1Point::default(); max_inputs + 2];
	let encoded = (key.alpha, key.beta, key.gamma, key.delta, ic).encode();
	assert!(Groth16VerifyingKeyOf::<Test>::decode(&mut &encoded[..]).is_err());

	// The encodings used above are the real layouts: at the bounds they decode.
	let encoded = (1u8, 0u32, proof, vec![[0u8; 32]; max_inputs]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_ok());
	for algorithm in Algorithm::ALL {
		let signature = vec![0u8; algorithm.signature_len()];
		let encoded =
			(2u8, 0u32, b"app".to_vec(), vec![0u8; max_payload], algorithm, signature).encode();
		assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_ok(), "{algorithm:?}");
	}
}

#[test]
fn statements_hash_differently_for_every_field() {
	let leaves = shard_hashes(3);
	let base = merkle_statement(&leaves, 1);
	let other_leaf = merkle_statement(&leaves, 2);
	assert_ne!(base.hash(), other_leaf.hash());
	let mut preimage = crate::STATEMENT_HASH_DOMAIN.to_vec();
	preimage.extend(base.encode());
	assert_eq!(base.hash(), aegis_integrity::sha3_256(&preimage));
}

#[test]
fn the_weight_of_an_attestation_follows_its_size() {
	use crate::weights::{SubstrateWeight, WeightInfo};
	type Weights = SubstrateWeight<Test>;
	assert!(Weights::attest_merkle(10).ref_time() > Weights::attest_merkle(1).ref_time());
	assert!(Weights::attest_groth16(16).ref_time() > Weights::attest_groth16(0).ref_time());
	// A Groth16 proof costs pairings: far more than a Merkle path or a signature.
	assert!(Weights::attest_groth16(0).ref_time() > Weights::attest_merkle(32).ref_time());
	assert!(Weights::attest_groth16(0).ref_time() > Weights::attest_signature(1024).ref_time());

	// A call is charged for its statement's kind and size: 1000 leaves make a 10-level path.
	let deep = merkle_statement(&shard_hashes(1000), 0);
	assert_eq!(
		ProofVerifier::attest_weight(&deep),
		Weights::attest_merkle(10).max(Weights::verify_merkle(10))
	);
	let (_, proof, inputs) = simulated_circuit(5, 1);
	assert_eq!(
		ProofVerifier::attest_weight(&groth16_statement(0, proof, inputs)),
		Weights::attest_groth16(5).max(Weights::verify_groth16(5))
	);
}

#[test]
fn the_trait_reports_the_verification_weights() {
	use crate::weights::{SubstrateWeight, WeightInfo};
	type Weights = SubstrateWeight<Test>;
	assert_eq!(
		<ProofVerifier as VerifyProof<u64>>::merkle_weight(7),
		<Test as crate::Config>::WeightInfo::verify_merkle(7)
	);
	// An attestation is charged at least the check it makes, whatever the two measurements.
	let (_, proof, inputs) = simulated_circuit(4, 1);
	let attest = ProofVerifier::attest_weight(&groth16_statement(0, proof, inputs));
	assert!(attest.all_gte(Weights::verify_groth16(4)), "{attest:?}");
}

proptest::proptest! {
	#![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

	/// Arbitrary bytes in a proof's points never panic the verifier and never verify.
	#[test]
	fn arbitrary_proof_bytes_are_refused_cleanly(
		a in proptest::array::uniform32(0u8..),
		b in proptest::array::uniform32(0u8..),
		c in proptest::array::uniform32(0u8..),
		flip in 0usize..32,
	) {
		let (key, proof, inputs) = simulated::circuit::<<Test as crate::Config>::MaxPublicInputs>(2, 3).unwrap();
		let mut bad = proof.clone();
		bad.a = G1Point { x: a, y: b };
		bad.b.x[0] = c;
		bad.c.y[flip] ^= 0x40;
		let result = crate::groth16::verify_proof(&key, &bad, &inputs);
		proptest::prop_assert!(matches!(
			result,
			Err(Groth16Error::MalformedProof | Groth16Error::ProofRejected)
		));
	}

	/// A Merkle statement verifies exactly for the leaves of the tree at their positions.
	#[test]
	fn merkle_statements_verify_exactly_for_the_trees_leaves(count in 1u32..40, index in 0u32..40, other in 0u32..40) {
		let index = index % count;
		let other = other % count;
		let leaves = shard_hashes(count);
		let root = merkle_root(&leaves).unwrap();
		let proof = merkle_proof(&leaves, index).unwrap();
		let verified = <ProofVerifier as VerifyProof<u64>>::verify_merkle(&root, &leaves[other as usize], &proof);
		proptest::prop_assert_eq!(verified.is_ok(), other == index);
	}
}
