//! `aegis key`: ML-DSA keys sealed with Argon2id, in owner-only files.

use super::*;

#[test]
fn keys_are_sealed_with_argon2id_and_owner_only() {
	use std::os::unix::fs::PermissionsExt;
	let dir = setup();
	let out = generate_key(dir.path(), "ml-dsa-65", "owner");
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
