//! The `aegis` binary as users run it: exit codes, files it writes (and does not), round trips,
//! tamper cases, and Python's `hashlib` as an independent SHA3-512.

use std::{
	fs,
	path::{Path, PathBuf},
	process::{Command, Output},
};

use aegis_integrity::{
	merkle,
	pq::{self, purpose, MlDsaPublicKey, MlDsaSignature},
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

fn fails(dir: &Path, args: &[&str], code: i32, message: &str) {
	let run = aegis(dir, args);
	assert_eq!(run.code, code, "aegis {args:?}: stdout {} stderr {}", run.stdout, run.stderr);
	assert!(run.stderr.contains(message), "aegis {args:?}: expected {message:?} in {}", run.stderr);
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

#[test]
fn model_hash_agrees_with_hashlib_and_the_integrity_crate() {
	let dir = setup();
	for (len, shard_size) in
		[(1usize, 4096u64), (4096, 4096), (3 * 65536 + 5, 65536), (2_500_000, 1 << 20)]
	{
		let data = pseudo_random(len, len as u64);
		let path = dir.path().join("model.bin");
		fs::write(&path, &data).unwrap();
		let shard_size_arg = shard_size.to_string();
		let out = json(&ok(
			dir.path(),
			&["model", "hash", "model.bin", "--json", "--shard-size", &shard_size_arg],
		));
		assert_eq!(out["content_hash"], format!("0x{}", hashlib_sha3_512(&path)));
		let leaves: Vec<_> = data.chunks(shard_size as usize).map(merkle::hash_leaf).collect();
		assert_eq!(
			out["merkle_root"],
			format!("0x{}", hex::encode(merkle::merkle_root(&leaves).unwrap()))
		);
		assert_eq!(out["shard_count"], leaves.len());
		assert_eq!(out["byte_size"], len);
	}
}

#[test]
fn model_hash_refuses_bad_input_clearly() {
	let dir = setup();
	fs::write(dir.path().join("empty.bin"), b"").unwrap();
	fails(dir.path(), &["model", "hash", "empty.bin"], 1, "the model is empty");
	fails(dir.path(), &["model", "hash", "missing.bin"], 1, "cannot open missing.bin");
	fs::write(dir.path().join("one.bin"), b"x").unwrap();
	fails(dir.path(), &["model", "hash", "one.bin", "--shard-size", "1000"], 1, "power of two");
	fails(dir.path(), &["model", "hash"], 2, "Usage");
}

#[test]
fn shard_proofs_verify_offline_and_forgeries_are_caught() {
	let dir = setup();
	let data = pseudo_random(5 * 4096 + 100, 1);
	fs::write(dir.path().join("model.bin"), &data).unwrap();
	let digest =
		json(&ok(dir.path(), &["model", "hash", "model.bin", "--json", "--shard-size", "4096"]));
	let root = digest["merkle_root"].as_str().unwrap().to_string();
	for shard in 0..6u32 {
		let shard_arg = shard.to_string();
		ok(
			dir.path(),
			&[
				"model",
				"proof",
				"model.bin",
				"--shard",
				&shard_arg,
				"--shard-size",
				"4096",
				"--out",
				"proof.json",
				"--force",
			],
		);
		let start = shard as usize * 4096;
		fs::write(dir.path().join("shard.bin"), &data[start..(start + 4096).min(data.len())])
			.unwrap();
		let out = ok(
			dir.path(),
			&["model", "verify-shard", "shard.bin", "--proof", "proof.json", "--root", &root],
		);
		assert!(out.starts_with(&format!("ok: shard {shard} of 6")), "{out}");
		ok(
			dir.path(),
			&[
				"model",
				"verify-shard",
				"model.bin",
				"--in-model",
				"--proof",
				"proof.json",
				"--root",
				&root,
			],
		);
	}
	// The last proof is for shard 5 (100 bytes): shard 4's bytes are refused by their size;
	// altered bytes or another root fail the proof.
	fs::write(dir.path().join("other.bin"), &data[4 * 4096..5 * 4096]).unwrap();
	fails(
		dir.path(),
		&["model", "verify-shard", "other.bin", "--proof", "proof.json", "--root", &root],
		3,
		"other.bin has 4096 bytes, shard 5 of the proof's model has 100",
	);
	// Shard 4's bytes against shard 3's proof: the right size, the wrong shard.
	ok(
		dir.path(),
		&[
			"model",
			"proof",
			"model.bin",
			"--shard",
			"3",
			"--shard-size",
			"4096",
			"--out",
			"proof3.json",
		],
	);
	fails(
		dir.path(),
		&["model", "verify-shard", "other.bin", "--proof", "proof3.json", "--root", &root],
		3,
		"NOT part",
	);
	let mut altered = data[5 * 4096..].to_vec();
	altered[0] ^= 1;
	fs::write(dir.path().join("altered.bin"), &altered).unwrap();
	fails(
		dir.path(),
		&["model", "verify-shard", "altered.bin", "--proof", "proof.json", "--root", &root],
		3,
		"NOT part",
	);
	let other_root = format!("0x{}", "ab".repeat(64));
	fails(
		dir.path(),
		&["model", "verify-shard", "shard.bin", "--proof", "proof.json", "--root", &other_root],
		3,
		"NOT part",
	);
	fails(
		dir.path(),
		&["model", "proof", "model.bin", "--shard", "6", "--shard-size", "4096"],
		1,
		"shard 6 does not exist",
	);
	fails(
		dir.path(),
		&["model", "verify-shard", "shard.bin", "--proof", "proof.json", "--root", "0x12"],
		1,
		"must be 64 bytes",
	);
}

#[test]
fn keys_are_sealed_with_argon2id_and_owner_only() {
	use std::os::unix::fs::PermissionsExt;
	let dir = setup();
	let out = ok(
		dir.path(),
		&[
			"key",
			"generate",
			"--algorithm",
			"ml-dsa-65",
			"--out",
			"owner",
			"--passphrase-file",
			"pass",
		],
	);
	assert!(out.contains("Argon2id passphrase"), "{out}");
	let mode =
		|name: &str| fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
	assert_eq!(mode("owner"), 0o600);
	assert_eq!(mode("owner.pub"), 0o644);
	let secret = fs::read_to_string(dir.path().join("owner")).unwrap();
	assert!(
		secret.contains("argon2id-chacha20poly1305") && !secret.contains("\"seed\""),
		"{secret}"
	);
	let inspected = json(&ok(
		dir.path(),
		&["key", "inspect", "owner", "--check", "--passphrase-file", "pass", "--json"],
	));
	assert_eq!(inspected["algorithm"], "ml-dsa-65");
	assert_eq!(inspected["checked"], true);
	let public = json(&ok(dir.path(), &["key", "inspect", "owner.pub", "--json"]));
	assert_eq!(public["fingerprint"], inspected["fingerprint"]);
	assert_eq!(public["protection"], "public key only");

	fs::write(dir.path().join("wrong"), "not it\n").unwrap();
	fails(
		dir.path(),
		&["key", "inspect", "owner", "--check", "--passphrase-file", "wrong"],
		1,
		"wrong passphrase",
	);
	let before = listing(dir.path());
	fails(
		dir.path(),
		&[
			"key",
			"generate",
			"--algorithm",
			"x-wing",
			"--out",
			"owner",
			"--passphrase-file",
			"pass",
		],
		1,
		"already exists",
	);
	fs::write(dir.path().join("empty"), "\n").unwrap();
	fails(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "new", "--passphrase-file", "empty"],
		1,
		"passphrase is empty",
	);
	assert_eq!(listing(dir.path()).len(), before.len() + 1, "only the `empty` file is new");
	fails(
		dir.path(),
		&["key", "generate", "--algorithm", "rsa", "--out", "x", "--no-passphrase"],
		2,
		"invalid value",
	);

	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "plain", "--no-passphrase"],
	);
	fs::set_permissions(dir.path().join("plain"), fs::Permissions::from_mode(0o644)).unwrap();
	let run = aegis(dir.path(), &["key", "inspect", "plain"]);
	assert!(run.stderr.contains("readable by others"), "{}", run.stderr);
	// Whenever the secret key is opened, not only when inspected.
	fs::write(dir.path().join("sealed.bin"), b"a model").unwrap();
	let run = aegis(
		dir.path(),
		&["vault", "encrypt", "sealed.bin", "--recipient", "plain.pub", "--out", "sealed.aegis"],
	);
	assert_eq!(run.code, 0, "{}", run.stderr);
	assert!(!run.stderr.contains("readable by others"), "a public key is no secret");
	let run = aegis(
		dir.path(),
		&["vault", "decrypt", "sealed.aegis", "--key", "plain", "--out", "back.bin", "--no-verify"],
	);
	assert_eq!(run.code, 0, "{}", run.stderr);
	assert!(run.stderr.contains("plain is readable by others (mode 644)"), "{}", run.stderr);
	fs::set_permissions(dir.path().join("plain"), fs::Permissions::from_mode(0o600)).unwrap();
	let run = aegis(
		dir.path(),
		&[
			"vault",
			"decrypt",
			"sealed.aegis",
			"--key",
			"plain",
			"--out",
			"again.bin",
			"--no-verify",
		],
	);
	assert!(!run.stderr.contains("readable by others"), "{}", run.stderr);
}

#[test]
fn update_signatures_verify_for_their_chain_and_payload_only() {
	let dir = setup();
	ok(
		dir.path(),
		&[
			"key",
			"generate",
			"--algorithm",
			"ml-dsa-65",
			"--out",
			"owner",
			"--passphrase-file",
			"pass",
		],
	);
	fs::write(dir.path().join("model.bin"), pseudo_random(100_000, 2)).unwrap();
	let genesis = format!("0x{}", "11".repeat(32));
	let signed = json(&ok(
		dir.path(),
		&[
			"update",
			"sign",
			"--key",
			"owner",
			"--passphrase-file",
			"pass",
			"--genesis",
			&genesis,
			"--model",
			"7",
			"--version",
			"3",
			"--nonce",
			"2",
			"--file",
			"model.bin",
		],
	));
	let digest = json(&ok(dir.path(), &["model", "hash", "model.bin", "--json"]));
	assert_eq!(signed["content_hash"], digest["content_hash"]);
	assert_eq!(signed["merkle_root"], digest["merkle_root"]);
	assert_eq!(signed["parent"], 2);
	let payload = signed["payload"].as_str().unwrap();
	let signature = signed["signature"].as_str().unwrap();

	// The chain's own verifier accepts it.
	let public: serde_json::Value =
		json(&fs::read_to_string(dir.path().join("owner.pub")).unwrap());
	let public = MlDsaPublicKey(
		hex::decode(&public["public_key"].as_str().unwrap()[2..])
			.unwrap()
			.try_into()
			.unwrap(),
	);
	let signature_bytes = MlDsaSignature(hex::decode(&signature[2..]).unwrap().try_into().unwrap());
	let payload_bytes = hex::decode(&payload[2..]).unwrap();
	pq::verify_signature(
		&public,
		&[0x11; 32],
		purpose::MODEL_UPDATE,
		&payload_bytes,
		&signature_bytes,
	)
	.unwrap();

	let out = ok(
		dir.path(),
		&[
			"update",
			"verify",
			"--key",
			"owner.pub",
			"--genesis",
			&genesis,
			"--payload",
			payload,
			"--signature",
			signature,
		],
	);
	assert!(out.starts_with("ok: model 7 version 3 (nonce 2)"), "{out}");
	let other_genesis = format!("0x{}", "22".repeat(32));
	fails(
		dir.path(),
		&[
			"update",
			"verify",
			"--key",
			"owner.pub",
			"--genesis",
			&other_genesis,
			"--payload",
			payload,
			"--signature",
			signature,
		],
		3,
		"does NOT verify",
	);
	let mut bumped = payload_bytes.clone();
	*bumped.last_mut().unwrap() ^= 1;
	let bumped = format!("0x{}", hex::encode(bumped));
	fails(
		dir.path(),
		&[
			"update",
			"verify",
			"--key",
			"owner.pub",
			"--genesis",
			&genesis,
			"--payload",
			&bumped,
			"--signature",
			signature,
		],
		3,
		"does NOT verify",
	);
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "ml-dsa-65", "--out", "other", "--no-passphrase"],
	);
	fails(
		dir.path(),
		&[
			"update",
			"verify",
			"--key",
			"other.pub",
			"--genesis",
			&genesis,
			"--payload",
			payload,
			"--signature",
			signature,
		],
		3,
		"does NOT verify",
	);
	fails(
		dir.path(),
		&[
			"update",
			"verify",
			"--key",
			"owner.pub",
			"--genesis",
			&genesis,
			"--payload",
			"0x0102",
			"--signature",
			signature,
		],
		1,
		"not a SCALE-encoded",
	);
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "box", "--no-passphrase"],
	);
	fails(
		dir.path(),
		&[
			"update",
			"sign",
			"--key",
			"box",
			"--genesis",
			&genesis,
			"--model",
			"1",
			"--version",
			"1",
			"--nonce",
			"0",
			"--file",
			"model.bin",
		],
		1,
		"an ml-dsa-65 key is needed",
	);
}

/// The vault of `plaintext` to `box.pub`, with 4 KiB chunks.
fn vault_of(dir: &Path, plaintext: &[u8]) -> Vec<u8> {
	fs::write(dir.join("plain.bin"), plaintext).expect("the plaintext is written");
	ok(
		dir,
		&[
			"vault",
			"encrypt",
			"plain.bin",
			"--recipient",
			"box.pub",
			"--out",
			"plain.bin.aegis",
			"--chunk-exponent",
			"12",
			"--force",
		],
	);
	fs::read(dir.join("plain.bin.aegis")).expect("the vault was written")
}

#[test]
fn vault_round_trips_every_size() {
	let dir = setup();
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "box", "--passphrase-file", "pass"],
	);
	for len in [0usize, 1, 4095, 4096, 4097, 3 * 4096, 3 * 4096 + 1] {
		let plaintext = pseudo_random(len, len as u64 + 9);
		let vault = vault_of(dir.path(), &plaintext);
		let chunks = len.div_ceil(4096).max(1);
		assert_eq!(vault.len(), aegis_cli::vault::HEADER_LEN + len + 16 * chunks, "{len}");
		let expected = format!("0x{}", hex::encode(aegis_integrity::sha3_512(&plaintext)));
		ok(
			dir.path(),
			&[
				"vault",
				"decrypt",
				"plain.bin.aegis",
				"--key",
				"box",
				"--passphrase-file",
				"pass",
				"--out",
				"back.bin",
				"--expect-content-hash",
				&expected,
				"--force",
			],
		);
		assert_eq!(fs::read(dir.path().join("back.bin")).unwrap(), plaintext, "{len}");
	}
}

#[test]
fn vault_refuses_tampering_truncation_reordering_and_writes_nothing() {
	let dir = setup();
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "box", "--no-passphrase"],
	);
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "stranger", "--no-passphrase"],
	);
	let plaintext = pseudo_random(3 * 4096 + 500, 3);
	let vault = vault_of(dir.path(), &plaintext);
	let header = aegis_cli::vault::HEADER_LEN;
	let chunk = 4096 + 16;
	let flip = |position: usize| {
		let mut altered = vault.clone();
		altered[position] ^= 0x01;
		altered
	};
	let swapped = {
		let mut altered = vault.clone();
		let (first, second) = (header..header + chunk, header + chunk..header + 2 * chunk);
		altered[first.clone()].copy_from_slice(&vault[second.clone()]);
		altered[second].copy_from_slice(&vault[first]);
		altered
	};
	let mut appended = vault.clone();
	appended.extend_from_slice(&[0u8; 20]);
	let cases: Vec<(&str, Vec<u8>, i32, &str)> = vec![
		("magic", flip(0), 1, "not an Aegis vault"),
		("version", flip(8), 1, "version 0 is not supported"),
		("chunk size", flip(9), 3, "chunk 0 failed authentication"),
		("reserved", flip(10), 1, "reserved bytes"),
		("recipient", flip(12), 1, "encrypted to key"),
		("ML-KEM ciphertext", flip(44), 3, "chunk 0 failed authentication"),
		("X25519 ciphertext", flip(header - 1), 3, "chunk 0 failed authentication"),
		("first chunk", flip(header), 3, "chunk 0 failed authentication"),
		("tag of chunk 1", flip(header + 2 * chunk - 1), 3, "chunk 1 failed authentication"),
		("last byte", flip(vault.len() - 1), 3, "chunk 3 failed authentication"),
		(
			"cut mid-chunk",
			vault[..header + chunk + 100].to_vec(),
			3,
			"chunk 1 failed authentication",
		),
		("cut at a chunk boundary", vault[..header + 2 * chunk].to_vec(), 3, "truncated"),
		("header only", vault[..header].to_vec(), 3, "truncated"),
		("half a header", vault[..100].to_vec(), 1, "not an Aegis vault"),
		("chunks swapped", swapped, 3, "chunk 0 failed authentication"),
		("data appended", appended, 3, "chunk 3 failed authentication"),
	];
	for (what, bytes, code, message) in cases {
		fs::write(dir.path().join("bad.aegis"), &bytes).unwrap();
		let before = listing(dir.path());
		let run = aegis(
			dir.path(),
			&["vault", "decrypt", "bad.aegis", "--key", "box", "--out", "out.bin", "--no-verify"],
		);
		assert_eq!(run.code, code, "{what}: {}", run.stderr);
		assert!(run.stderr.contains(message), "{what}: expected {message:?} in {}", run.stderr);
		assert_eq!(listing(dir.path()), before, "{what}: a file was left behind");
	}
	fails(
		dir.path(),
		&[
			"vault",
			"decrypt",
			"plain.bin.aegis",
			"--key",
			"stranger",
			"--out",
			"out.bin",
			"--no-verify",
		],
		1,
		"not to this key",
	);
	fails(
		dir.path(),
		&["vault", "encrypt", "plain.bin", "--recipient", "box.pub", "--out", "plain.bin.aegis"],
		1,
		"already exists",
	);
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "ml-dsa-65", "--out", "signer", "--no-passphrase"],
	);
	fails(
		dir.path(),
		&["vault", "encrypt", "plain.bin", "--recipient", "signer.pub", "--out", "x.aegis"],
		1,
		"needs an x-wing",
	);
	assert!(!dir.path().join("out.bin").exists() && !dir.path().join("x.aegis").exists());
}

#[test]
fn vault_decrypt_checks_the_expected_content_hash() {
	let dir = setup();
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "box", "--no-passphrase"],
	);
	let plaintext = pseudo_random(10_000, 4);
	vault_of(dir.path(), &plaintext);
	let expected = format!("0x{}", hex::encode(aegis_integrity::sha3_512(&plaintext)));
	let out = ok(
		dir.path(),
		&[
			"vault",
			"decrypt",
			"plain.bin.aegis",
			"--key",
			"box",
			"--out",
			"back.bin",
			"--expect-content-hash",
			&expected,
		],
	);
	assert!(out.contains(&expected), "{out}");
	assert_eq!(fs::read(dir.path().join("back.bin")).unwrap(), plaintext);
	let before = listing(dir.path());
	let other = format!("0x{}", "00".repeat(64));
	fails(
		dir.path(),
		&[
			"vault",
			"decrypt",
			"plain.bin.aegis",
			"--key",
			"box",
			"--out",
			"other.bin",
			"--expect-content-hash",
			&other,
		],
		3,
		"nothing written",
	);
	assert_eq!(listing(dir.path()), before);
	// Anyone with the public key can make a vault: without a hash to check against (or an
	// explicit --no-verify), decryption is refused before any work.
	fails(
		dir.path(),
		&["vault", "decrypt", "plain.bin.aegis", "--key", "box", "--out", "unchecked.bin"],
		2,
		"--expect-content-hash",
	);
	assert_eq!(listing(dir.path()), before);
	let out = ok(
		dir.path(),
		&[
			"vault",
			"decrypt",
			"plain.bin.aegis",
			"--key",
			"box",
			"--out",
			"unchecked.bin",
			"--no-verify",
		],
	);
	assert!(out.contains(&expected), "the hash is printed to check by other means: {out}");
}

#[test]
fn an_interrupted_run_leaves_no_partial_file() {
	let dir = setup();
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "x-wing", "--out", "box", "--no-passphrase"],
	);
	let fifo = dir.path().join("input.fifo");
	assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
	let mut child = Command::new(env!("CARGO_BIN_EXE_aegis"))
		.args(["vault", "encrypt", "input.fifo", "--recipient", "box.pub", "--out", "out.aegis"])
		.current_dir(dir.path())
		.spawn()
		.unwrap();
	// Opening the FIFO lets aegis start; it then waits for the rest of the input.
	let mut writer = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
	std::io::Write::write_all(&mut writer, &pseudo_random(100_000, 5)).unwrap();
	let partial = || {
		listing(dir.path())
			.into_iter()
			.any(|path| path.file_name().unwrap().to_string_lossy().ends_with(".partial"))
	};
	let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
	while !partial() {
		assert!(std::time::Instant::now() < deadline, "aegis never started writing");
		std::thread::sleep(std::time::Duration::from_millis(20));
	}
	assert!(Command::new("kill")
		.args(["-INT", &child.id().to_string()])
		.status()
		.unwrap()
		.success());
	let status = child.wait().unwrap();
	drop(writer);
	assert_eq!(status.code(), Some(130));
	assert!(!partial(), "the partial file was removed");
	assert!(!dir.path().join("out.aegis").exists());
}

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
