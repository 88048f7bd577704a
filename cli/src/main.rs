//! `aegis`: the command-line tool of the Aegis chain.
//!
//! Hashes and proves model files, manages post-quantum keys, signs model updates, encrypts model
//! files and sends transactions, all in the chain's exact formats. Run `aegis help` or
//! `aegis <command> --help`.

use std::process::ExitCode;

use aegis_cli::{vault::VaultError, CheckFailed};
use clap::{Parser, Subcommand};

mod commands;

/// Exit code when the input was fine but a check failed (a proof, signature or digest that does
/// not hold), so scripts can tell "forged" from "could not run".
const EXIT_CHECK_FAILED: u8 = 3;
/// Exit code of every other error (bad input, I/O, network, a refused transaction).
const EXIT_ERROR: u8 = 1;

#[derive(Parser)]
#[command(
	name = "aegis",
	version,
	about = "Tamper-proof AI model updates on the Aegis chain: hash and prove model files, manage \
	         post-quantum keys, sign updates, encrypt models and submit transactions.",
	after_help = "Exit codes: 0 success, 1 error, 2 usage error, 3 a proof, signature or \
	              authenticated file does not verify."
)]
struct Cli {
	/// Hide progress bars.
	#[arg(long, short, global = true)]
	quiet: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Content hashes, Merkle roots and shard proofs of model files.
	#[command(subcommand)]
	Model(commands::model::ModelCommand),
	/// Post-quantum key pairs: ML-DSA-44/65/87 or SLH-DSA-SHA2-128s/128f for signing, X-Wing
	/// (ML-KEM-768 + X25519) for encryption.
	#[command(subcommand)]
	Key(commands::key::KeyCommand),
	/// Sign and check model updates for the model registry.
	#[command(subcommand)]
	Update(commands::update::UpdateCommand),
	/// Sign owner actions (a new policy, a transfer, a deprecation, a revocation) with policy
	/// keys held apart, and combine the signatures.
	#[command(subcommand)]
	Action(commands::action::ActionCommand),
	/// Encrypt model files to a recipient's key and decrypt them (quantum-resistant).
	#[command(subcommand)]
	Vault(commands::vault::VaultCommand),
	/// Send signed transactions to an Aegis node, or print their call data.
	Submit(commands::submit::SubmitCommand),
}

fn main() -> ExitCode {
	#[cfg(unix)]
	restore_default_sigpipe();
	let cli = Cli::parse();
	if let Err(error) = aegis_cli::fsutil::remove_partial_files_on_signal() {
		eprintln!("error: {error:#}");
		return ExitCode::from(EXIT_ERROR);
	}
	let result = match cli.command {
		Command::Model(command) => commands::model::run(command, cli.quiet),
		Command::Key(command) => commands::key::run(command),
		Command::Update(command) => commands::update::run(command, cli.quiet),
		Command::Action(command) => commands::action::run(command, cli.quiet),
		Command::Vault(command) => commands::vault::run(command, cli.quiet),
		Command::Submit(command) => commands::submit::run(command, cli.quiet),
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("error: {error:#}");
			let check_failed = error.downcast_ref::<CheckFailed>().is_some()
				|| matches!(
					error.downcast_ref::<VaultError>(),
					Some(VaultError::Tampered { .. } | VaultError::Truncated { .. })
				);
			ExitCode::from(if check_failed { EXIT_CHECK_FAILED } else { EXIT_ERROR })
		},
	}
}

/// Rust ignores SIGPIPE, so printing to a closed pipe (`aegis model proof … | head -1`) would
/// panic; like other command-line tools, `aegis` ends quietly instead.
#[cfg(unix)]
fn restore_default_sigpipe() {
	// SAFETY: runs first in `main`, before any other thread exists; `SIG_DFL` is a valid
	// disposition for SIGPIPE.
	unsafe {
		libc::signal(libc::SIGPIPE, libc::SIG_DFL);
	}
}
