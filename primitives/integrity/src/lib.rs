//! # Aegis integrity primitives
//!
//! What "this is exactly version N of the model" means, byte for byte, on every side of Aegis:
//! in the runtime (`no_std`, wasm), in the node and in the `aegis` command-line tool.
//!
//! - [`content`]: the SHA3-512 content hash of a model file, and the canonical byte encoding of
//!   a model vector (dtype, shape, little-endian values) that is hashed the same way.
//! - [`merkle`]: a binary Merkle tree over SHA3-512 with domain-separated leaves and inner
//!   nodes, whose proofs bind the leaf's index and the tree's size.
//!
//! The crate depends on nothing of Substrate but SCALE, so tools that only hash and prove build
//! in seconds.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod content;
pub mod merkle;

/// A SHA3-512 digest.
pub type Sha3_512Hash = [u8; 64];

/// SHA3-512 (FIPS 202) of `bytes`.
///
/// Not `keccak_512`: Keccak as submitted to the SHA-3 competition pads differently and gives
/// different digests; users check our hashes with standard SHA3 tools (`sha3sum -a 512`,
/// Python's `hashlib.sha3_512`).
pub fn sha3_512(bytes: &[u8]) -> Sha3_512Hash {
	use sha3::Digest;
	sha3::Sha3_512::digest(bytes).into()
}
