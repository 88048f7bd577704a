//! `aegis model`: content hashes, Merkle roots and shard proofs.

use std::{
	io::{Read, Seek, SeekFrom},
	path::{Path, PathBuf},
};

use aegis_cli::{
	from_hex_array, fsutil,
	model::{self, ModelDigest, ProofFile, DEFAULT_SHARD_SIZE},
	progress, to_hex, CheckFailed,
};
use aegis_integrity::merkle;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::json;

#[derive(Subcommand)]
pub enum ModelCommand {
	/// Print a model file's SHA3-512 content hash, Merkle root, shard count and size: the
	/// declaration the model registry records for a version.
	Hash {
		/// The model file (streamed: any size).
		file: PathBuf,
		#[command(flatten)]
		sharding: Sharding,
		/// Print JSON instead of text.
		#[arg(long)]
		json: bool,
	},
	/// Print one shard's leaf hash and its inclusion proof (JSON, with the SCALE encoding the
	/// chain takes).
	Proof {
		/// The model file.
		file: PathBuf,
		/// The shard, from 0.
		#[arg(long)]
		shard: u32,
		#[command(flatten)]
		sharding: Sharding,
		/// Write the proof to FILE instead of standard output.
		#[arg(long, value_name = "FILE")]
		out: Option<PathBuf>,
		/// Replace FILE if it exists.
		#[arg(long)]
		force: bool,
	},
	/// Check offline that a shard belongs to a model with a given Merkle root (e.g. the root
	/// the chain records for the version). Exit code 3 if it does not.
	VerifyShard {
		/// The shard's bytes, or with --in-model the whole model file.
		shard: PathBuf,
		/// The proof, as written by `aegis model proof`.
		#[arg(long, value_name = "FILE")]
		proof: PathBuf,
		/// The Merkle root to check against (hex, 64 bytes). Take it from the chain, not from
		/// the proof file: whoever made the proof chose the root written in it.
		#[arg(long)]
		root: String,
		/// SHARD is the whole model file: check the proof's shard of it.
		#[arg(long)]
		in_model: bool,
	},
}

/// How a model file is cut into shards.
#[derive(Args, Clone, Copy, Debug)]
pub struct Sharding {
	/// Shard size in bytes: a power of two from 4096 to 268435456.
	#[arg(long, default_value_t = DEFAULT_SHARD_SIZE, value_name = "BYTES")]
	pub shard_size: u64,
}

pub fn run(command: ModelCommand, quiet: bool) -> Result<()> {
	match command {
		ModelCommand::Hash { file, sharding, json } => {
			let digest = digest_file(&file, sharding.shard_size, quiet)?;
			if json {
				println!("{}", serde_json::to_string_pretty(&digest_json(&file, &digest))?);
			} else {
				println!("file          {}", file.display());
				println!("byte size     {}", digest.declaration.byte_size);
				println!("shard size    {}", digest.shard_size);
				println!("shard count   {}", digest.declaration.shard_count);
				println!("content hash  {}", to_hex(&digest.declaration.content_hash));
				println!("merkle root   {}", to_hex(&digest.declaration.merkle_root));
			}
			Ok(())
		},
		ModelCommand::Proof { file, shard, sharding, out, force } => {
			let digest = digest_file(&file, sharding.shard_size, quiet)?;
			let proof_file = ProofFile::of_shard(&digest, shard)?;
			let leaf_hash = digest.leaf_hashes[shard as usize];
			let value = proof_file.to_json(&leaf_hash, &digest.declaration.merkle_root);
			super::emit_json(&value, out.as_deref(), force)
		},
		ModelCommand::VerifyShard { shard, proof, root, in_model } => {
			let root = from_hex_array::<64>(&root, "--root")?;
			let proof_file = read_proof_file(&proof)?;
			let shard_bytes = if in_model {
				read_shard_of_model(&shard, &proof_file)?
			} else {
				read_shard(&shard, &proof_file)?
			};
			let leaf_hash = merkle::hash_leaf(&shard_bytes);
			merkle::verify_merkle_proof(&root, &leaf_hash, &proof_file.proof).map_err(|error| {
				anyhow!(CheckFailed::Mismatch(format!(
					"shard {} is NOT part of the model with this root ({error:?})",
					proof_file.proof.leaf_index
				)))
			})?;
			println!(
				"ok: shard {} of {} is part of the model with root {}",
				proof_file.proof.leaf_index,
				proof_file.proof.leaf_count,
				to_hex(&root)
			);
			Ok(())
		},
	}
}

/// Digests `path` with a progress bar.
pub fn digest_file(path: &Path, shard_size: u64, quiet: bool) -> Result<ModelDigest> {
	let file = fsutil::open(path)?;
	let len = file.metadata().map(|metadata| metadata.len()).unwrap_or(0);
	let bar = progress::bytes_bar(len, "hashing", quiet);
	let digest = model::digest_reader(file, shard_size, |done| bar.set_position(done))
		.with_context(|| format!("cannot hash {}", path.display()))?;
	bar.finish_and_clear();
	Ok(digest)
}

/// The digest as JSON: the registry's `VersionDeclaration` fields plus the shard size.
pub fn digest_json(path: &Path, digest: &ModelDigest) -> serde_json::Value {
	json!({
		"file": path.display().to_string(),
		"byte_size": digest.declaration.byte_size,
		"shard_size": digest.shard_size,
		"shard_count": digest.declaration.shard_count,
		"content_hash": to_hex(&digest.declaration.content_hash),
		"merkle_root": to_hex(&digest.declaration.merkle_root),
	})
}

/// The proof file at `path`, read and checked.
fn read_proof_file(path: &Path) -> Result<ProofFile> {
	let text = fsutil::read_small_text(path, model::MAX_PROOF_FILE_LEN, "a proof file")?;
	ProofFile::parse(&text).with_context(|| format!("{} is not a proof file", path.display()))
}

/// The shard file at `path`, which must have the size the proof says its shard has.
fn read_shard(path: &Path, proof: &ProofFile) -> Result<Vec<u8>> {
	model::check_shard_size(proof.shard_size)?;
	let (_, size) = model::shard_range(proof.proof.leaf_index, proof.shard_size, proof.byte_size)?;
	let len = fsutil::open(path)?.metadata().context("cannot read the shard's size")?.len();
	if len != size {
		bail!(CheckFailed::Mismatch(format!(
			"{} has {len} bytes, shard {} of the proof's model has {size}{}",
			path.display(),
			proof.proof.leaf_index,
			if len == proof.byte_size {
				" (is it the whole model? then pass --in-model)"
			} else {
				""
			}
		)));
	}
	std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The bytes of the proof's shard from the whole model file at `path`.
fn read_shard_of_model(path: &Path, proof: &ProofFile) -> Result<Vec<u8>> {
	model::check_shard_size(proof.shard_size)?;
	let mut file = fsutil::open(path)?;
	let len = file.metadata().context("cannot read the model's size")?.len();
	if len != proof.byte_size {
		bail!(CheckFailed::Mismatch(format!(
			"the model file has {len} bytes, the proof is for a model of {} bytes",
			proof.byte_size
		)));
	}
	let (start, size) = model::shard_range(proof.proof.leaf_index, proof.shard_size, len)?;
	file.seek(SeekFrom::Start(start)).context("cannot seek in the model")?;
	let mut shard = vec![0u8; usize::try_from(size).context("shard too large")?];
	file.read_exact(&mut shard).context("cannot read the shard")?;
	Ok(shard)
}
