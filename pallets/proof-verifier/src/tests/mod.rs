//! Tests of the proof-verifier pallet on the mock runtime.
mod attestations;
mod bounds_and_encodings;
mod groth16_keys;
mod groth16_proofs;
mod groth16_snarkjs;
mod merkle_proofs;
mod signing_keys;

use crate::{
	groth16::{encode_g1, encode_g2, encode_scalar, simulated, Groth16Error},
	mock::*,
	Attestations, Error, Event, FieldBytes, G1Point, G2Point, Groth16Proof, Groth16VerifyingKeyOf,
	HoldReason, NextSigningKeyId, ProofKind, Purpose, SigningKeyId, SigningKeys, Statement,
	StatementOf, VerifyingKeyId, VerifyingKeys,
};
use aegis_integrity::{
	merkle::{hash_leaf, merkle_proof, merkle_root, BoundedSiblings, MerkleProof},
	pq::{
		purpose,
		signing::{pq_keypair_from_seed, pq_sign, PqSecretKey},
		Algorithm, PqPublicKey, PqSignature,
	},
	Sha3_512Hash,
};
use aegis_primitives::proofs::{PinSigningKey, VerifyProof};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
	BoundedVec,
};
use sp_runtime::{DispatchError, TokenError};

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::ProofVerifier(event) => Some(event),
			_ => None,
		})
		.expect("the pallet emitted an event")
}

// ----- Signing keys ---------------------------------------------------------------------

struct KeyPair {
	public: PqPublicKey,
	secret: PqSecretKey,
}

/// An ML-DSA-65 key pair: the algorithm most tests use.
fn keypair(seed: u8) -> KeyPair {
	keypair_of(Algorithm::MlDsa65, seed)
}

fn keypair_of(algorithm: Algorithm, seed: u8) -> KeyPair {
	let (public, secret) = pq_keypair_from_seed(algorithm, &[seed; 32]);
	KeyPair { public, secret }
}

impl KeyPair {
	fn sign_on(&self, genesis: &[u8; 32], purpose: &[u8], payload: &[u8]) -> Box<PqSignature> {
		Box::new(pq_sign(&self.secret, genesis, purpose, payload, &[0; 32]).unwrap())
	}

	fn sign(&self, purpose: &[u8], payload: &[u8]) -> Box<PqSignature> {
		self.sign_on(&GENESIS_HASH, purpose, payload)
	}

	fn possession(&self, owner: u64) -> Box<PqSignature> {
		self.sign(purpose::KEY_POSSESSION, &owner.encode())
	}

	fn rotation(
		&self,
		owner: u64,
		key: SigningKeyId,
		generation: u32,
		new: &KeyPair,
	) -> Box<PqSignature> {
		self.sign(purpose::KEY_ROTATION, &(owner, key, generation, &new.public).encode())
	}
}

fn register(owner: u64, pair: &KeyPair) -> SigningKeyId {
	let key = NextSigningKeyId::<Test>::get();
	assert_ok!(ProofVerifier::register_signing_key(
		RuntimeOrigin::signed(owner),
		Box::new(pair.public.clone()),
		pair.possession(owner),
	));
	key
}

/// `owner` rotates `key` (now at `generation`) from the pair `old` to the pair `new`, with
/// both signatures made as an honest owner makes them.
fn rotate(
	owner: u64,
	key: SigningKeyId,
	generation: u32,
	old: &KeyPair,
	new: &KeyPair,
) -> sp_runtime::DispatchResult {
	ProofVerifier::rotate_signing_key(
		RuntimeOrigin::signed(owner),
		key,
		Box::new(new.public.clone()),
		old.rotation(owner, key, generation, new),
		new.possession(owner),
	)
}

/// The deposit of an ML-DSA-65 key.
fn key_deposit() -> u64 {
	key_deposit_of(Algorithm::MlDsa65)
}

/// The deposit of a key of `algorithm`: the record's bytes, the key counted by its own bytes
/// (owner u64, key, generation u32, block u64, deposit u64).
fn key_deposit_of(algorithm: Algorithm) -> u64 {
	ProofVerifier::deposit_for(8 + algorithm.public_key_len() + 4 + 8 + 8)
}

// ----- Attestations ---------------------------------------------------------------------

fn attest(who: u64, statement: StatementOf<Test>) -> sp_runtime::DispatchResult {
	ProofVerifier::attest(RuntimeOrigin::signed(who), Box::new(statement))
}

fn signature_statement(
	key: SigningKeyId,
	pair: &KeyPair,
	purpose: &[u8],
	payload: &[u8],
) -> StatementOf<Test> {
	Statement::Signature {
		key,
		purpose: Purpose::try_from(purpose.to_vec()).unwrap(),
		payload: BoundedVec::try_from(payload.to_vec()).unwrap(),
		signature: *pair.sign(purpose, payload),
	}
}

fn attestation_deposit() -> u64 {
	ProofVerifier::deposit_for(crate::AttestationOf::<Test>::max_encoded_len())
}

// ----- Merkle proofs --------------------------------------------------------------------

fn shard_hashes(count: u32) -> Vec<Sha3_512Hash> {
	(0..count).map(|i| hash_leaf(format!("shard {i}").as_bytes())).collect()
}

fn merkle_statement(leaves: &[Sha3_512Hash], index: u32) -> StatementOf<Test> {
	Statement::MerkleInclusion {
		root: merkle_root(leaves).unwrap(),
		leaf_hash: leaves[index as usize],
		proof: merkle_proof(leaves, index).unwrap(),
	}
}

// ----- Groth16: keys --------------------------------------------------------------------

fn register_verifying_key(owner: u64, key: Groth16VerifyingKeyOf<Test>) -> VerifyingKeyId {
	let id = crate::NextVerifyingKeyId::<Test>::get();
	assert_ok!(ProofVerifier::register_verifying_key(RuntimeOrigin::signed(owner), Box::new(key)));
	id
}

fn simulated_circuit(
	inputs: u32,
	seed: u64,
) -> (Groth16VerifyingKeyOf<Test>, Groth16Proof, Vec<FieldBytes>) {
	simulated::circuit(inputs, seed).unwrap()
}

fn groth16_statement(
	key: VerifyingKeyId,
	proof: Groth16Proof,
	inputs: Vec<FieldBytes>,
) -> StatementOf<Test> {
	Statement::Groth16 { key, proof, public_inputs: BoundedVec::try_from(inputs).unwrap() }
}

/// BN254's base field modulus q, big-endian.
const BASE_FIELD_MODULUS: FieldBytes = [
	0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
	0x97, 0x81, 0x6a, 0x91, 0x68, 0x71, 0xca, 0x8d, 0x3c, 0x20, 0x8c, 0x16, 0xd8, 0x7c, 0xfd, 0x47,
];
/// BN254's scalar field modulus r, big-endian.
const SCALAR_FIELD_MODULUS: FieldBytes = [
	0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
	0x28, 0x33, 0xe8, 0x48, 0x79, 0xb9, 0x70, 0x91, 0x43, 0xe1, 0xf5, 0x93, 0xf0, 0x00, 0x00, 0x01,
];

/// `a + b` for big-endian 256-bit numbers (no overflow in the tests' use).
fn add_be(a: &FieldBytes, b: &FieldBytes) -> FieldBytes {
	let mut sum = [0u8; 32];
	let mut carry = 0u16;
	for i in (0..32).rev() {
		let s = u16::from(a[i]) + u16::from(b[i]) + carry;
		sum[i] = s as u8;
		carry = s >> 8;
	}
	sum
}

/// A point on BN254's G2 curve outside its prime-order subgroup.
fn g2_point_outside_the_subgroup() -> G2Point {
	use ark_bn254::{Fq2, G2Affine};
	let mut x = Fq2::from(1u64);
	loop {
		if let Some(point) = G2Affine::get_point_from_x_unchecked(x, false) {
			if !point.is_in_correct_subgroup_assuming_on_curve() {
				return encode_g2(&point);
			}
		}
		x += Fq2::from(1u64);
	}
}

// ----- Groth16: snarkjs -----------------------------------------------------------------

mod snarkjs {
	//! Reads the JSON files snarkjs wrote (`test-data/snarkjs`, with the script that made them).
	use super::*;
	use ark_bn254::Fq;
	use ark_ff::{BigInteger, PrimeField};
	use core::str::FromStr;
	use serde_json::Value;

	pub fn json(text: &str) -> Value {
		serde_json::from_str(text).unwrap()
	}

	/// A decimal string as 32 big-endian bytes (through arkworks' decimal parser, which
	/// refuses values that are not below q).
	fn field(value: &Value) -> FieldBytes {
		let element = Fq::from_str(value.as_str().unwrap()).ok().unwrap();
		let bytes = element.into_bigint().to_bytes_be();
		bytes.try_into().unwrap()
	}

	pub fn g1(value: &Value) -> G1Point {
		assert_eq!(value[2], "1", "an affine point");
		G1Point { x: field(&value[0]), y: field(&value[1]) }
	}

	pub fn g2(value: &Value) -> G2Point {
		assert_eq!(value[2], Value::from(vec!["1", "0"]), "an affine point");
		G2Point {
			x: [field(&value[0][0]), field(&value[0][1])],
			y: [field(&value[1][0]), field(&value[1][1])],
		}
	}

	pub fn verifying_key(text: &str) -> Groth16VerifyingKeyOf<Test> {
		let vk = json(text);
		assert_eq!(
			(vk["protocol"].as_str(), vk["curve"].as_str()),
			(Some("groth16"), Some("bn128"))
		);
		let ic: Vec<G1Point> = vk["IC"].as_array().unwrap().iter().map(g1).collect();
		assert_eq!(ic.len() as u64, vk["nPublic"].as_u64().unwrap() + 1);
		crate::Groth16VerifyingKey {
			alpha: g1(&vk["vk_alpha_1"]),
			beta: g2(&vk["vk_beta_2"]),
			gamma: g2(&vk["vk_gamma_2"]),
			delta: g2(&vk["vk_delta_2"]),
			ic: BoundedVec::try_from(ic).unwrap(),
		}
	}

	pub fn proof(text: &str) -> Groth16Proof {
		let proof = json(text);
		Groth16Proof { a: g1(&proof["pi_a"]), b: g2(&proof["pi_b"]), c: g1(&proof["pi_c"]) }
	}

	/// Public signals are scalars, below r: parsed as decimals into big-endian bytes without
	/// reduction, so the pallet's range check sees exactly what snarkjs wrote.
	pub fn public_inputs(text: &str) -> Vec<FieldBytes> {
		json(text)
			.as_array()
			.unwrap()
			.iter()
			.map(|value| {
				let mut bytes = [0u8; 32];
				for digit in value.as_str().unwrap().bytes() {
					let mut carry = u32::from(digit - b'0');
					for byte in bytes.iter_mut().rev() {
						let product = u32::from(*byte) * 10 + carry;
						*byte = product as u8;
						carry = product >> 8;
					}
					assert_eq!(carry, 0, "a public signal fits 256 bits");
				}
				bytes
			})
			.collect()
	}
}

const SNARKJS_KEY: &str = include_str!("../../test-data/snarkjs/verification_key.json");
const SNARKJS_PROOF: &str = include_str!("../../test-data/snarkjs/proof.json");
const SNARKJS_PUBLIC: &str = include_str!("../../test-data/snarkjs/public.json");
const SNARKJS_PROOF_2: &str = include_str!("../../test-data/snarkjs/proof2.json");
const SNARKJS_PUBLIC_2: &str = include_str!("../../test-data/snarkjs/public2.json");
