//! A policy's k-of-n signatures, shared by updates and owner actions: first the cheap checks
//! of who signed (exactly the threshold, distinct keys the policy names), then, last, the
//! cryptography; and the pins of the owner's keys among a policy's.

use frame_support::{ensure, weights::Weight};
use sp_runtime::DispatchResult;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The weight of checking `signatures` over a payload of `payload_len` bytes: each by its
	/// own algorithm, as the signature's variant says (the verifier refuses a signature whose
	/// variant is not its key's before any cryptography).
	pub(crate) fn signatures_weight(signatures: &[KeySignature], payload_len: u32) -> Weight {
		signatures.iter().fold(Weight::zero(), |weight, signed| {
			weight.saturating_add(T::Proofs::signature_weight(
				signed.signature.algorithm(),
				payload_len,
			))
		})
	}

	/// Checks who signed, without the cryptography: with no signing keys in the policy no
	/// signature may be given ([`Error::UnexpectedEvidence`]); otherwise exactly its
	/// threshold of signatures (`missing` when fewer, [`Error::SurplusSignatures`] when more),
	/// each by a key the policy names ([`Error::SignerNotInPolicy`]), no key twice
	/// ([`Error::DuplicateSigner`]).
	pub(crate) fn ensure_signers(
		policy: &UpdatePolicyOf<T>,
		signatures: &[KeySignature],
		missing: Error<T>,
	) -> DispatchResult {
		let Some(signing) = &policy.signing else {
			ensure!(signatures.is_empty(), Error::<T>::UnexpectedEvidence);
			return Ok(());
		};
		let threshold = usize::try_from(signing.threshold).unwrap_or(usize::MAX);
		ensure!(signatures.len() >= threshold, missing);
		ensure!(signatures.len() <= threshold, Error::<T>::SurplusSignatures);
		for (index, signed) in signatures.iter().enumerate() {
			ensure!(signing.keys.contains(&signed.key), Error::<T>::SignerNotInPolicy);
			let earlier = signatures.get(..index).unwrap_or_default();
			ensure!(
				!earlier.iter().any(|other| other.key == signed.key),
				Error::<T>::DuplicateSigner
			);
		}
		Ok(())
	}

	/// Verifies every signature over `payload` for `purpose`, each against its key (registered
	/// and not revoked, of the signature's algorithm). Runs after [`Self::ensure_signers`].
	pub(crate) fn verify_signatures(
		purpose: &[u8],
		payload: &[u8],
		signatures: &[KeySignature],
	) -> DispatchResult {
		for signed in signatures {
			T::Proofs::verify_signature(signed.key, purpose, payload, &signed.signature)?;
		}
		Ok(())
	}

	/// The keys of `policy` registered to `owner`: those pinned while the policy is in force
	/// on a non-revoked model of `owner`. (A key's owner never changes, and a model's owner
	/// changes only with its policy's keys dropped, so this set is the same when the policy is
	/// set and when it is replaced.)
	pub(crate) fn owner_keys<'a>(
		owner: &'a T::AccountId,
		policy: &'a UpdatePolicyOf<T>,
	) -> impl Iterator<Item = SigningKeyId> + 'a {
		policy
			.signing_keys()
			.iter()
			.copied()
			.filter(move |key| T::Proofs::signing_key_owner(*key).as_ref() == Some(owner))
	}

	/// Pins the owner's keys of `policy`.
	pub(crate) fn pin_owner_keys(
		owner: &T::AccountId,
		policy: &UpdatePolicyOf<T>,
	) -> DispatchResult {
		for key in Self::owner_keys(owner, policy) {
			T::Proofs::pin_signing_key(key)?;
		}
		Ok(())
	}

	/// Unpins the owner's keys of `policy`.
	pub(crate) fn unpin_owner_keys(owner: &T::AccountId, policy: &UpdatePolicyOf<T>) {
		for key in Self::owner_keys(owner, policy) {
			T::Proofs::unpin_signing_key(key);
		}
	}
}
