//! The whole sovereign runtime under fuzzing: the input bytes become blocks of calls from
//! chosen origins, run over the development genesis exactly as a block author runs them, and
//! the chain's invariants are checked after every block.
//!
//! A block starts with a BABE pre-digest and the timestamp inherent (slots may jump ahead,
//! so epochs, sessions and eras turn within a short input), takes transactions through
//! every transaction extension (nonce, weight, fees, the stake gate: only the signature is
//! not checked, since the fuzzer speaks for every account) and ends with `on_idle` and
//! `on_finalize`. The calls lean towards the Aegis pallets, and carry real evidence as often
//! as not: ML-DSA-65 signatures by keys the input registered, Groth16 proofs from the
//! simulated circuits, Merkle trees of real shards, so that the deep paths (accepted
//! updates, rewards, rotations, attestations) are reached; the rest of the runtime
//! (balances, assets, staking, governance, utility batches, sudo) is reached by decoding
//! calls of a chosen pallet from the input.
//!
//! After every block ([`invariants`]): every pallet's `try_state`; AEG and AIT issued and
//! destroyed only as their pallets report it and only by the documented mints; the balances
//! of all accounts add up to each token's issuance; every Aegis hold equals what its pallet
//! records; the block's weight within its limits. With `AEGIS_FUZZ_TIME_FACTOR` set (as
//! `scripts/fuzz.sh runtime` sets it), a transaction that runs longer than that factor times
//! the weight it was charged is a finding too.
//!
//! The crate is empty unless built with its `try-runtime` feature: `try_state` exists only
//! in runtimes built with it, and a workspace build must not turn it on for the runtime the
//! node embeds. `cargo test -p aegis-runtime-fuzz --features try-runtime` replays the corpus
//! (`scripts/test.sh` runs it).
#![cfg(feature = "try-runtime")]

mod calls;
mod chain;
mod evidence;
mod input;
pub mod invariants;

pub use calls::op;
pub use input::Input;

/// The most blocks one input runs.
pub const MAX_BLOCKS: u32 = 12;
/// The most transactions one block of an input carries.
pub const MAX_TRANSACTIONS_PER_BLOCK: usize = 24;

/// What an input did: for tests that check the seeds reach what they were written for.
#[derive(Debug, Default)]
pub struct Report {
	/// Blocks made.
	pub blocks: u32,
	/// Transactions included (valid), whether their dispatch succeeded or not.
	pub included: usize,
	/// The dispatches that succeeded, as `Pallet.call`.
	pub succeeded: Vec<String>,
	/// The session at the end.
	pub session: u32,
	/// The active era at the end.
	pub active_era: u32,
}

/// The target: the bytes become blocks of calls (see the crate documentation); it panics
/// only on a finding.
pub fn runtime(data: &[u8]) {
	run(data);
}

/// [`runtime`], saying what the input did.
pub fn run(data: &[u8]) -> Report {
	let mut input = Input::new(data);
	let time_factor = invariants::time_factor_from_env();
	let mut report = Report::default();
	chain::development().execute_with(|| {
		let mut chain = chain::Chain::start();
		for _ in 0..MAX_BLOCKS {
			let skipped_slots = calls::skipped_slots(&mut input);
			// Before the block's hooks: they mint too.
			let before = invariants::Issuance::now();
			let block = chain.open_block(skipped_slots);
			for _ in 0..MAX_TRANSACTIONS_PER_BLOCK {
				let Some((origin, call)) = calls::next(&mut input) else { break };
				let again = time_factor.map(|_| (origin.clone(), call.clone()));
				let applied = chain.apply(origin, call);
				invariants::check_outcome(&applied);
				if let (Some(factor), Some((origin, call))) = (time_factor, again) {
					if invariants::runs_over_its_weight(applied.elapsed, applied.weight, factor) {
						let elapsed = chain.time_again(origin, call);
						invariants::check_time(&applied, elapsed, factor);
					}
				}
				report.note(&applied);
			}
			chain.close_block();
			invariants::check_block(block, &before);
			report.blocks += 1;
			if input.is_empty() {
				break;
			}
		}
		report.session = aegis_runtime::Session::current_index();
		report.active_era =
			pallet_staking::ActiveEra::<aegis_runtime::Runtime>::get().map_or(0, |era| era.index);
	});
	report
}

impl Report {
	fn note(&mut self, applied: &chain::Applied) {
		use frame_support::traits::GetCallMetadata;
		let Ok(dispatched) = &applied.outcome else { return };
		self.included += 1;
		// Through the sudo key the transaction succeeds whatever the call did: its result is
		// in the `Sudid` event the transaction just deposited.
		let (call, succeeded) = match &applied.call {
			aegis_runtime::RuntimeCall::Sudo(pallet_sudo::Call::sudo { call }) => {
				let sudid = frame_system::Pallet::<aegis_runtime::Runtime>::events()
					.into_iter()
					.rev()
					.find_map(|record| match record.event {
						aegis_runtime::RuntimeEvent::Sudo(pallet_sudo::Event::Sudid {
							sudo_result,
						}) => Some(sudo_result.is_ok()),
						_ => None,
					});
				(&**call, dispatched.is_ok() && sudid == Some(true))
			},
			call => (call, dispatched.is_ok()),
		};
		if succeeded {
			let metadata = call.get_call_metadata();
			self.succeeded
				.push(format!("{}.{}", metadata.pallet_name, metadata.function_name));
		}
	}
}
