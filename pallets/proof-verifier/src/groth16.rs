//! The Groth16 verifier over BN254: arkworks' curve arithmetic, run as plain wasm.
//!
//! The bytes come in snarkjs' layout (`aegis_integrity::groth16`). A proof is accepted when
//!
//! ```text
//! e(−A, B) · e(α, β) · e(L, γ) · e(C, δ) = 1,   L = IC₀ + Σᵢ xᵢ·ICᵢ₊₁
//! ```
//!
//! which is the Groth16 equation `e(A, B) = e(α, β)·e(L, γ)·e(C, δ)` as one multi-pairing: four
//! Miller loops share one final exponentiation.
//!
//! Points are validated where they enter: a verification key when it is registered (on the
//! curve, in the prime-order subgroup, the fixed points not at infinity), a proof every time it
//! is verified. Stored keys are therefore decoded without repeating the subgroup checks, which
//! are the most expensive part of decoding in G2.

use alloc::vec::Vec;
use ark_bn254::{Bn254, Fq, Fq2, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{BigInt, BigInteger, PrimeField, Zero};

use crate::types::{FieldBytes, G1Point, G2Point, Groth16Proof, Groth16VerifyingKey};
use frame_support::traits::Get;

/// Why a key or a proof was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Groth16Error {
	/// A point of the key is not on BN254, not in its prime-order subgroup, has a coordinate
	/// that is not a canonical field element, or is at infinity where it may not be.
	MalformedVerifyingKey,
	/// A point of the proof is invalid in one of the same ways.
	MalformedProof,
	/// A public input is not below the scalar field modulus.
	PublicInputOutOfRange,
	/// The key expects another number of public inputs.
	PublicInputCountMismatch,
	/// The pairing equation does not hold: the proof is not valid for these inputs.
	ProofRejected,
}

/// How much to trust a point's bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
	/// From a transaction: check the field, the curve and the subgroup.
	Untrusted,
	/// From storage, written only after [`check_verifying_key`] passed: check the field only
	/// (a conversion that cannot be skipped).
	Validated,
}

fn bigint(bytes: &FieldBytes) -> BigInt<4> {
	let mut limbs = [0u64; 4];
	// The last 8 bytes are the least significant limb.
	for (limb, chunk) in limbs.iter_mut().zip(bytes.rchunks_exact(8)) {
		*limb = chunk.iter().fold(0u64, |value, byte| (value << 8) | u64::from(*byte));
	}
	BigInt::new(limbs)
}

fn field_bytes(value: BigInt<4>) -> FieldBytes {
	let mut bytes = [0u8; 32];
	for (target, source) in bytes.iter_mut().zip(value.to_bytes_be()) {
		*target = source;
	}
	bytes
}

/// A base-field element from its canonical big-endian bytes.
fn fq(bytes: &FieldBytes) -> Option<Fq> {
	Fq::from_bigint(bigint(bytes))
}

/// A public input from its canonical big-endian bytes.
pub fn public_input(bytes: &FieldBytes) -> Option<Fr> {
	Fr::from_bigint(bigint(bytes))
}

fn is_infinity<const N: usize>(coordinates: [&FieldBytes; N]) -> bool {
	coordinates.iter().all(|c| c.iter().all(|byte| *byte == 0))
}

fn g1(point: &G1Point, origin: Origin) -> Option<G1Affine> {
	if is_infinity([&point.x, &point.y]) {
		return Some(G1Affine::identity());
	}
	let point = G1Affine::new_unchecked(fq(&point.x)?, fq(&point.y)?);
	let valid = origin == Origin::Validated
		|| (point.is_on_curve() && point.is_in_correct_subgroup_assuming_on_curve());
	valid.then_some(point)
}

fn g2(point: &G2Point, origin: Origin) -> Option<G2Affine> {
	let [x0, x1] = &point.x;
	let [y0, y1] = &point.y;
	if is_infinity([x0, x1, y0, y1]) {
		return Some(G2Affine::identity());
	}
	let point = G2Affine::new_unchecked(Fq2::new(fq(x0)?, fq(x1)?), Fq2::new(fq(y0)?, fq(y1)?));
	let valid = origin == Origin::Validated
		|| (point.is_on_curve() && point.is_in_correct_subgroup_assuming_on_curve());
	valid.then_some(point)
}

fn finite<P: AffineRepr>(point: Option<P>) -> Option<P> {
	point.filter(|p| !p.is_zero())
}

/// Checks every point of a verification key (see the module documentation). Costs three G2
/// subgroup checks and one on-curve check per `IC` point.
pub fn check_verifying_key<M: Get<u32>>(key: &Groth16VerifyingKey<M>) -> Result<(), Groth16Error> {
	let malformed = Groth16Error::MalformedVerifyingKey;
	finite(g1(&key.alpha, Origin::Untrusted)).ok_or(malformed).map(drop)?;
	for point in [&key.beta, &key.gamma, &key.delta] {
		finite(g2(point, Origin::Untrusted)).ok_or(malformed).map(drop)?;
	}
	if key.ic.is_empty() {
		return Err(malformed);
	}
	for point in key.ic.iter() {
		g1(point, Origin::Untrusted).ok_or(malformed).map(drop)?;
	}
	Ok(())
}

/// Verifies `proof` for `public_inputs` under `key`, which [`check_verifying_key`] accepted
/// when it was registered. The cheap checks (the number of inputs, their range, the proof's
/// points) run before the pairing.
pub fn verify_proof<M: Get<u32>>(
	key: &Groth16VerifyingKey<M>,
	proof: &Groth16Proof,
	public_inputs: &[FieldBytes],
) -> Result<(), Groth16Error> {
	if public_inputs.len().checked_add(1) != Some(key.ic.len()) {
		return Err(Groth16Error::PublicInputCountMismatch);
	}
	let inputs = public_inputs
		.iter()
		.map(|input| public_input(input).ok_or(Groth16Error::PublicInputOutOfRange))
		.collect::<Result<Vec<_>, _>>()?;

	let a = finite(g1(&proof.a, Origin::Untrusted)).ok_or(Groth16Error::MalformedProof)?;
	let b = finite(g2(&proof.b, Origin::Untrusted)).ok_or(Groth16Error::MalformedProof)?;
	let c = finite(g1(&proof.c, Origin::Untrusted)).ok_or(Groth16Error::MalformedProof)?;

	let malformed = Groth16Error::MalformedVerifyingKey;
	let alpha = g1(&key.alpha, Origin::Validated).ok_or(malformed)?;
	let beta = g2(&key.beta, Origin::Validated).ok_or(malformed)?;
	let gamma = g2(&key.gamma, Origin::Validated).ok_or(malformed)?;
	let delta = g2(&key.delta, Origin::Validated).ok_or(malformed)?;
	let ic = key
		.ic
		.iter()
		.map(|point| g1(point, Origin::Validated).ok_or(malformed))
		.collect::<Result<Vec<_>, _>>()?;
	let (ic_constant, ic_inputs) = ic.split_first().ok_or(malformed)?;

	let inputs_term = G1Projective::msm_unchecked(ic_inputs, &inputs) + ic_constant;
	let product =
		Bn254::multi_pairing([-a, alpha, inputs_term.into_affine(), c], [b, beta, gamma, delta]);
	if product.is_zero() {
		Ok(())
	} else {
		Err(Groth16Error::ProofRejected)
	}
}

/// The bytes of an arkworks G1 point (for tests, benchmarks and tools that prove with arkworks).
pub fn encode_g1(point: &G1Affine) -> G1Point {
	match point.xy() {
		Some((x, y)) => {
			G1Point { x: field_bytes(x.into_bigint()), y: field_bytes(y.into_bigint()) }
		},
		None => G1Point::default(),
	}
}

/// The bytes of an arkworks G2 point.
pub fn encode_g2(point: &G2Affine) -> G2Point {
	match point.xy() {
		Some((x, y)) => G2Point {
			x: [field_bytes(x.c0.into_bigint()), field_bytes(x.c1.into_bigint())],
			y: [field_bytes(y.c0.into_bigint()), field_bytes(y.c1.into_bigint())],
		},
		None => G2Point::default(),
	}
}

/// The bytes of a scalar (a public input).
pub fn encode_scalar(value: &Fr) -> FieldBytes {
	field_bytes(value.into_bigint())
}

/// Keys and proofs made with the Groth16 *simulator*: whoever knows the trapdoor of a key
/// (α, β, γ, δ and the `IC` discrete logarithms) can make a valid proof for any inputs without
/// a circuit. That is exactly what benchmarks need — a valid proof for every number of public
/// inputs, in wasm, in milliseconds — and it costs the verifier exactly what a real proof costs.
/// (Proofs from a real prover are tested separately.)
#[cfg(any(test, feature = "std", feature = "runtime-benchmarks"))]
pub mod simulated {
	use super::*;
	use ark_ff::Field;
	use frame_support::BoundedVec;

	fn scalar(seed: u64, index: u64) -> Fr {
		// Distinct, non-zero and unrelated enough for a benchmark: 2^64-spaced odd numbers
		// squared.
		let value = Fr::from(seed) * Fr::from(1u128 << 64) + Fr::from(2 * index + 1);
		value.square()
	}

	/// A verification key for `public_inputs` inputs, a proof and the inputs it proves.
	pub fn circuit<M: Get<u32>>(
		public_inputs: u32,
		seed: u64,
	) -> Option<(Groth16VerifyingKey<M>, Groth16Proof, Vec<FieldBytes>)> {
		let inputs: Vec<FieldBytes> = (0..u64::from(public_inputs))
			.map(|i| encode_scalar(&scalar(seed, 1000 + i)))
			.collect();
		circuit_for_inputs(&inputs, seed)
	}

	/// A verification key for `inputs.len()` inputs and a proof for exactly these inputs.
	pub fn circuit_for_inputs<M: Get<u32>>(
		inputs: &[FieldBytes],
		seed: u64,
	) -> Option<(Groth16VerifyingKey<M>, Groth16Proof, Vec<FieldBytes>)> {
		let g1 = G1Affine::generator();
		let g2 = G2Affine::generator();
		let [alpha, beta, gamma, delta, a, b] = core::array::from_fn(|i| scalar(seed, i as u64));
		let ic: Vec<Fr> = (0..=inputs.len() as u64).map(|i| scalar(seed, 100 + i)).collect();
		let scalars = inputs.iter().map(public_input).collect::<Option<Vec<Fr>>>()?;
		let (ic_constant, ic_inputs) = ic.split_first()?;
		let inputs_term = ic_inputs
			.iter()
			.zip(&scalars)
			.fold(*ic_constant, |sum, (ic, input)| sum + *ic * input);
		// e(A, B) = e(α, β) e(L, γ) e(C, δ)  ⇔  ab = αβ + γL + δc.
		let c = (a * b - alpha * beta - gamma * inputs_term) * delta.inverse()?;

		let key = Groth16VerifyingKey {
			alpha: encode_g1(&(g1 * alpha).into_affine()),
			beta: encode_g2(&(g2 * beta).into_affine()),
			gamma: encode_g2(&(g2 * gamma).into_affine()),
			delta: encode_g2(&(g2 * delta).into_affine()),
			ic: BoundedVec::try_from(
				ic.iter().map(|s| encode_g1(&(g1 * s).into_affine())).collect::<Vec<_>>(),
			)
			.ok()?,
		};
		let proof = Groth16Proof {
			a: encode_g1(&(g1 * a).into_affine()),
			b: encode_g2(&(g2 * b).into_affine()),
			c: encode_g1(&(g1 * c).into_affine()),
		};
		Some((key, proof, inputs.to_vec()))
	}
}
