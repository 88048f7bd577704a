//! Key files: post-quantum signing keys (ML-DSA-44/65/87 of FIPS 204, SLH-DSA-SHA2-128s/128f of
//! FIPS 205) and X-Wing (ML-KEM-768 + X25519) encryption keys.
//!
//! A key pair is two JSON files. The public file (`NAME.pub`) holds the algorithm and the public
//! key. The secret file (`NAME`, mode 0600) holds the same plus the 32-byte seed the key pair
//! is derived from (FIPS 204 ξ for ML-DSA; for SLH-DSA the seed its three key seeds are
//! expanded from, see `aegis_integrity::pq::signing::pq_keypair_from_seed`; the X-Wing secret
//! key) — either in the clear or
//! sealed with a passphrase:
//!
//! - key = Argon2id(passphrase, salt; memory, iterations, parallelism as recorded), 32 bytes;
//! - seed sealed with ChaCha20-Poly1305 under that key and a random nonce, with associated data
//!   `"aegis/key-file/v1" ‖ algorithm ‖ public key`, so the public key written beside it cannot
//!   be swapped.
//!
//! On loading, the key pair is re-derived from the seed and must give the recorded public key.
//! Passphrases are read from the terminal or a file, never from the command line (where other
//! users and shell histories see them). KDF parameters are capped when read, so a crafted file
//! cannot make the tool allocate gigabytes.

use std::path::Path;

use aegis_integrity::pq::{self, signing::PqSecretKey, Algorithm, PqPublicKey};
use anyhow::{anyhow, bail, ensure, Context, Result};
use argon2::{Algorithm as Argon2Variant, Argon2, Params, Version};
use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	ChaCha20Poly1305, Key, Nonce,
};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::{from_hex, from_hex_array, fsutil, to_hex, xwing};

/// The key file format version.
pub const KEY_FILE_VERSION: u32 = 1;
/// Argon2id memory written by default: 64 MiB (RFC 9106's second recommended setting).
pub const DEFAULT_KDF_MEMORY_KIB: u32 = 64 * 1024;
/// Argon2id passes written by default.
pub const DEFAULT_KDF_ITERATIONS: u32 = 3;
/// Argon2id lanes written by default.
pub const DEFAULT_KDF_PARALLELISM: u32 = 1;
/// Most Argon2id memory a key file may ask for: 1 GiB (16 times the default).
pub const MAX_KDF_MEMORY_KIB: u32 = 1024 * 1024;
/// Most Argon2id passes a key file may ask for.
pub const MAX_KDF_ITERATIONS: u32 = 16;
/// Most Argon2id lanes a key file may ask for.
pub const MAX_KDF_PARALLELISM: u32 = 8;
/// Most Argon2id work (memory in KiB times passes) a key file may ask for: 16 times the default,
/// a few seconds on a laptop. Opening a key must stay cheap enough that a crafted key file
/// cannot tie the tool up.
pub const MAX_KDF_WORK: u64 = 16 * DEFAULT_KDF_MEMORY_KIB as u64 * DEFAULT_KDF_ITERATIONS as u64;
/// Length of the random salt written with a sealed key.
pub const SALT_LEN: usize = 16;
const AAD_DOMAIN: &[u8] = b"aegis/key-file/v1";

/// What a key is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum KeyAlgorithm {
	/// ML-DSA-65 (FIPS 204, category 3): signs model updates and key registrations.
	#[serde(rename = "ml-dsa-65")]
	#[value(name = "ml-dsa-65")]
	MlDsa65,
	/// ML-DSA-44 (FIPS 204, category 2): smaller keys and signatures.
	#[serde(rename = "ml-dsa-44")]
	#[value(name = "ml-dsa-44")]
	MlDsa44,
	/// ML-DSA-87 (FIPS 204, category 5).
	#[serde(rename = "ml-dsa-87")]
	#[value(name = "ml-dsa-87")]
	MlDsa87,
	/// SLH-DSA-SHA2-128s (FIPS 205): hash-based, small (7.9 KB) signatures, slow signing.
	#[serde(rename = "slh-dsa-sha2-128s")]
	#[value(name = "slh-dsa-sha2-128s")]
	SlhDsaSha2_128s,
	/// SLH-DSA-SHA2-128f (FIPS 205): hash-based, fast signing, 17 KB signatures.
	#[serde(rename = "slh-dsa-sha2-128f")]
	#[value(name = "slh-dsa-sha2-128f")]
	SlhDsaSha2_128f,
	/// X-Wing, ML-KEM-768 (FIPS 203) with X25519: receives encrypted model files.
	#[serde(rename = "x-wing")]
	#[value(name = "x-wing", alias = "ml-kem-768")]
	XWing,
}

impl KeyAlgorithm {
	/// The name used in key files and messages.
	pub fn name(self) -> &'static str {
		match self.signature_algorithm() {
			Some(algorithm) => algorithm.name(),
			None => "x-wing",
		}
	}

	/// The signature scheme, if this is a signing key.
	pub fn signature_algorithm(self) -> Option<Algorithm> {
		match self {
			KeyAlgorithm::MlDsa44 => Some(Algorithm::MlDsa44),
			KeyAlgorithm::MlDsa65 => Some(Algorithm::MlDsa65),
			KeyAlgorithm::MlDsa87 => Some(Algorithm::MlDsa87),
			KeyAlgorithm::SlhDsaSha2_128s => Some(Algorithm::SlhDsaSha2_128s),
			KeyAlgorithm::SlhDsaSha2_128f => Some(Algorithm::SlhDsaSha2_128f),
			KeyAlgorithm::XWing => None,
		}
	}

	/// The public key's length.
	pub fn public_key_len(self) -> usize {
		match self.signature_algorithm() {
			Some(algorithm) => algorithm.public_key_len(),
			None => xwing::PUBLIC_KEY_LEN,
		}
	}

	/// The public key derived from `seed`.
	pub fn public_key(self, seed: &[u8; 32]) -> Vec<u8> {
		match self.signature_algorithm() {
			Some(algorithm) => {
				pq::signing::pq_keypair_from_seed(algorithm, seed).0.as_bytes().to_vec()
			},
			None => xwing::keypair_from_seed(seed).public_key().0.to_vec(),
		}
	}

	/// The signing scheme, or an error naming what is needed.
	fn signing(self) -> Result<Algorithm> {
		self.signature_algorithm().ok_or_else(|| {
			anyhow!(
				"this is an {} key; a signing key is needed (ml-dsa-44, ml-dsa-65, ml-dsa-87, \
				 slh-dsa-sha2-128s or slh-dsa-sha2-128f)",
				self.name()
			)
		})
	}
}

/// How the seed is stored. `Debug` never shows the seed, and a clear seed is wiped on drop.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "protection", rename_all = "kebab-case")]
pub enum StoredSeed {
	/// In the clear (the file's permissions are all that protects it).
	None {
		/// The seed, hex.
		seed: String,
	},
	/// Sealed with a passphrase (see the module documentation).
	Argon2idChacha20poly1305 {
		/// Argon2id memory in KiB.
		memory_kib: u32,
		/// Argon2id passes.
		iterations: u32,
		/// Argon2id lanes.
		parallelism: u32,
		/// 16 random bytes, hex.
		salt: String,
		/// 12 random bytes, hex.
		nonce: String,
		/// The sealed seed (32 bytes) and tag (16), hex.
		ciphertext: String,
	},
}

impl core::fmt::Debug for StoredSeed {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			StoredSeed::None { .. } => f.write_str("StoredSeed::None { seed: <secret> }"),
			StoredSeed::Argon2idChacha20poly1305 {
				memory_kib, iterations, parallelism, ..
			} => {
				write!(f, "StoredSeed::Argon2idChacha20poly1305 {{ memory_kib: {memory_kib}, iterations: {iterations}, parallelism: {parallelism}, .. }}")
			},
		}
	}
}

impl Drop for StoredSeed {
	fn drop(&mut self) {
		if let StoredSeed::None { seed } = self {
			seed.zeroize();
		}
	}
}

/// A secret key file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretKeyFile {
	/// [`KEY_FILE_VERSION`].
	pub aegis_key_file: u32,
	/// What the key is for.
	pub algorithm: KeyAlgorithm,
	/// The public key, hex.
	pub public_key: String,
	/// The seed.
	#[serde(flatten)]
	pub seed: StoredSeed,
}

/// A public key file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicKeyFile {
	/// [`KEY_FILE_VERSION`].
	pub aegis_key_file: u32,
	/// What the key is for.
	pub algorithm: KeyAlgorithm,
	/// The public key, hex.
	pub public_key: String,
}

/// Argon2id cost of sealing a new key.
#[derive(Clone, Copy, Debug)]
pub struct KdfCost {
	/// Memory in KiB.
	pub memory_kib: u32,
	/// Passes.
	pub iterations: u32,
	/// Lanes.
	pub parallelism: u32,
}

impl KdfCost {
	/// Refuses costs beyond the caps ([`MAX_KDF_MEMORY_KIB`], [`MAX_KDF_ITERATIONS`],
	/// [`MAX_KDF_PARALLELISM`], [`MAX_KDF_WORK`]) before any work is done.
	pub fn check(self) -> Result<()> {
		ensure!(
			self.memory_kib <= MAX_KDF_MEMORY_KIB
				&& self.iterations <= MAX_KDF_ITERATIONS
				&& self.parallelism <= MAX_KDF_PARALLELISM
				&& u64::from(self.memory_kib) * u64::from(self.iterations) <= MAX_KDF_WORK,
			"the key file asks for more Argon2id work than aegis allows (at most {} MiB, {} \
			 passes, {} lanes, {} MiB x passes)",
			MAX_KDF_MEMORY_KIB / 1024,
			MAX_KDF_ITERATIONS,
			MAX_KDF_PARALLELISM,
			MAX_KDF_WORK / 1024
		);
		Ok(())
	}
}

impl Default for KdfCost {
	fn default() -> Self {
		Self {
			memory_kib: DEFAULT_KDF_MEMORY_KIB,
			iterations: DEFAULT_KDF_ITERATIONS,
			parallelism: DEFAULT_KDF_PARALLELISM,
		}
	}
}

/// A key pair's seed with its algorithm and public key, wiped on drop.
pub struct KeyPair {
	/// What the key is for.
	pub algorithm: KeyAlgorithm,
	/// The seed everything derives from.
	pub seed: Zeroizing<[u8; 32]>,
	/// The public key.
	pub public_key: Vec<u8>,
}

impl KeyPair {
	/// A new key pair from the operating system's randomness.
	pub fn generate(algorithm: KeyAlgorithm) -> Result<Self> {
		let mut seed = Zeroizing::new([0u8; 32]);
		random(&mut seed[..])?;
		Ok(Self::from_seed(algorithm, seed))
	}

	/// The key pair derived from `seed`.
	pub fn from_seed(algorithm: KeyAlgorithm, seed: Zeroizing<[u8; 32]>) -> Self {
		let public_key = algorithm.public_key(&seed);
		Self { algorithm, seed, public_key }
	}

	/// The key's fingerprint: SHA3-256 of the public key.
	pub fn fingerprint(&self) -> [u8; 32] {
		fingerprint(&self.public_key)
	}

	/// The public key as the chain takes it, if this is a signing key.
	pub fn signing_public(&self) -> Result<PqPublicKey> {
		let algorithm = self.algorithm.signing()?;
		PqPublicKey::from_bytes(algorithm, &self.public_key).context("bad key length")
	}

	/// The secret key, if this is a signing key.
	pub fn signing_secret(&self) -> Result<PqSecretKey> {
		let algorithm = self.algorithm.signing()?;
		Ok(pq::signing::pq_keypair_from_seed(algorithm, &self.seed).1)
	}

	/// The X-Wing secret key, if this is an encryption key.
	pub fn x_wing_secret(&self) -> Result<xwing::SecretKey> {
		ensure!(
			self.algorithm == KeyAlgorithm::XWing,
			"this is an {} key; an x-wing (ML-KEM-768 + X25519) key is needed",
			self.algorithm.name()
		);
		Ok(xwing::keypair_from_seed(&self.seed))
	}

	/// The secret key file for this pair, sealed with `passphrase` if one is given.
	pub fn to_secret_file(
		&self,
		passphrase: Option<&[u8]>,
		cost: KdfCost,
	) -> Result<SecretKeyFile> {
		let seed = match passphrase {
			None => StoredSeed::None { seed: secret_hex(&self.seed[..]) },
			Some(passphrase) => {
				let mut salt = [0u8; SALT_LEN];
				let mut nonce = [0u8; 12];
				random(&mut salt)?;
				random(&mut nonce)?;
				let key = derive_key(passphrase, &salt, cost)?;
				let ciphertext = ChaCha20Poly1305::new(Key::from_slice(&key[..]))
					.encrypt(
						Nonce::from_slice(&nonce),
						Payload {
							msg: &self.seed[..],
							aad: &aad(self.algorithm, &self.public_key),
						},
					)
					.map_err(|_| anyhow!("cannot seal the key"))?;
				StoredSeed::Argon2idChacha20poly1305 {
					memory_kib: cost.memory_kib,
					iterations: cost.iterations,
					parallelism: cost.parallelism,
					salt: to_hex(&salt),
					nonce: to_hex(&nonce),
					ciphertext: to_hex(&ciphertext),
				}
			},
		};
		Ok(SecretKeyFile {
			aegis_key_file: KEY_FILE_VERSION,
			algorithm: self.algorithm,
			public_key: to_hex(&self.public_key),
			seed,
		})
	}

	/// The public key file for this pair.
	pub fn to_public_file(&self) -> PublicKeyFile {
		PublicKeyFile {
			aegis_key_file: KEY_FILE_VERSION,
			algorithm: self.algorithm,
			public_key: to_hex(&self.public_key),
		}
	}
}

impl SecretKeyFile {
	/// Reads a secret key file.
	pub fn read(path: &Path) -> Result<Self> {
		let text = Zeroizing::new(
			std::fs::read_to_string(path)
				.with_context(|| format!("cannot read the key file {}", path.display()))?,
		);
		Self::parse(&text).with_context(|| format!("{} cannot be used", path.display()))
	}

	/// A secret key file's contents, checked: its version, and a key-derivation cost within
	/// [`KdfCost::check`]'s bounds (a hostile file must not make opening it take forever).
	pub fn parse(text: &str) -> Result<Self> {
		let file: Self =
			serde_json::from_str(text).context("this is not an aegis secret key file")?;
		ensure!(
			file.aegis_key_file == KEY_FILE_VERSION,
			"key file version {} is not supported",
			file.aegis_key_file
		);
		if let StoredSeed::Argon2idChacha20poly1305 {
			memory_kib, iterations, parallelism, ..
		} = &file.seed
		{
			KdfCost { memory_kib: *memory_kib, iterations: *iterations, parallelism: *parallelism }
				.check()
				.context("the key cannot be opened")?;
		}
		Ok(file)
	}

	/// Whether opening the key needs a passphrase.
	pub fn is_sealed(&self) -> bool {
		matches!(self.seed, StoredSeed::Argon2idChacha20poly1305 { .. })
	}

	/// The public key recorded in the file.
	pub fn public_key(&self) -> Result<Vec<u8>> {
		from_hex(&self.public_key, "the key file's public key")
	}

	/// Opens the key: unseals the seed (with `passphrase` if sealed) and checks that it derives
	/// the recorded public key.
	pub fn open(&self, passphrase: Option<&[u8]>) -> Result<KeyPair> {
		let public_key = self.public_key()?;
		let seed = match &self.seed {
			StoredSeed::None { seed } => secret_from_hex::<32>(seed, "the key file's seed")?,
			StoredSeed::Argon2idChacha20poly1305 {
				memory_kib,
				iterations,
				parallelism,
				salt,
				nonce,
				ciphertext,
			} => {
				let passphrase =
					passphrase.ok_or_else(|| anyhow!("the key is sealed with a passphrase"))?;
				let cost = KdfCost {
					memory_kib: *memory_kib,
					iterations: *iterations,
					parallelism: *parallelism,
				};
				cost.check()?;
				let salt = from_hex_array::<SALT_LEN>(salt, "the key file's salt")?;
				let nonce = from_hex_array::<12>(nonce, "the key file's nonce")?;
				let ciphertext = from_hex(ciphertext, "the key file's sealed seed")?;
				let key = derive_key(passphrase, &salt, cost)?;
				let seed = Zeroizing::new(
					ChaCha20Poly1305::new(Key::from_slice(&key[..]))
						.decrypt(
							Nonce::from_slice(&nonce),
							Payload { msg: &ciphertext, aad: &aad(self.algorithm, &public_key) },
						)
						.map_err(|_| anyhow!("wrong passphrase, or the key file was altered"))?,
				);
				let mut array = Zeroizing::new([0u8; 32]);
				ensure!(seed.len() == 32, "the key file's sealed seed has the wrong length");
				array.copy_from_slice(&seed);
				array
			},
		};
		let pair = KeyPair::from_seed(self.algorithm, seed);
		if pair.public_key != public_key {
			bail!("the key file is inconsistent: its seed does not give its public key");
		}
		Ok(pair)
	}
}

impl PublicKeyFile {
	/// Reads a public key; a secret key file is accepted too (its public part is used).
	pub fn read(path: &Path) -> Result<Self> {
		let text = Zeroizing::new(
			std::fs::read_to_string(path)
				.with_context(|| format!("cannot read the key file {}", path.display()))?,
		);
		Self::parse(&text).with_context(|| format!("{} cannot be used", path.display()))
	}

	/// A public (or secret) key file's contents, checked as [`Self::read`] checks them.
	pub fn parse(text: &str) -> Result<Self> {
		if let Ok(public) = serde_json::from_str::<Self>(text) {
			ensure!(public.aegis_key_file == KEY_FILE_VERSION, "unsupported key file version");
			return Ok(public);
		}
		let secret = SecretKeyFile::parse(text)?;
		Ok(Self {
			aegis_key_file: secret.aegis_key_file,
			algorithm: secret.algorithm,
			public_key: secret.public_key,
		})
	}

	/// The public key bytes, checked for the algorithm's length.
	pub fn public_key(&self) -> Result<Vec<u8>> {
		let bytes = from_hex(&self.public_key, "the public key")?;
		let expected = self.algorithm.public_key_len();
		ensure!(
			bytes.len() == expected,
			"an {} public key is {expected} bytes, this one is {}",
			self.algorithm.name(),
			bytes.len()
		);
		Ok(bytes)
	}

	/// The X-Wing public key, if this is an encryption key.
	pub fn x_wing(&self) -> Result<xwing::PublicKey> {
		ensure!(
			self.algorithm == KeyAlgorithm::XWing,
			"this is an {} key; encrypting needs an x-wing (ML-KEM-768 + X25519) key",
			self.algorithm.name()
		);
		let bytes = self.public_key()?;
		Ok(xwing::PublicKey(bytes.try_into().map_err(|_| anyhow!("bad key length"))?))
	}

	/// The public key as the chain takes it, if this is a signing key.
	pub fn signing(&self) -> Result<PqPublicKey> {
		let algorithm = self.algorithm.signing()?;
		PqPublicKey::from_bytes(algorithm, &self.public_key()?).context("bad key length")
	}
}

/// SHA3-256 of a public key: short enough to compare by eye.
pub fn fingerprint(public_key: &[u8]) -> [u8; 32] {
	aegis_integrity::sha3_256(public_key)
}

/// Writes a key pair: the secret file with mode 0600, the public file beside it (`.pub`).
/// Neither may exist yet unless `overwrite`. Both are on disk before either is renamed into
/// place, so a full disk cannot leave a new secret key beside an old public key.
pub fn write_pair(
	secret_path: &Path,
	secret: &SecretKeyFile,
	public: &PublicKeyFile,
	overwrite: bool,
) -> Result<()> {
	let public_path = public_path_for(secret_path);
	if !overwrite && public_path.exists() {
		bail!("{} already exists (pass --force to replace it)", public_path.display());
	}
	// Written into a buffer that never grows, so no copy of the seed is left behind in a freed
	// allocation; wiped on drop.
	let mut secret_json = Zeroizing::new(Vec::with_capacity(SECRET_FILE_CAPACITY));
	serde_json::to_writer_pretty(&mut *secret_json, secret)?;
	secret_json.push(b'\n');
	ensure!(
		secret_json.len() <= SECRET_FILE_CAPACITY,
		"the secret key file is larger than expected"
	);
	let public_json = serde_json::to_string_pretty(public)? + "\n";
	fsutil::commit_all(vec![
		fsutil::staged_file(secret_path, &secret_json, 0o600, overwrite)?,
		fsutil::staged_file(&public_path, public_json.as_bytes(), 0o644, overwrite)?,
	])
}

/// Where the public half of the secret key at `secret_path` goes: the same name plus `.pub`.
pub fn public_path_for(secret_path: &Path) -> std::path::PathBuf {
	let mut name = secret_path.as_os_str().to_owned();
	name.push(".pub");
	name.into()
}

fn aad(algorithm: KeyAlgorithm, public_key: &[u8]) -> Vec<u8> {
	[AAD_DOMAIN, algorithm.name().as_bytes(), public_key].concat()
}

fn derive_key(passphrase: &[u8], salt: &[u8], cost: KdfCost) -> Result<Zeroizing<[u8; 32]>> {
	cost.check()?;
	let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, Some(32))
		.map_err(|error| anyhow!("bad Argon2id parameters: {error}"))?;
	// Allocated here so that a machine short of memory gives an error, not an abort; the
	// working memory holds what the key is derived from, so it is wiped when dropped.
	let mut blocks = Zeroizing::new(Vec::new());
	blocks
		.try_reserve_exact(params.block_count())
		.map_err(|_| anyhow!("not enough memory for Argon2id ({} MiB)", cost.memory_kib / 1024))?;
	blocks.resize(params.block_count(), argon2::Block::new());
	let mut key = Zeroizing::new([0u8; 32]);
	Argon2::new(Argon2Variant::Argon2id, Version::V0x13, params)
		.hash_password_into_with_memory(passphrase, salt, &mut key[..], &mut blocks)
		.map_err(|error| anyhow!("Argon2id failed: {error}"))?;
	Ok(key)
}

/// The most bytes a secret key file's JSON takes (the largest public key, ML-DSA-87's 2592
/// bytes, is 5.1 KiB of hex); its buffer is allocated once at this size.
const SECRET_FILE_CAPACITY: usize = 16 * 1024;

/// `0x`-prefixed hex of a secret, built in one allocation of its final size so no partial copy
/// is freed unwiped; the caller wipes the result (as [`StoredSeed`]'s drop does).
fn secret_hex(bytes: &[u8]) -> String {
	const DIGITS: &[u8; 16] = b"0123456789abcdef";
	let mut text = String::with_capacity(2 + 2 * bytes.len());
	text.push_str("0x");
	for byte in bytes {
		text.push(char::from(DIGITS[usize::from(byte >> 4)]));
		text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
	}
	text
}

/// Exactly `N` secret bytes from hex (with or without `0x`), decoded straight into a buffer
/// that is wiped on drop.
fn secret_from_hex<const N: usize>(text: &str, what: &str) -> Result<Zeroizing<[u8; N]>> {
	let digits = text.trim().strip_prefix("0x").unwrap_or(text.trim());
	ensure!(digits.len() == 2 * N, "{what} must be {N} bytes ({} hex digits)", 2 * N);
	let mut bytes = Zeroizing::new([0u8; N]);
	hex::decode_to_slice(digits, &mut bytes[..])
		.map_err(|error| anyhow!("{what} is not valid hex: {error}"))?;
	Ok(bytes)
}

/// A warning if the secret key file at `path` can be read by other users, who would have the
/// key outright if it has no passphrase, and a copy to attack offline if it has one.
pub fn exposure_warning(path: &Path) -> Option<String> {
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		let mode = std::fs::metadata(path).ok()?.permissions().mode();
		if mode & 0o077 != 0 {
			return Some(format!(
				"{} is readable by others (mode {:o}): chmod 600 it",
				path.display(),
				mode & 0o777
			));
		}
	}
	#[cfg(not(unix))]
	let _ = path;
	None
}

/// Fills `buffer` from the operating system's randomness.
pub fn random(buffer: &mut [u8]) -> Result<()> {
	getrandom::getrandom(buffer)
		.map_err(|error| anyhow!("the operating system gave no randomness: {error}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn secret_hex_round_trips_and_refuses_bad_input() {
		let seed = [0xA5u8; 32];
		let text = secret_hex(&seed);
		assert_eq!(text, to_hex(&seed));
		assert_eq!(text.capacity(), text.len(), "built in one allocation of its final size");
		assert_eq!(*secret_from_hex::<32>(&text, "seed").unwrap(), seed);
		assert_eq!(*secret_from_hex::<32>(&text[2..], "seed").unwrap(), seed);
		assert!(secret_from_hex::<32>(&text[..64], "seed").is_err(), "too short");
		assert!(secret_from_hex::<32>(&format!("{text}00"), "seed").is_err(), "too long");
		assert!(secret_from_hex::<32>(&text.replace('a', "g"), "seed").is_err(), "not hex");
	}

	const CHEAP: KdfCost = KdfCost { memory_kib: 64, iterations: 1, parallelism: 1 };

	#[test]
	fn a_sealed_key_opens_with_its_passphrase_only() {
		for algorithm in <KeyAlgorithm as clap::ValueEnum>::value_variants().iter().copied() {
			let pair = KeyPair::generate(algorithm).unwrap();
			let file = pair.to_secret_file(Some(b"correct horse"), CHEAP).unwrap();
			let json = serde_json::to_string(&file).unwrap();
			assert!(!json.contains(&hex::encode(&pair.seed[..])));
			let read: SecretKeyFile = serde_json::from_str(&json).unwrap();
			assert_eq!(read.open(Some(b"correct horse")).unwrap().public_key, pair.public_key);
			assert!(read.open(Some(b"wrong")).is_err());
			assert!(read.open(None).is_err());
		}
	}

	#[test]
	fn a_swapped_public_key_is_detected() {
		let pair = KeyPair::generate(KeyAlgorithm::MlDsa65).unwrap();
		let other = KeyPair::generate(KeyAlgorithm::MlDsa65).unwrap();
		for passphrase in [None, Some(&b"pass"[..])] {
			let mut file = pair.to_secret_file(passphrase, CHEAP).unwrap();
			file.public_key = to_hex(&other.public_key);
			assert!(file.open(passphrase).is_err());
		}
	}

	#[test]
	fn excessive_kdf_costs_are_refused_before_any_work() {
		let pair = KeyPair::generate(KeyAlgorithm::XWing).unwrap();
		let mut file = pair.to_secret_file(Some(b"pass"), CHEAP).unwrap();
		if let StoredSeed::Argon2idChacha20poly1305 { memory_kib, .. } = &mut file.seed {
			*memory_kib = u32::MAX;
		}
		let error = file.open(Some(b"pass")).err().unwrap();
		assert!(error.to_string().contains("more Argon2id work"), "{error}");
	}
}
