//! Post-quantum signatures: ML-DSA-65 (FIPS 204) over domain-separated messages.
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
