//! Domain-separated SHA3-512 Merkle proofs.

use super::*;

#[test]
fn every_shard_of_a_model_is_attested_under_its_root() {
	build_and_execute(|| {
		let leaves = shard_hashes(11);
		for index in 0..11 {
			let statement = merkle_statement(&leaves, index);
			let statement_hash = statement.hash();
			assert_ok!(attest(ALICE, statement));
			assert_eq!(
				last_event(),
				Event::ProofVerified {
					statement_hash,
					kind: ProofKind::MerkleInclusion,
					submitter: ALICE
				}
			);
		}
	});
}

#[test]
fn a_merkle_proof_for_another_leaf_index_size_or_root_is_refused() {
	build_and_execute(|| {
		let leaves = shard_hashes(11);
		let root = merkle_root(&leaves).unwrap();
		let proof = merkle_proof(&leaves, 4).unwrap();
		let statement =
			|root, leaf_hash, proof| Statement::MerkleInclusion { root, leaf_hash, proof };

		// A shard that is not in the model.
		let stranger = hash_leaf(b"not a shard");
		assert_noop!(
			attest(ALICE, statement(root, stranger, proof.clone())),
			Error::<Test>::MerkleRootMismatch
		);
		// Shard 5 presented with shard 4's path, and shard 4 claimed at position 5.
		assert_noop!(
			attest(ALICE, statement(root, leaves[5], proof.clone())),
			Error::<Test>::MerkleRootMismatch
		);
		let moved = MerkleProof { leaf_index: 5, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], moved)),
			Error::<Test>::MerkleRootMismatch
		);
		// Another model's root.
		let other_root = merkle_root(&shard_hashes(12)).unwrap();
		assert_noop!(
			attest(ALICE, statement(other_root, leaves[4], proof.clone())),
			Error::<Test>::MerkleRootMismatch
		);
		// A tree of another size whose path has the same shape (leaf 4 of 11 and of 12).
		let resized = MerkleProof { leaf_count: 12, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], resized)),
			Error::<Test>::MerkleRootMismatch
		);
		// Malformed proofs are refused before any hashing.
		let out_of_range = MerkleProof { leaf_index: 11, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], out_of_range)),
			Error::<Test>::MerkleIndexOutOfRange
		);
		let empty = MerkleProof { leaf_index: 0, leaf_count: 0, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], empty)),
			Error::<Test>::MerkleIndexOutOfRange
		);
		let mut siblings = proof.siblings.as_slice().to_vec();
		siblings.pop();
		let short =
			MerkleProof { siblings: BoundedSiblings::new(siblings).unwrap(), ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], short)),
			Error::<Test>::MerkleProofWrongLength
		);

		assert_ok!(attest(ALICE, statement(root, leaves[4], proof)));
	});
}
