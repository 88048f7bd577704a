//! # Aegis integrity primitives
//!
//! What "this is exactly version N of the model" means, byte for byte, on every side of Aegis:
//! in the runtime (`no_std`, wasm), in the node and in the `aegis` command-line tool.
//!
//! - [`content`]: the SHA3-512 content hash of a model file, and the canonical byte encoding of
//!   a model vector (dtype, shape, little-endian values) that is hashed the same way.
//! - [`merkle`]: a binary Merkle tree over SHA3-512 with domain-separated leaves and inner
//!   nodes, whose proofs bind the leaf's index and the tree's size.
//! - [`pq`]: ML-DSA-65 (FIPS 204) signatures over messages bound to a chain and a purpose.
//! - [`groth16`]: the bytes of Groth16 proofs and keys over BN254, in snarkjs' layout.
//! - [`update`]: what a model owner signs to publish a version, and how a zero-knowledge
//!   proof is bound to one version.
//!
//! The crate depends on nothing of Substrate but SCALE (and a FIPS 204 implementation), so
//! tools that only hash, prove and sign build in seconds.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod content;
pub mod groth16;
pub mod merkle;
pub mod pq;
pub mod update;

/// A SHA3-512 digest.
pub type Sha3_512Hash = [u8; 64];

/// A SHA3-256 digest.
pub type Sha3_256Hash = [u8; 32];

/// SHA3-256 (FIPS 202) of `bytes`: for identifiers, where 128 bits of collision resistance
/// suffice and a shorter storage key is cheaper.
pub fn sha3_256(bytes: &[u8]) -> Sha3_256Hash {
	use sha3::Digest;
	sha3::Sha3_256::digest(bytes).into()
}

/// SHA3-512 (FIPS 202) of `bytes`.
///
/// Not `keccak_512`: Keccak as submitted to the SHA-3 competition pads differently and gives
/// different digests; users check our hashes with standard SHA3 tools (`sha3sum -a 512`,
/// Python's `hashlib.sha3_512`).
pub fn sha3_512(bytes: &[u8]) -> Sha3_512Hash {
	use sha3::Digest;
	sha3::Sha3_512::digest(bytes).into()
}
