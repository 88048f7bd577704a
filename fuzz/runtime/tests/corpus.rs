//! Replays the runtime target's committed inputs on stable Rust: the seeds
//! (`fuzz/corpus/runtime/`, written by `cargo run -p aegis-runtime-fuzz --features try-runtime
//! --example seeds`) and every input that ever found a bug (`fuzz/regressions/runtime/`). The
//! target panics on a finding, so this fails if a fixed bug comes back.

use std::{fs, path::Path};

fn replay(folder: &str) -> usize {
	let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(folder).join("runtime");
	let Ok(entries) = fs::read_dir(&folder) else { return 0 };
	let mut paths: Vec<_> = entries.map(|entry| entry.expect("the folder lists").path()).collect();
	paths.sort();
	for path in &paths {
		let input = fs::read(path).expect("the input reads");
		let outcome = std::panic::catch_unwind(|| aegis_runtime_fuzz::runtime(&input));
		assert!(outcome.is_ok(), "the runtime target fails on {}", path.display());
	}
	paths.len()
}

#[test]
fn every_seed_input_passes() {
	let replayed = replay("corpus");
	assert!(replayed >= 4, "the runtime target has its seeds ({replayed} inputs)");
}

#[test]
fn every_input_that_found_a_bug_passes_now() {
	replay("regressions");
}

#[test]
fn the_cargo_fuzz_target_exists() {
	let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../targets/fuzz_targets/runtime.rs");
	assert!(target.is_file(), "{} exists", target.display());
}

/// Each seed still reaches what it was written for (`examples/seeds.rs`): a change to the
/// target's choices or to the runtime that made them miss would leave fuzzing far shallower
/// without any other test noticing.
#[test]
fn the_seeds_reach_what_they_were_written_for() {
	let seed = |name: &str| {
		let path = Path::new(env!("CARGO_MANIFEST_DIR"))
			.join("../corpus/runtime")
			.join(format!("seed-{name}"));
		aegis_runtime_fuzz::run(&fs::read(&path).expect("the seed reads"))
	};

	let report = seed("signed-updates");
	assert_eq!(
		report.succeeded,
		[
			"ProofVerifier.register_signing_key",
			"ModelRegistry.register_model",
			"ModelRegistry.update_model",
			"Incentives.claim_version_reward",
			"ProofVerifier.rotate_signing_key",
			"ModelRegistry.update_model",
			"ModelRegistry.revoke_version",
			"ModelRegistry.transfer_ownership",
			"ModelRegistry.accept_ownership",
		]
	);

	let report = seed("zero-knowledge-and-proposals");
	for call in [
		"ProofVerifier.register_verifying_key",
		"ModelRegistry.register_model",
		"ModelRegistry.update_model",
		"ModelRegistry.propose_update",
		"ModelRegistry.accept_proposal",
		"ProofVerifier.attest",
	] {
		assert!(report.succeeded.iter().any(|done| done == call), "{call} in {report:?}");
	}
	assert_eq!(report.succeeded.iter().filter(|done| *done == "ProofVerifier.attest").count(), 2);

	let report = seed("epochs-and-an-era");
	assert_eq!(report.blocks, 8);
	assert_eq!(
		report.succeeded,
		["Balances.transfer_allow_death", "Balances.transfer_allow_death"]
	);
	assert!(report.session >= 6, "six sessions turned: {report:?}");
	assert!(report.active_era >= 1, "an era turned: {report:?}");

	// Of three updates under a 2-of-3 policy, the one signed by a single key fails.
	let report = seed("two-of-three-policy");
	assert_eq!(
		report.succeeded,
		[
			"ProofVerifier.register_signing_key",
			"ProofVerifier.register_signing_key",
			"ProofVerifier.register_signing_key",
			"ModelRegistry.register_model",
			"ModelRegistry.update_model",
			"ModelRegistry.update_model",
			"ModelRegistry.deprecate_model",
		]
	);
	assert_eq!(report.included, 8);

	let report = seed("batches-and-root-calls");
	assert_eq!(
		report.succeeded,
		["Utility.batch_all", "SealDifficulty.set_bounds", "Assets.transfer"]
	);
}
