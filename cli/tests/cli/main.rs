//! The `aegis` binary as users run it: exit codes, files it writes (and does not), round trips,
//! tamper cases, and Python's `hashlib` as an independent SHA3-512. One test binary, its tests
//! split by command; the helpers they share are here.

mod actions;
mod interface;
mod keys;
mod model;
mod updates;
mod vault;

use std::{
	fs,
	path::{Path, PathBuf},
	process::{Command, Output},
};

use aegis_integrity::{
	merkle,
	pq::{self, purpose, Algorithm, MlDsaPublicKey, MlDsaSignature, PqPublicKey, PqSignature},
};

const PASSPHRASE: &str = "correct horse battery staple\n";

struct Run {
	code: i32,
	stdout: String,
	stderr: String,
}

fn aegis(dir: &Path, args: &[&str]) -> Run {
	let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_aegis"))
		.args(args)
		.current_dir(dir)
		.output()
		.expect("the aegis binary runs");
	Run {
		code: status.code().expect("aegis exits normally"),
		stdout: String::from_utf8(stdout).expect("aegis prints UTF-8"),
		stderr: String::from_utf8(stderr).expect("aegis prints UTF-8"),
	}
}

fn ok(dir: &Path, args: &[&str]) -> String {
	let run = aegis(dir, args);
	assert_eq!(run.code, 0, "aegis {args:?} failed: {}", run.stderr);
	run.stdout
}

/// Generates a key pair of `algorithm` into `name`.{pub,json}, sealed with the passphrase in
/// `pass`; returns what the command printed.
fn generate_key(dir: &Path, algorithm: &str, name: &str) -> String {
	ok(
		dir,
		&["key", "generate", "--algorithm", algorithm, "--out", name, "--passphrase-file", "pass"],
	)
}

fn fails(dir: &Path, args: &[&str], code: i32, message: &str) {
	let run = aegis(dir, args);
	assert_eq!(run.code, code, "aegis {args:?}: stdout {} stderr {}", run.stdout, run.stderr);
	assert!(run.stderr.contains(message), "aegis {args:?}: expected {message:?} in {}", run.stderr);
}

/// Writes `to`: the signature file `from` with the last digit of its first signature changed.
fn forge_first_signature(dir: &Path, from: &str, to: &str) {
	let text = fs::read_to_string(dir.join(from)).expect("the signature file reads");
	let mut forged = json(&text);
	let signature = forged["signatures"][0]["signature"].as_str().expect("a signature").to_owned();
	let flipped = if signature.ends_with('0') { "1" } else { "0" };
	forged["signatures"][0]["signature"] =
		format!("{}{flipped}", &signature[..signature.len() - 1]).into();
	fs::write(dir.join(to), forged.to_string()).expect("the forged file is written");
}

fn json(text: &str) -> serde_json::Value {
	serde_json::from_str(text).expect("aegis prints JSON")
}

/// Bytes that look like nothing in particular.
fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
	let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
	(0..len)
		.map(|_| {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			state as u8
		})
		.collect()
}

/// The files in `dir`, sorted: a failed command must not leave any new one behind.
fn listing(dir: &Path) -> Vec<PathBuf> {
	let mut names: Vec<PathBuf> = fs::read_dir(dir)
		.expect("the test directory lists")
		.map(|e| e.expect("an entry").path())
		.collect();
	names.sort();
	names
}

fn setup() -> tempfile::TempDir {
	let dir = tempfile::tempdir().expect("a temporary directory");
	fs::write(dir.path().join("pass"), PASSPHRASE).expect("the passphrase file is written");
	dir
}

fn hashlib_sha3_512(path: &Path) -> String {
	let output = Command::new("python3")
		.args([
			"-c",
			"import hashlib, sys; print(hashlib.sha3_512(open(sys.argv[1], 'rb').read()).hexdigest())",
		])
		.arg(path)
		.output()
		.expect("python3 runs (scripts/setup.sh installs it)");
	assert!(output.status.success());
	String::from_utf8(output.stdout).expect("hashlib prints hex").trim().to_string()
}
