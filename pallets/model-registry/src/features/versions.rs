//! Accepting a version: the evidence is checked against the model's policy (cheap checks
//! first, the cryptography last), then the fee and deposit are charged and the version is
//! recorded. Nothing is written until every check has passed.

use aegis_integrity::pq::purpose;
use codec::{Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use frame_support::{
	ensure,
	traits::{
		fungible::{Balanced, Inspect, InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		OnUnbalanced, UnixTime,
	},
	weights::Weight,
};
use sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

use crate::*;

/// What the checks of an update established, for recording it.
pub(crate) struct CheckedUpdate<T: Config> {
	/// The number the version gets.
	version: VersionNumber,
	/// The model's nonce after the update.
	nonce: u64,
	/// What is held from the owner: the version's deposit, and any shortfall of the model's.
	version_deposit: BalanceOf<T>,
	/// The model's deposit after the update, its own and its versions'.
	deposit: BalanceOf<T>,
	/// The update fee.
	fee: BalanceOf<T>,
	/// The keys whose signatures were verified, if the policy asks for them.
	signed_by: BoundedVec<SigningKeyId, T::MaxPolicyKeys>,
	/// The key the Groth16 proof was verified under, if the policy asks for one.
	zk_verifying_key: Option<VerifyingKeyId>,
}

impl<T: Config> Pallet<T> {
	/// The weight of checking update signatures, each by its algorithm.
	pub fn update_signatures_weight(signatures: &[KeySignature]) -> Weight {
		Self::signatures_weight(signatures, ModelUpdatePayload::max_encoded_len() as u32)
	}

	/// The weight of checking `evidence`, added to the call's own.
	pub fn evidence_weight(evidence: &UpdateEvidenceOf<T>) -> Weight {
		let zk = evidence
			.zk_proof
			.as_ref()
			.map(|zk| T::Proofs::groth16_weight(zk.public_inputs.len() as u32))
			.unwrap_or_default();
		Self::update_signatures_weight(&evidence.signatures).saturating_add(zk)
	}

	/// Checks `evidence` for `declaration` against the model's policy, charges the fee and
	/// deposit to the owner, and appends the version submitted by `submitter` (the owner, or
	/// the contributor whose `proposal` the owner accepted).
	pub(crate) fn append_version(
		model: ModelId,
		record: ModelOf<T>,
		submitter: T::AccountId,
		declaration: VersionDeclaration,
		evidence: UpdateEvidenceOf<T>,
		proposal: Option<ProposalId>,
	) -> DispatchResult {
		let checked = Self::check_update(model, &record, &declaration, &evidence)?;
		Self::charge_and_record(model, record, submitter, declaration, checked, proposal)
	}

	/// Every check of an update, in order of cost: the model takes updates from a staked
	/// owner, the content is new, the evidence is what the policy asks for (the threshold of
	/// distinct policy keys signed, and a Groth16 proof is bound to this version), the owner
	/// can pay; then the signatures and the proof.
	fn check_update(
		model: ModelId,
		record: &ModelOf<T>,
		declaration: &VersionDeclaration,
		evidence: &UpdateEvidenceOf<T>,
	) -> Result<CheckedUpdate<T>, DispatchError> {
		let owner = &record.owner;
		ensure!(record.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		Self::ensure_staked(owner)?;
		Self::ensure_new_content(model, declaration)?;
		let payload = Self::update_payload(model, record, declaration)?;
		let nonce = record.nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		// The model's price with this version; what the owner holds already counts, so a
		// deposit left short (an upgrade that grew the records while the owner could not
		// pay) is made whole by the next update.
		let deposit = Self::version_deposit()
			.checked_mul(&BalanceOf::<T>::from(payload.version))
			.and_then(|versions| versions.checked_add(&Self::model_deposit()))
			.ok_or(ArithmeticError::Overflow)?
			.max(record.deposit);
		let version_deposit = deposit.saturating_sub(record.deposit);
		let policy = &record.policy;
		Self::ensure_signers(policy, &evidence.signatures, Error::<T>::MissingSignature)?;
		ensure!(
			policy.zk_verifying_key.is_some() || evidence.zk_proof.is_none(),
			Error::<T>::UnexpectedEvidence
		);
		let zk_proof = match (policy.zk_verifying_key, &evidence.zk_proof) {
			(Some(key), Some(zk)) => {
				let commitment =
					update_commitment(&declaration.content_hash, &declaration.merkle_root);
				ensure!(
					zk.public_inputs.first() == Some(&commitment),
					Error::<T>::ZkProofNotBoundToVersion
				);
				Some((key, zk))
			},
			(Some(_), None) => return Err(Error::<T>::MissingZkProof.into()),
			(None, _) => None,
		};
		let fee = Self::update_fee(declaration);
		T::Currency::ensure_can_hold(&HoldReason::Model.into(), owner, version_deposit)?;
		let spendable =
			T::Currency::reducible_balance(owner, Preservation::Preserve, Fortitude::Polite);
		ensure!(
			spendable >= fee.saturating_add(version_deposit),
			sp_runtime::TokenError::FundsUnavailable
		);

		// The cryptography, last.
		Self::verify_signatures(purpose::MODEL_UPDATE, &payload.encode(), &evidence.signatures)?;
		if let Some((key, zk)) = zk_proof {
			T::Proofs::verify_groth16(key, &zk.proof, &zk.public_inputs)?;
		}
		Ok(CheckedUpdate {
			version: payload.version,
			nonce,
			version_deposit,
			deposit,
			fee,
			signed_by: BoundedVec::truncate_from(
				evidence.signatures.iter().map(|signed| signed.key).collect(),
			),
			zk_verifying_key: zk_proof.map(|(key, _)| key),
		})
	}

	/// Charges the checked update's fee and deposit to the owner and records the version:
	/// the only writes of an update, made after [`Pallet::check_update`] passed.
	fn charge_and_record(
		model: ModelId,
		mut record: ModelOf<T>,
		submitter: T::AccountId,
		declaration: VersionDeclaration,
		checked: CheckedUpdate<T>,
		proposal: Option<ProposalId>,
	) -> DispatchResult {
		let owner = record.owner.clone();
		if !checked.fee.is_zero() {
			let credit = T::Currency::withdraw(
				&owner,
				checked.fee,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
			T::FeeDestination::on_unbalanced(credit);
		}
		T::Currency::hold(&HoldReason::Model.into(), &owner, checked.version_deposit)?;
		let version = checked.version;
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
					signed_by: checked.signed_by,
					zk_verifying_key: checked.zk_verifying_key,
					proposal,
				},
				block: frame_system::Pallet::<T>::block_number(),
				timestamp_ms: u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX),
			},
		);
		VersionByContentHash::<T>::insert(model, content_hash, version);
		record.current_version = Some(version);
		record.nonce = checked.nonce;
		record.deposit = checked.deposit;
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::ModelUpdated { model, version, content_hash, merkle_root });
		T::OnVersionAccepted::on_version_accepted(model, version, &owner, &submitter);
		Ok(())
	}
}
