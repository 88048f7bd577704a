//! `aegis key`: post-quantum key pairs in files.

use std::path::PathBuf;

use aegis_cli::{
	keyfile::{self, KdfCost, KeyAlgorithm, KeyPair, PublicKeyFile, SecretKeyFile, StoredSeed},
	to_hex,
};
use anyhow::{Context, Result};
use clap::Subcommand;
use serde_json::json;

use super::PassphraseArgs;

#[derive(Subcommand)]
pub enum KeyCommand {
	/// Generate a key pair: FILE (secret, owner-only permissions) and FILE.pub (public).
	Generate {
		/// ml-dsa-44, ml-dsa-65, ml-dsa-87, slh-dsa-sha2-128s and slh-dsa-sha2-128f sign model
		/// updates and key registrations (the chain accepts the algorithms its runtime names:
		/// ml-dsa-65 today); x-wing (ML-KEM-768 + X25519) receives encrypted model files.
		#[arg(long, value_enum)]
		algorithm: KeyAlgorithm,
		/// The secret key file to write; the public key goes to FILE.pub.
		#[arg(long, value_name = "FILE")]
		out: PathBuf,
		/// Store the secret key without a passphrase (protected by file permissions only).
		#[arg(long, conflicts_with = "passphrase_file")]
		no_passphrase: bool,
		#[command(flatten)]
		passphrase: PassphraseArgs,
		/// Replace existing files.
		#[arg(long)]
		force: bool,
	},
	/// Show a key file's algorithm, fingerprint, protection and public key.
	Inspect {
		/// A secret or public key file.
		file: PathBuf,
		/// Also open the secret key (asks for its passphrase) and check it matches its public key.
		#[arg(long)]
		check: bool,
		#[command(flatten)]
		passphrase: PassphraseArgs,
		/// Print JSON instead of text.
		#[arg(long)]
		json: bool,
	},
}

pub fn run(command: KeyCommand) -> Result<()> {
	match command {
		KeyCommand::Generate { algorithm, out, no_passphrase, passphrase, force } => {
			if !force {
				for path in [out.clone(), keyfile::public_path_for(&out)] {
					anyhow::ensure!(
						!path.exists(),
						"{} already exists (pass --force to replace it)",
						path.display()
					);
				}
			}
			let secret = if no_passphrase {
				None
			} else {
				Some(passphrase.read("Passphrase for the new key: ", true)?)
			};
			let pair = KeyPair::generate(algorithm)?;
			let secret_file =
				pair.to_secret_file(secret.as_deref().map(|s| &s[..]), KdfCost::default())?;
			keyfile::write_pair(&out, &secret_file, &pair.to_public_file(), force)?;
			println!("algorithm    {}", algorithm.name());
			println!("fingerprint  {}", to_hex(&pair.fingerprint()));
			println!(
				"secret key   {} (mode 0600{})",
				out.display(),
				if no_passphrase { ", no passphrase" } else { ", Argon2id passphrase" }
			);
			println!("public key   {}", keyfile::public_path_for(&out).display());
			Ok(())
		},
		KeyCommand::Inspect { file, check, passphrase, json } => {
			let secret = SecretKeyFile::read(&file).ok();
			let public = PublicKeyFile::read(&file)?;
			let public_key = public.public_key()?;
			let protection = match secret.as_ref().map(|secret| &secret.seed) {
				None => "public key only".to_string(),
				Some(StoredSeed::None { .. }) => "secret key, no passphrase".to_string(),
				Some(StoredSeed::Argon2idChacha20poly1305 { memory_kib, iterations, parallelism, .. }) => format!(
					"secret key, passphrase: Argon2id (m = {memory_kib} KiB, t = {iterations}, p = {parallelism}) + ChaCha20-Poly1305"
				),
			};
			let mut warnings = Vec::new();
			if secret.is_some() {
				warnings.extend(keyfile::exposure_warning(&file));
			}
			if check {
				let secret = secret.as_ref().context("--check needs a secret key file")?;
				if secret.is_sealed() {
					let phrase =
						passphrase.read(&format!("Passphrase for {}: ", file.display()), false)?;
					secret.open(Some(&phrase))?;
				} else {
					secret.open(None)?;
				}
			}
			let fingerprint = keyfile::fingerprint(&public_key);
			if json {
				let value = json!({
					"algorithm": public.algorithm.name(),
					"fingerprint": to_hex(&fingerprint),
					"protection": protection,
					"public_key": to_hex(&public_key),
					"checked": check,
					"warnings": warnings,
				});
				println!("{}", serde_json::to_string_pretty(&value)?);
			} else {
				println!("algorithm    {}", public.algorithm.name());
				println!("fingerprint  {}", to_hex(&fingerprint));
				println!("protection   {protection}");
				println!("public key   {} bytes: {}", public_key.len(), to_hex(&public_key));
				if check {
					println!("check        ok: the secret key opens and matches its public key");
				}
				for warning in &warnings {
					eprintln!("warning: {warning}");
				}
			}
			Ok(())
		},
	}
}
