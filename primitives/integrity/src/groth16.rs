//! Groth16 proofs over BN254, in the layout of the tools ZK developers use.
//!
//! circom and snarkjs (and the Solidity verifiers they export) describe a proof and a
//! verification key as JSON: coordinates as decimal strings, G1 points as `[x, y, "1"]`, G2
//! points as `[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]`, the key's `IC` array holding one point
//! more than there are public signals. These types are that layout with each coordinate as
//! 32 big-endian bytes, so converting a snarkjs file is a matter of parsing decimals: nothing is
//! reordered, negated or precomputed on the way.
//!
//! - Base-field coordinates must be below the BN254 base field modulus `q`, public inputs below
//!   the scalar field modulus `r` (the check snarkjs' Solidity verifier makes): a value and
//!   the same value plus `q` (or `r`) are different inputs, and accepting both would let one
//!   proof pass for two statements.
//! - The point at infinity is written `(0, 0)` (as in the Ethereum precompiles); it is only
//!   allowed where an honest key can contain it (an `IC` entry).
//!
//! The pairing check itself lives in the runtime (`pallet-proof-verifier`); this module only
//! fixes the bytes, so the command-line tool can produce them without arkworks.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A field element: 32 bytes, big-endian (the order of the decimal strings snarkjs writes).
pub type FieldBytes = [u8; 32];

/// A 32-byte digest as a public input: read big-endian with its first byte cleared, so the
/// 248-bit value is below the scalar field modulus (about 2^253.6) and canonical. Every digest
/// Aegis binds a proof to (a version's update commitment, a prover's reward binding) is
/// reduced this one way, which a circuit reproduces by dropping a byte.
pub fn field_element_from_digest(mut digest: [u8; 32]) -> FieldBytes {
	digest[0] = 0;
	digest
}

/// A point of BN254's G1, in affine coordinates; `(0, 0)` is the point at infinity.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct G1Point {
	/// The x coordinate.
	pub x: FieldBytes,
	/// The y coordinate.
	pub y: FieldBytes,
}

/// A point of BN254's G2 (over the quadratic extension `Fq2 = Fq[u]/(u² + 1)`), in affine
/// coordinates, each as `[c0, c1]` for `c0 + c1·u` — snarkjs' order. (The Ethereum precompile
/// and the Solidity verifiers order them `[c1, c0]`; do not copy coordinates from there.)
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct G2Point {
	/// The x coordinate, `[c0, c1]`.
	pub x: [FieldBytes; 2],
	/// The y coordinate, `[c0, c1]`.
	pub y: [FieldBytes; 2],
}

/// A Groth16 proof: snarkjs' `pi_a`, `pi_b`, `pi_c`.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Groth16Proof {
	/// `pi_a`, in G1.
	pub a: G1Point,
	/// `pi_b`, in G2.
	pub b: G2Point,
	/// `pi_c`, in G1.
	pub c: G1Point,
}
