//! The verifier's prices, key lookups and checks: what its calls, the runtime API and the
//! model registry (through `VerifyProof`) share.

use crate::*;

impl<T: Config> Pallet<T> {
	/// The deposit for an item of `bytes` encoded bytes.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		aegis_primitives::storage_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The genesis hash that signatures on this chain are bound to. The runtime's hash is
	/// 32 bytes (checked by `integrity_test`).
	pub fn genesis_hash() -> pq::GenesisHash {
		let genesis = frame_system::Pallet::<T>::block_hash(
			frame_system::pallet_prelude::BlockNumberFor::<T>::zero(),
		);
		pq::GenesisHash::try_from(genesis.as_ref()).unwrap_or_default()
	}

	/// The registered key `key`, or why there is none.
	pub fn ml_dsa_key(key: MlDsaKeyId) -> Result<MlDsaKeyRecordOf<T>, Error<T>> {
		MlDsaKeys::<T>::get(key).ok_or(if key < NextMlDsaKeyId::<T>::get() {
			Error::MlDsaKeyRevoked
		} else {
			Error::UnknownMlDsaKey
		})
	}

	/// The registered verification key `key`, or why there is none.
	pub fn verifying_key(key: VerifyingKeyId) -> Result<VerifyingKeyRecordOf<T>, Error<T>> {
		VerifyingKeys::<T>::get(key).ok_or(if key < NextVerifyingKeyId::<T>::get() {
			Error::VerifyingKeyRemoved
		} else {
			Error::UnknownVerifyingKey
		})
	}

	/// Verifies `statement` without recording anything. Returns the kind of proof checked.
	pub fn check_statement(statement: &StatementOf<T>) -> Result<ProofKind, Error<T>> {
		match statement {
			Statement::MerkleInclusion { root, leaf_hash, proof } => {
				verify_merkle_proof(root, leaf_hash, proof)?
			},
			Statement::Groth16 { key, proof, public_inputs } => {
				Self::check_groth16(*key, proof, public_inputs)?
			},
			Statement::MlDsa { key, purpose, payload, signature } => {
				let record = Self::ml_dsa_key(*key)?;
				Self::check_signature(&record.public_key, purpose, payload, signature)?
			},
		}
		Ok(statement.kind())
	}

	/// Verifies a Groth16 proof under the registered key `key`.
	pub fn check_groth16(
		key: VerifyingKeyId,
		proof: &Groth16Proof,
		public_inputs: &[FieldBytes],
	) -> Result<(), Error<T>> {
		let record = Self::verifying_key(key)?;
		groth16::verify_proof(&record.key, proof, public_inputs).map_err(Into::into)
	}

	/// Verifies an ML-DSA signature by `public_key` bound to this chain.
	pub fn check_signature(
		public_key: &MlDsaPublicKey,
		purpose: &[u8],
		payload: &[u8],
		signature: &MlDsaSignature,
	) -> Result<(), Error<T>> {
		let genesis = Self::genesis_hash();
		pq::verify_signature(public_key, &genesis, purpose, payload, signature).map_err(Into::into)
	}

	/// Verifies a proof that `owner` holds the secret key of `public_key`.
	pub(crate) fn check_possession(
		owner: &T::AccountId,
		public_key: &MlDsaPublicKey,
		proof: &MlDsaSignature,
	) -> Result<(), Error<T>> {
		Self::check_signature(public_key, purpose::KEY_POSSESSION, &owner.encode(), proof)
			.map_err(|_| Error::InvalidProofOfPossession)
	}

	/// The weight of [`Pallet::attest`] for `statement`: the benchmark of its kind at its size.
	pub fn attest_weight(statement: &StatementOf<T>) -> Weight {
		match statement {
			Statement::MerkleInclusion { proof, .. } => {
				T::WeightInfo::attest_merkle(proof.siblings.as_slice().len() as u32)
			},
			Statement::Groth16 { public_inputs, .. } => {
				T::WeightInfo::attest_groth16(public_inputs.len() as u32)
			},
			Statement::MlDsa { payload, .. } => T::WeightInfo::attest_ml_dsa(payload.len() as u32),
		}
	}

	/// Releases `amount` held for `reason` from `who`, all of it or nothing.
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(drop)
	}
}
