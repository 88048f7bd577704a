//! `aegis vault`: model files encrypted to an X-Wing (ML-KEM-768 + X25519) key. The format is
//! documented in `aegis_cli::vault` and `docs/aegis-cli.md`.

use std::{io::Write, path::PathBuf};

use aegis_cli::{
	from_hex_array,
	fsutil::{self, AtomicFile},
	keyfile::PublicKeyFile,
	progress, to_hex, vault, CheckFailed,
};
use aegis_integrity::content::ContentHasher;
use anyhow::{ensure, Context, Result};
use clap::Subcommand;

use super::PassphraseArgs;

#[derive(Subcommand)]
pub enum VaultCommand {
	/// Encrypt FILE to a recipient's x-wing public key. Only the holder of the secret key can
	/// decrypt, and any change to the vault is detected. Anyone with the public key can make a
	/// vault, though: the recipient checks what it holds with `decrypt --expect-content-hash`.
	Encrypt {
		/// The file to encrypt.
		file: PathBuf,
		/// The recipient's x-wing public key file (`aegis key generate --algorithm x-wing`).
		#[arg(long, short, value_name = "KEY")]
		recipient: PathBuf,
		/// Where to write the vault; default FILE.aegis.
		#[arg(long, short, value_name = "OUT")]
		out: Option<PathBuf>,
		/// Plaintext bytes per authenticated chunk, as a power of two (12 to 24).
		#[arg(long, default_value_t = vault::DEFAULT_CHUNK_EXPONENT, value_name = "EXPONENT")]
		chunk_exponent: u8,
		/// Replace OUT if it exists.
		#[arg(long)]
		force: bool,
	},
	/// Decrypt a vault with your x-wing secret key. A tampered, truncated or re-ordered file is
	/// refused (exit code 3) and nothing is written.
	Decrypt {
		/// The vault file.
		file: PathBuf,
		/// Your x-wing secret key file.
		#[arg(long, short, value_name = "KEY")]
		key: PathBuf,
		#[command(flatten)]
		passphrase: PassphraseArgs,
		/// Where to write the plaintext (mode 0600).
		#[arg(long, short, value_name = "OUT")]
		out: PathBuf,
		/// The SHA3-512 content hash the plaintext must have (hex), e.g. the version's hash on
		/// chain: a vault proves it was not altered, not who made it — anyone with your public
		/// key can make one, with a whole other model inside. On a mismatch nothing is written
		/// (exit code 3). Required unless --no-verify.
		#[arg(long, value_name = "HASH", required_unless_present = "no_verify")]
		expect_content_hash: Option<String>,
		/// Write the plaintext without checking its content hash: only for a vault whose sender
		/// you trust by other means. The hash is still printed.
		#[arg(long, conflicts_with = "expect_content_hash")]
		no_verify: bool,
		/// Replace OUT if it exists.
		#[arg(long)]
		force: bool,
	},
}

/// Passes plaintext on to the output while hashing it.
struct HashingWriter<'a> {
	inner: &'a mut AtomicFile,
	hasher: ContentHasher,
}

impl Write for HashingWriter<'_> {
	fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
		let written = self.inner.write(bytes)?;
		self.hasher.update(&bytes[..written]);
		Ok(written)
	}

	fn flush(&mut self) -> std::io::Result<()> {
		self.inner.flush()
	}
}

pub fn run(command: VaultCommand, quiet: bool) -> Result<()> {
	match command {
		VaultCommand::Encrypt { file, recipient, out, chunk_exponent, force } => {
			let recipient = PublicKeyFile::read(&recipient)?.x_wing()?;
			let out = out.unwrap_or_else(|| {
				let mut name = file.as_os_str().to_owned();
				name.push(".aegis");
				name.into()
			});
			let input = fsutil::open(&file)?;
			let len = input.metadata().map(|metadata| metadata.len()).unwrap_or(0);
			let mut output = AtomicFile::create(&out, force)?;
			let bar = progress::bytes_bar(len, "encrypting", quiet);
			let size = vault::encrypt(&recipient, chunk_exponent, input, &mut output, |done| {
				bar.set_position(done)
			})
			.with_context(|| format!("cannot encrypt {}", file.display()))?;
			bar.finish_and_clear();
			#[cfg(unix)]
			output.set_mode(0o644)?;
			output.commit()?;
			println!(
				"encrypted {size} bytes to key {} -> {}",
				to_hex(&vault::recipient_id(&recipient)),
				out.display()
			);
			Ok(())
		},
		VaultCommand::Decrypt {
			file,
			key,
			passphrase,
			out,
			expect_content_hash,
			no_verify: _,
			force,
		} => {
			let expected = expect_content_hash
				.map(|hash| from_hex_array::<64>(&hash, "--expect-content-hash"))
				.transpose()?;
			let pair = super::open_secret_key(&key, &passphrase)?;
			let secret = pair.x_wing_secret()?;
			let input = fsutil::open(&file)?;
			let len = input.metadata().map(|metadata| metadata.len()).unwrap_or(0);
			// The plaintext stays in a temporary file (mode 0600) until the last chunk authenticated.
			let mut output = AtomicFile::create(&out, force)?;
			let bar = progress::bytes_bar(len, "decrypting", quiet);
			let mut hashing = HashingWriter { inner: &mut output, hasher: ContentHasher::new() };
			let size = vault::decrypt(&secret, input, &mut hashing, |done| bar.set_position(done))
				.with_context(|| format!("cannot decrypt {}", file.display()))?;
			bar.finish_and_clear();
			let content_hash = hashing.hasher.finalize();
			if let Some(expected) = expected {
				ensure!(
					content_hash == expected,
					CheckFailed::Mismatch(format!(
						"the decrypted file's content hash is {}, not the expected {}: nothing written",
						to_hex(&content_hash),
						to_hex(&expected)
					))
				);
			}
			output.commit()?;
			println!("decrypted {size} bytes -> {}", out.display());
			println!("content hash {}", to_hex(&content_hash));
			Ok(())
		},
	}
}
