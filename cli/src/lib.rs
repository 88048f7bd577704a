//! The library behind the `aegis` command: everything the command does that is worth testing or
//! benchmarking on its own — streaming model digests, key files, the X-Wing hybrid KEM, the
//! vault file format and the signature files of updates and owner actions. The command line itself lives in `main.rs` and `commands/`.
//!
//! Every format here is the chain's: digests and signatures come from `aegis-integrity`, the
//! crate the runtime verifies with, so what this tool produces is accepted byte for byte.

pub mod fsutil;
pub mod keyfile;
pub mod model;
pub mod progress;
pub mod signed;
pub mod vault;
pub mod xwing;

/// What went wrong, when the command should say more than "error": the kind decides the exit
/// code (see `main.rs`).
#[derive(Debug)]
pub enum CheckFailed {
	/// A proof, signature or digest was checked and does not hold.
	Mismatch(String),
}

impl core::fmt::Display for CheckFailed {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			CheckFailed::Mismatch(what) => f.write_str(what),
		}
	}
}

impl std::error::Error for CheckFailed {}

/// `0x`-prefixed lowercase hex, the way Substrate tools print bytes.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Bytes from hex with or without `0x`; `what` names the value in the error.
pub fn from_hex(text: &str, what: &str) -> anyhow::Result<Vec<u8>> {
	let digits = text.trim().strip_prefix("0x").unwrap_or(text.trim());
	hex::decode(digits).map_err(|error| anyhow::anyhow!("{what} is not valid hex: {error}"))
}

/// Exactly `N` bytes from hex; `what` names the value in the error.
pub fn from_hex_array<const N: usize>(text: &str, what: &str) -> anyhow::Result<[u8; N]> {
	let bytes = from_hex(text, what)?;
	let len = bytes.len();
	bytes
		.try_into()
		.map_err(|_| anyhow::anyhow!("{what} must be {N} bytes ({} hex digits), got {len}", 2 * N))
}
