//! `aegis action`: owner-action signatures made apart, over the very payload the registry
//! checks, joined by `combine` and refused when they are not of one action.

use super::*;
use aegis_integrity::update::{ModelAction, ModelActionPayload};
use codec::Encode;

/// The registry's `UpdatePolicy` as plain tuples: signing (keys, threshold), Groth16 key,
/// contributors.
type PlainPolicy = (Option<(Vec<u32>, u32)>, Option<u32>, Vec<[u8; 32]>);

/// Bob's development account (`//Bob`).
const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

fn sign_action(dir: &Path, key: &str, nonce: &str, out: &str, action: &[&str]) {
	let genesis = format!("0x{}", "11".repeat(32));
	let mut args = vec![
		"action",
		"sign",
		"--key",
		key,
		"--genesis",
		&genesis,
		"--model",
		"7",
		"--nonce",
		nonce,
		"--out",
		out,
	];
	args.extend(action);
	ok(dir, &args);
}

fn payload_bytes(file: &serde_json::Value) -> Vec<u8> {
	let payload = file["payload"].as_str().expect("the file has a payload");
	hex::decode(&payload[2..]).expect("the payload is hex")
}

#[test]
fn action_signatures_made_apart_cover_the_registry_payload_and_combine() {
	let dir = setup();
	for (algorithm, name) in [("ml-dsa-65", "alice"), ("ml-dsa-87", "carol")] {
		ok(
			dir.path(),
			&["key", "generate", "--algorithm", algorithm, "--out", name, "--no-passphrase"],
		);
	}
	let policy = [
		"set-policy",
		"--signing-key",
		"1",
		"--signing-key",
		"2",
		"--threshold",
		"1",
		"--contributor",
		BOB,
	];
	sign_action(dir.path(), "alice", "3", "alice.json", &policy);
	sign_action(dir.path(), "carol", "3", "carol.json", &policy);

	// The payload is the registry's `ModelActionPayload` of exactly this policy.
	let alice = json(&fs::read_to_string(dir.path().join("alice.json")).unwrap());
	let bob = hex::decode("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48")
		.unwrap()
		.try_into()
		.unwrap();
	let expected: ModelActionPayload<[u8; 32], PlainPolicy> = ModelActionPayload {
		model: 7,
		nonce: 3,
		action: ModelAction::SetPolicy((Some((vec![1, 2], 1)), None, vec![bob])),
	};
	assert_eq!(payload_bytes(&alice), expected.encode());
	assert_eq!(
		alice["action"],
		format!("set-policy: 1 of signing keys [1, 2]; no Groth16 key; contributors [{BOB}]")
	);

	let combined = json(&ok(dir.path(), &["action", "combine", "alice.json", "carol.json"]));
	let signatures = combined["signatures"].as_array().unwrap();
	assert_eq!(signatures.len(), 2);
	// Each verifies with the chain's verifier, for owner actions on this chain only.
	for (signature, name) in signatures.iter().zip(["alice", "carol"]) {
		let public: serde_json::Value =
			json(&fs::read_to_string(dir.path().join(format!("{name}.pub"))).unwrap());
		let algorithm = Algorithm::from_name(public["algorithm"].as_str().unwrap()).unwrap();
		let public = PqPublicKey::from_bytes(
			algorithm,
			&hex::decode(&public["public_key"].as_str().unwrap()[2..]).unwrap(),
		)
		.unwrap();
		let bytes = hex::decode(&signature["signature"].as_str().unwrap()[2..]).unwrap();
		let signature = PqSignature::from_bytes(algorithm, &bytes).unwrap();
		let payload = payload_bytes(&combined);
		pq::verify_pq_signature(&public, &[0x11; 32], purpose::MODEL_ACTION, &payload, &signature)
			.unwrap();
		assert!(pq::verify_pq_signature(
			&public,
			&[0x11; 32],
			purpose::MODEL_UPDATE,
			&payload,
			&signature
		)
		.is_err());
	}

	// The other actions say what they are.
	sign_action(dir.path(), "alice", "3", "deprecate.json", &["deprecate-model"]);
	let deprecate = json(&fs::read_to_string(dir.path().join("deprecate.json")).unwrap());
	assert_eq!(deprecate["action"], "deprecate-model");
	assert_eq!(payload_bytes(&deprecate), [7, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 2]);
	sign_action(dir.path(), "carol", "3", "transfer.json", &["transfer-ownership", "--to", BOB]);
	let transfer = json(&fs::read_to_string(dir.path().join("transfer.json")).unwrap());
	assert_eq!(transfer["action"], format!("transfer-ownership to {BOB}"));

	// Another action, another nonce, a key twice, a forged signature, a field that says
	// something else than the payload: each refused by name.
	fails(
		dir.path(),
		&["action", "combine", "alice.json", "deprecate.json"],
		1,
		"signs another action or chain",
	);
	sign_action(dir.path(), "carol", "4", "carol-later.json", &policy);
	fails(
		dir.path(),
		&["action", "combine", "alice.json", "carol-later.json"],
		1,
		"signs another action or chain",
	);
	fails(dir.path(), &["action", "combine", "alice.json", "alice.json"], 1, "signed twice");
	let genesis = format!("0x{}", "22".repeat(32));
	let mut other_chain =
		vec!["action", "sign", "--key", "carol", "--genesis", &genesis, "--model", "7"];
	other_chain.extend(["--nonce", "3", "--out", "carol-elsewhere.json"]);
	other_chain.extend(policy);
	ok(dir.path(), &other_chain);
	fails(
		dir.path(),
		&["action", "combine", "alice.json", "carol-elsewhere.json"],
		1,
		"signs another action or chain",
	);
	forge_first_signature(dir.path(), "carol.json", "forged.json");
	fails(dir.path(), &["action", "combine", "alice.json", "forged.json"], 3, "does NOT verify");
	let mut misleading = deprecate.clone();
	misleading["action"] = "revoke-model".into();
	fs::write(dir.path().join("misleading.json"), misleading.to_string()).unwrap();
	fails(
		dir.path(),
		&["action", "combine", "misleading.json"],
		1,
		"do not match the signed payload",
	);
	// An update's signature file is not an action's.
	super::updates::sign_fixed(dir.path(), &["alice"], "3", "update.json");
	fails(
		dir.path(),
		&["action", "combine", "update.json"],
		1,
		"update.json: not a signature file of `aegis action sign`",
	);
}
