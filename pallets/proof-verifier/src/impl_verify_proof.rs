//! [`VerifyProof`] for other pallets: the checks of [`Pallet::attest`], without the record;
//! and [`PinSigningKey`], so they can keep a key they depend on from being revoked.

use aegis_integrity::{
	merkle::verify_merkle_proof,
	pq::{Algorithm, PqSignature},
};
use aegis_primitives::proofs::{PinSigningKey, VerifyProof};
use frame_support::{dispatch::DispatchResult, weights::Weight};
use sp_runtime::ArithmeticError;

use crate::{
	Config, Error, FieldBytes, Groth16Proof, MerkleProof, Pallet, Sha3_512Hash, SigningKeyId,
	SigningKeyPins, VerifyingKeyId, WeightInfo,
};

impl<T: Config> VerifyProof<T::AccountId> for Pallet<T> {
	fn verify_merkle(
		root: &Sha3_512Hash,
		leaf_hash: &Sha3_512Hash,
		proof: &MerkleProof,
	) -> DispatchResult {
		verify_merkle_proof(root, leaf_hash, proof).map_err(|e| Error::<T>::from(e).into())
	}

	fn verify_groth16(
		key: VerifyingKeyId,
		proof: &Groth16Proof,
		public_inputs: &[FieldBytes],
	) -> DispatchResult {
		Self::check_groth16(key, proof, public_inputs).map_err(Into::into)
	}

	fn verify_signature(
		key: SigningKeyId,
		purpose: &[u8],
		payload: &[u8],
		signature: &PqSignature,
	) -> DispatchResult {
		let record = Self::signing_key(key)?;
		Self::check_signature(&record.public_key, purpose, payload, signature).map_err(Into::into)
	}

	fn signing_key_owner(key: SigningKeyId) -> Option<T::AccountId> {
		crate::SigningKeys::<T>::get(key).map(|record| record.owner)
	}

	fn verifying_key_inputs(key: VerifyingKeyId) -> Option<u32> {
		crate::VerifyingKeys::<T>::get(key).map(|record| record.key.public_inputs())
	}

	fn merkle_weight(depth: u32) -> Weight {
		T::WeightInfo::verify_merkle(depth)
	}

	fn groth16_weight(public_inputs: u32) -> Weight {
		T::WeightInfo::verify_groth16(public_inputs)
	}

	fn signature_weight(algorithm: Algorithm, payload_len: u32) -> Weight {
		Self::signature_weight(algorithm, payload_len)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_benchmark_keys(
		owner: &T::AccountId,
		seed: u8,
		public_inputs: u32,
	) -> (SigningKeyId, VerifyingKeyId) {
		use aegis_integrity::pq::{purpose, signing};
		use codec::Encode;
		use frame_support::traits::fungible::{Inspect, Mutate};
		use frame_system::RawOrigin;
		use sp_runtime::{traits::Saturating, DispatchError};

		let funds = Self::deposit_for(16 * 1024).saturating_add(T::Currency::minimum_balance());
		let minted = T::Currency::mint_into(owner, funds);
		let (public, secret) = signing::pq_keypair_from_seed(Algorithm::MlDsa65, &[seed; 32]);
		let possession = signing::pq_sign(
			&secret,
			&Self::genesis_hash(),
			purpose::KEY_POSSESSION,
			&owner.encode(),
			&[0; 32],
		);
		let signing_key = crate::NextSigningKeyId::<T>::get();
		let verifying = crate::NextVerifyingKeyId::<T>::get();
		let registered =
			possession.map_err(|_| DispatchError::Other("signing")).and_then(|possession| {
				Self::register_signing_key(
					RawOrigin::Signed(owner.clone()).into(),
					alloc::boxed::Box::new(public),
					alloc::boxed::Box::new(possession),
				)
			});
		let circuit = crate::groth16::simulated::circuit(public_inputs, u64::from(seed))
			.ok_or(DispatchError::Other("circuit"))
			.and_then(|(key, _, _)| {
				Self::register_verifying_key(
					RawOrigin::Signed(owner.clone()).into(),
					alloc::boxed::Box::new(key),
				)
			});
		if let Err(error) = minted.map(drop).and(registered).and(circuit) {
			panic!("benchmark keys: {error:?}");
		}
		(signing_key, verifying)
	}
}

impl<T: Config> PinSigningKey for Pallet<T> {
	fn pin_signing_key(key: SigningKeyId) -> DispatchResult {
		Self::signing_key(key)?;
		SigningKeyPins::<T>::try_mutate(key, |pins| {
			*pins = pins.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})
	}

	fn unpin_signing_key(key: SigningKeyId) {
		SigningKeyPins::<T>::mutate_exists(key, |pins| {
			*pins = pins.and_then(|pins| pins.checked_sub(1)).filter(|pins| *pins > 0);
		});
	}

	fn signing_key_pins(key: SigningKeyId) -> u32 {
		SigningKeyPins::<T>::get(key)
	}
}
