//! Checks the crate byte for byte against vectors that Python's `hashlib` computed
//! (`test-vectors/generate.py`): an implementation that shares no code with ours.

use aegis_integrity::{
	content::{encode_vector, vector_content_hash, DType},
	merkle::{hash_leaf, merkle_proof, merkle_root, verify_merkle_proof},
	pq::signing_message,
	sha3_512,
};
use serde_json::Value;

const VECTORS: &str = include_str!("../test-vectors/vectors.json");

fn hex(value: &Value) -> Vec<u8> {
	let text = value.as_str().expect("hex strings");
	assert!(text.len().is_multiple_of(2), "even-length hex");
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digits"))
		.collect()
}

fn hash64(value: &Value) -> [u8; 64] {
	hex(value).try_into().expect("64-byte hash")
}

fn vectors() -> Value {
	serde_json::from_str(VECTORS).expect("vectors.json is JSON")
}

#[test]
fn sha3_512_matches_hashlib() {
	let vectors = vectors();
	let cases = vectors["sha3_512"].as_array().expect("cases");
	assert_eq!(cases.len(), 3);
	for case in cases {
		assert_eq!(sha3_512(&hex(&case["input_hex"])), hash64(&case["sha3_512"]));
	}
}

#[test]
fn vector_encoding_and_content_hash_match_hashlib() {
	let vectors = vectors();
	let cases = vectors["vectors"].as_array().expect("cases");
	assert_eq!(cases.len(), 2);
	for case in cases {
		let dtype = DType::from_code(case["dtype"].as_u64().expect("code") as u8).expect("dtype");
		let shape: Vec<u64> = case["shape"]
			.as_array()
			.expect("shape")
			.iter()
			.map(|d| d.as_u64().expect("dim"))
			.collect();
		let data = hex(&case["data_hex"]);
		assert_eq!(
			encode_vector(dtype, &shape, &data).expect("encodes"),
			hex(&case["encoding_hex"])
		);
		assert_eq!(
			vector_content_hash(dtype, &shape, &data).expect("hashes"),
			hash64(&case["content_hash"])
		);
	}
}

#[test]
fn merkle_roots_and_proofs_match_hashlib() {
	let vectors = vectors();
	let trees = vectors["merkle_trees"].as_array().expect("trees");
	assert_eq!(trees.len(), 8);
	for tree in trees {
		let leaves: Vec<[u8; 64]> = tree["shards_hex"]
			.as_array()
			.expect("shards")
			.iter()
			.map(|shard| hash_leaf(&hex(shard)))
			.collect();
		let expected_leaves: Vec<[u8; 64]> =
			tree["leaf_hashes"].as_array().expect("leaves").iter().map(hash64).collect();
		assert_eq!(leaves, expected_leaves);

		let root = merkle_root(&leaves).expect("root");
		assert_eq!(root, hash64(&tree["root"]));

		for (index, expected) in tree["proofs"].as_array().expect("proofs").iter().enumerate() {
			let proof = merkle_proof(&leaves, index as u32).expect("proof");
			let expected: Vec<[u8; 64]> =
				expected.as_array().expect("siblings").iter().map(hash64).collect();
			assert_eq!(proof.siblings.as_slice(), &expected[..]);
			assert_eq!(verify_merkle_proof(&root, &leaves[index], &proof), Ok(()));
		}
	}
}

#[test]
fn ml_dsa_signing_messages_match_the_python_construction() {
	let vectors = vectors();
	let cases = vectors["signing_messages"].as_array().expect("cases");
	assert_eq!(cases.len(), 3);
	for case in cases {
		let genesis: [u8; 32] = hex(&case["genesis_hex"]).try_into().expect("32-byte genesis");
		let message =
			signing_message(&genesis, &hex(&case["purpose_hex"]), &hex(&case["payload_hex"]))
				.expect("purpose within bounds");
		assert_eq!(message, hex(&case["message_hex"]));
	}
}
