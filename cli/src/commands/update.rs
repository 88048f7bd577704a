//! `aegis update`: the post-quantum signatures the model registry demands of an update — by
//! one key, or by several (a k-of-n policy), on one machine or each on its own and combined.

use std::path::PathBuf;

use aegis_cli::{from_hex, from_hex_array, keyfile, keyfile::PublicKeyFile, to_hex, CheckFailed};
use aegis_integrity::{
	pq::{self, purpose, PqSignature},
	update::{ModelUpdatePayload, VersionDeclaration},
};
use anyhow::{anyhow, ensure, Context, Result};
use clap::{Args, Subcommand};
use codec::{Decode, Encode};

use super::{model::Sharding, CombineArgs, JsonOutput, SignerArgs};

#[derive(Subcommand)]
pub enum UpdateCommand {
	/// Sign an update: the SCALE `ModelUpdatePayload` under purpose `aegis/model-update`, bound to
	/// one chain by its genesis hash. Prints JSON with the payload and the signatures to pass to
	/// `ModelRegistry.update_model` — or to `aegis update combine` with other signers' files, or
	/// to `aegis submit update --signatures` (`aegis submit update` alone does all of it).
	Sign {
		#[command(flatten)]
		signers: SignerArgs,
		#[command(flatten)]
		payload: PayloadArgs,
		#[command(flatten)]
		output: JsonOutput,
	},
	/// Combine the signatures of one update made by several signers (`aegis update sign`
	/// files): checks that every file signs the same payload for the same chain and that every
	/// signature verifies, and refuses a key twice. Prints the combined JSON.
	Combine(CombineArgs),
	/// Check an update signature (exit code 3 if it does not verify).
	Verify {
		/// The signer's public key file (or secret key file).
		#[arg(long, value_name = "FILE")]
		key: PathBuf,
		/// The chain's genesis hash (hex).
		#[arg(long)]
		genesis: String,
		/// The SCALE-encoded `ModelUpdatePayload` (hex).
		#[arg(long)]
		payload: String,
		/// The signature (hex: 3309 bytes for ML-DSA-65, as many as the key's algorithm makes).
		#[arg(long)]
		signature: String,
	},
}

/// The fields of the update being signed.
#[derive(Args, Clone, Debug)]
pub struct PayloadArgs {
	/// The model id.
	#[arg(long)]
	pub model: u32,
	/// The version the update becomes (the model's current version + 1); it replaces the one
	/// before.
	#[arg(long)]
	pub version: u32,
	/// The model's update nonce (`ModelRegistry.models(id).nonce`), which makes every signature
	/// single-use.
	#[arg(long)]
	pub nonce: u64,
	/// The model file: hashes, shard count and size are computed from it.
	#[arg(long, value_name = "MODEL", required_unless_present_all = ["content_hash", "merkle_root", "shard_count", "byte_size"])]
	pub file: Option<PathBuf>,
	#[command(flatten)]
	pub sharding: Sharding,
	/// The content hash (hex), instead of --file.
	#[arg(long, conflicts_with = "file")]
	pub content_hash: Option<String>,
	/// The Merkle root (hex), instead of --file.
	#[arg(long, conflicts_with = "file")]
	pub merkle_root: Option<String>,
	/// The shard count, instead of --file.
	#[arg(long, conflicts_with = "file")]
	pub shard_count: Option<u32>,
	/// The size in bytes, instead of --file.
	#[arg(long, conflicts_with = "file")]
	pub byte_size: Option<u64>,
}

impl PayloadArgs {
	fn payload(&self, quiet: bool) -> Result<ModelUpdatePayload> {
		ensure!(self.version >= 1, "versions count from 1");
		// Versions are consecutive: the one replaced is always the one before.
		let parent = self.version.checked_sub(1).filter(|parent| *parent > 0);
		let declaration = match &self.file {
			Some(file) => {
				super::model::digest_file(file, self.sharding.shard_size, quiet)?.declaration
			},
			None => VersionDeclaration {
				content_hash: from_hex_array::<64>(
					self.content_hash.as_deref().unwrap_or_default(),
					"--content-hash",
				)?,
				merkle_root: from_hex_array::<64>(
					self.merkle_root.as_deref().unwrap_or_default(),
					"--merkle-root",
				)?,
				shard_count: self
					.shard_count
					.context("--shard-count is required without --file")?,
				byte_size: self.byte_size.context("--byte-size is required without --file")?,
			},
		};
		Ok(ModelUpdatePayload::new(self.model, self.version, parent, &declaration, self.nonce))
	}
}

pub fn run(command: UpdateCommand, quiet: bool) -> Result<()> {
	match command {
		UpdateCommand::Sign { signers, payload, output } => {
			output.emit(&signers.sign(&payload.payload(quiet)?)?)
		},
		UpdateCommand::Combine(combine) => combine.run::<ModelUpdatePayload>(quiet),
		UpdateCommand::Verify { key, genesis, payload, signature } => {
			let public = PublicKeyFile::read(&key)?.signing()?;
			let genesis = from_hex_array::<32>(&genesis, "--genesis")?;
			let payload_bytes = from_hex(&payload, "--payload")?;
			let decoded = ModelUpdatePayload::decode(&mut &payload_bytes[..])
				.ok()
				.filter(|decoded| decoded.encode() == payload_bytes)
				.ok_or_else(|| anyhow!("--payload is not a SCALE-encoded ModelUpdatePayload"))?;
			let algorithm = public.algorithm();
			let signature =
				PqSignature::from_bytes(algorithm, &from_hex(&signature, "--signature")?)
					.with_context(|| {
						format!(
							"--signature is not an {} signature ({} bytes)",
							algorithm.name(),
							algorithm.signature_len()
						)
					})?;
			pq::verify_pq_signature(
				&public,
				&genesis,
				purpose::MODEL_UPDATE,
				&payload_bytes,
				&signature,
			)
			.map_err(|error| {
				anyhow!(CheckFailed::Mismatch(format!(
					"the signature does NOT verify for this key, chain and payload ({error:?})"
				)))
			})?;
			println!(
				"ok: model {} version {} (nonce {}) signed by key {}",
				decoded.model,
				decoded.version,
				decoded.nonce,
				to_hex(&keyfile::fingerprint(public.as_bytes()))
			);
			Ok(())
		},
	}
}

/// Signs `payload` for the chain with `genesis` (hedged: fresh randomness each time).
pub fn sign_update(
	pair: &keyfile::KeyPair,
	genesis: &[u8; 32],
	payload: &ModelUpdatePayload,
) -> Result<PqSignature> {
	sign(pair, genesis, purpose::MODEL_UPDATE, &payload.encode())
}

/// Signs `payload` for `purpose` on the chain with `genesis` with the key pair's signing key,
/// hedged (ML-DSA's `rnd`, SLH-DSA's `opt_rand`: fresh randomness).
pub fn sign(
	pair: &keyfile::KeyPair,
	genesis: &[u8; 32],
	purpose: &[u8],
	payload: &[u8],
) -> Result<PqSignature> {
	let secret = pair.signing_secret()?;
	let mut randomness = zeroize::Zeroizing::new([0u8; 32]);
	keyfile::random(&mut randomness[..])?;
	pq::signing::pq_sign(&secret, genesis, purpose, payload, &randomness)
		.map_err(|error| anyhow!("signing failed: {error:?}"))
}
