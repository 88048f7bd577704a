//! # Proof Verifier Pallet
//!
//! Checks the evidence that makes an Aegis model update tamper-proof, and keeps the keys that
//! evidence is checked against.
//!
//! ## Pallet API
//!
//! Keys, each held by a deposit proportional to its size:
//! - [`Pallet::register_signing_key`], [`Pallet::rotate_signing_key`],
//!   [`Pallet::revoke_signing_key`]: post-quantum public keys bound to accounts, each of one
//!   algorithm (`aegis_integrity::pq::Algorithm`: ML-DSA-44/65/87 of FIPS 204, SLH-DSA-SHA2-128s/f
//!   of FIPS 205) that the runtime accepts ([`Config::SignatureAlgorithms`]).
//! - [`Pallet::register_verifying_key`], [`Pallet::remove_verifying_key`]: Groth16 verification
//!   keys over BN254, in the layout circom/snarkjs export.
//!
//! Verification:
//! - [`Pallet::attest`]: verifies a [`Statement`] — a Merkle inclusion proof, a Groth16 proof or
//!   a post-quantum signature — and records an [`Attestation`] (statement hash → block), emitting
//!   [`Event::ProofVerified`]. [`Pallet::remove_attestation`] gives the record's deposit back.
//! - [`VerifyProof`](aegis_primitives::proofs::VerifyProof): the same checks for other pallets,
//!   with the weight of each.
//! - [`runtime_api::ProofVerifierApi`]: the same checks for clients, free and without a
//!   transaction.
//!
//! ## Overview
//!
//! **Merkle proofs** use the tree of `aegis_integrity::merkle` (SHA3-512, `0x00`/`0x01`
//! domain-separated leaves and nodes, odd nodes promoted rather than duplicated, the leaf index
//! and the number of leaves bound into the proof).
//!
//! **Groth16 proofs** are verified with arkworks' BN254 arithmetic compiled into the runtime —
//! no host function, so any standard node runs it. A proof made by snarkjs verifies unchanged:
//! its JSON converts to [`Groth16Proof`] coordinate for coordinate.
//!
//! **Signatures** of every algorithm are made over `genesis hash ‖ purpose ‖ payload` with the
//! context string `aegis/v1` (`aegis_integrity::pq`), so a signature cannot be replayed on
//! another chain or for another purpose, and a signature of one algorithm never passes for
//! another's. A key is registered only with a proof of possession (a signature by the new key
//! over the registering account), so nobody can claim another's key; a rotation must also be
//! signed by the current key, so an attacker who forges the account's classical signature
//! still cannot swap in a key of their own. A rotation may change the algorithm (e.g. from a
//! scheme that has weakened to another); the key keeps its id, so the policies naming it hold.
//!
//! Every check runs its cheap steps first — sizes (bounded before decoding: every argument is a
//! bounded type), key existence, ownership, field ranges — and the expensive cryptography last.
//! A failed check returns a typed error and changes nothing.
//!
//! ## Low Level
//!
//! Keys and verification keys get sequential ids that are never reused: a revoked id stays
//! revoked, and a missing id below the next one is reported as revoked or removed rather than
//! unknown. Every stored item is paid for by a hold on its owner's balance
//! ([`HoldReason`]); `try_state` checks that the holds equal the deposits recorded.
//!
//! Prices, lookups and the checks behind the calls, the runtime API and `VerifyProof` are in
//! `functions.rs`; the registry's side in `impl_verify_proof.rs`; Groth16 in `groth16.rs`;
//! the verifier's errors for `aegis-integrity`'s in `impl_errors.rs`; the invariants in
//! `try_state.rs`; storage migrations in `migrations.rs`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
pub mod groth16;
mod impl_errors;
mod impl_verify_proof;
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

pub use types::*;
pub use weights::WeightInfo;

use aegis_integrity::{
	merkle::verify_merkle_proof,
	pq::{self, purpose},
};
use aegis_primitives::incentives::OnProofVerified;
use alloc::boxed::Box;
use codec::{Encode, MaxEncodedLen};
use frame_support::{
	dispatch::DispatchResult,
	traits::{
		fungible::{InspectHold, Mutate, MutateHold},
		tokens::Precision,
		Contains, Get,
	},
	weights::Weight,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	ArithmeticError,
};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit of any stored item, on top of its bytes.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of a stored item.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The most public inputs a Groth16 verification key may have. Verification costs one
		/// G1 multiplication per input on top of the pairings.
		#[pallet::constant]
		type MaxPublicInputs: Get<u32>;

		/// The longest payload a signature statement may carry.
		#[pallet::constant]
		type MaxSignedPayloadLen: Get<u32>;

		/// The algorithms new signing keys may use (registration and rotation). Keys already
		/// registered keep verifying: taking an algorithm out stops new keys of a scheme that
		/// has weakened without stranding the models its keys protect (their owners rotate).
		type SignatureAlgorithms: Contains<Algorithm>;

		/// Told of every attested proof (the incentives may reward it); its weight is added
		/// to every attestation's.
		type OnProofVerified: OnProofVerified<Self::AccountId>;

		/// Weights of this pallet's calls and checks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered signing key.
		SigningKey,
		/// The deposit of a registered Groth16 verification key.
		VerifyingKey,
		/// The deposit of an attestation.
		Attestation,
	}

	/// The id the next signing key gets. Ids are never reused.
	#[pallet::storage]
	pub type NextSigningKeyId<T: Config> = StorageValue<_, SigningKeyId, ValueQuery>;

	/// Registered post-quantum signing keys.
	// Twox64Concat: ids are sequential and chosen by the chain, so nobody can aim at a bucket.
	#[pallet::storage]
	pub type SigningKeys<T: Config> =
		StorageMap<_, Twox64Concat, SigningKeyId, SigningKeyRecordOf<T>, OptionQuery>;

	/// How many things depend on each signing key (the registry pins the key of every active
	/// policy that names one); a pinned key cannot be revoked. Absent: no pins.
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type SigningKeyPins<T: Config> = StorageMap<_, Twox64Concat, SigningKeyId, u32, ValueQuery>;

	/// The id the next verification key gets. Ids are never reused.
	#[pallet::storage]
	pub type NextVerifyingKeyId<T: Config> = StorageValue<_, VerifyingKeyId, ValueQuery>;

	/// Registered Groth16 verification keys.
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type VerifyingKeys<T: Config> =
		StorageMap<_, Twox64Concat, VerifyingKeyId, VerifyingKeyRecordOf<T>, OptionQuery>;

	/// Statements verified on chain, by their hash.
	// Identity: the key is a SHA3-256 digest the chain computes from the statement, so no
	// submitter can choose its bytes, and it is uniformly distributed already.
	#[pallet::storage]
	pub type Attestations<T: Config> =
		StorageMap<_, Identity, StatementHash, AttestationOf<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A signing key was registered to `owner` under the id `key`.
		SigningKeyRegistered {
			/// The new key's id.
			key: SigningKeyId,
			/// The account it is registered to.
			owner: T::AccountId,
			/// The key's algorithm.
			algorithm: Algorithm,
		},
		/// The signing key `key` was replaced; signatures by the old key no longer verify.
		SigningKeyRotated {
			/// The key's id (unchanged).
			key: SigningKeyId,
			/// The account it is registered to.
			owner: T::AccountId,
			/// The key's new generation.
			generation: u32,
			/// The new key's algorithm.
			algorithm: Algorithm,
		},
		/// The signing key `key` was revoked and its deposit released.
		SigningKeyRevoked {
			/// The revoked key's id.
			key: SigningKeyId,
			/// The account it was registered to.
			owner: T::AccountId,
		},
		/// A Groth16 verification key was registered under the id `key`.
		VerifyingKeyRegistered {
			/// The new key's id.
			key: VerifyingKeyId,
			/// Who registered it.
			owner: T::AccountId,
			/// How many public inputs its proofs have.
			public_inputs: u32,
		},
		/// The Groth16 verification key `key` was removed and its deposit released.
		VerifyingKeyRemoved {
			/// The removed key's id.
			key: VerifyingKeyId,
			/// Who had registered it.
			owner: T::AccountId,
		},
		/// A statement was verified and its attestation recorded.
		ProofVerified {
			/// The statement's hash, under which the attestation is stored.
			statement_hash: StatementHash,
			/// The kind of proof.
			kind: ProofKind,
			/// Who submitted it.
			submitter: T::AccountId,
		},
		/// An attestation was removed and its deposit released.
		AttestationRemoved {
			/// The statement's hash.
			statement_hash: StatementHash,
			/// Who had submitted it.
			submitter: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No signing key was ever registered under this id. Check the id in `signingKeys`.
		UnknownSigningKey,
		/// The signing key was revoked; register a new key.
		SigningKeyRevoked,
		/// The signing key is registered to another account.
		NotSigningKeyOwner,
		/// This runtime accepts no new keys of this algorithm (see the pallet's
		/// `SignatureAlgorithms`); choose another.
		AlgorithmNotAccepted,
		/// The signature is of another algorithm than the key it is checked against.
		AlgorithmMismatch,
		/// The proof of possession is not a signature by the new key over the registering
		/// account (purpose `aegis/key-possession`) on this chain.
		InvalidProofOfPossession,
		/// The rotation is not signed by the key's current generation (purpose
		/// `aegis/key-rotation`, payload `(owner, key, generation, new key)`).
		InvalidRotationSignature,
		/// The key protects something (a model's update policy names it): change that first
		/// (e.g. `ModelRegistry::set_policy`, signed with this key).
		SigningKeyInUse,
		/// A rotation must change the key.
		KeyUnchanged,
		/// The signature does not verify for this key, chain, purpose and payload.
		BadSignature,
		/// The signature's purpose is longer than 64 bytes.
		PurposeTooLong,
		/// The algorithm's implementation refused the key's encoding.
		MalformedSigningKey,
		/// No Groth16 verification key was ever registered under this id.
		UnknownVerifyingKey,
		/// The Groth16 verification key was removed.
		VerifyingKeyRemoved,
		/// The Groth16 verification key was registered by another account.
		NotVerifyingKeyOwner,
		/// A point of the verification key is not on BN254, not in its prime-order subgroup,
		/// not canonically encoded, or at infinity; or the key has no `IC` point.
		MalformedVerifyingKey,
		/// A point of the Groth16 proof is not on BN254, not in its prime-order subgroup, not
		/// canonically encoded, or at infinity.
		MalformedProof,
		/// A public input is not below the BN254 scalar field modulus.
		PublicInputOutOfRange,
		/// The number of public inputs differs from the verification key's.
		PublicInputCountMismatch,
		/// The Groth16 proof is not valid for these public inputs under this key.
		ProofRejected,
		/// The Merkle proof's leaf index is not below its leaf count (or the count is zero).
		MerkleIndexOutOfRange,
		/// The Merkle proof has more or fewer siblings than its index and leaf count call for.
		MerkleProofWrongLength,
		/// The Merkle proof leads to another root: the leaf is not in the tree at this index.
		MerkleRootMismatch,
		/// This statement is already attested (see `attestations`).
		AlreadyAttested,
		/// No attestation is stored under this hash.
		UnknownAttestation,
		/// The attestation was submitted by another account.
		NotAttestationSubmitter,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert_eq!(
				T::Hash::default().as_ref().len(),
				32,
				"signatures bind a 32-byte genesis hash"
			);
			assert!(T::MaxPublicInputs::get() > 0, "Groth16 keys need room for public inputs");
			assert!(
				T::MaxSignedPayloadLen::get() >= 256,
				"signed payloads must fit a model update's fields"
			);
			assert!(
				!T::DepositPerByte::get().is_zero(),
				"stored keys must be paid for by the byte"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a post-quantum public key to the caller, holding a deposit for the
		/// record's size. The key's variant is its algorithm, which the runtime must accept
		/// ([`Config::SignatureAlgorithms`]).
		///
		/// `proof_of_possession` is the new key's signature (purpose `aegis/key-possession`)
		/// over the SCALE-encoded caller account on this chain.
		///
		/// ## Dispatch Origin
		/// Signed: the account the key is registered to.
		///
		/// ## Errors
		/// - [`Error::AlgorithmNotAccepted`].
		/// - [`Error::InvalidProofOfPossession`]: the proof does not verify (or is of another
		///   algorithm than the key).
		/// - `ArithmeticError::Overflow`: no ids left.
		/// - A `Balances` error if the deposit cannot be held.
		///
		/// ## Events
		/// [`Event::SigningKeyRegistered`].
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::register_weight(public_key.algorithm()))]
		pub fn register_signing_key(
			origin: OriginFor<T>,
			public_key: Box<PqPublicKey>,
			proof_of_possession: Box<PqSignature>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let algorithm = public_key.algorithm();
			ensure!(T::SignatureAlgorithms::contains(&algorithm), Error::<T>::AlgorithmNotAccepted);
			let key = NextSigningKeyId::<T>::get();
			let next = key.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			let record = SigningKeyRecord {
				owner: owner.clone(),
				public_key: *public_key,
				generation: 0,
				since: frame_system::Pallet::<T>::block_number(),
				deposit: Zero::zero(),
			};
			let deposit = Self::signing_key_deposit(&record);
			let reason = HoldReason::SigningKey.into();
			T::Currency::ensure_can_hold(&reason, &owner, deposit)?;
			Self::check_possession(&owner, &record.public_key, &proof_of_possession)?;

			T::Currency::hold(&reason, &owner, deposit)?;
			SigningKeys::<T>::insert(key, SigningKeyRecord { deposit, ..record });
			NextSigningKeyId::<T>::put(next);
			Self::deposit_event(Event::SigningKeyRegistered { key, owner, algorithm });
			Ok(())
		}

		/// Replaces the public key registered under `key`, keeping its id (so policies that
		/// name the id stay valid). The new key may be of another accepted algorithm; the
		/// deposit follows the record's new size (the difference is held or released).
		///
		/// Two signatures authorise it, both on this chain: `rotation_signature` by the
		/// *current* key (purpose `aegis/key-rotation`, payload SCALE of
		/// `(owner, key, generation, new_public_key)`), and `proof_of_possession` by the new key
		/// (as for [`Pallet::register_signing_key`]).
		///
		/// ## Dispatch Origin
		/// Signed: the key's owner.
		///
		/// ## Errors
		/// - [`Error::UnknownSigningKey`], [`Error::SigningKeyRevoked`],
		///   [`Error::NotSigningKeyOwner`].
		/// - [`Error::AlgorithmNotAccepted`]: the new key's algorithm.
		/// - [`Error::KeyUnchanged`]: the new key is the current one.
		/// - [`Error::InvalidRotationSignature`], [`Error::InvalidProofOfPossession`].
		/// - A `Balances` error if a larger deposit cannot be held.
		///
		/// ## Events
		/// [`Event::SigningKeyRotated`].
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::rotate_weight(
			rotation_signature.algorithm(),
			new_public_key.algorithm(),
		))]
		pub fn rotate_signing_key(
			origin: OriginFor<T>,
			key: SigningKeyId,
			new_public_key: Box<PqPublicKey>,
			rotation_signature: Box<PqSignature>,
			proof_of_possession: Box<PqSignature>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let current = Self::signing_key(key)?;
			ensure!(current.owner == owner, Error::<T>::NotSigningKeyOwner);
			let algorithm = new_public_key.algorithm();
			ensure!(T::SignatureAlgorithms::contains(&algorithm), Error::<T>::AlgorithmNotAccepted);
			ensure!(current.public_key != *new_public_key, Error::<T>::KeyUnchanged);
			let generation = current.generation.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			let payload = (&owner, key, current.generation, &*new_public_key).encode();
			let rotated = SigningKeyRecord {
				public_key: *new_public_key,
				generation,
				since: frame_system::Pallet::<T>::block_number(),
				..current.clone()
			};
			// Keys of one algorithm have one length, so the deposit moves only when the algorithm
			// does: a rotation within an algorithm touches no balance.
			let deposit = Self::signing_key_deposit(&rotated);
			let top_up = deposit.saturating_sub(current.deposit);
			let refund = current.deposit.saturating_sub(deposit);
			let reason = HoldReason::SigningKey.into();
			if !top_up.is_zero() {
				T::Currency::ensure_can_hold(&reason, &owner, top_up)?;
			}
			Self::check_signature(
				&current.public_key,
				purpose::KEY_ROTATION,
				&payload,
				&rotation_signature,
			)
			.map_err(|_| Error::<T>::InvalidRotationSignature)?;
			Self::check_possession(&owner, &rotated.public_key, &proof_of_possession)?;

			if !top_up.is_zero() {
				T::Currency::hold(&reason, &owner, top_up)?;
			} else if !refund.is_zero() {
				Self::release(HoldReason::SigningKey, &owner, refund)?;
			}
			SigningKeys::<T>::insert(key, SigningKeyRecord { deposit, ..rotated });
			Self::deposit_event(Event::SigningKeyRotated { key, owner, generation, algorithm });
			Ok(())
		}

		/// Revokes the key `key` for good and releases its deposit. Signatures by it no longer
		/// verify; its id is never reused.
		///
		/// A pinned key ([`SigningKeyPins`]: a model's policy names it) cannot be revoked: the
		/// account key alone would otherwise switch off what the key protects. To retire such a
		/// key, first change the policies that name it, authorised by the key itself; to replace
		/// it, rotate it ([`Pallet::rotate_signing_key`]).
		///
		/// ## Dispatch Origin
		/// Signed: the key's owner.
		///
		/// ## Errors
		/// [`Error::UnknownSigningKey`], [`Error::SigningKeyRevoked`],
		/// [`Error::NotSigningKeyOwner`], [`Error::SigningKeyInUse`].
		///
		/// ## Events
		/// [`Event::SigningKeyRevoked`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke_signing_key())]
		pub fn revoke_signing_key(origin: OriginFor<T>, key: SigningKeyId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let record = Self::signing_key(key)?;
			ensure!(record.owner == owner, Error::<T>::NotSigningKeyOwner);
			ensure!(SigningKeyPins::<T>::get(key) == 0, Error::<T>::SigningKeyInUse);

			Self::release(HoldReason::SigningKey, &owner, record.deposit)?;
			SigningKeys::<T>::remove(key);
			Self::deposit_event(Event::SigningKeyRevoked { key, owner });
			Ok(())
		}

		/// Registers a Groth16 verification key over BN254, holding a deposit for its size.
		/// Every point is checked (on the curve, in the prime-order subgroup, canonical).
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Errors
		/// - [`Error::MalformedVerifyingKey`].
		/// - `ArithmeticError::Overflow`: no ids left.
		/// - A `Balances` error if the deposit cannot be held.
		///
		/// ## Events
		/// [`Event::VerifyingKeyRegistered`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::register_verifying_key(
			verifying_key.public_inputs()
		))]
		pub fn register_verifying_key(
			origin: OriginFor<T>,
			verifying_key: Box<Groth16VerifyingKeyOf<T>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let key = NextVerifyingKeyId::<T>::get();
			let next = key.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			let public_inputs = verifying_key.public_inputs();
			let record = VerifyingKeyRecord {
				owner: owner.clone(),
				key: *verifying_key,
				deposit: Zero::zero(),
			};
			let deposit = Self::deposit_for(record.encoded_size());
			let reason = HoldReason::VerifyingKey.into();
			T::Currency::ensure_can_hold(&reason, &owner, deposit)?;
			groth16::check_verifying_key(&record.key).map_err(Error::<T>::from)?;

			T::Currency::hold(&reason, &owner, deposit)?;
			VerifyingKeys::<T>::insert(key, VerifyingKeyRecord { deposit, ..record });
			NextVerifyingKeyId::<T>::put(next);
			Self::deposit_event(Event::VerifyingKeyRegistered { key, owner, public_inputs });
			Ok(())
		}

		/// Removes the verification key `key` and releases its deposit. Proofs under it no
		/// longer verify; its id is never reused.
		///
		/// ## Dispatch Origin
		/// Signed: the account that registered the key.
		///
		/// ## Errors
		/// [`Error::UnknownVerifyingKey`], [`Error::VerifyingKeyRemoved`],
		/// [`Error::NotVerifyingKeyOwner`].
		///
		/// ## Events
		/// [`Event::VerifyingKeyRemoved`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_verifying_key())]
		pub fn remove_verifying_key(origin: OriginFor<T>, key: VerifyingKeyId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let record = Self::verifying_key(key)?;
			ensure!(record.owner == owner, Error::<T>::NotVerifyingKeyOwner);

			Self::release(HoldReason::VerifyingKey, &owner, record.deposit)?;
			VerifyingKeys::<T>::remove(key);
			Self::deposit_event(Event::VerifyingKeyRemoved { key, owner });
			Ok(())
		}

		/// Verifies `statement` and records that it was verified: its hash maps to the block,
		/// the kind of proof and the submitter, who pays a deposit for the record.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Errors
		/// - [`Error::AlreadyAttested`].
		/// - Merkle: [`Error::MerkleIndexOutOfRange`], [`Error::MerkleProofWrongLength`],
		///   [`Error::MerkleRootMismatch`].
		/// - Groth16: [`Error::UnknownVerifyingKey`], [`Error::VerifyingKeyRemoved`],
		///   [`Error::PublicInputCountMismatch`], [`Error::PublicInputOutOfRange`],
		///   [`Error::MalformedProof`], [`Error::ProofRejected`].
		/// - Signature: [`Error::UnknownSigningKey`], [`Error::SigningKeyRevoked`],
		///   [`Error::AlgorithmMismatch`], [`Error::BadSignature`].
		/// - A `Balances` error if the deposit cannot be held.
		///
		/// ## Events
		/// [`Event::ProofVerified`].
		#[pallet::call_index(5)]
		#[pallet::weight(
			Pallet::<T>::attest_weight(statement).saturating_add(T::OnProofVerified::weight())
		)]
		pub fn attest(origin: OriginFor<T>, statement: Box<StatementOf<T>>) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			let statement_hash = statement.hash();
			ensure!(!Attestations::<T>::contains_key(statement_hash), Error::<T>::AlreadyAttested);
			let deposit = Self::deposit_for(AttestationOf::<T>::max_encoded_len());
			let reason = HoldReason::Attestation.into();
			T::Currency::ensure_can_hold(&reason, &submitter, deposit)?;
			let kind = Self::check_statement(&statement)?;

			T::Currency::hold(&reason, &submitter, deposit)?;
			let verified_at = frame_system::Pallet::<T>::block_number();
			let attestation =
				Attestation { submitter: submitter.clone(), kind, verified_at, deposit };
			Attestations::<T>::insert(statement_hash, attestation);
			Self::deposit_event(Event::ProofVerified {
				statement_hash,
				kind,
				submitter: submitter.clone(),
			});
			T::OnProofVerified::on_proof_verified(&submitter, statement.verified_proof());
			Ok(())
		}

		/// Removes the attestation of `statement_hash` and releases its deposit.
		///
		/// ## Dispatch Origin
		/// Signed: the attestation's submitter.
		///
		/// ## Errors
		/// [`Error::UnknownAttestation`], [`Error::NotAttestationSubmitter`].
		///
		/// ## Events
		/// [`Event::AttestationRemoved`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_attestation())]
		pub fn remove_attestation(
			origin: OriginFor<T>,
			statement_hash: StatementHash,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			let attestation =
				Attestations::<T>::get(statement_hash).ok_or(Error::<T>::UnknownAttestation)?;
			ensure!(attestation.submitter == submitter, Error::<T>::NotAttestationSubmitter);

			Self::release(HoldReason::Attestation, &submitter, attestation.deposit)?;
			Attestations::<T>::remove(statement_hash);
			Self::deposit_event(Event::AttestationRemoved { statement_hash, submitter });
			Ok(())
		}
	}
}
