//! A binary Merkle tree over SHA3-512, with domain separation and no duplicated leaves.
//!
//! ## Construction
//!
//! - A leaf's hash is `SHA3-512(0x00 ‖ data)`; an inner node's is `SHA3-512(0x01 ‖ left ‖ right)`.
//! - Each level pairs nodes left to right. When a level has an odd number of nodes, the last one
//!   is **promoted** unchanged to the next level; it is never paired with a copy of itself.
//! - The root is `SHA3-512(0x02 ‖ leaf_count as u32 little-endian ‖ top)`, where `top` is the
//!   single node the levels end in (for one leaf, that leaf's hash). An empty tree has no root.
//!
//! ## Why not the obvious construction
//!
//! The requirements' sketch hashes the concatenated hex strings of two children with the same
//! function used for leaves. Two classic forgeries follow:
//!
//! 1. *Leaf/node confusion.* Without distinct prefixes, an inner node (the hash of 128 bytes of
//!    children) is also the hash of a 128-byte leaf. An attacker can present an inner node's
//!    children as a "leaf" and prove the inclusion of data that was never a shard of the
//!    model — a second preimage of the tree. The `0x00`/`0x01` prefixes make the two kinds of
//!    hash disjoint.
//! 2. *Duplicated last leaves.* Trees that pair an odd last node with itself give `[a, b, c]`
//!    and `[a, b, c, c]` the same root (the flaw behind CVE-2012-2459). Promotion instead keeps
//!    every leaf list's root distinct.
//!
//! A proof carries the leaf's index and the number of leaves: the verifier derives from them
//! which side each sibling is on and where promotions happen, so a proof for shard 3 cannot be
//! passed off as one for shard 5. The root commits to the number of leaves (the `0x02` step):
//! trees of different sizes can share a path shape (leaf 3 of 7 and of 8 have the same
//! siblings), and without it a proof would verify for a size the tree does not have.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sha3::Digest;

use crate::Sha3_512Hash;

/// Prefix of a leaf's hash input.
pub const LEAF_PREFIX: u8 = 0x00;
/// Prefix of an inner node's hash input.
pub const NODE_PREFIX: u8 = 0x01;
/// Prefix of the root's hash input, which binds the number of leaves.
pub const ROOT_PREFIX: u8 = 0x02;
/// Most siblings a proof can need: a tree has at most `u32::MAX` leaves, so 32 levels.
pub const MAX_PROOF_DEPTH: usize = 32;

/// The hash of a leaf: `SHA3-512(0x00 ‖ data)`.
pub fn hash_leaf(data: &[u8]) -> Sha3_512Hash {
	let mut hasher = sha3::Sha3_512::new();
	hasher.update([LEAF_PREFIX]);
	hasher.update(data);
	hasher.finalize().into()
}

/// The hash of an inner node: `SHA3-512(0x01 ‖ left ‖ right)`.
pub fn hash_node(left: &Sha3_512Hash, right: &Sha3_512Hash) -> Sha3_512Hash {
	let mut hasher = sha3::Sha3_512::new();
	hasher.update([NODE_PREFIX]);
	hasher.update(left);
	hasher.update(right);
	hasher.finalize().into()
}

/// The root of a tree of `leaf_count` leaves whose levels end in `top`:
/// `SHA3-512(0x02 ‖ leaf_count_le ‖ top)`.
pub fn hash_root(leaf_count: u32, top: &Sha3_512Hash) -> Sha3_512Hash {
	let mut hasher = sha3::Sha3_512::new();
	hasher.update([ROOT_PREFIX]);
	hasher.update(leaf_count.to_le_bytes());
	hasher.update(top);
	hasher.finalize().into()
}

/// Why a tree or a proof was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MerkleError {
	/// A tree needs at least one leaf.
	NoLeaves,
	/// More leaves than a `u32` counts.
	TooManyLeaves,
	/// The leaf index is not below the number of leaves.
	IndexOutOfRange,
	/// The proof has more or fewer siblings than its index and leaf count call for.
	WrongProofLength,
	/// The proof is well formed but leads to another root.
	RootMismatch,
}

/// Proof that a leaf is the `leaf_index`-th of `leaf_count` leaves under a root: the sibling
/// hashes from the leaf's level up, skipping levels where the node is promoted.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct MerkleProof {
	/// Position of the leaf, from 0.
	pub leaf_index: u32,
	/// Number of leaves in the tree.
	pub leaf_count: u32,
	/// Sibling hashes, bottom-up. At most [`MAX_PROOF_DEPTH`].
	pub siblings: BoundedSiblings,
}

/// Sibling hashes of a proof, bounded so that a decoded proof can never be larger than a tree of
/// `u32::MAX` leaves needs. Decoding checks the length prefix before it allocates anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, TypeInfo)]
pub struct BoundedSiblings(Vec<Sha3_512Hash>);

impl Decode for BoundedSiblings {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let codec::Compact(len) = codec::Compact::<u32>::decode(input)?;
		if len as usize > MAX_PROOF_DEPTH {
			return Err("a Merkle proof has at most 32 siblings".into());
		}
		let mut siblings = Vec::with_capacity(len as usize);
		for _ in 0..len {
			siblings.push(<Sha3_512Hash>::decode(input)?);
		}
		Ok(Self(siblings))
	}
}

impl DecodeWithMemTracking for BoundedSiblings {}

impl BoundedSiblings {
	/// The siblings, if there are at most [`MAX_PROOF_DEPTH`].
	pub fn new(siblings: Vec<Sha3_512Hash>) -> Option<Self> {
		(siblings.len() <= MAX_PROOF_DEPTH).then_some(Self(siblings))
	}

	/// The siblings, bottom-up.
	pub fn as_slice(&self) -> &[Sha3_512Hash] {
		&self.0
	}
}

impl MaxEncodedLen for BoundedSiblings {
	fn max_encoded_len() -> usize {
		codec::Compact(MAX_PROOF_DEPTH as u32)
			.encoded_size()
			.saturating_add(MAX_PROOF_DEPTH.saturating_mul(64))
	}
}

/// Number of siblings a proof for `leaf_index` of `leaf_count` has: one per level where the
/// node is not promoted.
pub fn proof_depth(leaf_index: u32, leaf_count: u32) -> Result<usize, MerkleError> {
	if leaf_count == 0 {
		return Err(MerkleError::NoLeaves);
	}
	if leaf_index >= leaf_count {
		return Err(MerkleError::IndexOutOfRange);
	}
	let (mut index, mut width, mut depth) = (leaf_index, leaf_count, 0);
	while width > 1 {
		if index % 2 == 1 || index + 1 < width {
			depth += 1;
		}
		index /= 2;
		width = width.div_ceil(2);
	}
	Ok(depth)
}

/// The root over the given leaf hashes.
pub fn merkle_root(leaf_hashes: &[Sha3_512Hash]) -> Result<Sha3_512Hash, MerkleError> {
	let leaf_count = u32::try_from(leaf_hashes.len()).map_err(|_| MerkleError::TooManyLeaves)?;
	let mut level: Vec<Sha3_512Hash> = leaf_hashes.to_vec();
	while level.len() > 1 {
		level = next_level(&level);
	}
	let top = level.first().ok_or(MerkleError::NoLeaves)?;
	Ok(hash_root(leaf_count, top))
}

/// The level above `level`: pairs hashed, an odd last node promoted.
fn next_level(level: &[Sha3_512Hash]) -> Vec<Sha3_512Hash> {
	let mut next = Vec::with_capacity(level.len().div_ceil(2));
	let mut nodes = level.iter();
	while let Some(left) = nodes.next() {
		next.push(match nodes.next() {
			Some(right) => hash_node(left, right),
			None => *left,
		});
	}
	next
}

/// The proof that `leaf_hashes[leaf_index]` is under [`merkle_root`]`(leaf_hashes)`.
pub fn merkle_proof(
	leaf_hashes: &[Sha3_512Hash],
	leaf_index: u32,
) -> Result<MerkleProof, MerkleError> {
	let leaf_count = u32::try_from(leaf_hashes.len()).map_err(|_| MerkleError::TooManyLeaves)?;
	proof_depth(leaf_index, leaf_count)?;
	let mut siblings = Vec::new();
	let mut level: Vec<Sha3_512Hash> = leaf_hashes.to_vec();
	let mut index = leaf_index as usize;
	while level.len() > 1 {
		let sibling = if index % 2 == 1 { level.get(index - 1) } else { level.get(index + 1) };
		if let Some(sibling) = sibling {
			siblings.push(*sibling);
		}
		level = next_level(&level);
		index /= 2;
	}
	let siblings = BoundedSiblings::new(siblings).ok_or(MerkleError::TooManyLeaves)?;
	Ok(MerkleProof { leaf_index, leaf_count, siblings })
}

/// The root that `proof` leads to from `leaf_hash`: the root of every tree in which `leaf_hash`
/// is the `proof.leaf_index`-th of `proof.leaf_count` leaves with these siblings. Costs one
/// SHA3-512 per sibling; rejects a proof of the wrong length before hashing.
pub fn merkle_root_from_proof(
	leaf_hash: &Sha3_512Hash,
	proof: &MerkleProof,
) -> Result<Sha3_512Hash, MerkleError> {
	let siblings = proof.siblings.as_slice();
	if proof_depth(proof.leaf_index, proof.leaf_count)? != siblings.len() {
		return Err(MerkleError::WrongProofLength);
	}
	let (mut index, mut width) = (proof.leaf_index, proof.leaf_count);
	let mut siblings = siblings.iter();
	let mut node = *leaf_hash;
	while width > 1 {
		if index % 2 == 1 {
			let left = siblings.next().ok_or(MerkleError::WrongProofLength)?;
			node = hash_node(left, &node);
		} else if index + 1 < width {
			let right = siblings.next().ok_or(MerkleError::WrongProofLength)?;
			node = hash_node(&node, right);
		}
		index /= 2;
		width = width.div_ceil(2);
	}
	Ok(hash_root(proof.leaf_count, &node))
}

/// Checks that `leaf_hash` is the `proof.leaf_index`-th of `proof.leaf_count` leaves under
/// `root`. Costs one SHA3-512 per sibling; rejects a proof of the wrong length before hashing.
pub fn verify_merkle_proof(
	root: &Sha3_512Hash,
	leaf_hash: &Sha3_512Hash,
	proof: &MerkleProof,
) -> Result<(), MerkleError> {
	if merkle_root_from_proof(leaf_hash, proof)? == *root {
		Ok(())
	} else {
		Err(MerkleError::RootMismatch)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn leaves(count: usize) -> Vec<Sha3_512Hash> {
		(0..count).map(|i| hash_leaf(&(i as u32).to_le_bytes())).collect()
	}

	#[test]
	fn every_leaf_of_every_small_tree_proves_and_verifies() {
		for count in 1..=33 {
			let leaves = leaves(count);
			let root = merkle_root(&leaves).unwrap();
			for (index, leaf) in leaves.iter().enumerate() {
				let proof = merkle_proof(&leaves, index as u32).unwrap();
				assert_eq!(
					proof.siblings.as_slice().len(),
					proof_depth(index as u32, count as u32).unwrap()
				);
				assert_eq!(verify_merkle_proof(&root, leaf, &proof), Ok(()));
			}
		}
	}

	#[test]
	fn a_proof_does_not_verify_for_another_index_leaf_or_size() {
		let leaves = leaves(7);
		let root = merkle_root(&leaves).unwrap();
		let proof = merkle_proof(&leaves, 3).unwrap();
		assert_eq!(verify_merkle_proof(&root, &leaves[4], &proof), Err(MerkleError::RootMismatch));

		let mut moved = proof.clone();
		moved.leaf_index = 2;
		assert_eq!(verify_merkle_proof(&root, &leaves[3], &moved), Err(MerkleError::RootMismatch));

		// Leaf 3 has the same siblings in trees of 7 and 8 leaves: the root tells them apart.
		let mut resized = proof.clone();
		resized.leaf_count = 8;
		assert_eq!(proof_depth(3, 8), proof_depth(3, 7));
		assert_eq!(
			verify_merkle_proof(&root, &leaves[3], &resized),
			Err(MerkleError::RootMismatch)
		);

		let mut out_of_range = proof;
		out_of_range.leaf_index = 7;
		assert_eq!(
			verify_merkle_proof(&root, &leaves[3], &out_of_range),
			Err(MerkleError::IndexOutOfRange)
		);
	}

	#[test]
	fn odd_leaves_are_promoted_not_duplicated() {
		let three = leaves(3);
		let mut four = three.clone();
		four.push(three[2]);
		assert_ne!(merkle_root(&three).unwrap(), merkle_root(&four).unwrap());
		assert_eq!(
			merkle_root(&three).unwrap(),
			hash_root(3, &hash_node(&hash_node(&three[0], &three[1]), &three[2]))
		);
	}

	#[test]
	fn leaves_and_nodes_are_domain_separated() {
		let leaves = leaves(2);
		let node = hash_node(&leaves[0], &leaves[1]);
		let mut children = Vec::new();
		children.extend_from_slice(&leaves[0]);
		children.extend_from_slice(&leaves[1]);
		// The children of a node, presented as a leaf, do not hash to the node.
		assert_ne!(hash_leaf(&children), node);
		assert_ne!(crate::sha3_512(&children), node);
	}

	#[test]
	fn wrong_sized_proofs_and_empty_trees_are_rejected() {
		let leaves = leaves(5);
		let root = merkle_root(&leaves).unwrap();
		let mut proof = merkle_proof(&leaves, 1).unwrap();
		let mut longer = proof.siblings.as_slice().to_vec();
		longer.push([0; 64]);
		proof.siblings = BoundedSiblings::new(longer).unwrap();
		assert_eq!(
			verify_merkle_proof(&root, &leaves[1], &proof),
			Err(MerkleError::WrongProofLength)
		);
		assert_eq!(merkle_root(&[]), Err(MerkleError::NoLeaves));
		assert_eq!(merkle_proof(&[], 0), Err(MerkleError::NoLeaves));
		assert!(BoundedSiblings::new(vec![[0; 64]; MAX_PROOF_DEPTH + 1]).is_none());
	}

	#[test]
	fn decoding_refuses_more_siblings_than_the_bound() {
		let at_bound = (0u32, 1u32, vec![[0u8; 64]; MAX_PROOF_DEPTH]).encode();
		assert!(MerkleProof::decode(&mut &at_bound[..]).is_ok());
		let too_many = (0u32, 1u32, vec![[0u8; 64]; MAX_PROOF_DEPTH + 1]).encode();
		assert!(MerkleProof::decode(&mut &too_many[..]).is_err());
		// A length prefix claiming billions of siblings fails before any allocation.
		let huge = (0u32, 1u32, codec::Compact(u32::MAX)).encode();
		assert!(MerkleProof::decode(&mut &huge[..]).is_err());
	}
}
