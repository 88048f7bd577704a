//! The Aegis node binary.

// `sc_cli::Error` is large, and sc-cli's runner API makes every command return it: boxing it
// here would only add conversions at each call.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod oracle;
mod parachain;
mod pow;
mod rpc;
mod service;
mod try_runtime;

fn main() {
	// Errors are for people: print them with `Display`, not as a debug dump or a backtrace,
	// and tell the shell that we failed.
	if let Err(error) = command::run() {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
