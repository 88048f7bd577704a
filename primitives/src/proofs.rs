//! How Aegis pallets ask for evidence to be checked.
//!
//! The proof-verification pallet implements [`VerifyProof`]; pallets that accept evidence (the
//! model registry first) depend on this trait only, so they can be tested against a mock and
//! never reach into the verifier's storage. Every check returns the verifier's typed error on
//! failure, and every kind of check has a benchmarked weight the caller adds to its own.

pub use aegis_integrity::{
	groth16::{FieldBytes, Groth16Proof},
	merkle::MerkleProof,
	pq::MlDsaSignature,
	Sha3_512Hash,
};
use sp_runtime::{DispatchResult, Weight};

/// Identifier of an ML-DSA-65 public key registered on chain.
pub type MlDsaKeyId = u32;

/// Identifier of a Groth16 verification key registered on chain.
pub type VerifyingKeyId = u32;

/// Checks evidence against what is registered on chain.
pub trait VerifyProof<AccountId> {
	/// `leaf_hash` is the `proof.leaf_index`-th of `proof.leaf_count` leaves under `root`.
	fn verify_merkle(
		root: &Sha3_512Hash,
		leaf_hash: &Sha3_512Hash,
		proof: &MerkleProof,
	) -> DispatchResult;

	/// `proof` is a valid Groth16 proof for `public_inputs` under the registered verification
	/// key `key`.
	fn verify_groth16(
		key: VerifyingKeyId,
		proof: &Groth16Proof,
		public_inputs: &[FieldBytes],
	) -> DispatchResult;

	/// `signature` is an ML-DSA-65 signature by the key `key`, which is registered to `signer`
	/// and not revoked, over `payload` for `purpose` on this chain (see `aegis_integrity::pq`).
	fn verify_ml_dsa(
		key: MlDsaKeyId,
		signer: &AccountId,
		purpose: &[u8],
		payload: &[u8],
		signature: &MlDsaSignature,
	) -> DispatchResult;

	/// The account the ML-DSA key `key` is registered to, if it is registered.
	fn ml_dsa_key_owner(key: MlDsaKeyId) -> Option<AccountId>;

	/// The number of public inputs of the verification key `key`, if it is registered.
	fn verifying_key_inputs(key: VerifyingKeyId) -> Option<u32>;

	/// The weight of [`Self::verify_merkle`] for a proof of `depth` siblings.
	fn merkle_weight(depth: u32) -> Weight;

	/// The weight of [`Self::verify_groth16`] with `public_inputs` inputs.
	fn groth16_weight(public_inputs: u32) -> Weight;

	/// The weight of [`Self::verify_ml_dsa`] over a payload of `payload_len` bytes.
	fn ml_dsa_weight(payload_len: u32) -> Weight;

	/// Registers, for benchmarks of the pallets that read keys, the ML-DSA key made from the
	/// 32-byte seed `[seed; 32]` (FIPS 204 `KeyGen`) to `owner` and a Groth16 verification key
	/// of `public_inputs` inputs, as the verifier's own calls would (funds for the deposits are
	/// minted to `owner`). Returns their ids.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_benchmark_keys(
		owner: &AccountId,
		seed: u8,
		public_inputs: u32,
	) -> (MlDsaKeyId, VerifyingKeyId);
}

/// Keeps ML-DSA keys that something depends on from being revoked.
///
/// A model whose policy names a signing key is protected by that key: revoking it would leave
/// the model either frozen or — if the policy were then changed without it — unprotected. The
/// registry therefore pins every key an active policy names, and the verifier refuses to
/// revoke a pinned key. Pins are counted: a key named by three policies needs three unpins.
pub trait PinMlDsaKey {
	/// Adds a pin to `key`.
	fn pin_ml_dsa_key(key: MlDsaKeyId) -> DispatchResult;

	/// Removes a pin from `key` (nothing if it has none).
	fn unpin_ml_dsa_key(key: MlDsaKeyId);

	/// The number of pins on `key`.
	fn ml_dsa_key_pins(key: MlDsaKeyId) -> u32;
}
