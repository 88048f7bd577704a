//! One module per subcommand group; shared argument groups here.

pub mod action;
pub mod key;
pub mod model;
pub mod signature_file;
pub mod submit;
pub mod update;
pub mod vault;

use std::path::{Path, PathBuf};

use aegis_cli::keyfile::{KeyPair, SecretKeyFile};
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
