//! The verifier's prices, key lookups and checks: what its calls, the runtime API and the
//! model registry (through `VerifyProof`) share.

use crate::*;

impl<T: Config> Pallet<T> {
	/// The deposit for an item of `bytes` encoded bytes.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		aegis_primitives::storage_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The deposit of a signing key's record: the record's encoded size, its key counted by
	/// the key's own bytes. The algorithm tag and length prefix are not charged, so the
	/// ML-DSA-65 keys registered before keys named their algorithm paid exactly this.
	pub fn signing_key_deposit(record: &SigningKeyRecordOf<T>) -> BalanceOf<T> {
		let key = &record.public_key;
		let framing = key.encoded_size().saturating_sub(key.as_bytes().len());
		Self::deposit_for(record.encoded_size().saturating_sub(framing))
	}

	/// The genesis hash that signatures on this chain are bound to. The runtime's hash is
	/// 32 bytes (checked by `integrity_test`).
	pub fn genesis_hash() -> pq::GenesisHash {
		let genesis = frame_system::Pallet::<T>::block_hash(
			frame_system::pallet_prelude::BlockNumberFor::<T>::zero(),
		);
		pq::GenesisHash::try_from(genesis.as_ref()).unwrap_or_default()
	}

	/// The registered signing key `key`, or why there is none.
	pub fn signing_key(key: SigningKeyId) -> Result<SigningKeyRecordOf<T>, Error<T>> {
		SigningKeys::<T>::get(key).ok_or(if key < NextSigningKeyId::<T>::get() {
			Error::SigningKeyRevoked
		} else {
			Error::UnknownSigningKey
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
			Statement::Signature { key, purpose, payload, signature } => {
				let record = Self::signing_key(*key)?;
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

	/// Verifies a signature by `public_key` bound to this chain. A signature of another
	/// algorithm than the key's is refused before any cryptography.
	pub fn check_signature(
		public_key: &PqPublicKey,
		purpose: &[u8],
		payload: &[u8],
		signature: &PqSignature,
	) -> Result<(), Error<T>> {
		let genesis = Self::genesis_hash();
		pq::verify_pq_signature(public_key, &genesis, purpose, payload, signature)
			.map_err(Into::into)
	}

	/// Verifies a proof that `owner` holds the secret key of `public_key`.
	pub(crate) fn check_possession(
		owner: &T::AccountId,
		public_key: &PqPublicKey,
		proof: &PqSignature,
	) -> Result<(), Error<T>> {
		Self::check_signature(public_key, purpose::KEY_POSSESSION, &owner.encode(), proof)
			.map_err(|_| Error::InvalidProofOfPossession)
	}

	/// The weight of [`Pallet::attest`] for `statement`: the benchmark of its kind at its size,
	/// a signature's by its algorithm.
	///
	/// Never less than the check alone (`verify_*`, what other pallets are charged for it):
	/// the two are separate measurements, and where the check is nearly all of the call's
	/// work (a Groth16 proof: 5 ms of verification, microseconds of storage) run-to-run noise
	/// can put the call's below the check's.
	pub fn attest_weight(statement: &StatementOf<T>) -> Weight {
		match statement {
			Statement::MerkleInclusion { proof, .. } => {
				let depth = proof.siblings.as_slice().len() as u32;
				T::WeightInfo::attest_merkle(depth).max(T::WeightInfo::verify_merkle(depth))
			},
			Statement::Groth16 { public_inputs, .. } => {
				let inputs = public_inputs.len() as u32;
				T::WeightInfo::attest_groth16(inputs).max(T::WeightInfo::verify_groth16(inputs))
			},
			Statement::Signature { payload, signature, .. } => {
				let (len, algorithm) = (payload.len() as u32, signature.algorithm());
				Self::with_algorithm(T::WeightInfo::attest_signature(len), algorithm, len)
					.max(Self::signature_weight(algorithm, len))
			},
		}
	}

	/// The weight of verifying a signature of `algorithm` over `payload_len` bytes, the key
	/// read included: the algorithm's own benchmark. A signature is charged by its variant;
	/// one whose variant is not its key's algorithm is refused before any cryptography.
	pub fn signature_weight(algorithm: Algorithm, payload_len: u32) -> Weight {
		match algorithm {
			Algorithm::MlDsa44 => T::WeightInfo::verify_ml_dsa_44(payload_len),
			Algorithm::MlDsa65 => T::WeightInfo::verify_ml_dsa_65(payload_len),
			Algorithm::MlDsa87 => T::WeightInfo::verify_ml_dsa_87(payload_len),
			Algorithm::SlhDsaSha2_128s => T::WeightInfo::verify_slh_dsa_sha2_128s(payload_len),
			Algorithm::SlhDsaSha2_128f => T::WeightInfo::verify_slh_dsa_sha2_128f(payload_len),
		}
	}

	/// `benchmarked`, the weight of a call measured with an ML-DSA-65 signature over
	/// `payload_len` bytes, with that verification's weight swapped for `algorithm`'s.
	pub fn with_algorithm(benchmarked: Weight, algorithm: Algorithm, payload_len: u32) -> Weight {
		benchmarked
			.saturating_add(Self::signature_weight(algorithm, payload_len))
			.saturating_sub(Self::signature_weight(Algorithm::MlDsa65, payload_len))
	}

	/// The weight of [`Pallet::register_signing_key`] for a key of `algorithm`: its proof of
	/// possession signs the encoded account.
	pub fn register_weight(algorithm: Algorithm) -> Weight {
		let possession = T::AccountId::max_encoded_len() as u32;
		Self::with_algorithm(T::WeightInfo::register_signing_key(), algorithm, possession)
	}

	/// The weight of [`Pallet::rotate_signing_key`]: the rotation signature of the current
	/// key's algorithm (`rotated_by`, as the signature says) over the owner, id, generation and
	/// new key; the proof of possession of the new key's algorithm (`to`).
	pub fn rotate_weight(rotated_by: Algorithm, to: Algorithm) -> Weight {
		let possession = T::AccountId::max_encoded_len() as u32;
		let rotation = possession
			.saturating_add(8)
			.saturating_add(PqPublicKey::max_encoded_len() as u32);
		let with_rotation =
			Self::with_algorithm(T::WeightInfo::rotate_signing_key(), rotated_by, rotation);
		Self::with_algorithm(with_rotation, to, possession)
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
