//! X-Wing: the hybrid KEM of ML-KEM-768 and X25519 (draft-connolly-cfrg-xwing-kem).
//!
//! A vault file stays confidential as long as *either* ML-KEM-768 (FIPS 203, post-quantum) *or*
//! X25519 (classical, well studied) holds: X-Wing derives the shared secret from both with
//! SHA3-256 over both shared secrets, the X25519 ciphertext and public key, and a fixed label.
//! It is the standard construction of exactly this pair, so its security argument and test
//! vectors carry over, and independent implementations (e.g. `@noble/post-quantum`'s
//! `ml_kem768_x25519`) interoperate with it.
//!
//! Sizes: secret key 32 bytes (a seed), public key 1216 (`pk_M ‖ pk_X`), ciphertext 1120
//! (`ct_M ‖ ct_X`), shared secret 32.

use anyhow::{anyhow, Result};
use fips203::{
	ml_kem_768,
	traits::{Decaps, Encaps, KeyGen, SerDes},
};
use sha3::{
	digest::{ExtendableOutput, Update, XofReader},
	Digest, Sha3_256, Shake256,
};
use x25519_dalek::{PublicKey as X25519Public, StaticSecret};
use zeroize::{Zeroize, Zeroizing};

/// Length of an X-Wing secret key (the seed everything else expands from).
pub const SECRET_KEY_LEN: usize = 32;
/// Length of an X-Wing public key.
pub const PUBLIC_KEY_LEN: usize = ml_kem_768::EK_LEN + 32;
/// Length of an X-Wing ciphertext.
pub const CIPHERTEXT_LEN: usize = ml_kem_768::CT_LEN + 32;
/// Length of the shared secret.
pub const SHARED_SECRET_LEN: usize = 32;

/// The label X-Wing appends to the combiner's input: the ASCII art `\.//^\`.
const LABEL: &[u8; 6] = b"\\.//^\\";

/// An X-Wing public key.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(pub [u8; PUBLIC_KEY_LEN]);

/// The expanded secret key: ML-KEM-768 decapsulation key and X25519 secret, wiped on drop.
pub struct SecretKey {
	ml_kem: ml_kem_768::DecapsKey,
	x25519: StaticSecret,
	x25519_public: X25519Public,
	public: PublicKey,
}

/// Expands a 32-byte seed into the key pair (X-Wing `expandDecapsulationKey`): SHAKE256 gives
/// 96 bytes, the first 64 seed ML-KEM-768's `KeyGen_internal(d, z)`, the last 32 are the X25519
/// secret.
pub fn keypair_from_seed(seed: &[u8; SECRET_KEY_LEN]) -> SecretKey {
	let mut expanded = Zeroizing::new([0u8; 96]);
	let mut shake = Shake256::default();
	shake.update(seed);
	shake.finalize_xof().read(&mut expanded[..]);
	let mut d = [0u8; 32];
	let mut z = [0u8; 32];
	let mut x = [0u8; 32];
	d.copy_from_slice(&expanded[0..32]);
	z.copy_from_slice(&expanded[32..64]);
	x.copy_from_slice(&expanded[64..96]);
	let (encaps_key, ml_kem) = ml_kem_768::KG::keygen_from_seed(d, z);
	let x25519 = StaticSecret::from(x);
	d.zeroize();
	z.zeroize();
	x.zeroize();
	let x25519_public = X25519Public::from(&x25519);
	let mut public = [0u8; PUBLIC_KEY_LEN];
	public[..ml_kem_768::EK_LEN].copy_from_slice(&encaps_key.into_bytes());
	public[ml_kem_768::EK_LEN..].copy_from_slice(x25519_public.as_bytes());
	SecretKey { ml_kem, x25519, x25519_public, public: PublicKey(public) }
}

impl SecretKey {
	/// The public key that goes with this secret key.
	pub fn public_key(&self) -> &PublicKey {
		&self.public
	}

	/// X-Wing `Decapsulate`. ML-KEM's implicit rejection means a wrong or altered ciphertext
	/// yields an unrelated secret rather than an error: the vault's AEAD then refuses the data.
	pub fn decapsulate(
		&self,
		ciphertext: &[u8; CIPHERTEXT_LEN],
	) -> Result<Zeroizing<[u8; SHARED_SECRET_LEN]>> {
		let mut ct_m = [0u8; ml_kem_768::CT_LEN];
		ct_m.copy_from_slice(&ciphertext[..ml_kem_768::CT_LEN]);
		let ct_m = ml_kem_768::CipherText::try_from_bytes(ct_m)
			.map_err(|error| anyhow!("malformed ML-KEM ciphertext: {error}"))?;
		let ss_m = self
			.ml_kem
			.try_decaps(&ct_m)
			.map_err(|error| anyhow!("ML-KEM decapsulation failed: {error}"))?;
		let mut ct_x = [0u8; 32];
		ct_x.copy_from_slice(&ciphertext[ml_kem_768::CT_LEN..]);
		let ss_x = self.x25519.diffie_hellman(&X25519Public::from(ct_x));
		Ok(combine(
			&Zeroizing::new(ss_m.into_bytes()),
			ss_x.as_bytes(),
			&ct_x,
			self.x25519_public.as_bytes(),
		))
	}
}

/// X-Wing `Encapsulate` with caller-chosen randomness `eseed` (64 bytes: ML-KEM's `m`, then the
/// ephemeral X25519 secret). Private: only the test vectors choose it; [`encapsulate`] draws it
/// from the operating system, and randomness used twice would give two files one key.
fn encapsulate_derand(
	public: &PublicKey,
	eseed: &[u8; 64],
) -> Result<(Zeroizing<[u8; SHARED_SECRET_LEN]>, [u8; CIPHERTEXT_LEN])> {
	let mut pk_m = [0u8; ml_kem_768::EK_LEN];
	pk_m.copy_from_slice(&public.0[..ml_kem_768::EK_LEN]);
	let mut pk_x = [0u8; 32];
	pk_x.copy_from_slice(&public.0[ml_kem_768::EK_LEN..]);
	let encaps_key = ml_kem_768::EncapsKey::try_from_bytes(pk_m)
		.map_err(|error| anyhow!("the recipient's ML-KEM-768 key is malformed: {error}"))?;
	let mut m = Zeroizing::new([0u8; 32]);
	m.copy_from_slice(&eseed[..32]);
	let (ss_m, ct_m) = encaps_key.encaps_from_seed(&m);
	let mut ek_x = Zeroizing::new([0u8; 32]);
	ek_x.copy_from_slice(&eseed[32..]);
	let ephemeral = StaticSecret::from(*ek_x);
	let ct_x = X25519Public::from(&ephemeral);
	let ss_x = ephemeral.diffie_hellman(&X25519Public::from(pk_x));
	let shared =
		combine(&Zeroizing::new(ss_m.into_bytes()), ss_x.as_bytes(), ct_x.as_bytes(), &pk_x);
	let mut ciphertext = [0u8; CIPHERTEXT_LEN];
	ciphertext[..ml_kem_768::CT_LEN].copy_from_slice(&ct_m.into_bytes());
	ciphertext[ml_kem_768::CT_LEN..].copy_from_slice(ct_x.as_bytes());
	Ok((shared, ciphertext))
}

/// X-Wing `Encapsulate` with fresh randomness from the operating system.
pub fn encapsulate(
	public: &PublicKey,
) -> Result<(Zeroizing<[u8; SHARED_SECRET_LEN]>, [u8; CIPHERTEXT_LEN])> {
	let mut eseed = Zeroizing::new([0u8; 64]);
	getrandom::getrandom(&mut eseed[..])
		.map_err(|error| anyhow!("the operating system gave no randomness: {error}"))?;
	encapsulate_derand(public, &eseed)
}

/// The X-Wing combiner: `SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ label)`.
fn combine(
	ss_m: &[u8; 32],
	ss_x: &[u8; 32],
	ct_x: &[u8; 32],
	pk_x: &[u8; 32],
) -> Zeroizing<[u8; SHARED_SECRET_LEN]> {
	let mut hasher = Sha3_256::new();
	Digest::update(&mut hasher, ss_m);
	Digest::update(&mut hasher, ss_x);
	Digest::update(&mut hasher, ct_x);
	Digest::update(&mut hasher, pk_x);
	Digest::update(&mut hasher, LABEL);
	Zeroizing::new(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The draft's own test vectors, all three: key expansion, encapsulation and the combiner
	/// agree with X-Wing's authors byte for byte.
	#[test]
	fn the_draft_test_vectors_hold() {
		let file: serde_json::Value =
			serde_json::from_str(include_str!("../test-data/xwing-draft-08.json")).unwrap();
		let vectors = file["vectors"].as_array().unwrap();
		assert_eq!(vectors.len(), 3, "appendix C has three vectors");
		for (index, vector) in vectors.iter().enumerate() {
			let field = |name: &str| hex::decode(vector[name].as_str().unwrap()).unwrap();
			let secret = keypair_from_seed(&field("sk").try_into().unwrap());
			assert_eq!(secret.public_key().0.to_vec(), field("pk"), "vector {index}: pk");
			let (shared, ciphertext) =
				encapsulate_derand(secret.public_key(), &field("eseed").try_into().unwrap())
					.unwrap();
			assert_eq!(ciphertext.to_vec(), field("ct"), "vector {index}: ct");
			assert_eq!(shared.to_vec(), field("ss"), "vector {index}: ss");
			assert_eq!(
				secret.decapsulate(&ciphertext).unwrap().to_vec(),
				field("ss"),
				"vector {index}: decapsulation"
			);
		}
	}

	#[test]
	fn encapsulation_and_decapsulation_agree() {
		let secret = keypair_from_seed(&[7; 32]);
		let (shared, ciphertext) = encapsulate(secret.public_key()).unwrap();
		assert_eq!(*secret.decapsulate(&ciphertext).unwrap(), *shared);
	}

	#[test]
	fn keys_are_deterministic_in_the_seed() {
		assert!(
			keypair_from_seed(&[1; 32]).public_key() == keypair_from_seed(&[1; 32]).public_key()
		);
		assert!(
			keypair_from_seed(&[1; 32]).public_key() != keypair_from_seed(&[2; 32]).public_key()
		);
	}

	#[test]
	fn another_key_or_an_altered_ciphertext_gives_another_secret() {
		let secret = keypair_from_seed(&[7; 32]);
		let (shared, ciphertext) = encapsulate_derand(secret.public_key(), &[9; 64]).unwrap();
		assert_ne!(*keypair_from_seed(&[8; 32]).decapsulate(&ciphertext).unwrap(), *shared);
		for position in [0, ml_kem_768::CT_LEN - 1, ml_kem_768::CT_LEN, CIPHERTEXT_LEN - 1] {
			let mut altered = ciphertext;
			altered[position] ^= 1;
			assert_ne!(*secret.decapsulate(&altered).unwrap(), *shared, "byte {position}");
		}
	}
}
