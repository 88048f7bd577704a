//! The pallet's invariants, checked after every block by `try-runtime` and after every test
//! of this pallet.

use codec::MaxEncodedLen;
use frame_support::traits::fungible::InspectHold;
use sp_runtime::traits::Zero;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The pallet's invariants:
	/// - no id at or above the next id is in use;
	/// - only registered keys are pinned;
	/// - every deposit is what its item costs, and each account's holds equal the deposits of
	///   its items.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use sp_runtime::traits::CheckedAdd;

		let mut held: BTreeMap<(T::AccountId, u8), BalanceOf<T>> = BTreeMap::new();
		let mut add = |who: &T::AccountId, reason: u8, amount: BalanceOf<T>| {
			let entry = held.entry((who.clone(), reason)).or_insert_with(Zero::zero);
			*entry = entry.checked_add(&amount).ok_or("deposits overflow")?;
			Ok::<_, sp_runtime::TryRuntimeError>(())
		};

		let next_key = NextSigningKeyId::<T>::get();
		for (key, record) in SigningKeys::<T>::iter() {
			ensure_state(key < next_key, "a signing key id is at or above the next id")?;
			ensure_state(
				record.deposit == Self::signing_key_deposit(&record),
				"a signing key's deposit is not its price",
			)?;
			add(&record.owner, 0, record.deposit)?;
		}
		for (key, pins) in SigningKeyPins::<T>::iter() {
			ensure_state(
				SigningKeys::<T>::contains_key(key),
				"a pinned signing key is not registered",
			)?;
			ensure_state(pins > 0, "a key's pin count is stored as zero")?;
		}
		let next_verifying_key = NextVerifyingKeyId::<T>::get();
		for (key, record) in VerifyingKeys::<T>::iter() {
			ensure_state(
				key < next_verifying_key,
				"a verification key id is at or above the next id",
			)?;
			let unpriced = VerifyingKeyRecord { deposit: Zero::zero(), ..record.clone() };
			ensure_state(
				record.deposit == Self::deposit_for(unpriced.encoded_size()),
				"a verification key's deposit is not its price",
			)?;
			add(&record.owner, 1, record.deposit)?;
		}
		for (_, attestation) in Attestations::<T>::iter() {
			ensure_state(
				attestation.deposit == Self::deposit_for(AttestationOf::<T>::max_encoded_len()),
				"an attestation's deposit is not its price",
			)?;
			add(&attestation.submitter, 2, attestation.deposit)?;
		}
		for ((who, reason), amount) in held {
			let reason = match reason {
				0 => HoldReason::SigningKey,
				1 => HoldReason::VerifyingKey,
				_ => HoldReason::Attestation,
			};
			ensure_state(
				T::Currency::balance_on_hold(&reason.into(), &who) == amount,
				"an account's holds differ from its deposits",
			)?;
		}
		Ok(())
	}
}

fn ensure_state(condition: bool, message: &'static str) -> Result<(), sp_runtime::TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(message.into())
	}
}
