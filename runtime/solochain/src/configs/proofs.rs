//! Proof verification: the keys evidence is checked against, and what storing them costs.

use aegis_primitives::currency::deposit;
use frame_support::{parameter_types, traits::ConstU32};

use crate::{Balance, Balances, Incentives, Runtime, RuntimeHoldReason};

/// The most public inputs of a Groth16 verification key.
pub type MaxPublicInputs = ConstU32<32>;

parameter_types! {
	/// Every stored key or attestation pays for one item...
	pub const ProofDepositBase: Balance = deposit(1, 0);
	/// ...and for its bytes: an ML-DSA-65 key (about 2 KiB) holds about 2.2 AEG.
	pub const ProofDepositPerByte: Balance = deposit(0, 1);
}

impl pallet_proof_verifier::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ProofDepositBase;
	type DepositPerByte = ProofDepositPerByte;
	/// circom circuits for model attestations (dataset commitments, accuracy thresholds) have a
	/// handful of public signals; 32 leaves room without letting a key grow past 2.5 KiB.
	type MaxPublicInputs = MaxPublicInputs;
	/// A model update's signed fields (ids, version, two 64-byte hashes, nonce) take under
	/// 200 bytes; application payloads get 1 KiB.
	type MaxSignedPayloadLen = ConstU32<1024>;
	/// Proofs under keys governance rewards earn rewards.
	type OnProofVerified = Incentives;
	type WeightInfo = pallet_proof_verifier::weights::SubstrateWeight<Runtime>;
}
