//! Writes the runtime target's seeds (`fuzz/corpus/runtime/seed-*`): inputs written by hand,
//! choice by choice, that reach the deep paths fuzzing should start from — a signed update
//! accepted and its reward claimed, a key rotated, a version revoked, a model handed over;
//! a zero-knowledge policy with a contributor's proposal accepted and attestations made;
//! epochs and an era turning; a 2-of-3 policy of three accounts' keys taking updates signed
//! by two and refusing one signed by one; batches and root calls. `tests/corpus.rs` checks that each
//! still reaches what it was written for.
//!
//! `cargo run -p aegis-runtime-fuzz --features try-runtime --example seeds`

use std::{fs, path::Path};

use aegis_runtime_fuzz::op;

/// An input under construction. Every byte is a choice; the comments say which.
#[derive(Default)]
struct Seed(Vec<u8>);

/// Account choices (modulo 7): Alice, Bob, Charlie, Dave.
const ALICE: u8 = 0;
const BOB: u8 = 1;
const CHARLIE: u8 = 2;
const DAVE: u8 = 3;
/// A `chance` byte that comes true for any chance above 0 %, and one that never does.
const YES: u8 = 0;
const NO: u8 = 99;
/// A block's first byte: no skipped slots, or a whole epoch skipped.
const NEXT_SLOT: u8 = 3;
const NEXT_EPOCH: u8 = 0;
/// The signers of a policy's signatures, as the policy names them: no key dropped, added or
/// repeated (`policy_signatures`: any byte from 3 to 19).
const SIGNERS_AS_NAMED: u8 = 19;
/// Inside a batch, a call's choice is one more than its byte: this one is a transfer.
const IN_BATCH_TRANSFER: u8 = op::TRANSFER - 1;

impl Seed {
	fn block(mut self, slots: u8) -> Self {
		self.0.push(slots);
		self
	}
	fn tx(mut self, op: u8, choices: &[u8]) -> Self {
		self.0.push(op);
		self.0.extend_from_slice(choices);
		self
	}
	fn choices(mut self, choices: &[u8]) -> Self {
		self.0.extend_from_slice(choices);
		self
	}
	fn end(self) -> Self {
		self.tx(op::END_BLOCK, &[])
	}
	/// Blocks with nothing in them, to let a delay pass.
	fn empty_blocks(mut self, count: usize) -> Self {
		for _ in 0..count {
			self = self.block(NEXT_SLOT).end();
		}
		self
	}
}

fn signed_updates() -> Seed {
	// Model 0, ML-DSA key 0 (key pair 0), then key pair 1 after the rotation.
	Seed::default()
		.block(NEXT_SLOT)
		// Alice registers key pair 0 with a true proof of possession.
		.tx(op::REGISTER_SIGNING_KEY, &[ALICE, 0, NO])
		// Alice registers a model: name "demo", no URI, signed by 1 of 1 key (key 0, a
		// threshold it can meet: 1), no Groth16 key, no contributors.
		.tx(op::REGISTER_MODEL, &[ALICE, 4, b'd', b'e', b'm', b'o', 0, YES, 0, 0, YES, 0, NO, 0])
		// The owner publishes content 1 (3 shards) signed by the policy's key, unforged.
		.tx(op::UPDATE_MODEL, &[0, YES, 1, 2, NO, 0, SIGNERS_AS_NAMED, NO, NO])
		.end()
		.empty_blocks(6)
		.block(NEXT_SLOT)
		// The owner claims version 1's reward after the claim delay.
		.tx(op::CLAIM_VERSION_REWARD, &[0, YES, 0])
		// The owner rotates key 0 to key pair 1, signed by the current key.
		.tx(op::ROTATE_SIGNING_KEY, &[0, YES, 1, NO])
		// Version 2, content 3, signed by the rotated key.
		.tx(op::UPDATE_MODEL, &[0, YES, 3, 1, NO, 0, SIGNERS_AS_NAMED, NO, NO])
		// Governance revokes version 2.
		.tx(op::GOVERNANCE_REVOCATION, &[0, YES, 0])
		// The owner offers the model to Bob, authorised by the key; Bob accepts.
		.tx(op::OWNER_ACTION, &[0, YES, 1, BOB, 0, SIGNERS_AS_NAMED, NO])
		.tx(op::ACCEPT_OWNERSHIP, &[BOB, 0])
		.end()
}

fn zero_knowledge_and_proposals() -> Seed {
	Seed::default()
		.block(NEXT_SLOT)
		// Bob and Charlie bond enough to pass the stake gate.
		.tx(op::BOND, &[BOB, 0])
		.tx(op::BOND, &[CHARLIE, 0])
		// Bob registers the simulated circuit with seed 1 and two public inputs.
		.tx(op::REGISTER_VERIFYING_KEY, &[BOB, 1])
		// Bob registers a model: no name or URI, no signing key, Groth16 key 0, contributor
		// Charlie.
		.tx(op::REGISTER_MODEL, &[BOB, 0, 0, NO, YES, 0, 1, CHARLIE])
		// Bob publishes content 5 with a proof committing to it (no stray signature).
		.tx(op::UPDATE_MODEL, &[0, YES, 5, 1, NO, NO, SIGNERS_AS_NAMED, YES, 0, 0, YES])
		// Charlie proposes content 6 with its proof; Bob accepts it.
		.tx(op::PROPOSE_UPDATE, &[0, YES, 6, 2, NO, YES, 0, 0, YES])
		.tx(op::ACCEPT_PROPOSAL, &[0, YES, 0, NO, SIGNERS_AS_NAMED])
		// Charlie attests a shard's inclusion, Dave a Groth16 proof; Charlie removes hers.
		.tx(op::ATTEST, &[CHARLIE, 0, 7, 3, 1, NO])
		.tx(op::ATTEST, &[DAVE, 1, 0, 1, 1, NO, 0, 0, YES])
		.tx(op::REMOVE_ATTESTATION, &[CHARLIE, 0])
		.end()
}

fn epochs_and_an_era() -> Seed {
	// Seven blocks a whole epoch apart: sessions turn and an era (six sessions) ends. A
	// session's first block is full (`pallet-session` claims it), so the transfers go in a
	// block after.
	let mut seed = Seed::default();
	for _ in 0..7 {
		seed = seed.block(NEXT_EPOCH).end();
	}
	seed.block(NEXT_SLOT)
		.tx(op::TRANSFER, &[BOB, DAVE, 3, 1, 0, 0, 0])
		.tx(op::TRANSFER, &[DAVE, BOB, 3, 1, 0, 0, 0])
		.end()
}

fn two_of_three_policy() -> Seed {
	Seed::default()
		.block(NEXT_SLOT)
		// Alice, Bob and Charlie each register a key (key pairs 0, 1, 2: keys 0, 1, 2).
		.tx(op::REGISTER_SIGNING_KEY, &[ALICE, 0, NO])
		.tx(op::REGISTER_SIGNING_KEY, &[BOB, 1, NO])
		.tx(op::REGISTER_SIGNING_KEY, &[CHARLIE, 2, NO])
		// Alice registers a model: no name or URI, signed by 2 of keys 0, 1 and 2, no Groth16
		// key, no contributors.
		.tx(op::REGISTER_MODEL, &[ALICE, 0, 0, YES, 2, 0, 1, 2, YES, 1, NO, 0])
		// Alice publishes content 1 signed by keys 1 and 2 (the policy's keys from the second).
		.tx(op::UPDATE_MODEL, &[0, YES, 1, 2, NO, 1, SIGNERS_AS_NAMED, NO, NO, NO])
		// Content 2 signed by key 2 alone: one too few (the last signer dropped).
		.tx(op::UPDATE_MODEL, &[0, YES, 2, 2, NO, 2, 0, NO, NO])
		// Content 3 signed by keys 0 and 1; then Alice's authorised deprecation by keys 2, 0.
		.tx(op::UPDATE_MODEL, &[0, YES, 3, 2, NO, 0, SIGNERS_AS_NAMED, NO, NO, NO])
		.tx(op::OWNER_ACTION, &[0, YES, 2, 2, SIGNERS_AS_NAMED, NO, NO])
		.end()
}

fn batches_and_root_calls() -> Seed {
	Seed::default()
		.block(NEXT_SLOT)
		// Dave batches (`batch_all`) two AEG transfers, of a unit each, to Alice and Charlie.
		.tx(op::BATCH, &[DAVE, 0])
		.choices(&[IN_BATCH_TRANSFER, DAVE, ALICE, 3, 1, 0, 0, 0])
		.choices(&[IN_BATCH_TRANSFER, DAVE, CHARLIE, 3, 1, 0, 0, 0, 1])
		// Root sets the seal difficulty's bounds (pallet 18, call 0, min 1, max 2^20).
		.tx(op::ROOT_DECODED, &[6, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0])
		// Eve sends Bob some AIT.
		.tx(op::TRANSFER_AIT, &[4, BOB, 3, 1, 0, 0, 0])
		.end()
}

/// The seeds, by name.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
	vec![
		("signed-updates", signed_updates().0),
		("zero-knowledge-and-proposals", zero_knowledge_and_proposals().0),
		("epochs-and-an-era", epochs_and_an_era().0),
		("two-of-three-policy", two_of_three_policy().0),
		("batches-and-root-calls", batches_and_root_calls().0),
	]
}

fn main() {
	let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/runtime");
	fs::create_dir_all(&folder).expect("the corpus folder is made");
	for (name, bytes) in seeds() {
		let report = aegis_runtime_fuzz::run(&bytes);
		println!("{name}: {report:?}");
		fs::write(folder.join(format!("seed-{name}")), bytes).expect("the seed is written");
	}
}
