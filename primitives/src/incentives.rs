//! The incentive token: the fungible asset that rewards accepted contributions.
//!
//! It lives in the runtime's asset pallet (`pallet-assets`, which already has ERC-20's
//! transfer / approve / transfer-from semantics) under a fixed id created at genesis, so its
//! balances and approvals are ordinary, well-audited asset state that wallets and polkadot.js
//! apps show. [`Erc20Api`] answers the ERC-20 read calls for clients that expect them.
//!
//! The hooks below connect the pallets whose work is rewarded (registry, proof verifier,
//! oracle) to the incentives pallet without a dependency between them: each pallet announces
//! what happened, the runtime wires the announcement to the incentives.

use alloc::{string::String, vec::Vec};
use sp_runtime::Weight;

/// The id of the incentive token in the asset pallet.
pub const INCENTIVE_ASSET_ID: u32 = 1;
/// The token's name.
pub const INCENTIVE_TOKEN_NAME: &[u8] = b"Aegis Incentive Token";
/// The token's ticker.
pub const INCENTIVE_TOKEN_SYMBOL: &[u8] = b"AIT";
/// Decimal places: one AIT is 10^12 of its smallest unit, like AEG.
pub const INCENTIVE_TOKEN_DECIMALS: u8 = 12;

sp_api::decl_runtime_apis! {
	/// The read calls of an ERC-20 token, answered for the incentive token.
	///
	/// Writes are the asset pallet's calls: `assets.transfer` (ERC-20 `transfer`),
	/// `assets.approveTransfer` (`approve`, which adds to an existing allowance; cancel with
	/// `assets.cancelApproval`) and `assets.transferApproved` (`transferFrom`).
	///
	/// Version 2 answers `name` and `symbol` as `Option<String>`, EIP-20's optional `string`.
	/// Version 1's bare `Vec<u8>` reached polkadot.js's `api.call` with its length prefix read
	/// as a character (it takes a top-level `Bytes` or `Text` result as raw bytes); an `Option`
	/// of text is decoded alike by polkadot.js and polkadot-api.
	#[api_version(2)]
	pub trait Erc20Api<AccountId, Balance>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
	{
		/// `name()`, as version 1 answered it.
		#[changed_in(2)]
		fn name() -> Vec<u8>;
		/// `name()`: `None` if the token has no name, or one that is not UTF-8 text.
		fn name() -> Option<String>;
		/// `symbol()`, as version 1 answered it.
		#[changed_in(2)]
		fn symbol() -> Vec<u8>;
		/// `symbol()`: `None` if the token has no symbol, or one that is not UTF-8 text.
		fn symbol() -> Option<String>;
		/// `decimals()`.
		fn decimals() -> u8;
		/// `totalSupply()`.
		fn total_supply() -> Balance;
		/// `balanceOf(owner)`.
		fn balance_of(owner: AccountId) -> Balance;
		/// `allowance(owner, spender)`: what `spender` may still move from `owner`'s balance.
		fn allowance(owner: AccountId, spender: AccountId) -> Balance;
	}
}

/// Domain of [`proof_reward_binding`].
pub const PROOF_REWARD_BINDING_DOMAIN: &[u8] = b"aegis/proof-reward/v1";

/// The public input that binds a rewarded Groth16 proof to the account it rewards: the last
/// public input of a proof under a rewarded key must equal this for its submitter, so that a
/// proof seen in the pool cannot be re-randomised and claimed by someone else.
///
/// SHA3-256(domain ‖ SCALE(account)) as a public input: big-endian, its first byte cleared
/// (`aegis_integrity::groth16::field_element_from_digest`, as the update commitment).
pub fn proof_reward_binding(encoded_account: &[u8]) -> crate::proofs::FieldBytes {
	let mut preimage = PROOF_REWARD_BINDING_DOMAIN.to_vec();
	preimage.extend_from_slice(encoded_account);
	aegis_integrity::groth16::field_element_from_digest(aegis_integrity::sha3_256(&preimage))
}

pub use aegis_integrity::update::{ModelId, VersionNumber};

/// A proof the proof-verification pallet has just verified and recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifiedProof<'a> {
	/// A Merkle inclusion proof.
	MerkleInclusion,
	/// A Groth16 proof under the registered verification key `key` for `public_inputs`.
	Groth16 {
		/// The verification key.
		key: crate::proofs::VerifyingKeyId,
		/// The public inputs the proof was checked for.
		public_inputs: &'a [crate::proofs::FieldBytes],
	},
	/// A post-quantum signature by a registered signing key.
	Signature,
}

/// Told by the model registry when a version is accepted, so that contributions can be
/// rewarded. Runs inside the update's transaction: it must not fail it, so it returns nothing.
pub trait OnVersionAccepted<AccountId> {
	/// `version` of `model` was accepted: `owner` paid for it, `submitter` made it (the owner
	/// for a direct update, the proposer for an accepted proposal).
	fn on_version_accepted(
		model: ModelId,
		version: VersionNumber,
		owner: &AccountId,
		submitter: &AccountId,
	);

	/// The most [`Self::on_version_accepted`] weighs, added to every update's weight.
	fn weight() -> Weight;
}

impl<AccountId> OnVersionAccepted<AccountId> for () {
	fn on_version_accepted(_: ModelId, _: VersionNumber, _: &AccountId, _: &AccountId) {}

	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Told by the proof-verification pallet when it verified and recorded a proof.
pub trait OnProofVerified<AccountId> {
	/// `submitter` had `proof` verified on chain.
	fn on_proof_verified(submitter: &AccountId, proof: VerifiedProof<'_>);

	/// The most [`Self::on_proof_verified`] weighs, added to every attestation's weight.
	fn weight() -> Weight;
}

impl<AccountId> OnProofVerified<AccountId> for () {
	fn on_proof_verified(_: &AccountId, _: VerifiedProof<'_>) {}

	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Told by the oracle when a round closed: the reporters whose reports made its value.
pub trait OnRoundClosed<AccountId> {
	/// `reporters` reported fresh values that the round's median was taken over.
	fn on_round_closed(reporters: &[AccountId]);

	/// The most [`Self::on_round_closed`] weighs for `reporters` reporters.
	fn weight(reporters: u32) -> Weight;
}

impl<AccountId> OnRoundClosed<AccountId> for () {
	fn on_round_closed(_: &[AccountId]) {}

	fn weight(_: u32) -> Weight {
		Weight::zero()
	}
}

/// Told by the model registry when governance revokes versions as malicious — one version,
/// or every version of a model — so that their unclaimed rewards are forfeited. Runs inside
/// governance's call: it must not fail it, so it returns nothing, and it must be O(1), since a
/// model's versions are not bounded.
pub trait OnVersionRevoked {
	/// Governance revoked `version` of `model`.
	fn on_version_revoked(model: ModelId, version: VersionNumber);

	/// Governance revoked `model` with every version of it.
	fn on_every_version_revoked(model: ModelId);

	/// The most [`Self::on_version_revoked`] weighs.
	fn version_weight() -> Weight;

	/// The most [`Self::on_every_version_revoked`] weighs.
	fn model_weight() -> Weight;
}

impl OnVersionRevoked for () {
	fn on_version_revoked(_: ModelId, _: VersionNumber) {}

	fn on_every_version_revoked(_: ModelId) {}

	fn version_weight() -> Weight {
		Weight::zero()
	}

	fn model_weight() -> Weight {
		Weight::zero()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_reward_binding_is_the_digest_with_its_first_byte_cleared() {
		let account = [7u8; 32];
		let mut preimage = PROOF_REWARD_BINDING_DOMAIN.to_vec();
		preimage.extend_from_slice(&account);
		let digest = aegis_integrity::sha3_256(&preimage);
		let binding = proof_reward_binding(&account);
		assert_eq!(binding[0], 0);
		assert_eq!(binding[1..], digest[1..]);
		assert_ne!(binding, proof_reward_binding(&[8u8; 32]));
	}
}
