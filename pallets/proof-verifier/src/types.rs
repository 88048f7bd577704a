//! The records this pallet stores and the statements it verifies.

use core::marker::PhantomData;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::ConstU32, traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;

pub use aegis_integrity::{
	groth16::{FieldBytes, G1Point, G2Point, Groth16Proof},
	merkle::MerkleProof,
	pq::{Algorithm, PqPublicKey, PqSignature, MAX_PURPOSE_LEN},
	Sha3_256Hash, Sha3_512Hash,
};
pub use aegis_primitives::proofs::{SigningKeyId, VerifyingKeyId};

use crate::Config;
use frame_support::traits::fungible::Inspect;

/// The identifier of a statement: `SHA3-256("aegis/statement/v1" ‖ SCALE(statement))`.
pub type StatementHash = Sha3_256Hash;

/// Domain tag of [`StatementHash`].
pub const STATEMENT_HASH_DOMAIN: &[u8] = b"aegis/statement/v1";

/// The purpose of an application signature, at most [`MAX_PURPOSE_LEN`] bytes.
pub type Purpose = BoundedVec<u8, ConstU32<{ MAX_PURPOSE_LEN as u32 }>>;

/// A post-quantum signing key registered to an account. Its algorithm is the key's variant.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct SigningKeyRecord<AccountId, Balance, BlockNumber> {
	/// The account the key is registered to: the only one that may rotate or revoke it, and
	/// the signer other pallets check for.
	pub owner: AccountId,
	/// The key, of one of the algorithms in `aegis_integrity::pq::Algorithm`.
	pub public_key: PqPublicKey,
	/// How many times the key was rotated. Rotation signatures name the generation they
	/// replace, so an old rotation can never be replayed to bring back a retired key.
	pub generation: u32,
	/// The block of the registration or the last rotation.
	pub since: BlockNumber,
	/// Held from the owner while the key is registered: the price of the record
	/// (`Pallet::signing_key_deposit`), set at registration and again at each rotation that
	/// changes the key's length (the difference is then held or released).
	pub deposit: Balance,
}

/// Bound of a verification key's `IC` points: one more than the public inputs.
pub struct IcBound<MaxPublicInputs>(PhantomData<MaxPublicInputs>);

impl<MaxPublicInputs: Get<u32>> Get<u32> for IcBound<MaxPublicInputs> {
	fn get() -> u32 {
		MaxPublicInputs::get().saturating_add(1)
	}
}

/// A Groth16 verification key over BN254, in snarkjs' layout (`verification_key.json`):
/// `vk_alpha_1`, `vk_beta_2`, `vk_gamma_2`, `vk_delta_2` and `IC`.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxPublicInputs))]
#[codec(mel_bound(MaxPublicInputs: Get<u32>))]
pub struct Groth16VerifyingKey<MaxPublicInputs: Get<u32>> {
	/// `vk_alpha_1`.
	pub alpha: G1Point,
	/// `vk_beta_2`.
	pub beta: G2Point,
	/// `vk_gamma_2`.
	pub gamma: G2Point,
	/// `vk_delta_2`.
	pub delta: G2Point,
	/// `IC`: the constant term, then one point per public input.
	pub ic: BoundedVec<G1Point, IcBound<MaxPublicInputs>>,
}

impl<MaxPublicInputs: Get<u32>> Groth16VerifyingKey<MaxPublicInputs> {
	/// How many public inputs a proof under this key has.
	pub fn public_inputs(&self) -> u32 {
		(self.ic.len() as u32).saturating_sub(1)
	}
}

/// A registered Groth16 verification key.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxPublicInputs))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen, MaxPublicInputs: Get<u32>))]
pub struct VerifyingKeyRecord<AccountId, Balance, MaxPublicInputs: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Who registered the key, and may remove it.
	pub owner: AccountId,
	/// The key.
	pub key: Groth16VerifyingKey<MaxPublicInputs>,
	/// Held from the owner while the key is registered.
	pub deposit: Balance,
}

/// What a statement claims, and the evidence for it.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxPayloadLen, MaxPublicInputs))]
#[codec(mel_bound(MaxPayloadLen: Get<u32>, MaxPublicInputs: Get<u32>))]
// The signature makes the signature variant up to 17 KB; statements travel boxed (`attest` takes a
// `Box<Statement>`), so that size is paid once per call, never per element of a collection.
#[allow(clippy::large_enum_variant)]
pub enum Statement<MaxPayloadLen: Get<u32>, MaxPublicInputs: Get<u32>> {
	/// A leaf (e.g. a model shard, by its leaf hash `SHA3-512(0x00 ‖ shard)`) is the
	/// `proof.leaf_index`-th of `proof.leaf_count` leaves of the tree with `root`.
	MerkleInclusion {
		/// The tree's root.
		root: Sha3_512Hash,
		/// The leaf's hash.
		leaf_hash: Sha3_512Hash,
		/// The path from the leaf to the root.
		proof: MerkleProof,
	},
	/// A Groth16 proof for `public_inputs` under the registered verification key `key`.
	Groth16 {
		/// The registered verification key.
		key: VerifyingKeyId,
		/// The proof (snarkjs' `pi_a`, `pi_b`, `pi_c`).
		proof: Groth16Proof,
		/// The public signals (snarkjs' `public.json`), big-endian.
		public_inputs: BoundedVec<FieldBytes, MaxPublicInputs>,
	},
	/// The registered signing key `key` signed `payload` for `purpose` on this chain, with
	/// the key's algorithm.
	Signature {
		/// The registered key.
		key: SigningKeyId,
		/// What the signature is for (see `aegis_integrity::pq`).
		purpose: Purpose,
		/// What was signed.
		payload: BoundedVec<u8, MaxPayloadLen>,
		/// The signature.
		signature: PqSignature,
	},
}

impl<MaxPayloadLen: Get<u32>, MaxPublicInputs: Get<u32>> Statement<MaxPayloadLen, MaxPublicInputs> {
	/// Which kind of proof the statement carries.
	pub fn kind(&self) -> ProofKind {
		match self {
			Self::MerkleInclusion { .. } => ProofKind::MerkleInclusion,
			Self::Groth16 { .. } => ProofKind::Groth16,
			Self::Signature { .. } => ProofKind::Signature,
		}
	}

	/// The statement as a verified proof, for [`aegis_primitives::incentives::OnProofVerified`].
	pub fn verified_proof(&self) -> aegis_primitives::incentives::VerifiedProof<'_> {
		use aegis_primitives::incentives::VerifiedProof;
		match self {
			Self::MerkleInclusion { .. } => VerifiedProof::MerkleInclusion,
			Self::Groth16 { key, public_inputs, .. } => {
				VerifiedProof::Groth16 { key: *key, public_inputs: public_inputs.as_slice() }
			},
			Self::Signature { .. } => VerifiedProof::Signature,
		}
	}

	/// The statement's identifier (see [`StatementHash`]).
	pub fn hash(&self) -> StatementHash {
		let mut preimage = STATEMENT_HASH_DOMAIN.to_vec();
		self.encode_to(&mut preimage);
		aegis_integrity::sha3_256(&preimage)
	}
}

/// The kinds of proof this pallet verifies.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub enum ProofKind {
	/// A Merkle inclusion proof over SHA3-512.
	MerkleInclusion,
	/// A Groth16 proof over BN254.
	Groth16,
	/// A post-quantum signature by a registered signing key (ML-DSA-65 in records made before
	/// signing keys could be of other algorithms).
	Signature,
}

/// The record that a statement was verified on chain.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Attestation<AccountId, Balance, BlockNumber> {
	/// Who submitted the statement; the only one that may remove the record.
	pub submitter: AccountId,
	/// The kind of proof that was verified.
	pub kind: ProofKind,
	/// The block it was verified in.
	pub verified_at: BlockNumber,
	/// Held from the submitter while the record is kept.
	pub deposit: Balance,
}

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A signing key record of the runtime.
pub type SigningKeyRecordOf<T> = SigningKeyRecord<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
/// A verification key of the runtime.
pub type Groth16VerifyingKeyOf<T> = Groth16VerifyingKey<<T as Config>::MaxPublicInputs>;
/// A verification key record of the runtime.
pub type VerifyingKeyRecordOf<T> = VerifyingKeyRecord<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	<T as Config>::MaxPublicInputs,
>;
/// A statement of the runtime.
pub type StatementOf<T> =
	Statement<<T as Config>::MaxSignedPayloadLen, <T as Config>::MaxPublicInputs>;
/// An attestation of the runtime.
pub type AttestationOf<T> = Attestation<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
