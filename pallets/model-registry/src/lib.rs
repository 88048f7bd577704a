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
//! - [`Pallet::revoke_version`]: governance marks one version malicious; its unclaimed
//!   rewards are forfeited ([`VersionRevocation`]).
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
//! - an ML-DSA-65 signature by a key registered to the owner over a
//!   [`ModelUpdatePayload`] (model, version, parent, hashes, shard count, size and the model's
//!   nonce, on this chain: `aegis_integrity::update`) — unforgeable by a quantum adversary who
//!   could forge the account's sr25519 signature, and never replayable, since the nonce moves
//!   on with every version;
//! - a Groth16 proof under a named verification key whose first public input is the version's
//!   [`update_commitment`], so the proof is about this version and no other.
//!
//! Evidence is checked through [`VerifyProof`] (the proof-verifier pallet); its weight is
//! added to the call's.
//!
//! **The account key alone does not control a signed model.** While a policy names a signing
//! key, the owner calls that decide what evidence an update needs or who may give it —
//! [`Pallet::set_policy`], [`Pallet::transfer_ownership`], [`Pallet::deprecate_model`],
//! [`Pallet::revoke_model`] — need an ML-DSA-65 signature by that key too, over a
//! [`ModelActionPayload`] (model, nonce, the exact action; purpose `aegis/model-action`). The
//! nonce is the update nonce, so each authorisation is single-use. The key itself is pinned
//! ([`PinMlDsaKey`]) while a non-revoked model's policy names it, so its owner's account key
//! cannot revoke it either. Someone holding (or forging) the owner's sr25519 key therefore
//! cannot append a version, switch the policy off, move the model to an account of theirs or
//! retire the key: each needs the ML-DSA key. Why a signature rather than a delay the key
//! holder could cancel: a delay still lets a thief act whenever the real owner is not
//! watching, and it would hold up honest owners; the signature costs the honest owner one
//! `aegis` command. The price is that a lost ML-DSA key freezes the model's policy (updates
//! and ownership) until governance deprecates or revokes it — keys can be rotated, not
//! recovered, so keep the seed backed up.
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

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use extension::{StakeGate, STAKE_TOO_LOW};
pub use types::*;
pub use weights::WeightInfo;

use aegis_integrity::{content::declared_size_fits, merkle::verify_merkle_proof, pq::purpose};
use aegis_primitives::{
	incentives::{OnVersionAccepted, VersionRevocation},
	proofs::{PinMlDsaKey, VerifyProof},
	staking::ActiveStake,
};
use alloc::boxed::Box;
use codec::{Encode, MaxEncodedLen};
use frame_support::{
	dispatch::DispatchResult,
	traits::{
		fungible::{Balanced, Credit, Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Get, OnUnbalanced, UnixTime,
	},
	weights::Weight,
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError,
};

/// The balance type of the deposit and fee currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A model of the runtime.
pub type ModelOf<T> = Model<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	<T as Config>::MaxNameLen,
	<T as Config>::MaxFrameworkLen,
	<T as Config>::MaxUriLen,
	<T as Config>::MaxContributors,
>;
/// Model metadata of the runtime.
pub type ModelMetadataOf<T> = ModelMetadata<
	<T as Config>::MaxNameLen,
	<T as Config>::MaxFrameworkLen,
	<T as Config>::MaxUriLen,
>;
/// An update policy of the runtime.
pub type UpdatePolicyOf<T> =
	UpdatePolicy<<T as frame_system::Config>::AccountId, <T as Config>::MaxContributors>;
/// A version of the runtime.
pub type ModelVersionOf<T> = ModelVersion<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
/// Update evidence of the runtime.
pub type UpdateEvidenceOf<T> = UpdateEvidence<<T as Config>::MaxPublicInputs>;
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
/// An owner action of the runtime, as the policy's signing key authorises it.
pub type ModelActionOf<T> = ModelAction<<T as frame_system::Config>::AccountId, UpdatePolicyOf<T>>;
/// What the policy's signing key signs to authorise an owner action, in the runtime.
pub type ModelActionPayloadOf<T> =
	ModelActionPayload<<T as frame_system::Config>::AccountId, UpdatePolicyOf<T>>;

const MEBIBYTE: u64 = 1 << 20;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version. 1: signing keys of non-revoked models' policies are pinned
	/// in the proof verifier ([`migrations::v1`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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
		type Proofs: VerifyProof<Self::AccountId> + PinMlDsaKey;

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
	/// them counts as revoked for the incentives ([`VersionRevocation`]), so their unclaimed
	/// rewards are forfeited. (An owner's own revocation is not listed: it must not take a
	/// contributor's reward.)
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
		/// The model is already revoked.
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
		/// The policy names a signing key: this owner action needs a signature by it over the
		/// action (purpose `aegis/model-action`, payload [`ModelActionPayload`]).
		MissingAuthorisation,
		/// The policy requires an ML-DSA signature by its key, and none was given.
		MissingSignature,
		/// The policy requires a Groth16 proof, and none was given.
		MissingZkProof,
		/// Evidence or an authorisation was given that the policy does not ask for; it would
		/// not be checked.
		UnexpectedEvidence,
		/// The Groth16 proof's first public input is not the version's `update_commitment`.
		ZkProofNotBoundToVersion,
		/// The policy's signing key is not a registered ML-DSA key of the owner.
		SigningKeyNotOwned,
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
		/// - [`Error::SigningKeyNotOwned`], [`Error::UnusableVerifyingKey`],
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
			Self::ensure_staked(&owner)?;
			Self::ensure_usable_policy(&owner, &policy)?;
			let model = NextModelId::<T>::get();
			let next = model.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			let deposit = Self::model_deposit();

			T::Currency::hold(&HoldReason::Model.into(), &owner, deposit)?;
			if let Some(key) = policy.signing_key {
				T::Proofs::pin_ml_dsa_key(key)?;
			}
			Models::<T>::insert(
				model,
				Model {
					owner: owner.clone(),
					pending_owner: None,
					metadata: *metadata,
					status: ModelStatus::Active,
					policy: *policy,
					current_version: None,
					nonce: 0,
					next_proposal: 0,
					pending_proposals: 0,
					deposit,
				},
			);
			NextModelId::<T>::put(next);
			Self::deposit_event(Event::ModelRegistered { model, owner });
			Ok(())
		}

		/// Appends a version to the model: checks the evidence its policy demands, charges the
		/// update fee and holds the version's deposit from the owner.
		///
		/// A signature covers the [`ModelUpdatePayload`] of this update with the model's
		/// current nonce; a Groth16 proof's first public input is [`update_commitment`].
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner, with at least [`MinimumStake`] bonded.
		///
		/// ## Errors
		/// - [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`],
		///   [`Error::InsufficientStake`].
		/// - [`Error::NoShards`], [`Error::ImpossibleDeclaredSize`], [`Error::DuplicateContentHash`].
		/// - [`Error::MissingSignature`], [`Error::MissingZkProof`],
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
			let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(record.status == ModelStatus::Active, Error::<T>::ModelNotActive);
			ensure!(record.policy.contributors.contains(&proposer), Error::<T>::NotContributor);
			Self::ensure_staked(&proposer)?;
			Self::ensure_new_content(model, &declaration)?;
			ensure!(
				record.pending_proposals < T::MaxPendingProposals::get(),
				Error::<T>::TooManyProposals
			);
			let proposal = record.next_proposal;
			record.next_proposal = proposal.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			record.pending_proposals =
				record.pending_proposals.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			let deposit = Self::deposit_for(ProposalOf::<T>::max_encoded_len());

			T::Currency::hold(&HoldReason::Proposal.into(), &proposer, deposit)?;
			let proposed_at = frame_system::Pallet::<T>::block_number();
			Proposals::<T>::insert(
				model,
				proposal,
				Proposal {
					proposer: proposer.clone(),
					declaration,
					zk_proof: zk_proof.map(|proof| *proof),
					deposit,
					proposed_at,
				},
			);
			Models::<T>::insert(model, record);
			Self::deposit_event(Event::UpdateProposed { model, proposal, proposer });
			Ok(())
		}

		/// Accepts a proposal: it becomes the next version, checked and paid for as
		/// [`Pallet::update_model`] (the owner pays the fee and signs if the policy asks;
		/// the contributor's Groth16 proof, if any, is checked), and the proposer's deposit
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
				.saturating_add(Pallet::<T>::signature_weight(signature.is_some()))
				.saturating_add(T::Proofs::groth16_weight(T::MaxPublicInputs::get()))
		)]
		pub fn accept_proposal(
			origin: OriginFor<T>,
			model: ModelId,
			proposal: ProposalId,
			signature: Option<Box<MlDsaSignature>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(record.owner == owner, Error::<T>::NotModelOwner);
			let pending =
				Proposals::<T>::get(model, proposal).ok_or(Error::<T>::ProposalNotFound)?;
			let evidence = UpdateEvidence {
				signature: signature.map(|signature| *signature),
				zk_proof: pending.zk_proof.clone(),
			};
			let version = Self::next_version(&record)?;
			Self::append_version(
				model,
				record,
				pending.proposer.clone(),
				pending.declaration.clone(),
				evidence,
				Some(proposal),
			)?;
			Self::close_proposal(model, proposal, &pending)?;
			Self::deposit_event(Event::ProposalAccepted { model, proposal, version });
			Ok(())
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
			let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			let pending =
				Proposals::<T>::get(model, proposal).ok_or(Error::<T>::ProposalNotFound)?;
			ensure!(who == record.owner || who == pending.proposer, Error::<T>::NotProposalParty);
			Self::close_proposal(model, proposal, &pending)?;
			Self::deposit_event(Event::ProposalRejected { model, proposal });
			Ok(())
		}

		/// Offers the model to `new_owner`, who must accept it; replaces any earlier offer.
		///
		/// If the policy names a signing key, `authorisation` is its signature over
		/// [`ModelAction::TransferOwnership`]`(new_owner)` (see the pallet documentation).
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelAlreadyRevoked`],
		/// [`Error::AlreadyOwner`], [`Error::MissingAuthorisation`], [`Error::UnexpectedEvidence`]; the proof verifier's
		/// `BadSignature`.
		///
		/// ## Events
		/// [`Event::OwnershipTransferProposed`].
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::transfer_ownership()
				.saturating_add(Pallet::<T>::authorisation_weight(authorisation.is_some()))
		)]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			new_owner: T::AccountId,
			authorisation: Option<Box<MlDsaSignature>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(record.owner == owner, Error::<T>::NotModelOwner);
			ensure!(record.status != ModelStatus::Revoked, Error::<T>::ModelAlreadyRevoked);
			ensure!(new_owner != owner, Error::<T>::AlreadyOwner);
			Self::authorise_owner_action(
				model,
				&mut record,
				ModelAction::TransferOwnership(new_owner.clone()),
				authorisation.as_deref(),
			)?;
			record.pending_owner = Some(new_owner.clone());
			Models::<T>::insert(model, record);
			Self::deposit_event(Event::OwnershipTransferProposed {
				model,
				from: owner,
				to: new_owner,
			});
			Ok(())
		}

		/// Takes over a model offered to the caller, with its deposit: the new owner's funds
		/// are held and the previous owner's released.
		///
		/// The policy is kept but for its signing key: that key is the previous owner's, who
		/// authorised the transfer with it, and it is unpinned. The new owner names a key of
		/// their own with [`Pallet::set_policy`] — in the same `utility.batch_all` as this call,
		/// so the model is never without one.
		///
		/// ## Dispatch Origin
		/// Signed: the account the model was offered to.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NoPendingTransfer`]; a `Balances` error if the
		/// deposit cannot be held.
		///
		/// ## Events
		/// [`Event::OwnershipTransferred`]; [`Event::PolicyUpdated`] if a signing key was dropped.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let new_owner = ensure_signed(origin)?;
			let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(
				record.pending_owner.as_ref() == Some(&new_owner),
				Error::<T>::NoPendingTransfer
			);
			let reason = HoldReason::Model.into();
			T::Currency::ensure_can_hold(&reason, &new_owner, record.deposit)?;

			T::Currency::release(&reason, &record.owner, record.deposit, Precision::Exact)?;
			T::Currency::hold(&reason, &new_owner, record.deposit)?;
			let from = core::mem::replace(&mut record.owner, new_owner.clone());
			record.pending_owner = None;
			let dropped_key = record.policy.signing_key.take();
			if let Some(key) = dropped_key {
				T::Proofs::unpin_ml_dsa_key(key);
			}
			Models::<T>::insert(model, record);
			Self::deposit_event(Event::OwnershipTransferred { model, from, to: new_owner });
			if dropped_key.is_some() {
				Self::deposit_event(Event::PolicyUpdated { model });
			}
			Ok(())
		}

		/// Deprecates the model: its history stays, it takes no more updates or proposals.
		///
		/// The owner needs the policy's signing key, if it names one: `authorisation` signs
		/// [`ModelAction::Deprecate`]. Governance needs none.
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
				.saturating_add(Pallet::<T>::authorisation_weight(authorisation.is_some()))
		)]
		pub fn deprecate_model(
			origin: OriginFor<T>,
			model: ModelId,
			authorisation: Option<Box<MlDsaSignature>>,
		) -> DispatchResult {
			let (mut record, by_owner) = Self::model_for_owner_or_admin(origin, model)?;
			ensure!(record.status == ModelStatus::Active, Error::<T>::ModelAlreadyDeprecated);
			if by_owner {
				Self::authorise_owner_action(
					model,
					&mut record,
					ModelAction::Deprecate,
					authorisation.as_deref(),
				)?;
			}
			record.status = ModelStatus::Deprecated;
			Models::<T>::insert(model, record);
			Self::deposit_event(Event::ModelDeprecated { model });
			Ok(())
		}

		/// Revokes the model for good (e.g. found malicious): its history stays as a record,
		/// it is never updated again, and its policy's signing key is unpinned. Revoked by
		/// governance, every version of it counts as revoked ([`ModelsRevokedByGovernance`]):
		/// their unclaimed rewards are forfeited.
		///
		/// The owner needs the policy's signing key, if it names one: `authorisation` signs
		/// [`ModelAction::Revoke`]. Governance needs none.
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
				.saturating_add(Pallet::<T>::authorisation_weight(authorisation.is_some()))
		)]
		pub fn revoke_model(
			origin: OriginFor<T>,
			model: ModelId,
			authorisation: Option<Box<MlDsaSignature>>,
		) -> DispatchResult {
			let (mut record, by_owner) = Self::model_for_owner_or_admin(origin, model)?;
			ensure!(record.status != ModelStatus::Revoked, Error::<T>::ModelAlreadyRevoked);
			if by_owner {
				Self::authorise_owner_action(
					model,
					&mut record,
					ModelAction::Revoke,
					authorisation.as_deref(),
				)?;
			}
			if let Some(key) = record.policy.signing_key {
				T::Proofs::unpin_ml_dsa_key(key);
			}
			if !by_owner {
				ModelsRevokedByGovernance::<T>::insert(
					model,
					frame_system::Pallet::<T>::block_number(),
				);
			}
			record.status = ModelStatus::Revoked;
			record.pending_owner = None;
			Models::<T>::insert(model, record);
			Self::deposit_event(Event::ModelRevoked { model });
			Ok(())
		}

		/// Replaces the model's update policy. The new policy's signing key is pinned, the old
		/// one's unpinned.
		///
		/// If the current policy names a signing key, `authorisation` is its signature over
		/// [`ModelAction::SetPolicy`]`(policy)` (see the pallet documentation): the account key
		/// alone can neither drop the key nor swap it for another.
		///
		/// ## Dispatch Origin
		/// Signed: the model's owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`],
		/// [`Error::SigningKeyNotOwned`], [`Error::UnusableVerifyingKey`],
		/// [`Error::DuplicateContributor`], [`Error::MissingAuthorisation`],
		/// [`Error::UnexpectedEvidence`]; the proof verifier's `BadSignature`.
		///
		/// ## Events
		/// [`Event::PolicyUpdated`].
		// Benchmarked in its worst case, which includes checking the authorisation.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_policy())]
		pub fn set_policy(
			origin: OriginFor<T>,
			model: ModelId,
			policy: Box<UpdatePolicyOf<T>>,
			authorisation: Option<Box<MlDsaSignature>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let mut record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(record.owner == owner, Error::<T>::NotModelOwner);
			ensure!(record.status == ModelStatus::Active, Error::<T>::ModelNotActive);
			Self::ensure_usable_policy(&owner, &policy)?;
			Self::authorise_owner_action(
				model,
				&mut record,
				ModelAction::SetPolicy((*policy).clone()),
				authorisation.as_deref(),
			)?;
			if let Some(key) = policy.signing_key {
				T::Proofs::pin_ml_dsa_key(key)?;
			}
			if let Some(key) = record.policy.signing_key {
				T::Proofs::unpin_ml_dsa_key(key);
			}
			record.policy = *policy;
			Models::<T>::insert(model, record);
			Self::deposit_event(Event::PolicyUpdated { model });
			Ok(())
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

		/// Revokes one version as malicious: it stays in the history (versions are
		/// append-only) and is marked in [`RevokedVersions`]; rewards for it that were not
		/// claimed yet are forfeited. Clients must treat a revoked version as untrusted.
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
		#[pallet::weight(T::WeightInfo::revoke_version())]
		pub fn revoke_version(
			origin: OriginFor<T>,
			model: ModelId,
			version: VersionNumber,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(Versions::<T>::contains_key(model, version), Error::<T>::VersionNotFound);
			ensure!(
				!RevokedVersions::<T>::contains_key(model, version),
				Error::<T>::VersionAlreadyRevoked
			);
			RevokedVersions::<T>::insert(model, version, frame_system::Pallet::<T>::block_number());
			Self::deposit_event(Event::VersionRevoked { model, version });
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
	}
}

impl<T: Config> Pallet<T> {
	/// The deposit for an item of `bytes` encoded bytes.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		aegis_primitives::storage_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The deposit of a model record.
	pub fn model_deposit() -> BalanceOf<T> {
		Self::deposit_for(ModelOf::<T>::max_encoded_len())
	}

	/// The deposit of a version: its record and its content-hash index entry.
	pub fn version_deposit() -> BalanceOf<T> {
		Self::deposit_for(
			ModelVersionOf::<T>::max_encoded_len()
				.saturating_add(Sha3_512Hash::max_encoded_len())
				.saturating_add(VersionNumber::max_encoded_len()),
		)
	}

	/// The fee of an update declaring `declaration`.
	pub fn update_fee(declaration: &VersionDeclaration) -> BalanceOf<T> {
		let fees = UpdateFees::<T>::get();
		let mebibytes = declaration.byte_size.div_ceil(MEBIBYTE);
		let mebibytes = BalanceOf::<T>::from(u32::try_from(mebibytes).unwrap_or(u32::MAX));
		fees.base
			.saturating_add(fees.per_shard.saturating_mul(declaration.shard_count.into()))
			.saturating_add(fees.per_mebibyte.saturating_mul(mebibytes))
	}

	/// The payload an update signature for `declaration` as the next version of `model` covers.
	pub fn update_payload(
		model: ModelId,
		record: &ModelOf<T>,
		declaration: &VersionDeclaration,
	) -> Result<ModelUpdatePayload, DispatchError> {
		Ok(ModelUpdatePayload {
			model,
			version: Self::next_version(record)?,
			parent: record.current_version,
			content_hash: declaration.content_hash,
			merkle_root: declaration.merkle_root,
			shard_count: declaration.shard_count,
			byte_size: declaration.byte_size,
			nonce: record.nonce,
		})
	}

	/// Checks that `leaf_hash` is the `proof.leaf_index`-th shard of `version` of `model`.
	pub fn verify_shard(
		model: ModelId,
		version: VersionNumber,
		leaf_hash: &Sha3_512Hash,
		proof: &MerkleProof,
	) -> Result<(), ShardCheckError> {
		let record = Versions::<T>::get(model, version).ok_or(ShardCheckError::VersionNotFound)?;
		if proof.leaf_count != record.declaration.shard_count {
			return Err(ShardCheckError::WrongShardCount);
		}
		verify_merkle_proof(&record.declaration.merkle_root, leaf_hash, proof)
			.map_err(|_| ShardCheckError::NotInVersion)
	}

	fn next_version(record: &ModelOf<T>) -> Result<VersionNumber, DispatchError> {
		record
			.current_version
			.unwrap_or(0)
			.checked_add(1)
			.ok_or(ArithmeticError::Overflow.into())
	}

	/// The payload the policy's signing key signs to authorise `action` on `model` now.
	pub fn action_payload(
		model: ModelId,
		record: &ModelOf<T>,
		action: ModelActionOf<T>,
	) -> ModelActionPayloadOf<T> {
		ModelActionPayload { model, nonce: record.nonce, action }
	}

	/// The weight of checking an owner action's authorisation, added to the call's own.
	pub fn authorisation_weight(signed: bool) -> Weight {
		if signed {
			T::Proofs::ml_dsa_weight(ModelActionPayloadOf::<T>::max_encoded_len() as u32)
		} else {
			Weight::zero()
		}
	}

	/// Checks that the holder of the policy's signing key authorised `action` (when the policy
	/// names one: otherwise no authorisation may be given) and moves the model's nonce on, so
	/// the authorisation is spent. Changes `record` only; the caller writes it.
	fn authorise_owner_action(
		model: ModelId,
		record: &mut ModelOf<T>,
		action: ModelActionOf<T>,
		authorisation: Option<&MlDsaSignature>,
	) -> DispatchResult {
		let Some(key) = record.policy.signing_key else {
			return ensure_or(authorisation.is_none(), Error::<T>::UnexpectedEvidence);
		};
		let signature = authorisation.ok_or(Error::<T>::MissingAuthorisation)?;
		let nonce = record.nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let payload = Self::action_payload(model, record, action);
		T::Proofs::verify_ml_dsa(
			key,
			&record.owner,
			purpose::MODEL_ACTION,
			&payload.encode(),
			signature,
		)?;
		record.nonce = nonce;
		Ok(())
	}

	fn signature_weight(signed: bool) -> Weight {
		if signed {
			T::Proofs::ml_dsa_weight(ModelUpdatePayload::max_encoded_len() as u32)
		} else {
			Weight::zero()
		}
	}

	/// The weight of checking `evidence`, added to the call's own.
	pub fn evidence_weight(evidence: &UpdateEvidenceOf<T>) -> Weight {
		let zk = evidence
			.zk_proof
			.as_ref()
			.map(|zk| T::Proofs::groth16_weight(zk.public_inputs.len() as u32))
			.unwrap_or_default();
		Self::signature_weight(evidence.signature.is_some()).saturating_add(zk)
	}

	/// Whether `who` has the active bonded stake governance requires.
	pub fn has_minimum_stake(who: &T::AccountId) -> bool {
		let minimum = MinimumStake::<T>::get();
		minimum.is_zero() || T::Stakes::active_stake(who) >= minimum
	}

	fn ensure_staked(who: &T::AccountId) -> DispatchResult {
		ensure_or(Self::has_minimum_stake(who), Error::<T>::InsufficientStake)
	}

	fn ensure_usable_policy(owner: &T::AccountId, policy: &UpdatePolicyOf<T>) -> DispatchResult {
		if let Some(key) = policy.signing_key {
			ensure_or(
				T::Proofs::ml_dsa_key_owner(key).as_ref() == Some(owner),
				Error::<T>::SigningKeyNotOwned,
			)?;
		}
		if let Some(key) = policy.zk_verifying_key {
			ensure_or(
				T::Proofs::verifying_key_inputs(key).is_some_and(|inputs| inputs >= 1),
				Error::<T>::UnusableVerifyingKey,
			)?;
		}
		let contributors = policy.contributors.as_slice();
		for (index, contributor) in contributors.iter().enumerate() {
			let earlier = contributors.get(..index).unwrap_or_default();
			ensure_or(!earlier.contains(contributor), Error::<T>::DuplicateContributor)?;
		}
		Ok(())
	}

	fn ensure_new_content(model: ModelId, declaration: &VersionDeclaration) -> DispatchResult {
		ensure_or(declaration.shard_count > 0, Error::<T>::NoShards)?;
		ensure_or(
			declared_size_fits(declaration.byte_size, declaration.shard_count),
			Error::<T>::ImpossibleDeclaredSize,
		)?;
		ensure_or(
			!VersionByContentHash::<T>::contains_key(model, declaration.content_hash),
			Error::<T>::DuplicateContentHash,
		)
	}

	/// The model, if `origin` is its owner or governance; and whether it is the owner.
	fn model_for_owner_or_admin(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		model: ModelId,
	) -> Result<(ModelOf<T>, bool), DispatchError> {
		let record = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		use frame_support::traits::EnsureOrigin;
		if T::AdminOrigin::try_origin(origin.clone()).is_ok() {
			return Ok((record, false));
		}
		let who = frame_system::ensure_signed(origin)?;
		ensure_or(record.owner == who, Error::<T>::NotModelOwner)?;
		Ok((record, true))
	}

	/// Checks `evidence` for `declaration` against the model's policy, charges the fee and
	/// deposit to the owner, and appends the version.
	fn append_version(
		model: ModelId,
		mut record: ModelOf<T>,
		submitter: T::AccountId,
		declaration: VersionDeclaration,
		evidence: UpdateEvidenceOf<T>,
		proposal: Option<ProposalId>,
	) -> DispatchResult {
		let owner = record.owner.clone();
		ensure_or(record.status == ModelStatus::Active, Error::<T>::ModelNotActive)?;
		Self::ensure_staked(&owner)?;
		Self::ensure_new_content(model, &declaration)?;
		let payload = Self::update_payload(model, &record, &declaration)?;
		let nonce = record.nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = record
			.deposit
			.checked_add(&Self::version_deposit())
			.ok_or(ArithmeticError::Overflow)?;
		let policy = &record.policy;
		ensure_or(
			policy.signing_key.is_some() || evidence.signature.is_none(),
			Error::<T>::UnexpectedEvidence,
		)?;
		ensure_or(
			policy.zk_verifying_key.is_some() || evidence.zk_proof.is_none(),
			Error::<T>::UnexpectedEvidence,
		)?;
		let signature = match (policy.signing_key, &evidence.signature) {
			(Some(key), Some(signature)) => Some((key, signature)),
			(Some(_), None) => return Err(Error::<T>::MissingSignature.into()),
			(None, _) => None,
		};
		let zk_proof = match (policy.zk_verifying_key, &evidence.zk_proof) {
			(Some(key), Some(zk)) => {
				let commitment =
					update_commitment(&declaration.content_hash, &declaration.merkle_root);
				ensure_or(
					zk.public_inputs.first() == Some(&commitment),
					Error::<T>::ZkProofNotBoundToVersion,
				)?;
				Some((key, zk))
			},
			(Some(_), None) => return Err(Error::<T>::MissingZkProof.into()),
			(None, _) => None,
		};
		let fee = Self::update_fee(&declaration);
		let version_deposit = Self::version_deposit();
		let reason = HoldReason::Model.into();
		T::Currency::ensure_can_hold(&reason, &owner, version_deposit)?;
		let spendable =
			T::Currency::reducible_balance(&owner, Preservation::Preserve, Fortitude::Polite);
		ensure_or(
			spendable >= fee.saturating_add(version_deposit),
			sp_runtime::TokenError::FundsUnavailable,
		)?;

		// The cryptography, last.
		if let Some((key, signature)) = signature {
			T::Proofs::verify_ml_dsa(
				key,
				&owner,
				purpose::MODEL_UPDATE,
				&payload.encode(),
				signature,
			)?;
		}
		if let Some((key, zk)) = zk_proof {
			T::Proofs::verify_groth16(key, &zk.proof, &zk.public_inputs)?;
		}

		// Every check passed: pay, then write.
		if !fee.is_zero() {
			let credit = T::Currency::withdraw(
				&owner,
				fee,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
			T::FeeDestination::on_unbalanced(credit);
		}
		T::Currency::hold(&reason, &owner, version_deposit)?;
		let version = payload.version;
		let content_hash = declaration.content_hash;
		let merkle_root = declaration.merkle_root;
		Versions::<T>::insert(
			model,
			version,
			ModelVersion {
				number: version,
				parent: record.current_version,
				declaration,
				submitter: submitter.clone(),
				evidence: EvidenceRecord {
					signed_by: signature.map(|(key, _)| key),
					zk_verifying_key: zk_proof.map(|(key, _)| key),
					proposal,
				},
				block: frame_system::Pallet::<T>::block_number(),
				timestamp_ms: u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX),
			},
		);
		VersionByContentHash::<T>::insert(model, content_hash, version);
		record.current_version = Some(version);
		record.nonce = nonce;
		record.deposit = deposit;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::ModelUpdated { model, version, content_hash, merkle_root });
		T::OnVersionAccepted::on_version_accepted(model, version, &owner, &submitter);
		Ok(())
	}

	/// Removes a proposal, releases its deposit and updates its model's count.
	fn close_proposal(
		model: ModelId,
		proposal: ProposalId,
		pending: &ProposalOf<T>,
	) -> DispatchResult {
		T::Currency::release(
			&HoldReason::Proposal.into(),
			&pending.proposer,
			pending.deposit,
			Precision::Exact,
		)?;
		Proposals::<T>::remove(model, proposal);
		Models::<T>::mutate(model, |record| {
			if let Some(record) = record {
				record.pending_proposals = record.pending_proposals.saturating_sub(1);
			}
		});
		Ok(())
	}

	/// The pallet's invariants:
	/// - ids: every model is below the next id, every proposal below its model's next id;
	/// - versions: a model's versions are exactly 1..=current, each parent is the previous
	///   number, and every content hash indexes its version;
	/// - deposits: a model's deposit is its own plus one per version; holds equal deposits;
	/// - proposals: each model's count matches its stored proposals;
	/// - revocations: every revoked version exists; every model governance revoked is revoked;
	/// - keys: the signing key of every non-revoked model's policy is pinned at least once per
	///   such policy (other pallets may pin keys too).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		let fail = |message: &'static str| -> sp_runtime::TryRuntimeError { message.into() };

		let mut model_holds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut named_keys: BTreeMap<MlDsaKeyId, u32> = BTreeMap::new();
		let next_model = NextModelId::<T>::get();
		for (id, model) in Models::<T>::iter() {
			ensure_or(id < next_model, fail("a model id is at or above the next id"))?;
			let count = model.current_version.unwrap_or(0);
			let mut expected = Self::model_deposit();
			for number in 1..=count {
				let version = Versions::<T>::get(id, number).ok_or(fail("a version is missing"))?;
				ensure_or(version.number == number, fail("a version has another number"))?;
				ensure_or(
					version.parent == number.checked_sub(1).filter(|parent| *parent > 0),
					fail("a version's parent is not the previous version"),
				)?;
				ensure_or(
					VersionByContentHash::<T>::get(id, version.declaration.content_hash)
						== Some(number),
					fail("a content hash does not index its version"),
				)?;
				expected = expected
					.checked_add(&Self::version_deposit())
					.ok_or(fail("deposit overflow"))?;
			}
			ensure_or(
				Versions::<T>::iter_prefix(id).count() == count as usize,
				fail("a model has versions past its current one"),
			)?;
			ensure_or(
				VersionByContentHash::<T>::iter_prefix(id).count() == count as usize,
				fail("a model indexes content hashes of no version"),
			)?;
			ensure_or(model.deposit == expected, fail("a model's deposit is not its price"))?;
			let proposals = Proposals::<T>::iter_prefix(id).collect::<alloc::vec::Vec<_>>();
			ensure_or(
				proposals.len() == model.pending_proposals as usize,
				fail("a model's proposal count is wrong"),
			)?;
			ensure_or(
				proposals.iter().all(|(proposal, _)| *proposal < model.next_proposal),
				fail("a proposal id is at or above its model's next id"),
			)?;
			// Keys revoked before version 1 of this storage may still be named; they cannot be
			// pinned (and updates under them fail).
			let pinnable = |key: &MlDsaKeyId| T::Proofs::ml_dsa_key_owner(*key).is_some();
			if let Some(key) = model
				.policy
				.signing_key
				.filter(|key| model.status != ModelStatus::Revoked && pinnable(key))
			{
				let named = named_keys.entry(key).or_insert(0u32);
				*named = named.saturating_add(1);
			}
			let held = model_holds.entry(model.owner.clone()).or_insert_with(Zero::zero);
			*held = held.checked_add(&model.deposit).ok_or(fail("deposit overflow"))?;
		}
		for (key, policies) in named_keys {
			ensure_or(
				T::Proofs::ml_dsa_key_pins(key) >= policies,
				fail("a signing key is pinned fewer times than policies name it"),
			)?;
		}
		for (owner, deposits) in model_holds {
			ensure_or(
				T::Currency::balance_on_hold(&HoldReason::Model.into(), &owner) == deposits,
				fail("an owner's holds differ from the deposits of their models"),
			)?;
		}
		for (model, _) in ModelsRevokedByGovernance::<T>::iter() {
			ensure_or(
				Models::<T>::get(model).is_some_and(|record| record.status == ModelStatus::Revoked),
				fail("a model revoked by governance is not revoked"),
			)?;
		}
		for (model, version, _) in RevokedVersions::<T>::iter() {
			ensure_or(
				Versions::<T>::contains_key(model, version),
				fail("a revoked version does not exist"),
			)?;
		}
		let mut proposal_holds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (model, _, proposal) in Proposals::<T>::iter() {
			ensure_or(Models::<T>::contains_key(model), fail("a proposal of no model"))?;
			let held = proposal_holds.entry(proposal.proposer.clone()).or_insert_with(Zero::zero);
			*held = held.checked_add(&proposal.deposit).ok_or(fail("deposit overflow"))?;
		}
		for (proposer, deposits) in proposal_holds {
			ensure_or(
				T::Currency::balance_on_hold(&HoldReason::Proposal.into(), &proposer) == deposits,
				fail("a proposer's holds differ from their proposals' deposits"),
			)?;
		}
		Ok(())
	}
}

impl<T: Config> Call<T> {
	/// Whether the call checks the caller's stake when it dispatches — registering, updating,
	/// proposing, accepting a proposal — and so belongs in the runtime's
	/// [`Config::StakeGatedCalls`]. Every other call must stay open to an account whose stake
	/// fell below the minimum: rejecting a proposal to get its deposit back, accepting,
	/// deprecating or revoking a model.
	pub fn checks_stake(&self) -> bool {
		matches!(
			self,
			Call::register_model { .. }
				| Call::update_model { .. }
				| Call::propose_update { .. }
				| Call::accept_proposal { .. }
		)
	}
}

impl<T: Config> VersionRevocation for Pallet<T> {
	fn is_revoked(model: ModelId, version: VersionNumber) -> bool {
		RevokedVersions::<T>::contains_key(model, version)
			|| ModelsRevokedByGovernance::<T>::contains_key(model)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_revoked(model: ModelId, version: VersionNumber) {
		RevokedVersions::<T>::insert(model, version, frame_system::Pallet::<T>::block_number());
	}
}

/// Why a shard check failed (see [`Pallet::verify_shard`]).
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	scale_info::TypeInfo,
)]
pub enum ShardCheckError {
	/// The model has no such version.
	VersionNotFound,
	/// The proof is for a tree of another number of shards than the version declares.
	WrongShardCount,
	/// The shard is not the `leaf_index`-th of the version.
	NotInVersion,
}

/// `Ok(())` if `condition` holds, `Err(error)` otherwise: `ensure!` outside the pallet module.
fn ensure_or<E: Into<DispatchError>>(condition: bool, error: E) -> Result<(), DispatchError> {
	if condition {
		Ok(())
	} else {
		Err(error.into())
	}
}
