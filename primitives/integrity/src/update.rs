//! What the owner of a model signs to publish a version, and how a zero-knowledge proof is
//! bound to one version.
//!
//! ## The signed update
//!
//! An update signature is an ML-DSA-65 signature ([`crate::pq`]) for the purpose
//! [`crate::pq::purpose::MODEL_UPDATE`] over the SCALE encoding of [`ModelUpdatePayload`]:
//! the model, the version number the update will get, its parent, the content hash, the
//! Merkle root, the declared shard count and size, and the model's update nonce. Because the
//! message also names the chain (genesis hash), a signature authorises exactly one version of
//! one model on one chain, once: the nonce moves on with every signed update, so a captured
//! signature cannot be replayed — not even after a failed attempt.
//!
//! ## Owner actions
//!
//! While a model's policy names a signing key, the account key alone does not control the
//! model: every owner call that changes what evidence an update needs (the policy), who may
//! give it (the owner) or whether updates are taken at all (deprecation, revocation) must
//! carry an ML-DSA-65 signature by that key for the purpose
//! [`crate::pq::purpose::MODEL_ACTION`] over the SCALE encoding of [`ModelActionPayload`]: the
//! model, its nonce and the exact [`ModelAction`]. The nonce is the update nonce: every
//! accepted update or action moves it on, so an action signature is single-use, and signing
//! an action also voids any update signature made before it.
//!
//! ## The proof commitment
//!
//! A Groth16 proof about a model (e.g. "trained on the committed data set") must be about
//! *this* version, or one proof would serve every update. Circuits used in update policies
//! therefore take as their first public input the [`update_commitment`] of the version: the
//! SHA3-256 of the content hash and Merkle root, with its first byte cleared so the value is
//! below BN254's scalar field modulus.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{groth16::FieldBytes, Sha3_512Hash};

/// The `InvalidTransaction::Custom` code with which the chain's transaction pool refuses a
/// registry call (registering, updating, proposing) from an account below the minimum bonded
/// stake: the model registry's stake gate answers it, tools explain it.
pub const STAKE_TOO_LOW: u8 = 0xA5;

/// Identifier of a model in the registry. Sequential, never reused.
pub type ModelId = u32;

/// Number of a version within its model, from 1.
pub type VersionNumber = u32;

/// What an update declares about the content it publishes: the hashes that identify it and
/// the shard count and size its fee is charged for. The registry stores it with the version;
/// a signed update's [`ModelUpdatePayload`] covers every field of it.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct VersionDeclaration {
	/// SHA3-512 of the model's content (see [`crate::content`]; `aegis model hash`).
	pub content_hash: Sha3_512Hash,
	/// The Merkle root over the model's shards (see [`crate::merkle`]).
	pub merkle_root: Sha3_512Hash,
	/// The number of shards under the root; at least one.
	pub shard_count: u32,
	/// The size of the content in bytes; the update fee grows with it.
	pub byte_size: u64,
}

/// Domain tag of [`update_commitment`].
pub const UPDATE_COMMITMENT_DOMAIN: &[u8] = b"aegis/update-commitment/v1";

/// The fields an update signature covers (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ModelUpdatePayload {
	/// The model.
	pub model: ModelId,
	/// The version number the update becomes.
	pub version: VersionNumber,
	/// The version it replaces, if any.
	pub parent: Option<VersionNumber>,
	/// SHA3-512 of the model's content (see [`crate::content`]).
	pub content_hash: Sha3_512Hash,
	/// The Merkle root over the model's shards (see [`crate::merkle`]).
	pub merkle_root: Sha3_512Hash,
	/// The number of shards under the root.
	pub shard_count: u32,
	/// The size of the model's content in bytes.
	pub byte_size: u64,
	/// The model's update nonce before this update.
	pub nonce: u64,
}

impl ModelUpdatePayload {
	/// The payload that publishes `declaration` as `version` of `model`, replacing `parent`,
	/// at the model's update `nonce`.
	pub fn new(
		model: ModelId,
		version: VersionNumber,
		parent: Option<VersionNumber>,
		declaration: &VersionDeclaration,
		nonce: u64,
	) -> Self {
		Self {
			model,
			version,
			parent,
			content_hash: declaration.content_hash,
			merkle_root: declaration.merkle_root,
			shard_count: declaration.shard_count,
			byte_size: declaration.byte_size,
			nonce,
		}
	}

	/// What the payload declares about the content it publishes.
	pub fn declaration(&self) -> VersionDeclaration {
		VersionDeclaration {
			content_hash: self.content_hash,
			merkle_root: self.merkle_root,
			shard_count: self.shard_count,
			byte_size: self.byte_size,
		}
	}
}

/// What the holder of a model's signing key authorises the owner's account to do (see the
/// module documentation). Generic over the chain's account type and its policy type, whose
/// SCALE encodings are signed as they are.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum ModelAction<AccountId, Policy> {
	/// Replace the model's update policy with this one.
	SetPolicy(Policy),
	/// Offer the model to this account (who must still accept it).
	TransferOwnership(AccountId),
	/// Deprecate the model: it takes no more updates.
	Deprecate,
	/// Revoke the model for good.
	Revoke,
}

/// The fields an owner-action signature covers (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ModelActionPayload<AccountId, Policy> {
	/// The model.
	pub model: ModelId,
	/// The model's nonce before this action.
	pub nonce: u64,
	/// The action authorised.
	pub action: ModelAction<AccountId, Policy>,
}

/// The first public input of a policy's Groth16 proof for a version with these hashes.
pub fn update_commitment(content_hash: &Sha3_512Hash, merkle_root: &Sha3_512Hash) -> FieldBytes {
	let mut preimage = alloc::vec::Vec::with_capacity(UPDATE_COMMITMENT_DOMAIN.len() + 128);
	preimage.extend_from_slice(UPDATE_COMMITMENT_DOMAIN);
	preimage.extend_from_slice(content_hash);
	preimage.extend_from_slice(merkle_root);
	crate::groth16::field_element_from_digest(crate::sha3_256(&preimage))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_payload_encodes_its_fields_in_order() {
		let payload = ModelUpdatePayload {
			model: 1,
			version: 2,
			parent: Some(1),
			content_hash: [3; 64],
			merkle_root: [4; 64],
			shard_count: 5,
			byte_size: 6,
			nonce: 7,
		};
		let encoded = payload.encode();
		assert_eq!(encoded.len(), 4 + 4 + 5 + 64 + 64 + 4 + 8 + 8);
		assert_eq!(&encoded[..13], &[1, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0]);
		assert_eq!(&encoded[encoded.len() - 8..], &7u64.to_le_bytes());
	}

	#[test]
	fn an_action_payload_encodes_model_nonce_then_the_action() {
		let payload: ModelActionPayload<
			[u8; 32],
			(Option<u32>, Option<u32>, alloc::vec::Vec<[u8; 32]>),
		> = ModelActionPayload { model: 3, nonce: 9, action: ModelAction::TransferOwnership([5; 32]) };
		let encoded = payload.encode();
		assert_eq!(&encoded[..12], &[3, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
		assert_eq!(encoded[12], 1, "the action's variant index");
		assert_eq!(&encoded[13..], &[5; 32]);
		let deprecate: ModelActionPayload<[u8; 32], ()> =
			ModelActionPayload { model: 3, nonce: 9, action: ModelAction::Deprecate };
		let revoke: ModelActionPayload<[u8; 32], ()> =
			ModelActionPayload { model: 3, nonce: 9, action: ModelAction::Revoke };
		assert_ne!(deprecate.encode(), revoke.encode());
	}

	#[test]
	fn the_commitment_is_canonical_and_binds_both_hashes() {
		let commitment = update_commitment(&[1; 64], &[2; 64]);
		assert_eq!(commitment[0], 0);
		assert_ne!(commitment, update_commitment(&[1; 64], &[3; 64]));
		assert_ne!(commitment, update_commitment(&[3; 64], &[2; 64]));
	}
}
