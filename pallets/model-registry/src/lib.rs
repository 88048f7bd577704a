//! # Model Registry Pallet
//!
//! Tamper-proof AI model updates: a team registers a model, and every update becomes an
//! append-only version with a SHA3-512 content hash and a Merkle root over its shards,
//! accepted only with the evidence the model's policy demands and paid for by a fee that grows
//! with the data declared. Anyone can later prove that a file they downloaded is exactly
//! version N (the `ModelRegistryApi` runtime API checks a shard against a version for free).
//!
//! ## Pallet API
//!
//! - [`Pallet::register_model`]: a new model with its metadata and [`UpdatePolicy`], held by a
//!   deposit.
//! - [`Pallet::update_model`]: the owner appends a version; emits [`Event::ModelUpdated`].
//! - [`Pallet::propose_update`], [`Pallet::accept_proposal`], [`Pallet::reject_proposal`]: an
//!   allow-listed contributor proposes, the owner accepts (with the owner's evidence) or
//!   rejects; the contributor may withdraw.
//! - [`Pallet::transfer_ownership`], [`Pallet::accept_ownership`]: two-step transfers, so a
//!   model can never be handed to an account nobody controls.
//! - [`Pallet::deprecate_model`], [`Pallet::revoke_model`]: by the owner or governance.
//! - [`Pallet::revoke_version`]: governance marks one version malicious; the incentives are
//!   told ([`OnVersionRevoked`]) and forfeit its unclaimed rewards.
//! - [`Pallet::set_policy`]; governance: [`Pallet::set_update_fees`],
//!   [`Pallet::set_minimum_stake`].
//! - [`migrations`]: storage migrations, run by the runtime on upgrade.
//! - [`StakeGate`]: a transaction extension that keeps accounts without the minimum bonded
//!   stake from submitting Aegis calls at all (the requirements' "quantum-resistant signature
//!   *and* PoS stake" transaction check).
//!
//! ## Overview
//!
//! **Evidence.** The policy names what an update needs beyond the owner's transaction:
//! - post-quantum signatures (ML-DSA or SLH-DSA, each key's own algorithm) by k of the n
//!   signing keys the policy names ([`SigningPolicy`]: any registered keys, the owner's or
//!   other accounts', so that a release can need several people) over a
//!   [`ModelUpdatePayload`] (model, version, parent, hashes, shard count, size and the model's
//!   nonce, on this chain: `aegis_integrity::update`) — unforgeable by a quantum adversary who
//!   could forge the accounts' sr25519 signatures, and never replayable, since the nonce moves
//!   on with every version. Each signature names its key; exactly k distinct named keys must
//!   sign (a surplus signature, a key named twice or a key the policy does not name is an
//!   error of its own, before any signature is checked);
//! - a Groth16 proof under a named verification key whose first public input is the version's
//!   [`update_commitment`], so the proof is about this version and no other.
//!
//! Evidence is checked through [`VerifyProof`] (the proof-verifier pallet); its weight — per
//! signature, by the algorithm of the key that made it — is added to the call's.
//!
//! **The account key alone does not control a signed model.** While a policy names signing
//! keys, the owner calls that decide what evidence an update needs or who may give it —
//! [`Pallet::set_policy`], [`Pallet::transfer_ownership`], [`Pallet::deprecate_model`],
//! [`Pallet::revoke_model`] — need k signatures by them too, over a [`ModelActionPayload`]
//! (model, nonce, the exact action; purpose `aegis/model-action`). The nonce is the update
//! nonce, so each authorisation is single-use. The owner's own keys among them are pinned
//! ([`PinSigningKey`]) while a non-revoked model's policy names them, so the owner's account
//! key cannot revoke them either. Someone holding (or forging) the owner's sr25519 key
//! therefore cannot append a version, switch the policy off, move the model to an account of
//! theirs or retire the owner's keys: each needs k post-quantum signatures. Keys of other
//! accounts are not pinned: naming someone's key in a policy must not take away their right
//! to revoke it, and a revoked key can no longer sign, so a policy whose usable keys fall
//! below its threshold is frozen (the owner chooses co-signers and threshold with that in
//! mind). Why signatures rather than a delay the key holder could cancel: a delay still lets a
//! thief act whenever the real owner is not watching, and it would hold up honest owners; a
//! signature costs each signer one `aegis` command. The price is that losing more than n − k
//! signing keys freezes the model's policy (updates and ownership) until governance
//! deprecates or revokes it — keys can be rotated, not recovered, so keep the seeds backed up.
//!
//! **Tamper-proofing.** Versions are append-only and never edited; a content hash can appear
//! once per model; only the owner appends; every argument is bounded; nothing panics.
//!
//! **Costs.** Each update pays the [`UpdateFees`] (base + per shard + per MiB declared) to
//! `FeeDestination`, and a deposit for the storage it occupies, held from the owner with the
//! model's own. A model's history is therefore bounded by what its owner holds. The chain never
//! sees the file, so its size is declared; it must fit the declared shards, which the Merkle
//! root commits to — at least a byte and at most 256 MiB each
//! (`aegis_integrity::content::declared_size_fits`) — so it is never zero, and it is part of
//! what every downloader checks (`aegis model verify`): an understated size makes the version
//! fail verification for everyone.
//!
//! ## Low Level
//!
//! Checks run cheapest first (status, origin, counters, duplicates, evidence presence, funds)
//! and the cryptography last; writes happen only after every check passed.
//!
//! Each call checks its origin and hands over to a `do_*` function of its feature:
//! `features/lifecycle.rs` (registration, deprecation, revocation), `features/versions.rs`
//! (checking an update's evidence, then charging and recording it), `features/proposals.rs`,
//! `features/ownership.rs` (policies, transfers and the signing keys' authorisations). Prices
//! and the checks calls share are in `functions.rs`, the invariants in `try_state.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
mod features;
mod functions;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
pub mod weights;

pub use extension::{StakeGate, STAKE_TOO_LOW};
pub use types::*;
pub use weights::WeightInfo;

use aegis_primitives::{
	incentives::{OnVersionAccepted, OnVersionRevoked},
	proofs::{PinSigningKey, VerifyProof},
	staking::ActiveStake,
};
use alloc::boxed::Box;
use frame_support::traits::{
	fungible::{Balanced, Credit, Mutate, MutateHold},
	OnUnbalanced, UnixTime,
};
use sp_runtime::traits::Zero;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version. 1: signing keys of non-revoked models' policies are pinned
	/// in the proof verifier ([`migrations::v1`]). 2: governance's revocations are pushed to
	/// [`Config::OnVersionRevoked`] ([`migrations::v2`]). 3: policies name k of n signing keys
	/// and versions record every key that signed ([`migrations::v3`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency of deposits and fees.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>
			+ Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Checks update evidence and pins the signing keys policies name: the proof-verifier
		/// pallet.
		type Proofs: VerifyProof<Self::AccountId> + PinSigningKey;

		/// Bonded stakes, for the minimum-stake checks.
		type Stakes: ActiveStake<Self::AccountId, BalanceOf<Self>>;

		/// The time versions are stamped with.
		type Time: UnixTime;

		/// The calls [`StakeGate`] admits only from accounts with the minimum stake.
		type StakeGatedCalls: frame_support::traits::Contains<
			<Self as frame_system::Config>::RuntimeCall,
		>;

		/// Governance: sets fees and the minimum stake, and may deprecate or revoke any model.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Where update fees go (the incentive pool, once it exists).
		type FeeDestination: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// Told of every accepted version (the incentives reward it); its weight is added to
		/// every update's.
		type OnVersionAccepted: OnVersionAccepted<Self::AccountId>;

		/// Told when governance revokes a version or a whole model (the incentives forfeit
		/// their unclaimed rewards); its weight is added to the revocations'.
		type OnVersionRevoked: OnVersionRevoked;

		/// The deposit of any stored item, on top of its bytes.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of a stored item.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The longest model name.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest framework name.
		#[pallet::constant]
		type MaxFrameworkLen: Get<u32>;

		/// The longest URI or CID.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// The most contributors a policy may list.
		#[pallet::constant]
		type MaxContributors: Get<u32>;

		/// The most proposals a model may have waiting.
		#[pallet::constant]
		type MaxPendingProposals: Get<u32>;

		/// The most public inputs of a Groth16 proof in update evidence.
		#[pallet::constant]
		type MaxPublicInputs: Get<u32>;

		/// The most signing keys a policy may name (the n of a k-of-n policy), and so the most
		/// signatures an update or owner action carries.
		#[pallet::constant]
		type MaxPolicyKeys: Get<u32>;

		/// Weights of this pallet's calls, without the evidence checks (added from
		/// [`Config::Proofs`]).
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a model and its versions, held from the owner.
		Model,
		/// The deposit of a proposal, held from the proposer.
		Proposal,
	}

	/// The id the next model gets. Ids are never reused.
	#[pallet::storage]
	pub type NextModelId<T: Config> = StorageValue<_, ModelId, ValueQuery>;

	/// Registered models.
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Twox64Concat, ModelId, ModelOf<T>, OptionQuery>;

	/// Versions of each model, from 1.
	// Twox64Concat: model ids and version numbers are chosen by the chain.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Twox64Concat,
		VersionNumber,
		ModelVersionOf<T>,
		OptionQuery,
	>;

	/// The version of each content hash of a model: a hash can be published once per model.
	// Blake2_128Concat for the hash: the content hash is a value the submitter declares, not a
	// digest the chain computes, so it must be hashed again to keep the trie balanced.
	#[pallet::storage]
	pub type VersionByContentHash<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Blake2_128Concat,
		Sha3_512Hash,
		VersionNumber,
		OptionQuery,
	>;

	/// Proposals waiting for their model's owner.
	// Twox64Concat: ids are chosen by the chain.
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Twox64Concat,
		ProposalId,
		ProposalOf<T>,
		OptionQuery,
	>;

	/// The fee every update pays, set by governance.
	#[pallet::storage]
	pub type UpdateFees<T: Config> = StorageValue<_, UpdateFeeScheduleOf<T>, ValueQuery>;

	/// The active bonded stake an account needs to register, update or propose, set by
	/// governance. Zero: no stake needed.
	#[pallet::storage]
	pub type MinimumStake<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Versions governance revoked as malicious, with the block of the revocation. Versions
	/// are never removed, so this is at most one entry per version.
	// Twox64Concat: ids and numbers are sequential and chosen by the chain.
	#[pallet::storage]
	pub type RevokedVersions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Twox64Concat,
		VersionNumber,
		BlockNumberFor<T>,
		OptionQuery,
	>;

	/// Models governance revoked as a whole, with the block of the revocation: every version of
	/// them counts as revoked, and [`Config::OnVersionRevoked`] was told so that their
	/// unclaimed rewards are forfeited. (An owner's own revocation is not listed: it must not
	/// take a contributor's reward.)
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type ModelsRevokedByGovernance<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, BlockNumberFor<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial update fees.
		pub update_fees: UpdateFeeScheduleOf<T>,
		/// The initial minimum stake.
		pub minimum_stake: BalanceOf<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			UpdateFees::<T>::put(self.update_fees.clone());
			MinimumStake::<T>::put(self.minimum_stake);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered.
		ModelRegistered {
			/// The new model.
			model: ModelId,
			/// Its owner.
			owner: T::AccountId,
		},
		/// A version was appended to a model.
		ModelUpdated {
			/// The model.
			model: ModelId,
			/// The new version's number.
			version: VersionNumber,
			/// Its SHA3-512 content hash.
			content_hash: Sha3_512Hash,
			/// Its Merkle root.
			merkle_root: Sha3_512Hash,
		},
		/// A contributor proposed an update.
		UpdateProposed {
			/// The model.
			model: ModelId,
			/// The proposal.
			proposal: ProposalId,
			/// The contributor.
			proposer: T::AccountId,
		},
		/// The owner accepted a proposal; it became `version`.
		ProposalAccepted {
			/// The model.
			model: ModelId,
			/// The proposal.
			proposal: ProposalId,
			/// The version it became.
			version: VersionNumber,
		},
		/// A proposal was rejected by the owner or withdrawn by its proposer.
		ProposalRejected {
			/// The model.
			model: ModelId,
			/// The proposal.
			proposal: ProposalId,
		},
		/// The owner offered the model to another account.
		OwnershipTransferProposed {
			/// The model.
			model: ModelId,
			/// The current owner.
			from: T::AccountId,
			/// The account that must accept.
			to: T::AccountId,
		},
		/// The model changed hands.
		OwnershipTransferred {
			/// The model.
			model: ModelId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// The model was deprecated.
		ModelDeprecated {
			/// The model.
			model: ModelId,
		},
		/// The model was revoked.
		ModelRevoked {
			/// The model.
			model: ModelId,
		},
		/// Governance revoked a version as malicious: it stays in the history, marked, and its
		/// unclaimed rewards are forfeited.
		VersionRevoked {
			/// The model.
			model: ModelId,
			/// The version.
			version: VersionNumber,
		},
		/// The model's update policy changed.
		PolicyUpdated {
			/// The model.
			model: ModelId,
		},
		/// Governance set the update fees.
		UpdateFeesSet {
			/// The new schedule.
			fees: UpdateFeeScheduleOf<T>,
		},
		/// Governance set the minimum stake.
		MinimumStakeSet {
			/// The new minimum.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		ModelNotFound,
		/// Only the model's owner may do this.
		NotModelOwner,
		/// The model is deprecated or revoked: it takes no updates or proposals.
		ModelNotActive,
		/// The model is already revoked (by governance, or by its owner for another owner's
		/// revocation).
		ModelAlreadyRevoked,
		/// The model is already deprecated (or revoked).
		ModelAlreadyDeprecated,
		/// This content hash is already a version of the model.
		DuplicateContentHash,
		/// An update declares at least one shard.
		NoShards,
		/// The declared byte size does not fit the declared shards: each holds at least one byte
		/// and at most 256 MiB.
		ImpossibleDeclaredSize,
		/// The policy names signing keys: this owner action needs signatures by its threshold
		/// of them over the action (purpose `aegis/model-action`, payload
		/// [`ModelActionPayload`]), and fewer were given.
		MissingAuthorisation,
		/// The policy requires signatures by its threshold of its signing keys, and fewer were
		/// given.
		MissingSignature,
		/// More signatures were given than the policy's threshold: the surplus would be paid
		/// for and checked for nothing.
		SurplusSignatures,
		/// A signature names a key the policy does not name.
		SignerNotInPolicy,
		/// Two signatures name the same key: each key counts once.
		DuplicateSigner,
		/// The policy requires a Groth16 proof, and none was given.
		MissingZkProof,
		/// Evidence or an authorisation was given that the policy does not ask for; it would
		/// not be checked.
		UnexpectedEvidence,
		/// The Groth16 proof's first public input is not the version's `update_commitment`.
		ZkProofNotBoundToVersion,
		/// A key the policy names is not a registered, unrevoked signing key.
		UnusableSigningKey,
		/// The policy names a signing key twice.
		DuplicatePolicyKey,
		/// The policy's threshold is zero or more than the keys it names.
		InvalidThreshold,
		/// The policy's verification key is not registered, or takes no public inputs (the
		/// first must be the update commitment).
		UnusableVerifyingKey,
		/// An account is listed twice among the policy's contributors.
		DuplicateContributor,
		/// The caller is not one of the policy's contributors.
		NotContributor,
		/// The model has as many proposals waiting as it may have.
		TooManyProposals,
		/// No proposal has this id.
		ProposalNotFound,
		/// Only the owner (reject) or the proposer (withdraw) may do this.
		NotProposalParty,
		/// No ownership transfer to the caller is pending.
		NoPendingTransfer,
		/// The model is already owned by this account.
		AlreadyOwner,
		/// The account has less active bonded stake than governance requires.
		InsufficientStake,
		/// The model has no such version.
		VersionNotFound,
		/// The version is already revoked.
		VersionAlreadyRevoked,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "models need names");
			assert!(T::MaxUriLen::get() >= 46, "a URI must fit an IPFS CID");
			assert!(T::MaxPendingProposals::get() > 0, "proposals must be possible");
			assert!(T::MaxPublicInputs::get() > 0, "a proof needs its commitment input");
			assert!(!T::DepositPerByte::get().is_zero(), "storage is paid for by the byte");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a model owned by the caller, holding its deposit.
		///
		/// ## Dispatch Origin
		/// Signed, with at least [`MinimumStake`] bonded.
		///
		/// ## Errors
		/// - [`Error::InsufficientStake`].
		/// - [`Error::UnusableSigningKey`], [`Error::DuplicatePolicyKey`],
		///   [`Error::InvalidThreshold`], [`Error::UnusableVerifyingKey`],
		///   [`Error::DuplicateContributor`]: the policy is not usable.
		/// - `ArithmeticError::Overflow`: no ids left; a `Balances` error if the deposit
		///   cannot be held.
		///
		/// ## Events
		/// [`Event::ModelRegistered`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model().saturating_add(T::WeightInfo::stake_gate()))]
		pub fn register_model(
			origin: OriginFor<T>,
			metadata: Box<ModelMetadataOf<T>>,
			policy: Box<UpdatePolicyOf<T>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_model(owner, *metadata, *policy)
		}

		/// Appends a version to the model: checks the evidence its policy demands, charges the
		/// update fee and holds the version's deposit from the owner.
		///
		/// Each signature covers the [`ModelUpdatePayload`] of this update with the model's
		/// current nonce; a Groth16 proof's first public input is [`update_commitment`].
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner, with at least [`MinimumStake`] bonded.
		///
		/// ## Errors
		/// - [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`],
		///   [`Error::InsufficientStake`].
		/// - [`Error::NoShards`], [`Error::ImpossibleDeclaredSize`], [`Error::DuplicateContentHash`].
		/// - [`Error::MissingSignature`], [`Error::SurplusSignatures`],
		///   [`Error::SignerNotInPolicy`], [`Error::DuplicateSigner`], [`Error::MissingZkProof`],
		///   [`Error::UnexpectedEvidence`], [`Error::ZkProofNotBoundToVersion`].
		/// - The proof verifier's errors (e.g. `BadSignature`, `ProofRejected`).
		/// - A `Balances` error if the fee or deposit cannot be paid.
		///
		/// ## Events
		/// [`Event::ModelUpdated`].
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::update_model()
				.saturating_add(T::WeightInfo::stake_gate())
				.saturating_add(T::OnVersionAccepted::weight())
				.saturating_add(Pallet::<T>::evidence_weight(evidence))
		)]
		pub fn update_model(
			origin: OriginFor<T>,
			model: ModelId,
			declaration: VersionDeclaration,
			evidence: Box<UpdateEvidenceOf<T>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(record.owner == owner, Error::<T>::NotModelOwner);
			Self::append_version(model, record, owner.clone(), declaration, *evidence, None)
		}

		/// Proposes an update for the owner to accept, holding the proposal's deposit.
		///
		/// ## Dispatch Origin
		/// Signed: one of the policy's contributors, with at least [`MinimumStake`] bonded.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::ModelNotActive`], [`Error::NotContributor`],
		/// [`Error::InsufficientStake`], [`Error::NoShards`], [`Error::DuplicateContentHash`],
		/// [`Error::TooManyProposals`]; a `Balances` error if the deposit cannot be held.
		///
		/// ## Events
		/// [`Event::UpdateProposed`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::propose_update().saturating_add(T::WeightInfo::stake_gate()))]
		pub fn propose_update(
			origin: OriginFor<T>,
			model: ModelId,
			declaration: VersionDeclaration,
			zk_proof: Option<Box<ZkEvidenceOf<T>>>,
		) -> DispatchResult {
			let proposer = ensure_signed(origin)?;
			Self::do_propose_update(proposer, model, declaration, zk_proof.map(|proof| *proof))
		}

		/// Accepts a proposal: it becomes the next version, checked and paid for as
		/// [`Pallet::update_model`] (the owner pays the fee and signs if the policy asks;
		/// the contributor's Groth16 proof, if any, is checked; `signatures` are the policy's
		/// keys' over the update), and the proposer's deposit
		/// is released.
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner.
		///
		/// ## Errors
		/// [`Error::ProposalNotFound`] and those of [`Pallet::update_model`].
		///
		/// ## Events
		/// [`Event::ModelUpdated`], [`Event::ProposalAccepted`].
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::accept_proposal()
				.saturating_add(T::WeightInfo::stake_gate())
				.saturating_add(T::OnVersionAccepted::weight())
				.saturating_add(Pallet::<T>::update_signatures_weight(signatures))
				.saturating_add(T::Proofs::groth16_weight(T::MaxPublicInputs::get()))
		)]
		pub fn accept_proposal(
			origin: OriginFor<T>,
			model: ModelId,
			proposal: ProposalId,
			signatures: KeySignaturesOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_accept_proposal(owner, model, proposal, signatures)
		}

		/// Rejects (owner) or withdraws (proposer) a proposal, releasing its deposit.
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner or the proposer.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::ProposalNotFound`], [`Error::NotProposalParty`].
		///
		/// ## Events
		/// [`Event::ProposalRejected`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reject_proposal())]
		pub fn reject_proposal(
			origin: OriginFor<T>,
			model: ModelId,
			proposal: ProposalId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject_proposal(who, model, proposal)
		}

		/// Offers the model to `new_owner`, who must accept it; replaces any earlier offer.
		///
		/// If the policy names signing keys, `authorisation` holds its threshold of their
		/// signatures over [`ModelAction::TransferOwnership`]`(new_owner)` (see the pallet
		/// documentation); otherwise it is empty.
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelAlreadyRevoked`],
		/// [`Error::AlreadyOwner`], [`Error::MissingAuthorisation`], [`Error::SurplusSignatures`],
		/// [`Error::SignerNotInPolicy`], [`Error::DuplicateSigner`],
		/// [`Error::UnexpectedEvidence`]; the proof verifier's `BadSignature`.
		///
		/// ## Events
		/// [`Event::OwnershipTransferProposed`].
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::transfer_ownership()
				.saturating_add(Pallet::<T>::authorisation_weight(authorisation))
		)]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			new_owner: T::AccountId,
			authorisation: KeySignaturesOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_transfer_ownership(owner, model, new_owner, &authorisation)
		}

		/// Takes over a model offered to the caller, with its deposit: the new owner's funds
		/// are held and the previous owner's released.
		///
		/// The policy is kept but for its signing keys: they signed for the previous owner,
		/// who authorised the transfer with them, and the previous owner's are unpinned. The
		/// new owner names keys of their own with [`Pallet::set_policy`] — in the same
		/// `utility.batch_all` as this call, so the model is never without them.
		///
		/// ## Dispatch Origin
		/// Signed: the account the model was offered to.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NoPendingTransfer`]; a `Balances` error if the
		/// deposit cannot be held.
		///
		/// ## Events
		/// [`Event::OwnershipTransferred`]; [`Event::PolicyUpdated`] if signing keys were dropped.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let new_owner = ensure_signed(origin)?;
			Self::do_accept_ownership(new_owner, model)
		}

		/// Deprecates the model: its history stays, it takes no more updates or proposals.
		///
		/// The owner needs the policy's signing keys, if it names some: `authorisation` holds
		/// their threshold of signatures over [`ModelAction::Deprecate`]. Governance needs none.
		///
		/// ## Dispatch Origin
		/// Signed by the model's owner, or governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`],
		/// [`Error::ModelAlreadyDeprecated`], [`Error::MissingAuthorisation`],
		/// [`Error::UnexpectedEvidence`]; the proof verifier's `BadSignature`.
		///
		/// ## Events
		/// [`Event::ModelDeprecated`].
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::deprecate_model()
				.saturating_add(Pallet::<T>::authorisation_weight(authorisation))
		)]
		pub fn deprecate_model(
			origin: OriginFor<T>,
			model: ModelId,
			authorisation: KeySignaturesOf<T>,
		) -> DispatchResult {
			Self::do_deprecate_model(origin, model, &authorisation)
		}

		/// Revokes the model for good (e.g. found malicious): its history stays as a record,
		/// it is never updated again, and its policy's signing keys are unpinned. Revoked by
		/// governance, every version of it counts as revoked ([`ModelsRevokedByGovernance`]) and
		/// [`Config::OnVersionRevoked`] is told: their unclaimed rewards are forfeited.
		///
		/// The owner needs the policy's signing keys, if it names some: `authorisation` holds
		/// their threshold of signatures over [`ModelAction::Revoke`]. Governance needs none.
		///
		/// ## Dispatch Origin
		/// Signed by the model's owner, or governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelAlreadyRevoked`],
		/// [`Error::MissingAuthorisation`], [`Error::UnexpectedEvidence`]; the proof verifier's
		/// `BadSignature`.
		///
		/// ## Events
		/// [`Event::ModelRevoked`].
		#[pallet::call_index(8)]
		#[pallet::weight(
			T::WeightInfo::revoke_model()
				.saturating_add(Pallet::<T>::authorisation_weight(authorisation))
				.saturating_add(T::OnVersionRevoked::model_weight())
		)]
		pub fn revoke_model(
			origin: OriginFor<T>,
			model: ModelId,
			authorisation: KeySignaturesOf<T>,
		) -> DispatchResult {
			Self::do_revoke_model(origin, model, &authorisation)
		}

		/// Replaces the model's update policy. The owner's keys among the new policy's signing
		/// keys are pinned, those among the old one's unpinned.
		///
		/// If the current policy names signing keys, `authorisation` holds its threshold of
		/// their signatures over [`ModelAction::SetPolicy`]`(policy)` (see the pallet
		/// documentation): the account key alone can neither drop the keys nor swap them.
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`],
		/// [`Error::UnusableSigningKey`], [`Error::DuplicatePolicyKey`],
		/// [`Error::InvalidThreshold`], [`Error::UnusableVerifyingKey`],
		/// [`Error::DuplicateContributor`], [`Error::MissingAuthorisation`],
		/// [`Error::SurplusSignatures`], [`Error::SignerNotInPolicy`], [`Error::DuplicateSigner`],
		/// [`Error::UnexpectedEvidence`]; the proof verifier's `BadSignature`.
		///
		/// ## Events
		/// [`Event::PolicyUpdated`].
		// Benchmarked with the most keys pinned and unpinned; the signatures are added.
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::set_policy().saturating_add(Pallet::<T>::authorisation_weight(authorisation))
		)]
		pub fn set_policy(
			origin: OriginFor<T>,
			model: ModelId,
			policy: Box<UpdatePolicyOf<T>>,
			authorisation: KeySignaturesOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_policy(owner, model, *policy, &authorisation)
		}

		/// Sets the update fees.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Events
		/// [`Event::UpdateFeesSet`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_update_fees())]
		pub fn set_update_fees(
			origin: OriginFor<T>,
			fees: UpdateFeeScheduleOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			UpdateFees::<T>::put(fees.clone());
			Self::deposit_event(Event::UpdateFeesSet { fees });
			Ok(())
		}

		/// Sets the active bonded stake needed to register, update or propose.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Events
		/// [`Event::MinimumStakeSet`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_minimum_stake())]
		pub fn set_minimum_stake(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			MinimumStake::<T>::put(amount);
			Self::deposit_event(Event::MinimumStakeSet { amount });
			Ok(())
		}

		/// Revokes one version as malicious: it stays in the history (versions are
		/// append-only) and is marked in [`RevokedVersions`]; [`Config::OnVersionRevoked`] is
		/// told, so rewards for it that were not claimed yet are forfeited. Clients must treat a revoked version as untrusted.
		///
		/// Governance only: an owner who could revoke a contributor's accepted version would
		/// take the contributor's reward with it.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::VersionNotFound`], [`Error::VersionAlreadyRevoked`].
		///
		/// ## Events
		/// [`Event::VersionRevoked`].
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::revoke_version().saturating_add(T::OnVersionRevoked::version_weight())
		)]
		pub fn revoke_version(
			origin: OriginFor<T>,
			model: ModelId,
			version: VersionNumber,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_revoke_version(model, version)
		}
	}
}
