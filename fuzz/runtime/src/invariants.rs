//! What must hold after every block, whatever the calls were. Each check panics with what
//! broke: that is the fuzzer's finding.

use std::time::Duration;

use aegis_primitives::incentives::INCENTIVE_ASSET_ID;
use aegis_runtime::{
	AllPalletsWithSystem, Balance, BlockNumber, Runtime, RuntimeEvent, RuntimeHoldReason,
};
use frame_support::{
	dispatch::DispatchClass,
	traits::{TryState, TryStateSelect},
	weights::Weight,
};
use sp_runtime::DispatchError;

use crate::chain::Applied;

/// The environment variable that turns the time check on, with the factor a transaction may
/// run over its charged weight (instrumented fuzzing builds are slower than the benchmarked
/// wasm; unoptimised test builds much slower, so the check is off unless asked for).
pub const TIME_FACTOR_VARIABLE: &str = "AEGIS_FUZZ_TIME_FACTOR";
/// Below this a transaction's time is noise (allocator, caches, the first use of a lazy
/// table), whatever its weight.
pub const TIME_FLOOR: Duration = Duration::from_micros(500);

/// The factor of [`TIME_FACTOR_VARIABLE`], if it is set to a positive number.
pub fn time_factor_from_env() -> Option<f64> {
	let factor: f64 = std::env::var(TIME_FACTOR_VARIABLE).ok()?.parse().ok()?;
	(factor > 0.0).then_some(factor)
}

/// Whether `elapsed` is more than `factor` times what `charged` pays for (and above the
/// noise floor).
pub fn runs_over_its_weight(elapsed: Duration, charged: Weight, factor: f64) -> bool {
	let paid_for = Duration::from_secs_f64(charged.ref_time() as f64 / 1e12 * factor);
	elapsed > TIME_FLOOR && elapsed > paid_for
}

/// A transaction ran within `factor` times the weight it was charged, the first time or,
/// measured `again`, the second.
pub fn check_time(applied: &Applied, again: Duration, factor: f64) {
	assert!(
		!runs_over_its_weight(again, applied.weight, factor),
		"{:?} ran {:?}, then {again:?} again, more than {factor} times its weight {:?}",
		applied.call,
		applied.elapsed,
		applied.weight,
	);
}

/// A transaction's dispatch never reports corrupted or unavailable state.
pub fn check_outcome(applied: &Applied) {
	let failure = applied.outcome.as_ref().ok().and_then(|dispatched| dispatched.err());
	assert!(
		!matches!(failure, Some(DispatchError::Corruption | DispatchError::Unavailable)),
		"{:?} found the state corrupt: {failure:?}",
		applied.call,
	);
}

/// The two tokens' issuance when a block opens.
pub struct Issuance {
	aeg: Balance,
	ait: Balance,
}

impl Issuance {
	/// The issuance now.
	pub fn now() -> Self {
		Self { aeg: pallet_balances::TotalIssuance::<Runtime>::get(), ait: ait_supply() }
	}
}

fn ait_supply() -> Balance {
	pallet_assets::Asset::<Runtime>::get(INCENTIVE_ASSET_ID)
		.map(|details| details.supply)
		.unwrap_or_default()
}

/// Every check, after block `block` closed.
pub fn check_block(block: BlockNumber, before: &Issuance) {
	if let Err(error) = AllPalletsWithSystem::try_state(block, TryStateSelect::All) {
		panic!("try_state fails after block {block}: {error:?}");
	}
	check_aeg(before.aeg);
	check_ait(before.ait);
	check_holds();
	check_block_weight();
}

/// AEG changes only as `pallet-balances` reports it, is created only by staking rewards or
/// a root balance change, and is all in accounts.
fn check_aeg(before: Balance) {
	let mut reported: i128 = 0;
	let mut documented_creation = false;
	for record in frame_system::Pallet::<Runtime>::events() {
		use pallet_balances::Event as Balances;
		match record.event {
			RuntimeEvent::Balances(
				Balances::Issued { amount }
				| Balances::MintedCredit { amount }
				| Balances::Minted { amount, .. },
			) => reported += signed(amount),
			RuntimeEvent::Balances(
				Balances::Rescinded { amount }
				| Balances::BurnedDebt { amount }
				| Balances::Burned { amount, .. }
				| Balances::BurnedHeld { amount, .. },
			) => reported -= signed(amount),
			RuntimeEvent::Balances(Balances::TotalIssuanceForced { old, new }) => {
				reported += signed(new) - signed(old);
				documented_creation = true;
			},
			RuntimeEvent::Balances(Balances::BalanceSet { .. })
			| RuntimeEvent::Staking(
				pallet_staking::Event::Rewarded { .. } | pallet_staking::Event::EraPaid { .. },
			) => documented_creation = true,
			_ => {},
		}
	}
	let after = pallet_balances::TotalIssuance::<Runtime>::get();
	let change = signed(after) - signed(before);
	assert_eq!(change, reported, "AEG issuance moved by {change}, its events say {reported}");
	assert!(
		change <= 0 || documented_creation,
		"AEG issuance grew by {change} without a staking reward or a root balance change"
	);
	let in_accounts = frame_system::Account::<Runtime>::iter_values()
		.map(|account| account.data.free.saturating_add(account.data.reserved))
		.fold(0 as Balance, Balance::saturating_add);
	assert_eq!(in_accounts, after, "the accounts hold {in_accounts} AEG of {after} issued");
}

/// AIT changes only as `pallet-assets` reports it, is minted only into the incentive pool,
/// and is all in accounts.
fn check_ait(before: Balance) {
	let mut issued: i128 = 0;
	let mut burned: i128 = 0;
	let mut pool_minted: i128 = 0;
	for record in frame_system::Pallet::<Runtime>::events() {
		match record.event {
			RuntimeEvent::Assets(pallet_assets::Event::Issued { asset_id, amount, .. })
				if asset_id == INCENTIVE_ASSET_ID =>
			{
				issued += signed(amount)
			},
			RuntimeEvent::Assets(pallet_assets::Event::Burned { asset_id, balance, .. })
				if asset_id == INCENTIVE_ASSET_ID =>
			{
				burned += signed(balance)
			},
			RuntimeEvent::Incentives(pallet_incentives::Event::PoolMinted { amount }) => {
				pool_minted += signed(amount)
			},
			_ => {},
		}
	}
	let after = ait_supply();
	let change = signed(after) - signed(before);
	assert_eq!(
		change,
		issued - burned,
		"AIT supply moved by {change}: issued {issued}, burned {burned}"
	);
	assert_eq!(
		issued, pool_minted,
		"AIT issued {issued}, of which the incentive pool {pool_minted}"
	);
	let in_accounts = pallet_assets::Account::<Runtime>::iter_prefix_values(INCENTIVE_ASSET_ID)
		.map(|account| account.balance)
		.fold(0 as Balance, Balance::saturating_add);
	assert_eq!(in_accounts, after, "the accounts hold {in_accounts} AIT of {after} issued");
}

fn signed(amount: Balance) -> i128 {
	i128::try_from(amount).expect("no amount on this chain reaches 2^127")
}

/// Every hold of an Aegis pallet equals, in total, the deposits that pallet records: none
/// left behind by a removed record, none missing.
fn check_holds() {
	use pallet_model_registry::HoldReason as Registry;
	use pallet_proof_verifier::HoldReason as Verifier;
	let held = |reason: RuntimeHoldReason| -> Balance {
		pallet_balances::Holds::<Runtime>::iter_values()
			.flat_map(|holds| holds.into_inner())
			.filter(|hold| hold.id == reason)
			.map(|hold| hold.amount)
			.fold(0, Balance::saturating_add)
	};
	let total =
		|deposits: &mut dyn Iterator<Item = Balance>| deposits.fold(0, Balance::saturating_add);
	let expected = [
		(
			RuntimeHoldReason::ModelRegistry(Registry::Model),
			total(&mut pallet_model_registry::Models::<Runtime>::iter_values().map(|m| m.deposit)),
		),
		(
			RuntimeHoldReason::ModelRegistry(Registry::Proposal),
			total(
				&mut pallet_model_registry::Proposals::<Runtime>::iter_values().map(|p| p.deposit),
			),
		),
		(
			RuntimeHoldReason::ProofVerifier(Verifier::SigningKey),
			total(
				&mut pallet_proof_verifier::SigningKeys::<Runtime>::iter_values()
					.map(|k| k.deposit),
			),
		),
		(
			RuntimeHoldReason::ProofVerifier(Verifier::VerifyingKey),
			total(
				&mut pallet_proof_verifier::VerifyingKeys::<Runtime>::iter_values()
					.map(|k| k.deposit),
			),
		),
		(
			RuntimeHoldReason::ProofVerifier(Verifier::Attestation),
			total(
				&mut pallet_proof_verifier::Attestations::<Runtime>::iter_values()
					.map(|a| a.deposit),
			),
		),
	];
	for (reason, deposits) in expected {
		let holds = held(reason);
		assert_eq!(
			holds, deposits,
			"{reason:?} holds {holds}, the records' deposits are {deposits}"
		);
	}
}

/// The block's weight within its limits: each class within its own, and the transactions'
/// classes together within the block's. Mandatory weight (inherents and hooks) has no limit
/// by design: `pallet-session` claims the whole block when a session turns, so that no
/// transaction joins that block.
fn check_block_weight() {
	let consumed = frame_system::Pallet::<Runtime>::block_weight();
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	for class in [DispatchClass::Normal, DispatchClass::Operational, DispatchClass::Mandatory] {
		if let Some(max) = limits.get(class).max_total {
			assert!(
				consumed.get(class).all_lte(max),
				"{class:?} weight {:?} over its limit {max:?}",
				consumed.get(class)
			);
		}
	}
	let transactions = consumed
		.get(DispatchClass::Normal)
		.saturating_add(*consumed.get(DispatchClass::Operational));
	assert!(
		transactions.all_lte(limits.max_block),
		"the block's transactions weigh {transactions:?}, over the block's limit {:?}",
		limits.max_block
	);
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_transaction_is_over_its_weight_only_beyond_the_factor_and_the_floor() {
		let millisecond = Weight::from_parts(1_000_000_000, 0);
		assert!(runs_over_its_weight(Duration::from_millis(4), millisecond, 3.0));
		assert!(!runs_over_its_weight(Duration::from_millis(2), millisecond, 3.0));
		assert!(!runs_over_its_weight(Duration::from_micros(400), Weight::zero(), 3.0));
		assert!(runs_over_its_weight(Duration::from_micros(600), Weight::zero(), 3.0));
	}
}
