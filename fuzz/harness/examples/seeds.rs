//! Writes the seed corpus (`fuzz/corpus/<target>/seed-*`): for each target, inputs that are
//! valid, so that fuzzing starts from the deep paths (a verifying Merkle proof, signature and
//! Groth16 proof, a real vault and key file) instead of having to find them.
//!
//! `cargo run -p aegis-fuzz --example seeds`: the same files every run, but the vault, whose
//! encapsulation is fresh each time.

use std::{fs, path::Path};

use aegis_cli::{
	keyfile::{KdfCost, KeyAlgorithm, KeyPair},
	signed::{ActionPayload, FileSignature, Policy, SignedAction, SignedUpdate, SigningPolicy},
	vault, xwing,
};
use aegis_integrity::{
	merkle::{hash_leaf, merkle_proof, merkle_root},
	pq::{self, purpose},
	update::{ModelAction, ModelActionPayload, ModelUpdatePayload, VersionDeclaration},
};
use codec::Encode;
use frame_support::{traits::ConstU32, BoundedVec};
use pallet_proof_verifier::{groth16::simulated, Statement};

fn main() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
	let write = |target: &str, name: &str, bytes: &[u8]| {
		let folder = root.join(target);
		fs::create_dir_all(&folder).expect("the corpus folder is made");
		fs::write(folder.join(format!("seed-{name}")), bytes).expect("the seed is written");
	};

	let leaves: Vec<_> = (0u8..5).map(|i| hash_leaf(&[i; 100])).collect();
	let tree_root = merkle_root(&leaves).expect("five leaves make a tree");
	let proof = merkle_proof(&leaves, 3).expect("leaf 3 is in the tree");
	write("merkle", "valid", &(tree_root, leaves[3], proof.clone()).encode());
	let merkle_statement = Statement::<ConstU32<4096>, ConstU32<16>>::MerkleInclusion {
		root: tree_root,
		leaf_hash: leaves[3],
		proof,
	};
	write("statement", "merkle", &merkle_statement.encode());

	let (key, proof, inputs) =
		simulated::circuit::<ConstU32<16>>(3, 1).expect("the simulated circuit is made");
	let inputs = BoundedVec::<_, ConstU32<16>>::truncate_from(inputs);
	write("groth16", "valid", &(key, proof.clone(), inputs.clone()).encode());
	let groth16_statement =
		Statement::<ConstU32<4096>, ConstU32<16>>::Groth16 { key: 0, proof, public_inputs: inputs };
	write("statement", "groth16", &groth16_statement.encode());

	let payload = b"a model update".to_vec();
	for algorithm in pq::Algorithm::ALL {
		let (public, secret) = pq::signing::pq_keypair_from_seed(algorithm, &[3; 32]);
		let signature =
			pq::signing::pq_sign(&secret, &[7; 32], purpose::MODEL_UPDATE, &payload, &[9; 32])
				.expect("the payload is signed");
		let name = algorithm.name().to_lowercase();
		write(
			"signature",
			&name,
			&(public, signature.clone(), purpose::MODEL_UPDATE.to_vec(), payload.clone()).encode(),
		);
		let signed_statement = Statement::<ConstU32<4096>, ConstU32<16>>::Signature {
			key: 0,
			purpose: BoundedVec::truncate_from(purpose::MODEL_UPDATE.to_vec()),
			payload: BoundedVec::truncate_from(payload.clone()),
			signature,
		};
		write("statement", &format!("signature-{name}"), &signed_statement.encode());
	}

	let declaration = VersionDeclaration {
		content_hash: [1; 64],
		merkle_root: [2; 64],
		shard_count: 3,
		byte_size: 4,
	};
	let update = ModelUpdatePayload::new(5, 2, Some(1), &declaration, 9);
	write("update_payload", "update", &[&[0u8][..], &update.encode()].concat());
	write("update_payload", "declaration", &[&[1u8][..], &declaration.encode()].concat());
	let action = ModelActionPayload::<[u8; 32], Vec<u8>> {
		model: 5,
		nonce: 9,
		action: ModelAction::TransferOwnership([4; 32]),
	};
	write("update_payload", "action", &[&[2u8][..], &action.encode()].concat());

	// To another key than the targets decrypt with: the target refuses it (wrong recipient).
	let recipient = xwing::keypair_from_seed(&[43; 32]);
	let mut sealed = Vec::new();
	vault::encrypt(recipient.public_key(), 12, &[5u8; 5000][..], &mut sealed, |_| {})
		.expect("the vault is made");
	write("vault_decrypt", "other-recipient", &sealed);
	write("vault_tamper", "untouched", &[]);
	write("vault_tamper", "one-bit", &[10, 0, 1]);

	let pair = KeyPair::from_seed(KeyAlgorithm::MlDsa65, zeroize::Zeroizing::new([6; 32]));
	let unsealed = pair.to_secret_file(None, KdfCost::default()).expect("the key file is made");
	write(
		"key_file",
		"unsealed",
		serde_json::to_string(&unsealed).expect("the key file encodes").as_bytes(),
	);
	write(
		"key_file",
		"public",
		serde_json::to_string(&pair.to_public_file())
			.expect("the key encodes")
			.as_bytes(),
	);

	let model_file: Vec<u8> = (0..10_000u32).map(|index| (index % 253) as u8).collect();
	let digest = aegis_cli::model::digest_reader(&model_file[..], 4096, |_| {})
		.expect("the model file is digested");
	let proof_file =
		aegis_cli::model::ProofFile::of_shard(&digest, 1).expect("shard 1 has a proof");
	let json = proof_file.to_json(&digest.leaf_hashes[1], &digest.declaration.merkle_root);
	write("proof_file", "shard-1-of-3", json.to_string().as_bytes());
	// Signature files as `aegis update sign` and `aegis action sign` write them, by two keys.
	let signers: Vec<_> = [pq::Algorithm::MlDsa65, pq::Algorithm::MlDsa44]
		.into_iter()
		.map(|algorithm| pq::signing::pq_keypair_from_seed(algorithm, &[8; 32]))
		.collect();
	let genesis = [7; 32];
	let sign_all = |purpose: &[u8], payload: &[u8]| -> Vec<FileSignature> {
		signers
			.iter()
			.map(|(public, secret)| {
				let signature = pq::signing::pq_sign(secret, &genesis, purpose, payload, &[9; 32])
					.expect("the file's payload is signed");
				FileSignature::new(public, &signature)
			})
			.collect()
	};
	let mut update_file = SignedUpdate::new(&genesis, &update);
	update_file.signatures = sign_all(purpose::MODEL_UPDATE, &update.encode());
	let action = ActionPayload {
		model: 5,
		nonce: 9,
		action: ModelAction::SetPolicy(Policy {
			signing: Some(SigningPolicy { keys: vec![0, 1, 2], threshold: 2 }),
			zk_verifying_key: Some(4),
			contributors: vec![[4; 32]],
		}),
	};
	let mut action_file = SignedAction::new(&genesis, &action);
	action_file.signatures = sign_all(purpose::MODEL_ACTION, &action.encode());
	for (name, file) in [
		("update", serde_json::to_string_pretty(&update_file)),
		("set-policy", serde_json::to_string_pretty(&action_file)),
	] {
		write("signature_file", name, file.expect("the file encodes").as_bytes());
	}

	write("oracle_json", "nested", b"\x06/model/accuracy\x00{\"model\":{\"accuracy\":0.9731}}");
	write("oracle_json", "quoted", b"\x02/price\x00{\"price\":\"-12.345e1\"}");
}
