//! The vault format: a model file encrypted to a recipient's X-Wing public key.
//!
//! ```text
//! header (1164 bytes)
//!   0   8     magic "AEGISVLT"
//!   8   1     format version, 1
//!   9   1     chunk size exponent e: chunks hold 2^e plaintext bytes, 12 <= e <= 24
//!   10  2     zero
//!   12  32    recipient: SHA3-256 of the recipient's X-Wing public key
//!   44  1120  X-Wing ciphertext (ML-KEM-768 ‖ X25519)
//! chunks
//!   ChaCha20-Poly1305(key, nonce_i, plaintext_i) = plaintext_i ‖ 16-byte tag, for i = 0, 1, …
//! ```
//!
//! - `key = SHA3-256("aegis/vault/v1/payload-key" ‖ shared secret ‖ header)`: every header
//!   byte is bound to the key, so a header altered in any way fails at the first chunk. A fresh
//!   encapsulation per file makes the key unique per file.
//! - `nonce_i = 0x000000 ‖ i as u64 big-endian ‖ last`, where `last` is 1 for the final chunk
//!   and 0 otherwise (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, as in
//!   `age`). Chunks therefore cannot be reordered, dropped, duplicated or moved between files,
//!   and a file cut at a chunk boundary is detected because its last chunk is not marked last.
//! - Every chunk but the last holds exactly `2^e` plaintext bytes; the last holds 1 to `2^e`
//!   bytes, or 0 only when the whole plaintext is empty.
//!
//! Decryption writes to a temporary file and moves it into place only after the last chunk
//! authenticated: a tampered, truncated or re-ordered file yields an error and no output.

use std::io::{BufRead, BufReader, Read, Write};

use anyhow::{bail, ensure, Context, Result};
use chacha20poly1305::{
	aead::{AeadInPlace, KeyInit},
	ChaCha20Poly1305, Key, Nonce, Tag,
};
use sha3::{Digest, Sha3_256};
use zeroize::Zeroizing;

use crate::{fsutil::read_full, xwing};

/// The first bytes of every vault file.
pub const MAGIC: &[u8; 8] = b"AEGISVLT";
/// The format version this code writes and reads.
pub const FORMAT_VERSION: u8 = 1;
/// The chunk size exponent written by default: 64 KiB chunks.
pub const DEFAULT_CHUNK_EXPONENT: u8 = 16;
/// Smallest and largest chunk size exponents accepted.
pub const CHUNK_EXPONENTS: core::ops::RangeInclusive<u8> = 12..=24;
/// Length of the header.
pub const HEADER_LEN: usize = 12 + 32 + xwing::CIPHERTEXT_LEN;
/// Length of a chunk's authentication tag.
pub const TAG_LEN: usize = 16;
/// Domain tag of the payload key derivation.
const KEY_DOMAIN: &[u8] = b"aegis/vault/v1/payload-key";

/// Why a vault file was refused. Each says what the user can conclude.
#[derive(Debug, PartialEq, Eq)]
pub enum VaultError {
	/// Not a vault file (wrong magic) or a header cut short.
	NotAVault,
	/// A format version this build does not know.
	UnsupportedVersion(u8),
	/// The header is malformed (chunk size or reserved bytes).
	MalformedHeader(&'static str),
	/// The file is encrypted to another key.
	WrongRecipient { file: [u8; 32], key: [u8; 32] },
	/// Chunk `index` failed authentication: the file was altered, re-ordered or corrupted.
	Tampered { index: u64 },
	/// The file ends before its final chunk.
	Truncated { chunks: u64 },
}

impl core::fmt::Display for VaultError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			VaultError::NotAVault => {
				f.write_str("not an Aegis vault file (bad magic or short header)")
			},
			VaultError::UnsupportedVersion(version) => {
				write!(f, "vault format version {version} is not supported by this aegis")
			},
			VaultError::MalformedHeader(what) => write!(f, "malformed vault header: {what}"),
			VaultError::WrongRecipient { file, key } => write!(
				f,
				"the file is encrypted to key {}, not to this key ({})",
				crate::to_hex(file),
				crate::to_hex(key)
			),
			VaultError::Tampered { index } => write!(
				f,
				"chunk {index} failed authentication: the file was altered, re-ordered or corrupted"
			),
			VaultError::Truncated { chunks } => write!(
				f,
				"the file is truncated: it ends after {chunks} chunks, before its final chunk"
			),
		}
	}
}

impl std::error::Error for VaultError {}

/// The recipient id written in the header: SHA3-256 of the X-Wing public key.
pub fn recipient_id(public: &xwing::PublicKey) -> [u8; 32] {
	crate::keyfile::fingerprint(&public.0)
}

fn payload_cipher(shared: &[u8; 32], header: &[u8; HEADER_LEN]) -> ChaCha20Poly1305 {
	let mut hasher = Sha3_256::new();
	hasher.update(KEY_DOMAIN);
	hasher.update(shared);
	hasher.update(header);
	let key = Zeroizing::new(<[u8; 32]>::from(hasher.finalize()));
	ChaCha20Poly1305::new(Key::from_slice(&key[..]))
}

fn nonce(index: u64, last: bool) -> Nonce {
	let mut nonce = [0u8; 12];
	nonce[3..11].copy_from_slice(&index.to_be_bytes());
	nonce[11] = u8::from(last);
	nonce.into()
}

fn header(
	chunk_exponent: u8,
	recipient: &[u8; 32],
	ciphertext: &[u8; xwing::CIPHERTEXT_LEN],
) -> [u8; HEADER_LEN] {
	let mut header = [0u8; HEADER_LEN];
	header[..8].copy_from_slice(MAGIC);
	header[8] = FORMAT_VERSION;
	header[9] = chunk_exponent;
	header[12..44].copy_from_slice(recipient);
	header[44..].copy_from_slice(ciphertext);
	header
}

/// Encrypts everything `input` yields to `recipient`, writing the vault to `output`.
/// `on_progress` is told the plaintext bytes done after each chunk. Returns the plaintext size.
pub fn encrypt(
	recipient: &xwing::PublicKey,
	chunk_exponent: u8,
	input: impl Read,
	output: impl Write,
	on_progress: impl FnMut(u64),
) -> Result<u64> {
	let (shared, ciphertext) = xwing::encapsulate(recipient)?;
	encrypt_with_secret(recipient, chunk_exponent, &shared, &ciphertext, input, output, on_progress)
}

/// [`encrypt`] with a given encapsulation. Private: the same encapsulation used twice would
/// mean the same key and nonces for two plaintexts.
fn encrypt_with_secret(
	recipient: &xwing::PublicKey,
	chunk_exponent: u8,
	shared: &[u8; 32],
	kem_ciphertext: &[u8; xwing::CIPHERTEXT_LEN],
	mut input: impl Read,
	mut output: impl Write,
	mut on_progress: impl FnMut(u64),
) -> Result<u64> {
	ensure!(
		CHUNK_EXPONENTS.contains(&chunk_exponent),
		"the chunk size exponent must be from 12 to 24 (4 KiB to 16 MiB)"
	);
	let header = header(chunk_exponent, &recipient_id(recipient), kem_ciphertext);
	let cipher = payload_cipher(shared, &header);
	output.write_all(&header).context("cannot write the vault")?;
	let chunk_len = 1usize << chunk_exponent;
	// Two buffers: a chunk is sealed only once the next read tells whether it is the last.
	let mut current = vec![0u8; chunk_len + TAG_LEN];
	let mut next = vec![0u8; chunk_len + TAG_LEN];
	let mut current_len =
		read_full(&mut input, &mut current[..chunk_len]).context("cannot read the input")?;
	let (mut index, mut done) = (0u64, 0u64);
	loop {
		let next_len = if current_len == chunk_len {
			read_full(&mut input, &mut next[..chunk_len]).context("cannot read the input")?
		} else {
			0
		};
		let last = next_len == 0;
		let tag = cipher
			.encrypt_in_place_detached(&nonce(index, last), &[], &mut current[..current_len])
			.map_err(|_| anyhow::anyhow!("encryption failed"))?;
		current[current_len..current_len + TAG_LEN].copy_from_slice(&tag);
		output
			.write_all(&current[..current_len + TAG_LEN])
			.context("cannot write the vault")?;
		done = done.saturating_add(current_len as u64);
		on_progress(done);
		if last {
			break;
		}
		index = index.checked_add(1).context("too many chunks")?;
		core::mem::swap(&mut current, &mut next);
		current_len = next_len;
	}
	output.flush().context("cannot write the vault")?;
	Ok(done)
}

/// The parsed header of a vault file.
pub struct VaultHeader {
	/// The raw bytes, bound into the payload key.
	pub bytes: [u8; HEADER_LEN],
	/// Plaintext bytes per chunk.
	pub chunk_len: usize,
	/// SHA3-256 of the recipient's public key.
	pub recipient: [u8; 32],
	/// The X-Wing ciphertext.
	pub kem_ciphertext: [u8; xwing::CIPHERTEXT_LEN],
}

/// Reads and checks a vault header.
pub fn read_header(input: &mut impl Read) -> Result<VaultHeader> {
	let mut bytes = [0u8; HEADER_LEN];
	let read = read_full(input, &mut bytes).context("cannot read the vault")?;
	if read < HEADER_LEN || &bytes[..8] != MAGIC {
		bail!(VaultError::NotAVault);
	}
	if bytes[8] != FORMAT_VERSION {
		bail!(VaultError::UnsupportedVersion(bytes[8]));
	}
	if !CHUNK_EXPONENTS.contains(&bytes[9]) {
		bail!(VaultError::MalformedHeader("chunk size out of range"));
	}
	if bytes[10..12] != [0, 0] {
		bail!(VaultError::MalformedHeader("reserved bytes are not zero"));
	}
	let mut recipient = [0u8; 32];
	recipient.copy_from_slice(&bytes[12..44]);
	let mut kem_ciphertext = [0u8; xwing::CIPHERTEXT_LEN];
	kem_ciphertext.copy_from_slice(&bytes[44..]);
	Ok(VaultHeader { bytes, chunk_len: 1 << bytes[9], recipient, kem_ciphertext })
}

/// Decrypts a vault from `input` with `secret`, writing the plaintext to `output`.
///
/// `output` receives plaintext chunk by chunk as they authenticate; the caller must discard it
/// unless this returns `Ok` (the command writes to a temporary file for that reason). Returns
/// the plaintext size.
pub fn decrypt(
	secret: &xwing::SecretKey,
	input: impl Read,
	mut output: impl Write,
	mut on_progress: impl FnMut(u64),
) -> Result<u64> {
	let mut input = BufReader::with_capacity(1 << 20, input);
	let header = read_header(&mut input)?;
	let key = recipient_id(secret.public_key());
	if header.recipient != key {
		bail!(VaultError::WrongRecipient { file: header.recipient, key });
	}
	let shared = secret.decapsulate(&header.kem_ciphertext)?;
	let cipher = payload_cipher(&shared, &header.bytes);
	let chunk_len = header.chunk_len;
	let mut chunk = vec![0u8; chunk_len + TAG_LEN];
	let (mut index, mut done) = (0u64, 0u64);
	loop {
		let read = read_full(&mut input, &mut chunk).context("cannot read the vault")?;
		// A full chunk is the last one exactly when nothing follows it.
		let at_end =
			read < chunk.len() || input.fill_buf().context("cannot read the vault")?.is_empty();
		if read < TAG_LEN {
			bail!(VaultError::Truncated { chunks: index });
		}
		let plaintext_len = read - TAG_LEN;
		if at_end && plaintext_len == 0 && index > 0 {
			bail!(VaultError::Tampered { index });
		}
		let tag = Tag::clone_from_slice(&chunk[plaintext_len..read]);
		let plaintext = &mut chunk[..plaintext_len];
		// ChaCha20-Poly1305 checks the tag before it decrypts: a refused chunk stays untouched.
		if cipher
			.decrypt_in_place_detached(&nonce(index, at_end), &[], plaintext, &tag)
			.is_err()
		{
			// Cut exactly at a chunk boundary: the last chunk present authenticates as a middle one.
			if at_end
				&& cipher
					.decrypt_in_place_detached(&nonce(index, false), &[], plaintext, &tag)
					.is_ok()
			{
				bail!(VaultError::Truncated { chunks: index + 1 });
			}
			bail!(VaultError::Tampered { index });
		}
		output.write_all(plaintext).context("cannot write the plaintext")?;
		done = done.saturating_add(plaintext_len as u64);
		on_progress(done);
		if at_end {
			break;
		}
		index = index.checked_add(1).context("too many chunks")?;
	}
	output.flush().context("cannot write the plaintext")?;
	Ok(done)
}
