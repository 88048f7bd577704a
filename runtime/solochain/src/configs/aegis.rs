//! The Aegis pallets — model registry, proof verification, incentive token and rewards,
//! oracle — configured once for both Aegis runtimes in `aegis_runtime_common::aegis`. What is
//! the sovereign chain's own: stake is the NPoS stake bonded in `pallet-staking`, and the
//! reward pool is minted once per staking era.

use aegis_primitives::staking::ActiveStake;
use frame_support::parameter_types;
use sp_staking::StakingInterface;

use super::eras::{SessionsPerEra, EPOCH_DURATION_IN_BLOCKS};
use crate::{AccountId, Balance, BlockNumber, Staking};

parameter_types! {
	/// The pool is minted once per staking era (six hours).
	pub const MintPeriod: BlockNumber = EPOCH_DURATION_IN_BLOCKS * SessionsPerEra::get();
	/// The block time: the shortest oracle round interval and collection window.
	pub const BlockTimeMs: u64 = aegis_primitives::time::MILLISECS_PER_BLOCK;
}

/// Active bonded stake, from pallet-staking's ledgers.
pub struct StakingLedgers;

impl ActiveStake<AccountId, Balance> for StakingLedgers {
	fn active_stake(who: &AccountId) -> Balance {
		<Staking as StakingInterface>::stake(who).map(|stake| stake.active).unwrap_or(0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmark(who: &AccountId, amount: Balance) -> sp_runtime::DispatchResult {
		use frame_support::traits::fungible::{Inspect, Mutate};
		let value = amount.max(crate::Balances::minimum_balance());
		crate::Balances::set_balance(who, value.saturating_mul(2));
		<Staking as StakingInterface>::bond(who, value, who)
	}
}

aegis_runtime_common::impl_aegis_pallets!(
	stakes: StakingLedgers,
	mint_period: MintPeriod,
	block_time: BlockTimeMs,
);
