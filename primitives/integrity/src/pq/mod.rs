//! Post-quantum signatures over domain-separated messages: ML-DSA-65 (FIPS 204), and in
//! [`schemes`] every scheme a key may use (ML-DSA-44/65/87, SLH-DSA-SHA2-128s/f).
//!
//! An Aegis account signs its transactions with sr25519 or another classical scheme, which a
//! quantum computer could forge. What must stay unforgeable for the lifetime of a model — who
//! published an update, who owns a key — is additionally signed with ML-DSA-65 (NIST security
//! category 3), from keys registered on chain.
//!
//! ## The signed message
//!
//! A signature must mean one thing only. Every Aegis signature is made over
//!
//! ```text
//! message = genesis_hash ‖ Compact(len(purpose)) ‖ purpose ‖ payload
//! ```
//!
//! with the FIPS 204 context string [`SIGNING_CONTEXT`]. The genesis hash binds the signature
//! to one chain (a signature for a test network is worthless on the live one), the purpose
//! (e.g. [`purpose::MODEL_UPDATE`]) binds it to one use (a proof of key possession can never
//! pass for a model update), and the payload is whatever that use defines — the SCALE encoding
//! of the fields being authorised, including a nonce where replays within a purpose matter.
//! Everything before the payload is self-delimiting, so no two `(genesis, purpose, payload)`
//! triples give the same message.

mod exact_bytes;
pub mod schemes;

pub use exact_bytes::ExactBytes;
pub use schemes::{verify_pq_signature, Algorithm, PqPublicKey, PqSignature, PqSignatureError};

use alloc::vec::Vec;
use codec::{Compact, Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use fips204::{
	ml_dsa_65,
	traits::{SerDes, Verifier},
};
use scale_info::TypeInfo;

/// Bytes of an ML-DSA-65 public key (FIPS 204, table 2).
pub const PUBLIC_KEY_LEN: usize = ml_dsa_65::PK_LEN;
/// Bytes of an ML-DSA-65 signature (FIPS 204, table 2).
pub const SIGNATURE_LEN: usize = ml_dsa_65::SIG_LEN;
/// The FIPS 204 context string of every Aegis signature.
pub const SIGNING_CONTEXT: &[u8] = b"aegis/v1";
/// The longest purpose a message may name.
pub const MAX_PURPOSE_LEN: usize = 64;

/// The purposes the chain itself signs for. Applications may define their own; names starting
/// with `aegis/` are the chain's.
pub mod purpose {
	/// Proof that the registrant holds the secret key of a key being registered. Payload: the
	/// SCALE-encoded account the key is registered to.
	pub const KEY_POSSESSION: &[u8] = b"aegis/key-possession";
	/// The current key of a registration authorises its replacement. Payload: SCALE of
	/// `(owner, key id, generation, new public key)`.
	pub const KEY_ROTATION: &[u8] = b"aegis/key-rotation";
	/// The owner of a model (or an allowed contributor) authorises an update. Payload: defined
	/// by the model registry.
	pub const MODEL_UPDATE: &[u8] = b"aegis/model-update";
	/// The holder of the signing key a model's policy names authorises an owner action on the
	/// model: a new policy, a transfer, deprecation or revocation. Payload: SCALE of
	/// `crate::update::ModelActionPayload`.
	pub const MODEL_ACTION: &[u8] = b"aegis/model-action";
}

/// The genesis hash every Aegis signature is bound to: exactly 32 bytes, so no prefix or
/// extension of one chain's hash can name another.
pub type GenesisHash = [u8; 32];

/// An ML-DSA-65 public key, as FIPS 204 encodes it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen)]
pub struct MlDsaPublicKey(pub [u8; PUBLIC_KEY_LEN]);

/// An ML-DSA-65 signature, as FIPS 204 encodes it.
///
/// On the wire it is a byte string (`Vec<u8>`: compact length, then the bytes) whose length
/// must be exactly [`SIGNATURE_LEN`]: wallets and polkadot.js show it as ordinary bytes (their
/// type registries refuse fixed arrays longer than 2048), and decoding still never reads or
/// allocates more than one signature.
#[derive(Clone, PartialEq, Eq)]
pub struct MlDsaSignature(pub [u8; SIGNATURE_LEN]);

impl Encode for MlDsaSignature {
	fn size_hint(&self) -> usize {
		Compact(SIGNATURE_LEN as u32).encoded_size() + SIGNATURE_LEN
	}

	fn encode_to<O: codec::Output + ?Sized>(&self, dest: &mut O) {
		Compact(SIGNATURE_LEN as u32).encode_to(dest);
		dest.write(&self.0);
	}
}

impl Decode for MlDsaSignature {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let Compact(len) = Compact::<u32>::decode(input)?;
		if len as usize != SIGNATURE_LEN {
			return Err("an ML-DSA-65 signature is 3309 bytes".into());
		}
		let mut signature = [0u8; SIGNATURE_LEN];
		input.read(&mut signature)?;
		Ok(Self(signature))
	}
}

impl DecodeWithMemTracking for MlDsaSignature {}

impl MaxEncodedLen for MlDsaSignature {
	fn max_encoded_len() -> usize {
		Compact(SIGNATURE_LEN as u32).encoded_size() + SIGNATURE_LEN
	}
}

impl TypeInfo for MlDsaSignature {
	type Identity = Self;

	fn type_info() -> scale_info::Type {
		scale_info::Type::builder()
			.path(scale_info::Path::new("MlDsaSignature", module_path!()))
			.docs(&["An ML-DSA-65 signature: exactly 3309 bytes."])
			.composite(
				scale_info::build::Fields::unnamed()
					.field(|f| f.ty::<Vec<u8>>().type_name("Vec<u8>")),
			)
	}
}

impl core::fmt::Debug for MlDsaPublicKey {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "MlDsaPublicKey(0x")?;
		self.0.iter().take(8).try_for_each(|byte| write!(f, "{byte:02x}"))?;
		write!(f, "…)")
	}
}

impl core::fmt::Debug for MlDsaSignature {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "MlDsaSignature(0x")?;
		self.0.iter().take(8).try_for_each(|byte| write!(f, "{byte:02x}"))?;
		write!(f, "…)")
	}
}

/// Why a signature was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureError {
	/// The FIPS 204 implementation refused the public key's encoding. (Every 1952-byte string
	/// encodes some ML-DSA-65 key; a key is proven usable by its proof of possession.)
	MalformedPublicKey,
	/// The purpose is longer than [`MAX_PURPOSE_LEN`].
	PurposeTooLong,
	/// The signature does not verify for this key and message.
	BadSignature,
}

/// The message an Aegis signature for `purpose` over `payload` on the chain with
/// `genesis_hash` is made over (see the module documentation).
pub fn signing_message(
	genesis_hash: &GenesisHash,
	purpose: &[u8],
	payload: &[u8],
) -> Result<Vec<u8>, SignatureError> {
	if purpose.len() > MAX_PURPOSE_LEN {
		return Err(SignatureError::PurposeTooLong);
	}
	let purpose_len = Compact(purpose.len() as u32);
	let mut message = Vec::with_capacity(
		genesis_hash.len() + purpose_len.encoded_size() + purpose.len() + payload.len(),
	);
	message.extend_from_slice(genesis_hash);
	purpose_len.encode_to(&mut message);
	message.extend_from_slice(purpose);
	message.extend_from_slice(payload);
	Ok(message)
}

/// Verifies an Aegis signature (see the module documentation).
pub fn verify_signature(
	public_key: &MlDsaPublicKey,
	genesis_hash: &GenesisHash,
	purpose: &[u8],
	payload: &[u8],
	signature: &MlDsaSignature,
) -> Result<(), SignatureError> {
	let message = signing_message(genesis_hash, purpose, payload)?;
	let key = ml_dsa_65::PublicKey::try_from_bytes(public_key.0)
		.map_err(|_| SignatureError::MalformedPublicKey)?;
	if key.verify(&message, &signature.0, SIGNING_CONTEXT) {
		Ok(())
	} else {
		Err(SignatureError::BadSignature)
	}
}

/// Signing, for tools, tests and benchmarks: the runtime only ever verifies.
#[cfg(any(feature = "std", feature = "signing"))]
pub mod signing {
	use super::*;
	use fips204::traits::{KeyGen, Signer};

	/// An ML-DSA-65 secret key.
	pub use fips204::ml_dsa_65::PrivateKey as MlDsaSecretKey;

	/// An ML-DSA-65 key pair made deterministically from a 32-byte seed (FIPS 204 `KeyGen`
	/// with ξ = `seed`). Keep the seed as secret as the key itself.
	pub fn keypair_from_seed(seed: &[u8; 32]) -> (MlDsaPublicKey, MlDsaSecretKey) {
		let (public, secret) = ml_dsa_65::KG::keygen_from_seed(seed);
		(MlDsaPublicKey(public.into_bytes()), secret)
	}

	/// Signs an Aegis message with `secret`. `randomness` is FIPS 204's `rnd`: 32 fresh random
	/// bytes for the hedged variant, or zeros for the deterministic one.
	pub fn sign(
		secret: &MlDsaSecretKey,
		genesis_hash: &GenesisHash,
		purpose: &[u8],
		payload: &[u8],
		randomness: &[u8; 32],
	) -> Result<MlDsaSignature, SignatureError> {
		let message = signing_message(genesis_hash, purpose, payload)?;
		secret
			.try_sign_with_seed(randomness, &message, SIGNING_CONTEXT)
			.map(MlDsaSignature)
			.map_err(|_| SignatureError::BadSignature)
	}

	/// A secret key of any [`Algorithm`].
	pub enum PqSecretKey {
		/// ML-DSA-44.
		MlDsa44(alloc::boxed::Box<fips204::ml_dsa_44::PrivateKey>),
		/// ML-DSA-65.
		MlDsa65(alloc::boxed::Box<fips204::ml_dsa_65::PrivateKey>),
		/// ML-DSA-87.
		MlDsa87(alloc::boxed::Box<fips204::ml_dsa_87::PrivateKey>),
		/// SLH-DSA-SHA2-128s.
		SlhDsaSha2_128s(alloc::boxed::Box<fips205::slh_dsa_sha2_128s::PrivateKey>),
		/// SLH-DSA-SHA2-128f.
		SlhDsaSha2_128f(alloc::boxed::Box<fips205::slh_dsa_sha2_128f::PrivateKey>),
	}

	/// Bytes of randomness an SLH-DSA-128 signature draws (`opt_rand`, n).
	const SLH_DSA_RANDOMNESS: usize = 16;

	/// Domain of the SLH-DSA seed expansion in [`pq_keypair_from_seed`].
	const SLH_DSA_SEED_DOMAIN: &[u8] = b"aegis/slh-dsa-keygen/v1";

	/// A key pair of `algorithm` made deterministically from a 32-byte seed. ML-DSA: FIPS 204
	/// `KeyGen` with ξ = `seed`. SLH-DSA, whose `KeyGen` takes three n-byte seeds (SK.seed,
	/// SK.prf, PK.seed; n = 16 for the 128-bit sets): the first 3n bytes of
	/// SHAKE256(`aegis/slh-dsa-keygen/v1` ‖ `seed`), in that order. Keep the seed as secret as
	/// the key.
	pub fn pq_keypair_from_seed(
		algorithm: Algorithm,
		seed: &[u8; 32],
	) -> (PqPublicKey, PqSecretKey) {
		use fips204::traits::KeyGen as _;
		use fips205::traits::{KeyGen as _, SerDes as _};
		match algorithm {
			Algorithm::MlDsa44 => {
				let (public, secret) = fips204::ml_dsa_44::KG::keygen_from_seed(seed);
				(
					PqPublicKey::MlDsa44(boxed(public.into_bytes())),
					PqSecretKey::MlDsa44(alloc::boxed::Box::new(secret)),
				)
			},
			Algorithm::MlDsa65 => {
				let (public, secret) = fips204::ml_dsa_65::KG::keygen_from_seed(seed);
				(
					PqPublicKey::MlDsa65(boxed(public.into_bytes())),
					PqSecretKey::MlDsa65(alloc::boxed::Box::new(secret)),
				)
			},
			Algorithm::MlDsa87 => {
				let (public, secret) = fips204::ml_dsa_87::KG::keygen_from_seed(seed);
				(
					PqPublicKey::MlDsa87(boxed(public.into_bytes())),
					PqSecretKey::MlDsa87(alloc::boxed::Box::new(secret)),
				)
			},
			Algorithm::SlhDsaSha2_128s => {
				let [sk_seed, sk_prf, pk_seed] = slh_dsa_seeds(seed);
				let (public, secret) =
					fips205::slh_dsa_sha2_128s::KG::keygen_from_seed(&sk_seed, &sk_prf, &pk_seed);
				(
					PqPublicKey::SlhDsaSha2_128s(boxed(public.into_bytes())),
					PqSecretKey::SlhDsaSha2_128s(alloc::boxed::Box::new(secret)),
				)
			},
			Algorithm::SlhDsaSha2_128f => {
				let [sk_seed, sk_prf, pk_seed] = slh_dsa_seeds(seed);
				let (public, secret) =
					fips205::slh_dsa_sha2_128f::KG::keygen_from_seed(&sk_seed, &sk_prf, &pk_seed);
				(
					PqPublicKey::SlhDsaSha2_128f(boxed(public.into_bytes())),
					PqSecretKey::SlhDsaSha2_128f(alloc::boxed::Box::new(secret)),
				)
			},
		}
	}

	fn boxed<const N: usize>(bytes: [u8; N]) -> alloc::boxed::Box<ExactBytes<N>> {
		alloc::boxed::Box::new(ExactBytes(bytes))
	}

	fn slh_dsa_seeds(seed: &[u8; 32]) -> [[u8; 16]; 3] {
		use sha3::digest::{ExtendableOutput, Update, XofReader};
		let mut shake = sha3::Shake256::default();
		shake.update(SLH_DSA_SEED_DOMAIN);
		shake.update(seed);
		let mut reader = shake.finalize_xof();
		let mut seeds = [[0u8; 16]; 3];
		seeds.iter_mut().for_each(|part| reader.read(part));
		seeds
	}

	impl PqSecretKey {
		/// The key's scheme.
		pub fn algorithm(&self) -> Algorithm {
			match self {
				PqSecretKey::MlDsa44(_) => Algorithm::MlDsa44,
				PqSecretKey::MlDsa65(_) => Algorithm::MlDsa65,
				PqSecretKey::MlDsa87(_) => Algorithm::MlDsa87,
				PqSecretKey::SlhDsaSha2_128s(_) => Algorithm::SlhDsaSha2_128s,
				PqSecretKey::SlhDsaSha2_128f(_) => Algorithm::SlhDsaSha2_128f,
			}
		}
	}

	/// Signs an Aegis message with a key of any scheme. `randomness` is fresh randomness for
	/// the hedged variants (ML-DSA's `rnd`; SLH-DSA's `opt_rand`, its first 16 bytes), or zeros
	/// for the deterministic ones.
	pub fn pq_sign(
		secret: &PqSecretKey,
		genesis_hash: &GenesisHash,
		purpose: &[u8],
		payload: &[u8],
		randomness: &[u8; 32],
	) -> Result<PqSignature, PqSignatureError> {
		let message = signing_message(genesis_hash, purpose, payload)?;
		let ml_dsa_failed = |_| PqSignatureError::BadSignature;
		// SLH-DSA-128 draws n = 16 bytes of `opt_rand`: it is deterministic exactly when those
		// are zero (FIPS 205 then takes PK.seed), whatever the rest holds.
		let hedged = randomness[..SLH_DSA_RANDOMNESS] != [0; SLH_DSA_RANDOMNESS];
		let mut rng = FixedRandomness { bytes: *randomness, used: 0 };
		let slh_dsa_failed = |_| PqSignatureError::BadSignature;
		Ok(match secret {
			PqSecretKey::MlDsa44(key) => PqSignature::MlDsa44(boxed(
				key.try_sign_with_seed(randomness, &message, SIGNING_CONTEXT)
					.map_err(ml_dsa_failed)?,
			)),
			PqSecretKey::MlDsa65(key) => PqSignature::MlDsa65(boxed(
				key.try_sign_with_seed(randomness, &message, SIGNING_CONTEXT)
					.map_err(ml_dsa_failed)?,
			)),
			PqSecretKey::MlDsa87(key) => PqSignature::MlDsa87(boxed(
				key.try_sign_with_seed(randomness, &message, SIGNING_CONTEXT)
					.map_err(ml_dsa_failed)?,
			)),
			PqSecretKey::SlhDsaSha2_128s(key) => PqSignature::SlhDsaSha2_128s(boxed(
				fips205::traits::Signer::try_sign_with_rng(
					&**key,
					&mut rng,
					&message,
					SIGNING_CONTEXT,
					hedged,
				)
				.map_err(slh_dsa_failed)?,
			)),
			PqSecretKey::SlhDsaSha2_128f(key) => PqSignature::SlhDsaSha2_128f(boxed(
				fips205::traits::Signer::try_sign_with_rng(
					&**key,
					&mut rng,
					&message,
					SIGNING_CONTEXT,
					hedged,
				)
				.map_err(slh_dsa_failed)?,
			)),
		})
	}

	/// The caller's randomness as a random number generator for SLH-DSA's signer, which asks
	/// for its `opt_rand` through one. It hands out the 32 bytes once and then fails, so a
	/// signer wanting more cannot silently reuse them.
	struct FixedRandomness {
		bytes: [u8; 32],
		used: usize,
	}

	impl rand_core::RngCore for FixedRandomness {
		fn next_u32(&mut self) -> u32 {
			let mut word = [0; 4];
			self.fill_bytes(&mut word);
			u32::from_le_bytes(word)
		}

		fn next_u64(&mut self) -> u64 {
			let mut word = [0; 8];
			self.fill_bytes(&mut word);
			u64::from_le_bytes(word)
		}

		fn fill_bytes(&mut self, dest: &mut [u8]) {
			// Only reached through `next_u32`/`next_u64`, which the signer does not use.
			let _ = self.try_fill_bytes(dest);
		}

		fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
			let end = self.used.checked_add(dest.len()).filter(|end| *end <= self.bytes.len());
			let exhausted =
				core::num::NonZeroU32::MIN.saturating_add(rand_core::Error::CUSTOM_START - 1);
			let end = end.ok_or_else(|| rand_core::Error::from(exhausted))?;
			dest.copy_from_slice(&self.bytes[self.used..end]);
			self.used = end;
			Ok(())
		}
	}

	impl rand_core::CryptoRng for FixedRandomness {}
}

#[cfg(test)]
mod tests {
	use super::{signing::*, *};

	const GENESIS: [u8; 32] = [7; 32];

	#[test]
	fn a_signature_verifies_for_its_chain_purpose_and_payload_only() {
		let (public, secret) = keypair_from_seed(&[1; 32]);
		let signature = sign(&secret, &GENESIS, purpose::MODEL_UPDATE, b"v2", &[0; 32]).unwrap();
		assert_eq!(
			verify_signature(&public, &GENESIS, purpose::MODEL_UPDATE, b"v2", &signature),
			Ok(())
		);
		for (genesis, purpose, payload) in [
			(&[8u8; 32], purpose::MODEL_UPDATE, &b"v2"[..]),
			(&GENESIS, purpose::KEY_POSSESSION, &b"v2"[..]),
			(&GENESIS, purpose::MODEL_UPDATE, &b"v3"[..]),
		] {
			assert_eq!(
				verify_signature(&public, genesis, purpose, payload, &signature),
				Err(SignatureError::BadSignature)
			);
		}
		let (other, _) = keypair_from_seed(&[2; 32]);
		assert_eq!(
			verify_signature(&other, &GENESIS, purpose::MODEL_UPDATE, b"v2", &signature),
			Err(SignatureError::BadSignature)
		);
	}

	#[test]
	fn the_message_is_unambiguous() {
		// Moving a byte between purpose and payload changes the message.
		assert_ne!(
			signing_message(&GENESIS, b"ab", b"c").unwrap(),
			signing_message(&GENESIS, b"a", b"bc").unwrap()
		);
		let message = signing_message(&GENESIS, b"ab", b"c").unwrap();
		assert_eq!(&message[..32], &GENESIS);
		assert_eq!(&message[32..], &[2 << 2, b'a', b'b', b'c']);
		assert_eq!(
			signing_message(&GENESIS, &[0; MAX_PURPOSE_LEN + 1], b""),
			Err(SignatureError::PurposeTooLong)
		);
	}

	#[test]
	fn a_signature_encodes_as_bytes_of_exactly_its_length() {
		let signature = MlDsaSignature([7; SIGNATURE_LEN]);
		let encoded = signature.encode();
		assert_eq!(encoded, vec![7u8; SIGNATURE_LEN].encode());
		assert_eq!(encoded.len(), MlDsaSignature::max_encoded_len());
		assert_eq!(MlDsaSignature::decode(&mut &encoded[..]), Ok(signature));
		for len in [0, SIGNATURE_LEN - 1, SIGNATURE_LEN + 1] {
			let wrong = vec![7u8; len].encode();
			assert!(MlDsaSignature::decode(&mut &wrong[..]).is_err(), "{len} bytes");
		}
		// A truncated signature fails instead of reading past the input.
		assert!(MlDsaSignature::decode(&mut &encoded[..SIGNATURE_LEN]).is_err());
	}

	#[test]
	fn a_flipped_bit_anywhere_in_the_signature_is_refused() {
		let (public, secret) = keypair_from_seed(&[3; 32]);
		let signature = sign(&secret, &GENESIS, b"app", b"payload", &[9; 32]).unwrap();
		for position in [0, 1, 100, SIGNATURE_LEN / 2, SIGNATURE_LEN - 1] {
			let mut tampered = signature.clone();
			tampered.0[position] ^= 1;
			assert_eq!(
				verify_signature(&public, &GENESIS, b"app", b"payload", &tampered),
				Err(SignatureError::BadSignature),
				"bit flipped at byte {position}"
			);
		}
	}
}
