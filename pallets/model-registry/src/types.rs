//! The records of the model registry.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

use crate::Config;

pub use aegis_integrity::{
	groth16::{FieldBytes, Groth16Proof},
	merkle::MerkleProof,
	pq::{Algorithm, PqSignature},
	update::{
		update_commitment, ModelAction, ModelActionPayload, ModelId, ModelUpdatePayload,
		VersionDeclaration, VersionNumber,
	},
	Sha3_512Hash,
};
pub use aegis_primitives::proofs::{SigningKeyId, VerifyingKeyId};

/// Identifier of a proposal within its model. Sequential, never reused.
pub type ProposalId = u32;

/// Where a model stands.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ModelStatus {
	/// Accepting updates.
	Active,
	/// Superseded: kept for its history, no longer updated.
	Deprecated,
	/// Withdrawn (e.g. found malicious): kept for its history, never updated again.
	Revoked,
}

/// What users see of a model.
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
#[scale_info(skip_type_params(MaxNameLen, MaxFrameworkLen, MaxUriLen))]
#[codec(mel_bound(MaxNameLen: Get<u32>, MaxFrameworkLen: Get<u32>, MaxUriLen: Get<u32>))]
pub struct ModelMetadata<MaxNameLen: Get<u32>, MaxFrameworkLen: Get<u32>, MaxUriLen: Get<u32>> {
	/// Human-readable name, UTF-8.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// The framework the weights are for (e.g. `pytorch`, `onnx`).
	pub framework: BoundedVec<u8, MaxFrameworkLen>,
	/// Where the weights are published (URI or IPFS CID). The chain keeps their hashes, not
	/// their bytes.
	pub uri: BoundedVec<u8, MaxUriLen>,
}

/// The post-quantum keys whose signatures a model's updates and owner actions need: any
/// `threshold` of `keys`, each signing for itself (k of n).
///
/// Keys may be registered to any account, so that several people must agree on a release;
/// keys of the model's owner are pinned (see the pallet documentation), keys of other
/// accounts are not, since naming someone's key must not take away their right to revoke it.
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
#[scale_info(skip_type_params(MaxPolicyKeys))]
#[codec(mel_bound(MaxPolicyKeys: Get<u32>))]
pub struct SigningPolicy<MaxPolicyKeys: Get<u32>> {
	/// The keys that may sign: registered, not revoked, each named once.
	pub keys: BoundedVec<SigningKeyId, MaxPolicyKeys>,
	/// How many distinct keys of `keys` must sign: at least one, at most all.
	pub threshold: u32,
}

/// The evidence an update needs, and who may put updates forward.
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
#[scale_info(skip_type_params(MaxContributors, MaxPolicyKeys))]
#[codec(mel_bound(AccountId: MaxEncodedLen, MaxContributors: Get<u32>, MaxPolicyKeys: Get<u32>))]
pub struct UpdatePolicy<AccountId, MaxContributors: Get<u32>, MaxPolicyKeys: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Every update (and every owner action, see the pallet documentation) must be signed by
	/// `threshold` of these post-quantum keys (any algorithms the proof verifier accepts), over
	/// the payload of `aegis_integrity::update`. `None`: the owner's account signature
	/// suffices.
	pub signing: Option<SigningPolicy<MaxPolicyKeys>>,
	/// Every update must carry a Groth16 proof under this verification key whose first public
	/// input is the version's `update_commitment`.
	pub zk_verifying_key: Option<VerifyingKeyId>,
	/// Accounts that may propose updates for the owner to accept.
	pub contributors: BoundedVec<AccountId, MaxContributors>,
}

impl<AccountId, MaxContributors: Get<u32>, MaxPolicyKeys: Get<u32>>
	UpdatePolicy<AccountId, MaxContributors, MaxPolicyKeys>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The signing keys the policy names; empty if it names none.
	pub fn signing_keys(&self) -> &[SigningKeyId] {
		self.signing.as_ref().map(|signing| signing.keys.as_slice()).unwrap_or_default()
	}
}

/// A signature by one of the policy's keys, naming the key so that the chain checks it
/// against that key alone.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct KeySignature {
	/// The key that signed: one the policy names.
	pub key: SigningKeyId,
	/// Its signature, of the key's algorithm.
	pub signature: PqSignature,
}

/// Signatures by distinct keys of a policy: exactly its threshold of them, in any order;
/// empty when the policy names no keys.
pub type KeySignatures<MaxPolicyKeys> = BoundedVec<KeySignature, MaxPolicyKeys>;

/// A Groth16 proof about a version.
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
pub struct ZkEvidence<MaxPublicInputs: Get<u32>> {
	/// The proof.
	pub proof: Groth16Proof,
	/// Its public inputs; the first is the version's `update_commitment`.
	pub public_inputs: BoundedVec<FieldBytes, MaxPublicInputs>,
}

/// The evidence that comes with an update.
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
#[scale_info(skip_type_params(MaxPublicInputs, MaxPolicyKeys))]
#[codec(mel_bound(MaxPublicInputs: Get<u32>, MaxPolicyKeys: Get<u32>))]
pub struct UpdateEvidence<MaxPublicInputs: Get<u32>, MaxPolicyKeys: Get<u32>> {
	/// Signatures over the `ModelUpdatePayload` by the policy's threshold of its keys; empty
	/// if the policy names none.
	pub signatures: KeySignatures<MaxPolicyKeys>,
	/// A Groth16 proof, if the policy names a verification key.
	pub zk_proof: Option<ZkEvidence<MaxPublicInputs>>,
}

/// Which evidence a version was accepted with.
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
#[scale_info(skip_type_params(MaxPolicyKeys))]
#[codec(mel_bound(MaxPolicyKeys: Get<u32>))]
pub struct EvidenceRecord<MaxPolicyKeys: Get<u32>> {
	/// The signing keys whose signatures were verified, in the order given.
	pub signed_by: BoundedVec<SigningKeyId, MaxPolicyKeys>,
	/// The verification key the Groth16 proof verified under.
	pub zk_verifying_key: Option<VerifyingKeyId>,
	/// The accepted proposal the version came from.
	pub proposal: Option<ProposalId>,
}

/// One version of a model. Versions are append-only.
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
#[scale_info(skip_type_params(MaxPolicyKeys))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen, MaxPolicyKeys: Get<u32>))]
pub struct ModelVersion<AccountId, BlockNumber, MaxPolicyKeys: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Its number, from 1.
	pub number: VersionNumber,
	/// The version it replaced.
	pub parent: Option<VersionNumber>,
	/// What was declared: hashes, shard count and size.
	pub declaration: VersionDeclaration,
	/// Who put the version forward: the owner, or the contributor whose proposal was accepted.
	pub submitter: AccountId,
	/// The evidence it was accepted with.
	pub evidence: EvidenceRecord<MaxPolicyKeys>,
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The time of that block, in milliseconds since the Unix epoch.
	pub timestamp_ms: u64,
}

/// A registered model.
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
#[scale_info(skip_type_params(
	MaxNameLen,
	MaxFrameworkLen,
	MaxUriLen,
	MaxContributors,
	MaxPolicyKeys
))]
#[codec(mel_bound(
	AccountId: MaxEncodedLen,
	Balance: MaxEncodedLen,
	MaxNameLen: Get<u32>,
	MaxFrameworkLen: Get<u32>,
	MaxUriLen: Get<u32>,
	MaxContributors: Get<u32>,
	MaxPolicyKeys: Get<u32>
))]
pub struct Model<
	AccountId,
	Balance,
	MaxNameLen: Get<u32>,
	MaxFrameworkLen: Get<u32>,
	MaxUriLen: Get<u32>,
	MaxContributors: Get<u32>,
	MaxPolicyKeys: Get<u32>,
> where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// Who may update the model, set its policy and accept proposals.
	pub owner: AccountId,
	/// The account an ownership transfer waits for.
	pub pending_owner: Option<AccountId>,
	/// Name, framework and where the weights are.
	pub metadata: ModelMetadata<MaxNameLen, MaxFrameworkLen, MaxUriLen>,
	/// Active, deprecated or revoked.
	pub status: ModelStatus,
	/// The update policy.
	pub policy: UpdatePolicy<AccountId, MaxContributors, MaxPolicyKeys>,
	/// The latest version; `None` until the first update.
	pub current_version: Option<VersionNumber>,
	/// Moves on with every accepted update and every owner action authorised by the policy's
	/// signing keys; signatures name it, so none can be replayed.
	pub nonce: u64,
	/// The id the next proposal gets.
	pub next_proposal: ProposalId,
	/// Proposals waiting for the owner.
	pub pending_proposals: u32,
	/// Held from the owner: the model's deposit and those of its versions.
	pub deposit: Balance,
}

/// An update a contributor proposes, waiting for the owner.
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
#[codec(mel_bound(
	AccountId: MaxEncodedLen,
	Balance: MaxEncodedLen,
	BlockNumber: MaxEncodedLen,
	MaxPublicInputs: Get<u32>
))]
pub struct Proposal<AccountId, Balance, BlockNumber, MaxPublicInputs: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The contributor.
	pub proposer: AccountId,
	/// What the version would be.
	pub declaration: VersionDeclaration,
	/// The contributor's Groth16 proof, if the policy asks for one.
	pub zk_proof: Option<ZkEvidence<MaxPublicInputs>>,
	/// Held from the proposer until the proposal is accepted, rejected or withdrawn.
	pub deposit: Balance,
	/// When it was proposed.
	pub proposed_at: BlockNumber,
}

/// The update fee: the requirements' `requiredGas`, a price for the data an update declares.
#[derive(
	Clone,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct UpdateFeeSchedule<Balance> {
	/// Paid by every update.
	pub base: Balance,
	/// Paid per shard declared.
	pub per_shard: Balance,
	/// Paid per started MiB of content declared.
	pub per_mebibyte: Balance,
}

/// The balance type of the deposit and fee currency.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;
/// A model of the runtime.
pub type ModelOf<T> = Model<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	<T as Config>::MaxNameLen,
	<T as Config>::MaxFrameworkLen,
	<T as Config>::MaxUriLen,
	<T as Config>::MaxContributors,
	<T as Config>::MaxPolicyKeys,
>;
/// Model metadata of the runtime.
pub type ModelMetadataOf<T> = ModelMetadata<
	<T as Config>::MaxNameLen,
	<T as Config>::MaxFrameworkLen,
	<T as Config>::MaxUriLen,
>;
/// An update policy of the runtime.
pub type UpdatePolicyOf<T> = UpdatePolicy<
	<T as frame_system::Config>::AccountId,
	<T as Config>::MaxContributors,
	<T as Config>::MaxPolicyKeys,
>;
/// A signing policy of the runtime.
pub type SigningPolicyOf<T> = SigningPolicy<<T as Config>::MaxPolicyKeys>;
/// Signatures by a policy's keys, in the runtime.
pub type KeySignaturesOf<T> = KeySignatures<<T as Config>::MaxPolicyKeys>;
/// An evidence record of the runtime.
pub type EvidenceRecordOf<T> = EvidenceRecord<<T as Config>::MaxPolicyKeys>;
/// A version of the runtime.
pub type ModelVersionOf<T> = ModelVersion<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxPolicyKeys,
>;
/// Update evidence of the runtime.
pub type UpdateEvidenceOf<T> =
	UpdateEvidence<<T as Config>::MaxPublicInputs, <T as Config>::MaxPolicyKeys>;
/// A Groth16 proof about a version, in the runtime.
pub type ZkEvidenceOf<T> = ZkEvidence<<T as Config>::MaxPublicInputs>;
/// A proposal of the runtime.
pub type ProposalOf<T> = Proposal<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::MaxPublicInputs,
>;
/// The update fee schedule of the runtime.
pub type UpdateFeeScheduleOf<T> = UpdateFeeSchedule<BalanceOf<T>>;
/// An owner action of the runtime, as the policy's signing keys authorise it.
pub type ModelActionOf<T> = ModelAction<<T as frame_system::Config>::AccountId, UpdatePolicyOf<T>>;
/// What the policy's signing keys sign to authorise an owner action, in the runtime.
pub type ModelActionPayloadOf<T> =
	ModelActionPayload<<T as frame_system::Config>::AccountId, UpdatePolicyOf<T>>;

/// Why a shard check failed (see [`Pallet::verify_shard`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ShardCheckError {
	/// The model has no such version.
	VersionNotFound,
	/// The proof is for a tree of another number of shards than the version declares.
	WrongShardCount,
	/// The shard is not the `leaf_index`-th of the version.
	NotInVersion,
}
