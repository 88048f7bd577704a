//! Digests of model files: the content hash, the shard leaf hashes and the Merkle root the
//! model registry records, computed in one streaming pass.
//!
//! A model file is cut into shards of `shard_size` bytes (the last may be shorter). The content
//! hash is SHA3-512 of the whole file; the Merkle tree is `aegis_integrity::merkle` over the
//! shards. Both hashes are computed at once on two threads (the content hash on one, the shard
//! leaves on the other), so a file is read once and never held in memory: at most three shard
//! buffers, reused, plus 64 bytes per shard.

use std::{io::Read, sync::mpsc, thread};

use aegis_integrity::{
	content::ContentHasher,
	merkle::{self, BoundedSiblings, MerkleProof},
	update::VersionDeclaration,
	Sha3_512Hash,
};
use anyhow::{anyhow, bail, ensure, Context, Result};
use codec::Encode;
use serde::{Deserialize, Serialize};

use crate::{from_hex, from_hex_array, fsutil::read_full, to_hex};

/// The shard size the tool uses unless told otherwise: 1 MiB.
pub const DEFAULT_SHARD_SIZE: u64 = 1 << 20;
pub use aegis_integrity::content::{MAX_SHARD_SIZE, MIN_SHARD_SIZE};

/// What an update publishing the file declares, plus the leaves for proofs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelDigest {
	/// The file's content hash, Merkle root, shard count and size, as the registry takes them.
	pub declaration: VersionDeclaration,
	/// The shard size the file was cut with.
	pub shard_size: u64,
	/// `SHA3-512(0x00 ‖ shard)` of every shard, in order.
	pub leaf_hashes: Vec<Sha3_512Hash>,
}

/// Checks that `shard_size` is a power of two within [`MIN_SHARD_SIZE`]..=[`MAX_SHARD_SIZE`].
/// Powers of two keep shard boundaries aligned with storage blocks and let anyone re-derive the
/// shards of a file from its size and shard count.
pub fn check_shard_size(shard_size: u64) -> Result<()> {
	ensure!(
		shard_size.is_power_of_two() && (MIN_SHARD_SIZE..=MAX_SHARD_SIZE).contains(&shard_size),
		"the shard size must be a power of two from 4 KiB to 256 MiB, got {shard_size} bytes"
	);
	Ok(())
}

/// Digests everything `reader` yields, cut into `shard_size`-byte shards. `on_progress` is told
/// the number of bytes after each shard.
pub fn digest_reader<R: Read>(
	mut reader: R,
	shard_size: u64,
	mut on_progress: impl FnMut(u64),
) -> Result<ModelDigest> {
	check_shard_size(shard_size)?;
	let shard_len = usize::try_from(shard_size).context("shard size too large for this machine")?;
	// Shards go to the content hasher and come back for reuse: one being read, one queued,
	// one being hashed.
	let (to_hasher, from_reader) = mpsc::sync_channel::<Vec<u8>>(1);
	let (to_reader, returned) = mpsc::channel::<Vec<u8>>();
	thread::scope(|scope| {
		let content = scope.spawn(move || {
			let mut hasher = ContentHasher::new();
			for shard in from_reader {
				hasher.update(&shard);
				// The reader may have finished already; then the buffer is simply freed.
				let _ = to_reader.send(shard);
			}
			hasher.finalize()
		});
		let mut leaf_hashes = Vec::new();
		let mut byte_size: u64 = 0;
		let mut buffers = 0;
		let result = loop {
			let mut shard = match returned.try_recv() {
				Ok(shard) => shard,
				Err(_) if buffers < 3 => {
					buffers += 1;
					Vec::new()
				},
				Err(_) => match returned.recv() {
					Ok(shard) => shard,
					Err(_) => break Err(anyhow!("the content hasher stopped")),
				},
			};
			shard.resize(shard_len, 0);
			let read = match read_full(&mut reader, &mut shard) {
				Ok(read) => read,
				Err(error) => break Err(anyhow::Error::new(error).context("cannot read the model")),
			};
			if read == 0 {
				break Ok(());
			}
			shard.truncate(read);
			if leaf_hashes.len() == u32::MAX as usize {
				break Err(anyhow!("the model has more than 2^32 - 1 shards: use larger shards"));
			}
			leaf_hashes.push(merkle::hash_leaf(&shard));
			byte_size = byte_size.saturating_add(read as u64);
			if to_hasher.send(shard).is_err() {
				break Err(anyhow!("the content hasher stopped"));
			}
			on_progress(byte_size);
			if read < shard_len {
				break Ok(());
			}
		};
		drop(to_hasher);
		let content_hash = content.join().map_err(|_| anyhow!("the content hasher panicked"))?;
		result?;
		if leaf_hashes.is_empty() {
			bail!("the model is empty: a model needs at least one byte");
		}
		let shard_count = u32::try_from(leaf_hashes.len())
			.map_err(|_| anyhow!("the model has more than 2^32 - 1 shards: use larger shards"))?;
		let merkle_root = merkle::merkle_root(&leaf_hashes)
			.map_err(|error| anyhow!("cannot build the Merkle tree: {error:?}"))?;
		Ok(ModelDigest {
			declaration: VersionDeclaration { content_hash, merkle_root, shard_count, byte_size },
			shard_size,
			leaf_hashes,
		})
	})
}

impl ModelDigest {
	/// The inclusion proof of shard `index`.
	pub fn proof(&self, index: u32) -> Result<MerkleProof> {
		ensure!(
			index < self.declaration.shard_count,
			"shard {index} does not exist: the model has {} shards (0 to {})",
			self.declaration.shard_count,
			self.declaration.shard_count.saturating_sub(1)
		);
		merkle::merkle_proof(&self.leaf_hashes, index)
			.map_err(|error| anyhow!("cannot build the proof: {error:?}"))
	}
}

/// The byte range of shard `index` in a file of `byte_size` bytes cut into `shard_size` shards.
pub fn shard_range(index: u32, shard_size: u64, byte_size: u64) -> Result<(u64, u64)> {
	let start = u64::from(index).checked_mul(shard_size).context("shard index too large")?;
	ensure!(start < byte_size, "shard {index} lies beyond the end of the file");
	Ok((start, shard_size.min(byte_size - start)))
}

/// A shard's inclusion proof as `aegis model proof` writes it and `aegis model verify-shard`
/// (and the web page) read it: JSON, with the SCALE encoding the chain takes.
#[derive(Serialize, Deserialize)]
struct ProofJson {
	/// The shard, from 0 (the same as `leaf_index`; for people reading the file).
	shard: u32,
	shard_size: u64,
	byte_size: u64,
	leaf_hash: String,
	/// The root of the model the proof was made from: informative only, never trusted.
	merkle_root: String,
	leaf_index: u32,
	leaf_count: u32,
	siblings: Vec<String>,
	/// The SCALE `MerkleProof` the chain takes; checked against the fields when present.
	#[serde(default)]
	proof_scale: Option<String>,
}

/// A proof file's content: what verifying a shard needs. The leaf hash and root the file
/// also states are for people: a verifier computes the one and is given the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofFile {
	/// The shard's path to the root.
	pub proof: MerkleProof,
	/// The shard size the model was cut with.
	pub shard_size: u64,
	/// The model's size.
	pub byte_size: u64,
}

/// The longest proof file read: 32 siblings of 64 bytes in hex and a few numbers are far
/// below it.
pub const MAX_PROOF_FILE_LEN: u64 = 64 << 10;

impl ProofFile {
	/// Shard `shard` of `digest`'s model, with its proof.
	pub fn of_shard(digest: &ModelDigest, shard: u32) -> Result<Self> {
		Ok(Self {
			proof: digest.proof(shard)?,
			shard_size: digest.shard_size,
			byte_size: digest.declaration.byte_size,
		})
	}

	/// The file's JSON, stating `leaf_hash` and `merkle_root` for people reading it.
	pub fn to_json(
		&self,
		leaf_hash: &Sha3_512Hash,
		merkle_root: &Sha3_512Hash,
	) -> serde_json::Value {
		let json = ProofJson {
			shard: self.proof.leaf_index,
			shard_size: self.shard_size,
			byte_size: self.byte_size,
			leaf_hash: to_hex(leaf_hash),
			merkle_root: to_hex(merkle_root),
			leaf_index: self.proof.leaf_index,
			leaf_count: self.proof.leaf_count,
			siblings: self
				.proof
				.siblings
				.as_slice()
				.iter()
				.map(|sibling| to_hex(sibling))
				.collect(),
			proof_scale: Some(to_hex(&self.proof.encode())),
		};
		serde_json::to_value(json).unwrap_or_default()
	}

	/// Reads a proof file's text: its fields well formed, at most 32 siblings, and its SCALE
	/// encoding (when present) the same proof as its fields.
	pub fn parse(text: &str) -> Result<Self> {
		let json: ProofJson = serde_json::from_str(text).context("not a proof file")?;
		let siblings = json
			.siblings
			.iter()
			.map(|sibling| from_hex_array::<64>(sibling, "a sibling hash"))
			.collect::<Result<Vec<_>>>()?;
		let siblings = BoundedSiblings::new(siblings)
			.ok_or_else(|| anyhow!("a proof has at most 32 siblings"))?;
		let proof =
			MerkleProof { leaf_index: json.leaf_index, leaf_count: json.leaf_count, siblings };
		if let Some(scale) = &json.proof_scale {
			ensure!(
				from_hex(scale, "`proof_scale`")? == proof.encode(),
				"the proof file's `proof_scale` disagrees with its fields"
			);
		}
		Ok(Self { proof, shard_size: json.shard_size, byte_size: json.byte_size })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn bytes(len: usize) -> Vec<u8> {
		(0..len).map(|i| (i * 31 % 251) as u8).collect()
	}

	#[test]
	fn the_digest_is_the_integrity_crates_hashes_of_the_shards() {
		for len in [1, 4095, 4096, 4097, 3 * 4096, 5 * 4096 + 17] {
			let data = bytes(len);
			let digest = digest_reader(&data[..], 4096, |_| {}).unwrap();
			let leaves: Vec<_> = data.chunks(4096).map(merkle::hash_leaf).collect();
			assert_eq!(digest.declaration.content_hash, aegis_integrity::sha3_512(&data));
			assert_eq!(digest.declaration.merkle_root, merkle::merkle_root(&leaves).unwrap());
			assert_eq!(digest.leaf_hashes, leaves);
			assert_eq!(digest.declaration.shard_count as usize, leaves.len());
			assert_eq!(digest.declaration.byte_size, len as u64);
		}
	}

	#[test]
	fn proofs_verify_against_the_root() {
		let data = bytes(7 * 4096 + 1);
		let digest = digest_reader(&data[..], 4096, |_| {}).unwrap();
		for index in 0..digest.declaration.shard_count {
			let proof = digest.proof(index).unwrap();
			let (start, len) = shard_range(index, 4096, digest.declaration.byte_size).unwrap();
			let shard = &data[start as usize..(start + len) as usize];
			merkle::verify_merkle_proof(
				&digest.declaration.merkle_root,
				&merkle::hash_leaf(shard),
				&proof,
			)
			.unwrap();
		}
		assert!(digest.proof(digest.declaration.shard_count).is_err());
	}

	#[test]
	fn empty_input_and_bad_shard_sizes_are_refused() {
		assert!(digest_reader(&[][..], 4096, |_| {}).is_err());
		for size in [0, 1000, 2048, 4097, 1 << 29] {
			assert!(digest_reader(&[1u8][..], size, |_| {}).is_err(), "{size}");
		}
	}
}
