//! Storage migrations of the proof verifier.

/// Version 0 → 1: signing keys name their algorithm. The ML-DSA-65 keys of `MlDsaKeys`
/// become [`PqPublicKey::MlDsa65`](aegis_integrity::pq::PqPublicKey) records of
/// [`SigningKeys`](crate::SigningKeys) under the same ids, with the same owner, generation,
/// block and deposit (the deposit's price is unchanged: see `signing_key_deposit`);
/// `NextMlDsaKeyId` and `MlDsaKeyPins` move to `NextSigningKeyId` and `SigningKeyPins`. The
/// holds stay as they are.
///
/// Must run before any migration that pins keys (the model registry's version 1), so that
/// those pins land on the moved keys.
///
/// A signature statement now encodes its signature with the algorithm's tag, so its hash
/// (`aegis/statement/v1` over the encoding) differs from the one an attestation made before
/// this upgrade is stored under: such a statement may be attested once more, under its new
/// hash. Signature attestations earn no reward, so that costs the submitter a second deposit
/// and nothing else; Merkle and Groth16 statements keep their encodings and hashes.
pub mod v1 {
	use aegis_integrity::pq::{ExactBytes, MlDsaPublicKey, PqPublicKey};
	use alloc::boxed::Box;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::{OptionQuery, ValueQuery},
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		Twox64Concat,
	};
	use frame_system::pallet_prelude::BlockNumberFor;

	use crate::{
		BalanceOf, Config, NextSigningKeyId, Pallet, SigningKeyId, SigningKeyPins,
		SigningKeyRecord, SigningKeys,
	};

	/// A key record of version 0: an ML-DSA-65 key, its bytes without a tag or length.
	#[derive(Encode, Decode)]
	pub struct MlDsaKeyRecordV0<AccountId, Balance, BlockNumber> {
		/// The account the key is registered to.
		pub owner: AccountId,
		/// The ML-DSA-65 key.
		pub public_key: MlDsaPublicKey,
		/// Rotations so far.
		pub generation: u32,
		/// The block of the registration or the last rotation.
		pub since: BlockNumber,
		/// Held from the owner.
		pub deposit: Balance,
	}

	/// A version 0 record of the runtime.
	pub type MlDsaKeyRecordV0Of<T> =
		MlDsaKeyRecordV0<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// Version 0's keys.
	#[storage_alias]
	pub(crate) type MlDsaKeys<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, SigningKeyId, MlDsaKeyRecordV0Of<T>, OptionQuery>;

	/// Version 0's next key id.
	#[storage_alias]
	pub(crate) type NextMlDsaKeyId<T: Config> = StorageValue<Pallet<T>, SigningKeyId, ValueQuery>;

	/// Version 0's pins.
	#[storage_alias]
	pub(crate) type MlDsaKeyPins<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, SigningKeyId, u32, ValueQuery>;

	/// Moves the keys; run only through [`NameKeyAlgorithms`], which checks the storage version.
	///
	/// One block: a read and two writes per key and per pinned key. Every key holds a deposit
	/// of about 2 KB of storage, and a block's budget covers thousands of keys at the
	/// reference weights of reads and writes — far more than the chains this upgrade meets.
	pub struct UncheckedNameKeyAlgorithms<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedNameKeyAlgorithms<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut moved = 0u64;
			NextSigningKeyId::<T>::put(NextMlDsaKeyId::<T>::take());
			for (key, old) in MlDsaKeys::<T>::drain() {
				let record = SigningKeyRecord {
					owner: old.owner,
					public_key: PqPublicKey::MlDsa65(Box::new(ExactBytes(old.public_key.0))),
					generation: old.generation,
					since: old.since,
					deposit: old.deposit,
				};
				SigningKeys::<T>::insert(key, record);
				moved = moved.saturating_add(1);
			}
			for (key, pins) in MlDsaKeyPins::<T>::drain() {
				SigningKeyPins::<T>::insert(key, pins);
				moved = moved.saturating_add(1);
			}
			let accesses = moved.saturating_add(1);
			T::DbWeight::get().reads_writes(accesses, accesses.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			// `drain` would drop a record it cannot decode, and its hold with it: refuse first.
			frame_support::ensure!(
				MlDsaKeys::<T>::iter_keys().count() == MlDsaKeys::<T>::iter_values().count(),
				"a version 0 key record does not decode"
			);
			let keys: alloc::vec::Vec<_> = MlDsaKeys::<T>::iter()
				.map(|(key, old)| (key, old.owner, old.public_key.0.to_vec(), old.deposit))
				.collect();
			let pins: alloc::vec::Vec<_> = MlDsaKeyPins::<T>::iter().collect();
			Ok((NextMlDsaKeyId::<T>::get(), keys, pins).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use aegis_integrity::pq::Algorithm;
			use alloc::vec::Vec;
			use frame_support::ensure;
			type Snapshot<T> = (
				SigningKeyId,
				Vec<(SigningKeyId, <T as frame_system::Config>::AccountId, Vec<u8>, BalanceOf<T>)>,
				Vec<(SigningKeyId, u32)>,
			);
			let (next, keys, pins) = Snapshot::<T>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade snapshot does not decode")?;
			ensure!(NextSigningKeyId::<T>::get() == next, "the next key id moved");
			ensure!(!NextMlDsaKeyId::<T>::exists(), "the old next key id is left");
			ensure!(MlDsaKeys::<T>::iter_keys().next().is_none(), "old keys are left");
			ensure!(MlDsaKeyPins::<T>::iter_keys().next().is_none(), "old pins are left");
			ensure!(SigningKeys::<T>::iter_keys().count() == keys.len(), "keys were lost");
			for (key, owner, bytes, deposit) in keys {
				let record = SigningKeys::<T>::get(key).ok_or("a key was not moved")?;
				let same_key = record.public_key.algorithm() == Algorithm::MlDsa65
					&& record.public_key.as_bytes() == &bytes[..];
				ensure!(
					record.owner == owner && record.deposit == deposit && same_key,
					"a key changed in the move"
				);
			}
			for (key, count) in pins {
				ensure!(SigningKeyPins::<T>::get(key) == count, "a pin count changed in the move");
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 → 1 of the verifier's storage (see the module documentation).
	pub type NameKeyAlgorithms<T> = VersionedMigration<
		0,
		1,
		UncheckedNameKeyAlgorithms<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
