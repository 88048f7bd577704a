//! Replays every committed input through its target on stable Rust: the seed corpus
//! (`fuzz/corpus/<target>/`) and every input that ever found a bug
//! (`fuzz/regressions/<target>/`, named after what it found). A target panics on a finding,
//! so this fails if a fixed bug comes back.

use std::{fs, path::Path};

fn replay(folder: &str) -> usize {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(folder);
	let mut replayed = 0;
	for (name, target) in aegis_fuzz::TARGETS {
		let Ok(entries) = fs::read_dir(root.join(name)) else { continue };
		for entry in entries {
			let path = entry.expect("the folder lists").path();
			let input = fs::read(&path).expect("the input reads");
			let outcome = std::panic::catch_unwind(|| target(&input));
			assert!(outcome.is_ok(), "{name} fails on {}", path.display());
			replayed += 1;
		}
	}
	replayed
}

#[test]
fn every_seed_input_passes_its_target() {
	let replayed = replay("corpus");
	assert!(replayed >= aegis_fuzz::TARGETS.len(), "every target has seeds ({replayed} inputs)");
}

#[test]
fn every_input_that_found_a_bug_passes_now() {
	replay("regressions");
}

#[test]
fn every_target_has_a_seed_folder_and_a_cargo_fuzz_target() {
	let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
	for (name, _) in aegis_fuzz::TARGETS {
		assert!(fuzz.join("corpus").join(name).is_dir(), "fuzz/corpus/{name} exists");
		let target = fuzz.join("targets/fuzz_targets").join(format!("{name}.rs"));
		assert!(target.is_file(), "{} exists", target.display());
	}
}

#[test]
fn the_signature_file_seeds_reach_the_signature_checks() {
	use aegis_cli::signed::{SignedAction, SignedUpdate};
	let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/signature_file");
	let read = |name: &str| fs::read_to_string(folder.join(name)).expect("the seed reads");
	let update = SignedUpdate::parse(&read("seed-update")).expect("the update seed parses");
	assert_eq!(update.checked_signatures().expect("its signatures check").len(), 2);
	let action = SignedAction::parse(&read("seed-set-policy")).expect("the action seed parses");
	assert_eq!(action.checked_signatures().expect("its signatures check").len(), 2);
}
