//! The Aegis node binary.

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod pow;
mod rpc;
mod service;

fn main() {
	// Errors are for people: print them with `Display`, not as a debug dump or a backtrace,
	// and tell the shell that we failed.
	if let Err(error) = command::run() {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
