//! Crypto agility: the post-quantum signature schemes a key may use.
//!
//! A model lives for decades, and a signature scheme may weaken in that time. A key therefore
//! names its scheme, and every scheme signs the same Aegis message (see the parent module:
//! genesis hash, purpose, payload, FIPS context string [`SIGNING_CONTEXT`]):
//!
//! | scheme | standard | NIST category | public key | signature |
//! | --- | --- | --- | --- | --- |
//! | ML-DSA-44 | FIPS 204 | 2 | 1 312 | 2 420 |
//! | ML-DSA-65 | FIPS 204 | 3 | 1 952 | 3 309 |
//! | ML-DSA-87 | FIPS 204 | 5 | 2 592 | 4 627 |
//! | SLH-DSA-SHA2-128s | FIPS 205 | 1 | 32 | 7 856 |
//! | SLH-DSA-SHA2-128f | FIPS 205 | 1 | 32 | 17 088 |
//!
//! SLH-DSA rests on hash functions alone, a different assumption from ML-DSA's lattices: an
//! owner who holds keys of both kinds survives a break of either. The `s` parameter set signs
//! slowly with small signatures, the `f` set quickly with large ones.
//!
//! Keys and signatures are byte strings of their scheme's exact length ([`ExactBytes`]), in an
//! enum whose variant is the scheme, so a signature can only be checked with a key of its own
//! scheme.

use alloc::boxed::Box;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use fips204::{ml_dsa_44, ml_dsa_65, ml_dsa_87};
use fips205::{slh_dsa_sha2_128f, slh_dsa_sha2_128s};
use scale_info::TypeInfo;

use super::{signing_message, ExactBytes, GenesisHash, SignatureError, SIGNING_CONTEXT};

/// A post-quantum signature scheme.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Algorithm {
	/// ML-DSA-44 (FIPS 204), NIST security category 2.
	#[codec(index = 0)]
	MlDsa44,
	/// ML-DSA-65 (FIPS 204), NIST security category 3.
	#[codec(index = 1)]
	MlDsa65,
	/// ML-DSA-87 (FIPS 204), NIST security category 5.
	#[codec(index = 2)]
	MlDsa87,
	/// SLH-DSA-SHA2-128s (FIPS 205), category 1: small signatures, slow signing.
	#[codec(index = 3)]
	SlhDsaSha2_128s,
	/// SLH-DSA-SHA2-128f (FIPS 205), category 1: fast signing, large signatures.
	#[codec(index = 4)]
	SlhDsaSha2_128f,
}

impl Algorithm {
	/// Every scheme, in the order of their encodings.
	pub const ALL: [Algorithm; 5] = [
		Algorithm::MlDsa44,
		Algorithm::MlDsa65,
		Algorithm::MlDsa87,
		Algorithm::SlhDsaSha2_128s,
		Algorithm::SlhDsaSha2_128f,
	];

	/// Bytes of a public key.
	pub const fn public_key_len(self) -> usize {
		match self {
			Algorithm::MlDsa44 => ml_dsa_44::PK_LEN,
			Algorithm::MlDsa65 => ml_dsa_65::PK_LEN,
			Algorithm::MlDsa87 => ml_dsa_87::PK_LEN,
			Algorithm::SlhDsaSha2_128s => slh_dsa_sha2_128s::PK_LEN,
			Algorithm::SlhDsaSha2_128f => slh_dsa_sha2_128f::PK_LEN,
		}
	}

	/// Bytes of a signature.
	pub const fn signature_len(self) -> usize {
		match self {
			Algorithm::MlDsa44 => ml_dsa_44::SIG_LEN,
			Algorithm::MlDsa65 => ml_dsa_65::SIG_LEN,
			Algorithm::MlDsa87 => ml_dsa_87::SIG_LEN,
			Algorithm::SlhDsaSha2_128s => slh_dsa_sha2_128s::SIG_LEN,
			Algorithm::SlhDsaSha2_128f => slh_dsa_sha2_128f::SIG_LEN,
		}
	}

	/// The scheme's name as tools spell it: `ml-dsa-65`, `slh-dsa-sha2-128s`, …
	pub const fn name(self) -> &'static str {
		match self {
			Algorithm::MlDsa44 => "ml-dsa-44",
			Algorithm::MlDsa65 => "ml-dsa-65",
			Algorithm::MlDsa87 => "ml-dsa-87",
			Algorithm::SlhDsaSha2_128s => "slh-dsa-sha2-128s",
			Algorithm::SlhDsaSha2_128f => "slh-dsa-sha2-128f",
		}
	}

	/// The scheme named `name` (see [`Algorithm::name`]).
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|algorithm| algorithm.name() == name)
	}
}

/// A public key of one of the [`Algorithm`]s. The variants' indices are the algorithms'.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum PqPublicKey {
	/// An ML-DSA-44 key.
	#[codec(index = 0)]
	MlDsa44(Box<ExactBytes<{ ml_dsa_44::PK_LEN }>>),
	/// An ML-DSA-65 key.
	#[codec(index = 1)]
	MlDsa65(Box<ExactBytes<{ ml_dsa_65::PK_LEN }>>),
	/// An ML-DSA-87 key.
	#[codec(index = 2)]
	MlDsa87(Box<ExactBytes<{ ml_dsa_87::PK_LEN }>>),
	/// An SLH-DSA-SHA2-128s key.
	#[codec(index = 3)]
	SlhDsaSha2_128s(Box<ExactBytes<{ slh_dsa_sha2_128s::PK_LEN }>>),
	/// An SLH-DSA-SHA2-128f key.
	#[codec(index = 4)]
	SlhDsaSha2_128f(Box<ExactBytes<{ slh_dsa_sha2_128f::PK_LEN }>>),
}

/// A signature by one of the [`Algorithm`]s. The variants' indices are the algorithms'.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum PqSignature {
	/// An ML-DSA-44 signature.
	#[codec(index = 0)]
	MlDsa44(Box<ExactBytes<{ ml_dsa_44::SIG_LEN }>>),
	/// An ML-DSA-65 signature.
	#[codec(index = 1)]
	MlDsa65(Box<ExactBytes<{ ml_dsa_65::SIG_LEN }>>),
	/// An ML-DSA-87 signature.
	#[codec(index = 2)]
	MlDsa87(Box<ExactBytes<{ ml_dsa_87::SIG_LEN }>>),
	/// An SLH-DSA-SHA2-128s signature.
	#[codec(index = 3)]
	SlhDsaSha2_128s(Box<ExactBytes<{ slh_dsa_sha2_128s::SIG_LEN }>>),
	/// An SLH-DSA-SHA2-128f signature.
	#[codec(index = 4)]
	SlhDsaSha2_128f(Box<ExactBytes<{ slh_dsa_sha2_128f::SIG_LEN }>>),
}

impl PqPublicKey {
	/// The key's scheme.
	pub fn algorithm(&self) -> Algorithm {
		match self {
			PqPublicKey::MlDsa44(_) => Algorithm::MlDsa44,
			PqPublicKey::MlDsa65(_) => Algorithm::MlDsa65,
			PqPublicKey::MlDsa87(_) => Algorithm::MlDsa87,
			PqPublicKey::SlhDsaSha2_128s(_) => Algorithm::SlhDsaSha2_128s,
			PqPublicKey::SlhDsaSha2_128f(_) => Algorithm::SlhDsaSha2_128f,
		}
	}

	/// The key's encoding, as its standard defines it.
	pub fn as_bytes(&self) -> &[u8] {
		match self {
			PqPublicKey::MlDsa44(key) => &key.0,
			PqPublicKey::MlDsa65(key) => &key.0,
			PqPublicKey::MlDsa87(key) => &key.0,
			PqPublicKey::SlhDsaSha2_128s(key) => &key.0,
			PqPublicKey::SlhDsaSha2_128f(key) => &key.0,
		}
	}

	/// A key of `algorithm` from its encoding, if `bytes` has the scheme's key length.
	pub fn from_bytes(algorithm: Algorithm, bytes: &[u8]) -> Option<Self> {
		Some(match algorithm {
			Algorithm::MlDsa44 => PqPublicKey::MlDsa44(Box::new(ExactBytes::from_slice(bytes)?)),
			Algorithm::MlDsa65 => PqPublicKey::MlDsa65(Box::new(ExactBytes::from_slice(bytes)?)),
			Algorithm::MlDsa87 => PqPublicKey::MlDsa87(Box::new(ExactBytes::from_slice(bytes)?)),
			Algorithm::SlhDsaSha2_128s => {
				PqPublicKey::SlhDsaSha2_128s(Box::new(ExactBytes::from_slice(bytes)?))
			},
			Algorithm::SlhDsaSha2_128f => {
				PqPublicKey::SlhDsaSha2_128f(Box::new(ExactBytes::from_slice(bytes)?))
			},
		})
	}
}

impl PqSignature {
	/// The signature's scheme.
	pub fn algorithm(&self) -> Algorithm {
		match self {
			PqSignature::MlDsa44(_) => Algorithm::MlDsa44,
			PqSignature::MlDsa65(_) => Algorithm::MlDsa65,
			PqSignature::MlDsa87(_) => Algorithm::MlDsa87,
			PqSignature::SlhDsaSha2_128s(_) => Algorithm::SlhDsaSha2_128s,
			PqSignature::SlhDsaSha2_128f(_) => Algorithm::SlhDsaSha2_128f,
		}
	}

	/// The signature's encoding, as its standard defines it.
	pub fn as_bytes(&self) -> &[u8] {
		match self {
			PqSignature::MlDsa44(signature) => &signature.0,
			PqSignature::MlDsa65(signature) => &signature.0,
			PqSignature::MlDsa87(signature) => &signature.0,
			PqSignature::SlhDsaSha2_128s(signature) => &signature.0,
			PqSignature::SlhDsaSha2_128f(signature) => &signature.0,
		}
	}

	/// A signature of `algorithm` from its encoding, if `bytes` has the scheme's length.
	pub fn from_bytes(algorithm: Algorithm, bytes: &[u8]) -> Option<Self> {
		Some(match algorithm {
			Algorithm::MlDsa44 => PqSignature::MlDsa44(Box::new(ExactBytes::from_slice(bytes)?)),
			Algorithm::MlDsa65 => PqSignature::MlDsa65(Box::new(ExactBytes::from_slice(bytes)?)),
			Algorithm::MlDsa87 => PqSignature::MlDsa87(Box::new(ExactBytes::from_slice(bytes)?)),
			Algorithm::SlhDsaSha2_128s => {
				PqSignature::SlhDsaSha2_128s(Box::new(ExactBytes::from_slice(bytes)?))
			},
			Algorithm::SlhDsaSha2_128f => {
				PqSignature::SlhDsaSha2_128f(Box::new(ExactBytes::from_slice(bytes)?))
			},
		})
	}
}

/// Why a signature of some scheme was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PqSignatureError {
	/// The signature is of another scheme than the key.
	AlgorithmMismatch,
	/// The scheme's implementation refused the key's encoding.
	MalformedPublicKey,
	/// The purpose is longer than [`super::MAX_PURPOSE_LEN`].
	PurposeTooLong,
	/// The signature does not verify for this key and message.
	BadSignature,
}

impl From<SignatureError> for PqSignatureError {
	fn from(error: SignatureError) -> Self {
		match error {
			SignatureError::MalformedPublicKey => PqSignatureError::MalformedPublicKey,
			SignatureError::PurposeTooLong => PqSignatureError::PurposeTooLong,
			SignatureError::BadSignature => PqSignatureError::BadSignature,
		}
	}
}

/// Verifies an Aegis signature of any scheme: `signature` by `public_key` over the message of
/// `purpose` and `payload` on the chain with `genesis_hash`. The scheme is checked first, the
/// cryptography last.
pub fn verify_pq_signature(
	public_key: &PqPublicKey,
	genesis_hash: &GenesisHash,
	purpose: &[u8],
	payload: &[u8],
	signature: &PqSignature,
) -> Result<(), PqSignatureError> {
	if public_key.algorithm() != signature.algorithm() {
		return Err(PqSignatureError::AlgorithmMismatch);
	}
	let message = signing_message(genesis_hash, purpose, payload)?;
	let verified = match (public_key, signature) {
		(PqPublicKey::MlDsa44(key), PqSignature::MlDsa44(signature)) => {
			ml_dsa_verify::<ml_dsa_44::PublicKey, _, _>(&key.0, &message, &signature.0)?
		},
		(PqPublicKey::MlDsa65(key), PqSignature::MlDsa65(signature)) => {
			ml_dsa_verify::<ml_dsa_65::PublicKey, _, _>(&key.0, &message, &signature.0)?
		},
		(PqPublicKey::MlDsa87(key), PqSignature::MlDsa87(signature)) => {
			ml_dsa_verify::<ml_dsa_87::PublicKey, _, _>(&key.0, &message, &signature.0)?
		},
		(PqPublicKey::SlhDsaSha2_128s(key), PqSignature::SlhDsaSha2_128s(signature)) => {
			slh_dsa_verify::<slh_dsa_sha2_128s::PublicKey, _, _>(&key.0, &message, &signature.0)?
		},
		(PqPublicKey::SlhDsaSha2_128f(key), PqSignature::SlhDsaSha2_128f(signature)) => {
			slh_dsa_verify::<slh_dsa_sha2_128f::PublicKey, _, _>(&key.0, &message, &signature.0)?
		},
		_ => return Err(PqSignatureError::AlgorithmMismatch),
	};
	if verified {
		Ok(())
	} else {
		Err(PqSignatureError::BadSignature)
	}
}

fn ml_dsa_verify<K, const PK: usize, const SIG: usize>(
	key: &[u8; PK],
	message: &[u8],
	signature: &[u8; SIG],
) -> Result<bool, PqSignatureError>
where
	K: fips204::traits::SerDes<ByteArray = [u8; PK]>
		+ fips204::traits::Verifier<Signature = [u8; SIG]>,
{
	let key = K::try_from_bytes(*key).map_err(|_| PqSignatureError::MalformedPublicKey)?;
	Ok(key.verify(message, signature, SIGNING_CONTEXT))
}

fn slh_dsa_verify<K, const PK: usize, const SIG: usize>(
	key: &[u8; PK],
	message: &[u8],
	signature: &[u8; SIG],
) -> Result<bool, PqSignatureError>
where
	K: fips205::traits::SerDes<ByteArray = [u8; PK]>
		+ fips205::traits::Verifier<Signature = [u8; SIG]>,
{
	let key = K::try_from_bytes(*key).map_err(|_| PqSignatureError::MalformedPublicKey)?;
	Ok(key.verify(message, signature, SIGNING_CONTEXT))
}

#[cfg(test)]
mod tests {
	use super::{super::signing::*, *};

	const GENESIS: GenesisHash = [7; 32];

	#[test]
	fn every_scheme_signs_and_verifies_for_its_chain_purpose_and_payload_only() {
		for algorithm in Algorithm::ALL {
			let (public, secret) = pq_keypair_from_seed(algorithm, &[1; 32]);
			assert_eq!((public.algorithm(), secret.algorithm()), (algorithm, algorithm));
			assert_eq!(public.as_bytes().len(), algorithm.public_key_len());
			let signature = pq_sign(&secret, &GENESIS, b"app", b"payload", &[5; 32]).unwrap();
			assert_eq!(signature.as_bytes().len(), algorithm.signature_len(), "{algorithm:?}");
			assert_eq!(
				verify_pq_signature(&public, &GENESIS, b"app", b"payload", &signature),
				Ok(())
			);
			for (genesis, purpose, payload) in [
				(&[8u8; 32], &b"app"[..], &b"payload"[..]),
				(&GENESIS, b"other", b"payload"),
				(&GENESIS, b"app", b"payloaD"),
			] {
				assert_eq!(
					verify_pq_signature(&public, genesis, purpose, payload, &signature),
					Err(PqSignatureError::BadSignature),
					"{algorithm:?}"
				);
			}
			let (other, _) = pq_keypair_from_seed(algorithm, &[2; 32]);
			assert_eq!(
				verify_pq_signature(&other, &GENESIS, b"app", b"payload", &signature),
				Err(PqSignatureError::BadSignature)
			);
			let mut tampered = signature.encode();
			let last = tampered.len() - 1;
			tampered[last] ^= 1;
			let tampered = PqSignature::decode(&mut &tampered[..]).unwrap();
			assert_eq!(
				verify_pq_signature(&public, &GENESIS, b"app", b"payload", &tampered),
				Err(PqSignatureError::BadSignature)
			);
		}
	}

	#[test]
	fn a_signature_is_checked_only_against_a_key_of_its_scheme() {
		let (ml_dsa_key, ml_dsa_secret) = pq_keypair_from_seed(Algorithm::MlDsa65, &[3; 32]);
		let (slh_dsa_key, slh_dsa_secret) =
			pq_keypair_from_seed(Algorithm::SlhDsaSha2_128f, &[3; 32]);
		let by_ml_dsa = pq_sign(&ml_dsa_secret, &GENESIS, b"app", b"x", &[0; 32]).unwrap();
		let by_slh_dsa = pq_sign(&slh_dsa_secret, &GENESIS, b"app", b"x", &[0; 32]).unwrap();
		assert_eq!(
			verify_pq_signature(&slh_dsa_key, &GENESIS, b"app", b"x", &by_ml_dsa),
			Err(PqSignatureError::AlgorithmMismatch)
		);
		assert_eq!(
			verify_pq_signature(&ml_dsa_key, &GENESIS, b"app", b"x", &by_slh_dsa),
			Err(PqSignatureError::AlgorithmMismatch)
		);
		assert_eq!(
			verify_pq_signature(&ml_dsa_key, &GENESIS, &[0; 65], b"x", &by_ml_dsa),
			Err(PqSignatureError::PurposeTooLong)
		);
	}

	#[test]
	fn zero_randomness_signs_deterministically_and_other_randomness_hedges() {
		for algorithm in [Algorithm::MlDsa44, Algorithm::SlhDsaSha2_128f] {
			let (_, secret) = pq_keypair_from_seed(algorithm, &[4; 32]);
			let sign = |randomness| pq_sign(&secret, &GENESIS, b"app", b"x", randomness).unwrap();
			assert_eq!(sign(&[0; 32]), sign(&[0; 32]), "{algorithm:?}");
			assert_ne!(sign(&[0; 32]), sign(&[1; 32]), "{algorithm:?}");
		}
	}

	#[test]
	fn deterministic_slh_dsa_signatures_are_fips_205s_and_only_opt_rand_counts() {
		use fips205::traits::Signer as _;
		let (_, secret) = pq_keypair_from_seed(Algorithm::SlhDsaSha2_128f, &[4; 32]);
		let PqSecretKey::SlhDsaSha2_128f(inner) = &secret else { unreachable!() };
		let message = signing_message(&GENESIS, b"app", b"x").unwrap();
		// FIPS 205's deterministic variant draws nothing from the generator.
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
		let fips = inner
			.try_sign_with_rng(&mut NoRandomness, &message, SIGNING_CONTEXT, false)
			.unwrap();
		assert_eq!(pq_sign(&secret, &GENESIS, b"app", b"x", &[0; 32]).unwrap().as_bytes(), fips);
		let mut tail_only = [0u8; 32];
		tail_only[16..].fill(7);
		assert_eq!(pq_sign(&secret, &GENESIS, b"app", b"x", &tail_only).unwrap().as_bytes(), fips);
	}

	#[test]
	fn keys_from_a_seed_never_change() {
		// SHA3-256 of each scheme's public key from the seed [1; 32]: a change to the seed
		// expansion would silently change every key the tools derive.
		let pinned = [
			"a23206b3004753959ae0a1d97d421f6d4a2f797c7abf8bdf2415fdec7e342670",
			"307f4559431e680933fc1c62503f050140e5740068248d7374461e0311a2728e",
			"8d0b7aa9e0451e94e600bf9d589a5fa09aa6e8f47096c82a566389a6d725f983",
			"7e7181eb6523607e53f10262001d007b3de0e86834b8efd3e3140dfc04ecabad",
			"fdfca92ef01946e1a464af6559ce6c97ab4948848dd5ad24702981154abd961e",
		];
		let derived: alloc::vec::Vec<alloc::string::String> = Algorithm::ALL
			.into_iter()
			.map(|algorithm| {
				let (public, _) = pq_keypair_from_seed(algorithm, &[1; 32]);
				crate::sha3_256(public.as_bytes())
					.iter()
					.map(|byte| alloc::format!("{byte:02x}"))
					.collect()
			})
			.collect();
		assert_eq!(derived, pinned, "in the order of Algorithm::ALL");
	}

	#[test]
	fn hostile_encodings_are_refused() {
		// An unknown scheme.
		assert!(PqPublicKey::decode(&mut &[5u8, 0x80][..]).is_err());
		assert!(PqSignature::decode(&mut &[5u8, 0x80][..]).is_err());
		// A key's length in a non-canonical compact form (two bytes for 32).
		let mut non_canonical = vec![3u8, 0x81, 0x00];
		non_canonical.extend([0u8; 32]);
		assert!(PqPublicKey::decode(&mut &non_canonical[..]).is_err());
		// A length far beyond the input is refused before anything is read.
		let huge = [4u8, 0xff, 0xff, 0xff, 0xff];
		assert!(PqSignature::decode(&mut &huge[..]).is_err());
	}

	#[test]
	fn keys_and_signatures_encode_as_the_scheme_then_exact_bytes() {
		for algorithm in Algorithm::ALL {
			let (public, _) = pq_keypair_from_seed(algorithm, &[6; 32]);
			let encoded = public.encode();
			assert_eq!(encoded[0], algorithm.encode()[0]);
			assert_eq!(&encoded[1..], &public.as_bytes().to_vec().encode()[..]);
			assert_eq!(PqPublicKey::decode(&mut &encoded[..]), Ok(public.clone()));
			assert_eq!(PqPublicKey::from_bytes(algorithm, public.as_bytes()), Some(public));
			let short = vec![0u8; algorithm.public_key_len() - 1];
			assert_eq!(PqPublicKey::from_bytes(algorithm, &short), None);
			let signature = vec![9u8; algorithm.signature_len()];
			let parsed = PqSignature::from_bytes(algorithm, &signature).unwrap();
			assert_eq!(parsed.algorithm(), algorithm);
			assert!(PqSignature::from_bytes(algorithm, &signature[1..]).is_none());
			// Another scheme's signature length is refused on decode, not only on verify.
			let mut mislabelled = algorithm.encode();
			let other = Algorithm::ALL[(algorithm as usize + 1) % Algorithm::ALL.len()];
			mislabelled.extend(vec![9u8; other.signature_len()].encode());
			assert!(PqSignature::decode(&mut &mislabelled[..]).is_err(), "{algorithm:?}");
			assert_eq!(Algorithm::from_name(algorithm.name()), Some(algorithm));
		}
		// A compact length above 16 383 takes four bytes.
		assert_eq!(PqSignature::max_encoded_len(), 1 + 4 + 17_088);
		assert_eq!(Algorithm::from_name("ml-dsa-66"), None);
	}
}
