//! One module per subcommand group; shared argument groups here.

pub mod action;
pub mod key;
pub mod model;
pub mod submit;
pub mod update;
pub mod vault;

use std::path::{Path, PathBuf};

use aegis_cli::{
	keyfile::{KeyPair, SecretKeyFile},
	signed::{FileSignature, Signable, SignatureFile},
};
use anyhow::{bail, ensure, Context, Result};
use clap::Args;
use zeroize::Zeroizing;

/// How a passphrase reaches the tool: a terminal prompt by default, or a file. Never an
/// argument, which other users and the shell history could read.
#[derive(Args, Clone, Debug, Default)]
pub struct PassphraseArgs {
	/// Read the key's passphrase from the first line of FILE instead of asking on the terminal.
	#[arg(long, value_name = "FILE")]
	pub passphrase_file: Option<PathBuf>,
}

impl PassphraseArgs {
	/// The passphrase; asked twice on the terminal when `confirm` (a new key).
	pub fn read(&self, prompt: &str, confirm: bool) -> Result<Zeroizing<Vec<u8>>> {
		let passphrase = match &self.passphrase_file {
			Some(path) => {
				let line = aegis_cli::fsutil::read_secret_line(path, "a passphrase file")?;
				Zeroizing::new(line.as_bytes().to_vec())
			},
			None => {
				let first = Zeroizing::new(rpassword::prompt_password(prompt).context(
					"no terminal to ask for the passphrase on: pass --passphrase-file FILE",
				)?);
				if confirm {
					let second = Zeroizing::new(
						rpassword::prompt_password("Repeat the passphrase: ")
							.context("cannot read the passphrase")?,
					);
					ensure!(*first == *second, "the passphrases differ");
				}
				Zeroizing::new(first.as_bytes().to_vec())
			},
		};
		if passphrase.is_empty() {
			bail!("the passphrase is empty (use --no-passphrase for a key without one)");
		}
		Ok(passphrase)
	}
}

/// Opens the secret key file at `path`, asking for its passphrase if it is sealed; warns if
/// other users can read the file.
pub fn open_secret_key(path: &Path, passphrase: &PassphraseArgs) -> Result<KeyPair> {
	let file = SecretKeyFile::read(path)?;
	if let Some(warning) = aegis_cli::keyfile::exposure_warning(path) {
		eprintln!("warning: {warning}");
	}
	let pair = if file.is_sealed() {
		let secret = passphrase.read(&format!("Passphrase for {}: ", path.display()), false)?;
		file.open(Some(&secret))
	} else {
		file.open(None)
	};
	pair.with_context(|| format!("cannot open the key {}", path.display()))
}

/// Where a command's JSON goes.
#[derive(Args)]
pub struct JsonOutput {
	/// Write the JSON to FILE instead of standard output.
	#[arg(long, value_name = "FILE")]
	pub out: Option<PathBuf>,
	/// Replace FILE if it exists.
	#[arg(long)]
	pub force: bool,
}

impl JsonOutput {
	/// Writes `value` where asked.
	pub fn emit(&self, value: &impl serde::Serialize) -> Result<()> {
		emit_json(&serde_json::to_value(value)?, self.out.as_deref(), self.force)
	}
}

/// The keys that sign a payload here, and the chain they sign for.
#[derive(Args)]
pub struct SignerArgs {
	/// A signing key's secret key file (any signing algorithm); repeat for each key that
	/// signs here. A --passphrase-file opens every sealed one.
	#[arg(long, value_name = "FILE", required = true)]
	pub key: Vec<PathBuf>,
	#[command(flatten)]
	pub passphrase: PassphraseArgs,
	/// The chain's genesis hash (hex).
	#[arg(long)]
	pub genesis: String,
}

impl SignerArgs {
	/// `payload` signed by every key, as a signature file (hedged signatures: fresh randomness
	/// each).
	pub fn sign<P: Signable>(&self, payload: &P) -> Result<SignatureFile<P>> {
		let genesis = aegis_cli::from_hex_array::<32>(&self.genesis, "--genesis")?;
		let mut file = SignatureFile::new(&genesis, payload);
		let bytes = payload.encode();
		for path in &self.key {
			let pair = open_secret_key(path, &self.passphrase)?;
			let public = pair.signing_public()?;
			let signature = update::sign(&pair, &genesis, P::PURPOSE, &bytes)?;
			file.signatures.push(FileSignature::new(&public, &signature));
		}
		file.checked_signatures()?;
		Ok(file)
	}
}

/// Signature files to join into one.
#[derive(Args)]
pub struct CombineArgs {
	/// Signature files of `sign` (or of earlier combinations).
	#[arg(required = true, value_name = "FILE")]
	pub files: Vec<PathBuf>,
	#[command(flatten)]
	pub output: JsonOutput,
}

impl CombineArgs {
	/// Joins the files and writes the result where asked.
	pub fn run<P: Signable>(&self, quiet: bool) -> Result<()> {
		self.output.emit(&combine_files::<P>(&self.files, quiet)?)
	}
}

/// The signature files at `files` joined into one (`aegis update combine`, `aegis action
/// combine`), saying how many signatures of what it holds unless `quiet`.
pub fn combine_files<P: Signable>(files: &[PathBuf], quiet: bool) -> Result<SignatureFile<P>> {
	let (combined, count) = aegis_cli::signed::combine::<P>(files)?;
	if !quiet {
		eprintln!("{count} signatures of {}", combined.summary());
	}
	Ok(combined)
}

/// Prints `value` as pretty JSON on standard output, or writes it to `out`.
pub fn emit_json(value: &serde_json::Value, out: Option<&Path>, force: bool) -> Result<()> {
	let text = serde_json::to_string_pretty(value)? + "\n";
	match out {
		Some(path) => aegis_cli::fsutil::write_file(path, text.as_bytes(), 0o644, force),
		None => {
			print!("{text}");
			Ok(())
		},
	}
}
