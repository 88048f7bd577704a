//! The command line itself: secrets never on it, help for every command, and a clear
//! message when the node cannot be reached.

use super::*;

#[test]
fn secrets_stay_off_the_command_line() {
	let dir = setup();
	fails(
		dir.path(),
		&[
			"submit",
			"--suri",
			"bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice",
			"register-model",
			"--name",
			"m",
			"--framework",
			"f",
			"--uri",
			"u",
		],
		1,
		"--suri takes only development accounts",
	);
	fails(
		dir.path(),
		&[
			"submit",
			"--suri",
			"//Alice///password",
			"register-model",
			"--name",
			"m",
			"--framework",
			"f",
			"--uri",
			"u",
		],
		1,
		"only development accounts",
	);
}

#[test]
fn every_command_has_help() {
	let dir = setup();
	for command in [
		&["--help"][..],
		&["model", "hash", "--help"],
		&["model", "proof", "--help"],
		&["model", "verify-shard", "--help"],
		&["key", "generate", "--help"],
		&["key", "inspect", "--help"],
		&["update", "sign", "--help"],
		&["update", "verify", "--help"],
		&["vault", "encrypt", "--help"],
		&["vault", "decrypt", "--help"],
		&["submit", "--help"],
		&["submit", "register-key", "--help"],
		&["submit", "register-model", "--help"],
		&["submit", "update", "--help"],
		&["submit", "attest-shard", "--help"],
	] {
		let out = ok(dir.path(), command);
		assert!(out.contains("Usage: aegis"), "{command:?}: {out}");
	}
}

#[test]
fn submit_reports_an_unreachable_node() {
	let dir = setup();
	fails(
		dir.path(),
		&[
			"submit",
			"--url",
			"ws://127.0.0.1:1",
			"--suri",
			"//Alice",
			"register-model",
			"--name",
			"m",
			"--framework",
			"onnx",
			"--uri",
			"ipfs://x",
		],
		1,
		"cannot connect to the node at ws://127.0.0.1:1",
	);
}
