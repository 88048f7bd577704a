//! How Aegis pallets ask for evidence to be checked.
//!
//! The proof-verification pallet implements [`VerifyProof`]; pallets that accept evidence (the
//! model registry first) depend on this trait only, so they can be tested against a mock and
//! never reach into the verifier's storage. Every check returns the verifier's typed error on
//! failure, and every kind of check has a benchmarked weight the caller adds to its own.

pub use aegis_integrity::{
	groth16::{FieldBytes, Groth16Proof},
	merkle::MerkleProof,
	pq::{Algorithm, PqSignature},
	Sha3_512Hash,
};
use sp_runtime::{DispatchResult, Weight};

/// Identifier of a post-quantum signing key (any [`Algorithm`]) registered on chain.
pub type SigningKeyId = u32;

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

	/// `signature` is a signature by the signing key `key`, which is registered (to any
	/// account) and not revoked, of the key's algorithm, over `payload` for `purpose` on this
	/// chain (see `aegis_integrity::pq`). Callers decide whose keys they accept, when the key
	/// is named (see [`Self::signing_key_owner`]).
	fn verify_signature(
		key: SigningKeyId,
		purpose: &[u8],
		payload: &[u8],
		signature: &PqSignature,
	) -> DispatchResult;

	/// The account the signing key `key` is registered to, if it is registered.
	fn signing_key_owner(key: SigningKeyId) -> Option<AccountId>;

	/// The number of public inputs of the verification key `key`, if it is registered.
	fn verifying_key_inputs(key: VerifyingKeyId) -> Option<u32>;

	/// The weight of [`Self::verify_merkle`] for a proof of `depth` siblings.
	fn merkle_weight(depth: u32) -> Weight;

	/// The weight of [`Self::verify_groth16`] with `public_inputs` inputs.
	fn groth16_weight(public_inputs: u32) -> Weight;

	/// The weight of [`Self::verify_signature`] for a signature of `algorithm` over a payload
	/// of `payload_len` bytes.
	fn signature_weight(algorithm: Algorithm, payload_len: u32) -> Weight;

	/// Registers, for benchmarks of the pallets that read keys, the ML-DSA-65 signing key made
	/// from the 32-byte seed `[seed; 32]` (FIPS 204 `KeyGen`) to `owner` and a Groth16 verification key
	/// of `public_inputs` inputs, as the verifier's own calls would (funds for the deposits are
	/// minted to `owner`). Returns their ids.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_benchmark_keys(
		owner: &AccountId,
		seed: u8,
		public_inputs: u32,
	) -> (SigningKeyId, VerifyingKeyId);
}

/// Keeps signing keys that something depends on from being revoked.
///
/// A model whose policy names its owner's signing keys is protected by them: revoking one
/// would leave the model either frozen or — if the policy were then changed without it —
/// unprotected. The registry therefore pins the owner's keys an active policy names, and the
/// verifier refuses to revoke a pinned key. Pins are counted: a key named by three policies
/// needs three unpins.
pub trait PinSigningKey {
	/// Adds a pin to `key`.
	fn pin_signing_key(key: SigningKeyId) -> DispatchResult;

	/// Removes a pin from `key` (nothing if it has none).
	fn unpin_signing_key(key: SigningKeyId);

	/// The number of pins on `key`.
	fn signing_key_pins(key: SigningKeyId) -> u32;
}
