//! `aegis update`: signatures that verify for their chain and payload only.

use super::*;

#[test]
fn update_signatures_verify_for_their_chain_and_payload_only() {
	let dir = setup();
	generate_key(dir.path(), "ml-dsa-65", "owner");
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
	assert_eq!(signed["signatures"].as_array().unwrap().len(), 1);
	let signature = signed["signatures"][0]["signature"].as_str().unwrap();

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
	verification_fails(dir.path(), "owner.pub", &other_genesis, payload, signature);
	let mut bumped = payload_bytes.clone();
	*bumped.last_mut().unwrap() ^= 1;
	let bumped = format!("0x{}", hex::encode(bumped));
	verification_fails(dir.path(), "owner.pub", &genesis, &bumped, signature);
	ok(
		dir.path(),
		&["key", "generate", "--algorithm", "ml-dsa-65", "--out", "other", "--no-passphrase"],
	);
	verification_fails(dir.path(), "other.pub", &genesis, payload, signature);
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
		"a signing key is needed",
	);
}

#[test]
fn every_signing_algorithm_signs_updates_the_chain_verifies() {
	let dir = setup();
	let genesis = format!("0x{}", "11".repeat(32));
	let sign = |key: &str| {
		json(&ok(
			dir.path(),
			&[
				"update",
				"sign",
				"--key",
				key,
				"--genesis",
				&genesis,
				"--model",
				"7",
				"--version",
				"1",
				"--nonce",
				"0",
				"--content-hash",
				&format!("0x{}", "ab".repeat(64)),
				"--merkle-root",
				&format!("0x{}", "cd".repeat(64)),
				"--shard-count",
				"1",
				"--byte-size",
				"10",
			],
		))
	};
	let mut previous: Option<(String, String)> = None;
	for algorithm in Algorithm::ALL {
		let name = algorithm.name();
		ok(dir.path(), &["key", "generate", "--algorithm", name, "--out", name, "--no-passphrase"]);
		let signed = sign(name);
		assert_eq!(signed["signatures"][0]["algorithm"], name);
		let signature = signed["signatures"][0]["signature"].as_str().unwrap().to_owned();
		let payload = signed["payload"].as_str().unwrap().to_owned();
		let bytes = hex::decode(&signature[2..]).unwrap();
		assert_eq!(bytes.len(), algorithm.signature_len(), "{name}");

		// The chain's verifier accepts it, as a signature of the key's algorithm.
		let public: serde_json::Value =
			json(&fs::read_to_string(dir.path().join(format!("{name}.pub"))).unwrap());
		let public = hex::decode(&public["public_key"].as_str().unwrap()[2..]).unwrap();
		let public = PqPublicKey::from_bytes(algorithm, &public).unwrap();
		let chain_signature = PqSignature::from_bytes(algorithm, &bytes).unwrap();
		let payload_bytes = hex::decode(&payload[2..]).unwrap();
		pq::verify_pq_signature(
			&public,
			&[0x11; 32],
			purpose::MODEL_UPDATE,
			&payload_bytes,
			&chain_signature,
		)
		.unwrap();
		let pub_file = format!("{name}.pub");
		let out = ok(
			dir.path(),
			&[
				"update",
				"verify",
				"--key",
				&pub_file,
				"--genesis",
				&genesis,
				"--payload",
				&payload,
				"--signature",
				&signature,
			],
		);
		assert!(out.starts_with("ok: model 7 version 1 (nonce 0)"), "{name}: {out}");

		// The previous algorithm's signature is refused under this key, by its length.
		if let Some((other_name, other_signature)) = previous.replace((name.to_owned(), signature))
		{
			fails(
				dir.path(),
				&[
					"update",
					"verify",
					"--key",
					&pub_file,
					"--genesis",
					&genesis,
					"--payload",
					&payload,
					"--signature",
					&other_signature,
				],
				1,
				&format!("--signature is not an {name} signature"),
			);
			assert_ne!(other_name, name);
		}
	}
}

/// `aegis update verify` of `signature` over `payload` for `genesis` under `key` says the
/// signature does NOT verify (exit code 3).
fn verification_fails(dir: &Path, key: &str, genesis: &str, payload: &str, signature: &str) {
	fails(
		dir,
		&[
			"update",
			"verify",
			"--key",
			key,
			"--genesis",
			genesis,
			"--payload",
			payload,
			"--signature",
			signature,
		],
		3,
		"does NOT verify",
	);
}

/// `aegis update sign` over fixed fields with each of `keys`, written to `out`.
pub(super) fn sign_fixed(dir: &Path, keys: &[&str], nonce: &str, out: &str) {
	let genesis = format!("0x{}", "11".repeat(32));
	let content_hash = format!("0x{}", "ab".repeat(64));
	let merkle_root = format!("0x{}", "cd".repeat(64));
	let mut args = vec!["update", "sign"];
	for key in keys {
		args.extend(["--key", key]);
	}
	args.extend([
		"--genesis",
		&genesis,
		"--model",
		"7",
		"--version",
		"1",
		"--nonce",
		nonce,
		"--content-hash",
		&content_hash,
		"--merkle-root",
		&merkle_root,
		"--shard-count",
		"1",
		"--byte-size",
		"10",
		"--out",
		out,
	]);
	ok(dir, &args);
}

#[test]
fn signatures_made_apart_combine_into_one_file_and_nothing_else_does() {
	let dir = setup();
	for (algorithm, name) in
		[("ml-dsa-65", "alice"), ("slh-dsa-sha2-128f", "bob"), ("ml-dsa-87", "carol")]
	{
		ok(
			dir.path(),
			&["key", "generate", "--algorithm", algorithm, "--out", name, "--no-passphrase"],
		);
	}
	sign_fixed(dir.path(), &["alice"], "4", "alice.json");
	sign_fixed(dir.path(), &["bob"], "4", "bob.json");
	sign_fixed(dir.path(), &["carol", "alice"], "4", "two.json");
	let two = json(&fs::read_to_string(dir.path().join("two.json")).unwrap());
	assert_eq!(two["signatures"].as_array().unwrap().len(), 2, "one file, two keys");

	let combined = json(&ok(dir.path(), &["update", "combine", "alice.json", "bob.json"]));
	let signatures = combined["signatures"].as_array().unwrap();
	let algorithms: Vec<&str> =
		signatures.iter().map(|s| s["algorithm"].as_str().unwrap()).collect();
	assert_eq!(algorithms, ["ml-dsa-65", "slh-dsa-sha2-128f"]);
	let alice = json(&fs::read_to_string(dir.path().join("alice.json")).unwrap());
	assert_eq!(combined["payload"], alice["payload"]);

	// Alice's key twice (once in each file), another update, a forged signature, fields that
	// say something else than the payload: each refused by name.
	fails(dir.path(), &["update", "combine", "alice.json", "two.json"], 1, "signed twice");
	sign_fixed(dir.path(), &["bob"], "5", "bob-later.json");
	fails(
		dir.path(),
		&["update", "combine", "alice.json", "bob-later.json"],
		1,
		"signs another update",
	);
	forge_first_signature(dir.path(), "bob.json", "forged.json");
	fails(dir.path(), &["update", "combine", "alice.json", "forged.json"], 3, "does NOT verify");
	let mut misleading = alice.clone();
	misleading["version"] = 9.into();
	fs::write(dir.path().join("misleading.json"), misleading.to_string()).unwrap();
	fails(
		dir.path(),
		&["update", "combine", "misleading.json"],
		1,
		"do not match the signed payload",
	);
}
