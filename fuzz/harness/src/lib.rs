//! The fuzzing targets of Aegis, as plain functions of the input bytes.
//!
//! Each target takes what a transaction, a file or a web response carries into the chain or
//! the tools — SCALE-encoded statements, Groth16 keys and proofs, Merkle proofs, ML-DSA keys
//! and signatures, update payloads; the `aegis` CLI's vaults, key files, proof files and
//! signature files; the oracle worker's JSON — and runs the code that reads and checks it. A target never panics on any
//! input: a panic, or a failed assertion of a property it states, is a finding.
//!
//! The functions are plain so that two drivers share them: `cargo fuzz` (the crate in
//! `fuzz/targets`, `scripts/fuzz.sh`), which searches for such inputs with coverage guidance,
//! and an ordinary `cargo test` (`tests/corpus.rs`), which replays the committed seed corpus
//! and every input that ever found a bug (`fuzz/regressions/`) on stable Rust, so CI checks
//! them without a fuzzing toolchain.

use aegis_cli::{
	keyfile::{PublicKeyFile, SecretKeyFile},
	model::{self, ProofFile},
	signed::{ActionPayload, Signable, SignatureFile},
	vault, xwing,
};
use aegis_integrity::{
	merkle::{merkle_root_from_proof, verify_merkle_proof, MerkleProof},
	pq::{verify_pq_signature, GenesisHash, PqPublicKey, PqSignature},
	update::{ModelActionPayload, ModelUpdatePayload, VersionDeclaration},
	Sha3_512Hash,
};
use codec::{Decode, DecodeLimit, Encode};
use frame_support::{traits::ConstU32, BoundedVec};
use pallet_proof_verifier::{groth16, FieldBytes, Groth16Proof, Groth16VerifyingKey, Statement};

/// The most public inputs a decoded statement or key may carry: the runtimes' bound.
type MaxPublicInputs = ConstU32<16>;
/// The longest signed payload a statement may carry: the runtimes' bound.
type MaxPayloadLen = ConstU32<4096>;
/// How deep a decoded value may nest: deeper inputs are refused, as the runtime refuses them.
const DEPTH_LIMIT: u32 = 32;

/// A target: the bytes in, nothing out; it panics only on a finding.
pub type Target = fn(&[u8]);

/// Every target by name: the names of `fuzz/targets/fuzz_targets/*.rs` and of the corpus and
/// regression folders.
pub const TARGETS: &[(&str, Target)] = &[
	("statement", statement),
	("groth16", groth16_proof),
	("merkle", merkle),
	("signature", signature),
	("update_payload", update_payload),
	("vault_decrypt", vault_decrypt),
	("vault_tamper", vault_tamper),
	("key_file", key_file),
	("proof_file", proof_file),
	("signature_file", signature_file),
	("oracle_json", oracle_json),
];

/// `value`'s encoding decodes back to `value`.
fn assert_round_trip<T: Encode + Decode + PartialEq + core::fmt::Debug>(value: &T) {
	let encoded = value.encode();
	let decoded = T::decode_all_with_depth_limit(DEPTH_LIMIT, &mut &encoded[..]);
	assert_eq!(decoded.as_ref(), Ok(value), "a value does not survive its own encoding");
}

fn decode<T: Decode>(data: &[u8]) -> Option<T> {
	T::decode_all_with_depth_limit(DEPTH_LIMIT, &mut &data[..]).ok()
}

/// A statement as `proofVerifier.attest` and `ProofVerifierApi.check_statement` take it: it
/// decodes within its bounds, round-trips, and its Merkle proof is checked without a panic
/// (the Groth16 and ML-DSA parts need registered keys: their targets below check them).
pub fn statement(data: &[u8]) {
	let Some(statement) = decode::<Statement<MaxPayloadLen, MaxPublicInputs>>(data) else {
		return;
	};
	assert_round_trip(&statement);
	if let Statement::MerkleInclusion { root, leaf_hash, proof } = &statement {
		check_merkle(root, leaf_hash, proof);
	}
}

/// A Groth16 verification key, proof and public inputs, as a registration and an attestation
/// carry them: the key's points are checked as registration checks them, and a proof is
/// verified only under a key that passed.
pub fn groth16_proof(data: &[u8]) {
	type Input = (
		Groth16VerifyingKey<MaxPublicInputs>,
		Groth16Proof,
		BoundedVec<FieldBytes, MaxPublicInputs>,
	);
	let Some((key, proof, inputs)) = decode::<Input>(data) else {
		return;
	};
	if groth16::check_verifying_key(&key).is_ok() {
		let _ = groth16::verify_proof(&key, &proof, &inputs);
	}
}

/// A Merkle inclusion proof: checked without a panic, and one that verifies leads from the
/// leaf to exactly the root.
pub fn merkle(data: &[u8]) {
	if let Some((root, leaf_hash, proof)) =
		decode::<(Sha3_512Hash, Sha3_512Hash, MerkleProof)>(data)
	{
		check_merkle(&root, &leaf_hash, &proof);
	}
}

fn check_merkle(root: &Sha3_512Hash, leaf_hash: &Sha3_512Hash, proof: &MerkleProof) {
	if verify_merkle_proof(root, leaf_hash, proof).is_ok() {
		assert_eq!(
			merkle_root_from_proof(leaf_hash, proof).ok().as_ref(),
			Some(root),
			"a proof verified for a root it does not lead to"
		);
	}
}

/// The genesis hash the signature targets sign for.
const GENESIS: GenesisHash = [7; 32];

/// A signing key and signature of any algorithm (ML-DSA-44/65/87, SLH-DSA-SHA2-128s/f),
/// purpose and payload: decoding reads exactly the algorithm's lengths, verification never
/// panics, and a signature that verifies does not verify for another payload or chain.
pub fn signature(data: &[u8]) {
	let Some((key, signature, purpose, payload)) =
		decode::<(PqPublicKey, PqSignature, Vec<u8>, Vec<u8>)>(data)
	else {
		return;
	};
	assert_eq!(key.as_bytes().len(), key.algorithm().public_key_len());
	assert_eq!(signature.as_bytes().len(), signature.algorithm().signature_len());
	if verify_pq_signature(&key, &GENESIS, &purpose, &payload, &signature).is_ok() {
		assert_eq!(key.algorithm(), signature.algorithm());
		let mut other = payload.clone();
		other.push(0);
		assert!(verify_pq_signature(&key, &GENESIS, &purpose, &other, &signature).is_err());
		assert!(verify_pq_signature(&key, &[8; 32], &purpose, &payload, &signature).is_err());
	}
}

/// What an owner signs and declares: update payloads, declarations and owner-action
/// payloads decode within their bounds and round-trip.
pub fn update_payload(data: &[u8]) {
	let (selector, rest) = data.split_first().unwrap_or((&0, &[]));
	match selector % 3 {
		0 => decode::<ModelUpdatePayload>(rest).iter().for_each(assert_round_trip),
		1 => decode::<VersionDeclaration>(rest).iter().for_each(assert_round_trip),
		_ => decode::<ModelActionPayload<[u8; 32], Vec<u8>>>(rest)
			.iter()
			.for_each(assert_round_trip),
	}
}

/// The recipient key of the vault targets: fixed, so that every run sees the same key.
fn vault_key() -> xwing::SecretKey {
	xwing::keypair_from_seed(&[42; 32])
}

/// A vault of arbitrary bytes to a fixed key: refused (a forged vault would need the
/// recipient's key or a broken AEAD), and nothing is written before the refusal is known.
pub fn vault_decrypt(data: &[u8]) {
	let mut plaintext = Vec::new();
	let result = vault::decrypt(&vault_key(), data, &mut plaintext, |_| {});
	assert!(result.is_err(), "a vault the fuzzer made decrypted");
}

/// The plaintext every tamper run encrypts: two full 4 KiB chunks and a partial one.
fn tamper_plaintext() -> Vec<u8> {
	(0..9_000u32).map(|index| (index % 251) as u8).collect()
}

/// A real vault with bits flipped where the input says (pairs of a 16-bit position and a
/// mask): decryption fails if any bit changed, and returns the plaintext if none did.
pub fn vault_tamper(data: &[u8]) {
	static VAULT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
	let sealed = VAULT.get_or_init(|| {
		let mut sealed = Vec::new();
		let key = vault_key();
		let encrypted =
			vault::encrypt(key.public_key(), 12, &tamper_plaintext()[..], &mut sealed, |_| {});
		assert!(encrypted.is_ok(), "the tamper target's vault is made");
		sealed
	});
	let mut tampered = sealed.clone();
	for change in data.chunks_exact(3) {
		let position = usize::from(u16::from_le_bytes([change[0], change[1]])) % tampered.len();
		tampered[position] ^= change[2];
	}
	let mut plaintext = Vec::new();
	let result = vault::decrypt(&vault_key(), &tampered[..], &mut plaintext, |_| {});
	if tampered == *sealed {
		assert!(result.is_ok(), "an untouched vault is refused");
		assert_eq!(plaintext, tamper_plaintext());
	} else {
		assert!(result.is_err(), "a tampered vault decrypted");
	}
}

/// A key file's text: parsed and checked without a panic; an unsealed secret key opens only
/// to a key pair whose public key is the one the file states.
pub fn key_file(data: &[u8]) {
	let Ok(text) = core::str::from_utf8(data) else {
		return;
	};
	if let Ok(file) = SecretKeyFile::parse(text) {
		if !file.is_sealed() {
			if let (Ok(pair), Ok(stated)) = (file.open(None), file.public_key()) {
				assert_eq!(pair.public_key, stated, "a key file opened to another key");
			}
		}
	}
	if let Ok(file) = PublicKeyFile::parse(text) {
		let _ = file.public_key();
	}
}

/// A shard proof file's text, as `aegis model verify-shard` reads it: parsed and checked
/// without a panic; one that parses writes back to the same proof, and the shard's place in
/// the model is computed without a panic.
pub fn proof_file(data: &[u8]) {
	let Ok(text) = core::str::from_utf8(data) else {
		return;
	};
	let Ok(file) = ProofFile::parse(text) else {
		return;
	};
	let written = file.to_json(&[0; 64], &[0; 64]).to_string();
	let again = ProofFile::parse(&written);
	assert_eq!(again.ok().as_ref(), Some(&file), "a proof file does not read back as itself");
	if model::check_shard_size(file.shard_size).is_ok() {
		let _ = model::shard_range(file.proof.leaf_index, file.shard_size, file.byte_size);
	}
	let _ = verify_merkle_proof(&[0; 64], &[0; 64], &file.proof);
}

/// A signature file's text, as `aegis update combine`, `aegis action combine` and `aegis submit
/// --signatures` read it, as either kind: parsed and checked without a panic. A file whose
/// fields and signatures check keeps every signature and reads back as itself; an owner
/// action's is accepted for exactly the payload it states.
pub fn signature_file(data: &[u8]) {
	let Ok(text) = core::str::from_utf8(data) else {
		return;
	};
	checked_file::<ModelUpdatePayload>(text);
	checked_file::<ActionPayload>(text);
}

/// If `text` holds a signature file of `P` whose fields and signatures check: it keeps every
/// signature, reads back as itself, and is accepted for exactly the payload it states.
fn checked_file<P: Signable>(text: &str) {
	let Ok(file) = SignatureFile::<P>::parse(text) else {
		return;
	};
	let Ok(checked) = file.checked_signatures() else {
		return;
	};
	assert_eq!(checked.len(), file.signatures.len(), "a signature was lost in checking");
	let written = serde_json::to_value(&file).expect("a parsed file writes");
	let again = SignatureFile::<P>::parse(&written.to_string()).expect("a written file parses");
	assert_eq!(
		serde_json::to_value(&again).expect("a parsed file writes"),
		written,
		"a signature file does not read back as itself"
	);
	let (genesis, payload) = file.signed().expect("a checked file's payload reads");
	let accepted = file.signatures_for(&genesis, &payload).map(|signed| signed.len());
	assert_eq!(accepted.ok(), Some(checked.len()), "a checked file is refused for its own payload");
}

/// A web source's answer to the oracle worker: the first byte is the feed's decimal places,
/// then the JSON pointer up to a zero byte, then the body. Parsing never panics, and a value
/// read has no more decimal places than asked for.
pub fn oracle_json(data: &[u8]) {
	let (decimals, rest) = data.split_first().unwrap_or((&0, &[]));
	let decimals = decimals % 40;
	let (pointer, body) = match rest.iter().position(|byte| *byte == 0) {
		Some(split) => (&rest[..split], &rest[split + 1..]),
		None => (&b""[..], rest),
	};
	let _ = pallet_aegis_oracle::offchain::value_at(body, pointer, decimals);
	if let Ok(text) = core::str::from_utf8(rest) {
		if let Some(value) = pallet_aegis_oracle::offchain::parse_fixed(text, decimals) {
			let again = pallet_aegis_oracle::offchain::parse_fixed(&value.to_string(), 0);
			assert_eq!(again, Some(value), "a parsed value does not read back as itself");
		}
	}
}
