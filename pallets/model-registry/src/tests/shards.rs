//! Checking a shard against a version, as the runtime API does.

use super::*;

#[test]
fn every_shard_of_a_version_verifies_and_nothing_else_does() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let first = content(1, 7);
		assert_ok!(update(ALICE, model, first.declaration.clone()));
		let leaves: Vec<Sha3_512Hash> = first.shards.iter().map(|shard| hash_leaf(shard)).collect();
		for (index, leaf) in leaves.iter().enumerate() {
			let proof = merkle_proof(&leaves, index as u32).unwrap();
			assert_eq!(ModelRegistry::verify_shard(model, 1, leaf, &proof), Ok(()));
			assert_eq!(
				ModelRegistry::verify_shard(model, 2, leaf, &proof),
				Err(ShardCheckError::VersionNotFound)
			);
		}
		let proof = merkle_proof(&leaves, 2).unwrap();
		let tampered = hash_leaf(b"tampered shard");
		assert_eq!(
			ModelRegistry::verify_shard(model, 1, &tampered, &proof),
			Err(ShardCheckError::NotInVersion)
		);
		let mut resized = proof.clone();
		resized.leaf_count = 8;
		assert_eq!(
			ModelRegistry::verify_shard(model, 1, &leaves[2], &resized),
			Err(ShardCheckError::WrongShardCount)
		);
	});
}
