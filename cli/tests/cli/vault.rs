//! `aegis vault`: the X-Wing hybrid encryption of model files, round trips, tampering, the
//! expected content hash, and no partial file after an interrupted run.

use super::*;

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
	generate_key(dir.path(), "x-wing", "box");
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
