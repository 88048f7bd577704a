//! Cross-checks with an implementation that shares no code with ours: keys and deterministic
//! signatures made by @noble/post-quantum over an Aegis message
//! (`test-vectors/noble-signatures.mjs` writes `noble-signatures.json`). For every scheme the
//! chain accepts, FIPS 204/205 key generation from the same seed gives noble's public key,
//! `verify_pq_signature` accepts noble's signature, and the crates' deterministic signature is
//! noble's byte for byte.

use aegis_integrity::pq::{
	signing_message, verify_pq_signature, Algorithm, PqPublicKey, PqSignature, PqSignatureError,
	SIGNING_CONTEXT,
};
use serde_json::Value;

fn vectors() -> Value {
	serde_json::from_str(include_str!("../test-vectors/noble-signatures.json")).expect("JSON")
}

fn bytes(value: &Value) -> Vec<u8> {
	hex::decode(value.as_str().expect("a hex string")).expect("hex digits")
}

/// The generator of deterministic SLH-DSA signing, which draws nothing from it.
struct NoRandomness;

impl rand_core::RngCore for NoRandomness {
	fn next_u32(&mut self) -> u32 {
		unreachable!("deterministic signing drew randomness")
	}
	fn next_u64(&mut self) -> u64 {
		unreachable!("deterministic signing drew randomness")
	}
	fn fill_bytes(&mut self, _: &mut [u8]) {
		unreachable!("deterministic signing drew randomness")
	}
	fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), rand_core::Error> {
		unreachable!("deterministic signing drew randomness")
	}
}

impl rand_core::CryptoRng for NoRandomness {}

/// The crates' public key and deterministic signature for `seed` (ML-DSA: ξ; SLH-DSA:
/// SK.seed ‖ SK.prf ‖ PK.seed).
fn ours(algorithm: Algorithm, seed: &[u8], message: &[u8]) -> (Vec<u8>, Vec<u8>) {
	use fips204::traits::{KeyGen as _, SerDes as _, Signer as _};
	use fips205::traits::{KeyGen as _, SerDes as _, Signer as _};
	let ml_dsa_seed = |seed: &[u8]| -> [u8; 32] { seed.try_into().expect("a 32-byte seed") };
	let slh_dsa_seeds = |seed: &[u8]| -> [[u8; 16]; 3] {
		assert_eq!(seed.len(), 48, "three 16-byte seeds");
		[0, 1, 2].map(|i| seed[16 * i..16 * (i + 1)].try_into().expect("16 bytes"))
	};
	macro_rules! ml_dsa {
		($set:ident) => {{
			let (public, secret) = fips204::$set::KG::keygen_from_seed(&ml_dsa_seed(seed));
			let signature =
				secret.try_sign_with_seed(&[0; 32], message, SIGNING_CONTEXT).expect("signs");
			(public.into_bytes().to_vec(), signature.to_vec())
		}};
	}
	macro_rules! slh_dsa {
		($set:ident) => {{
			let [sk_seed, sk_prf, pk_seed] = slh_dsa_seeds(seed);
			let (public, secret) = fips205::$set::KG::keygen_from_seed(&sk_seed, &sk_prf, &pk_seed);
			let signature = secret
				.try_sign_with_rng(&mut NoRandomness, message, SIGNING_CONTEXT, false)
				.expect("signs");
			(public.into_bytes().to_vec(), signature.to_vec())
		}};
	}
	match algorithm {
		Algorithm::MlDsa44 => ml_dsa!(ml_dsa_44),
		Algorithm::MlDsa65 => ml_dsa!(ml_dsa_65),
		Algorithm::MlDsa87 => ml_dsa!(ml_dsa_87),
		Algorithm::SlhDsaSha2_128s => slh_dsa!(slh_dsa_sha2_128s),
		Algorithm::SlhDsaSha2_128f => slh_dsa!(slh_dsa_sha2_128f),
	}
}

#[test]
fn every_scheme_agrees_with_noble() {
	let vectors = vectors();
	let genesis: [u8; 32] = bytes(&vectors["genesis_hash"]).try_into().expect("32 bytes");
	let purpose = vectors["purpose"].as_str().expect("a purpose").as_bytes();
	let payload = bytes(&vectors["payload"]);
	let message = signing_message(&genesis, purpose, &payload).expect("a short purpose");
	let cases = vectors["vectors"].as_array().expect("a list");
	let algorithms: Vec<Algorithm> = cases
		.iter()
		.map(|case| {
			Algorithm::from_name(case["algorithm"].as_str().expect("a name")).expect("known")
		})
		.collect();
	assert_eq!(algorithms, Algorithm::ALL, "one case per scheme");

	for (case, algorithm) in cases.iter().zip(algorithms) {
		let (noble_key, noble_signature) = (bytes(&case["public_key"]), bytes(&case["signature"]));
		let (our_key, our_signature) = ours(algorithm, &bytes(&case["seed"]), &message);
		assert_eq!(our_key, noble_key, "{algorithm:?}: key generation");
		assert_eq!(our_signature, noble_signature, "{algorithm:?}: deterministic signature");

		let key = PqPublicKey::from_bytes(algorithm, &noble_key).expect("the key length");
		let signature = PqSignature::from_bytes(algorithm, &noble_signature).expect("the length");
		assert_eq!(verify_pq_signature(&key, &genesis, purpose, &payload, &signature), Ok(()));
		assert_eq!(
			verify_pq_signature(&key, &genesis, b"aegis/key-possession", &payload, &signature),
			Err(PqSignatureError::BadSignature),
			"{algorithm:?}: another purpose"
		);
	}
}
