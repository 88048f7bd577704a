//! `aegis model`: content hashes against Python's `hashlib` and the integrity crate, and
//! shard proofs that verify offline and catch forgeries.

use super::*;

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
