//! The Aegis pallets — model registry, proof verification, incentive token and rewards,
//! oracle — configured once for both Aegis runtimes in `aegis_runtime_common::aegis`. What is
//! the parachain's own: there is no NPoS here (the relay chain's validators secure the chain),
//! so publishers, contributors and reporters bond their stake in `pallet-aegis-stake`, and the
//! reward pool is minted every six hours.

use aegis_primitives::currency::UNITS;
use frame_support::{parameter_types, traits::ConstU32};

use crate::{time::TIMES, Balance, Balances, BlockNumber, Runtime, RuntimeHoldReason, Stake};

parameter_types! {
	/// The reward pool is minted every six hours (as often as the sovereign chain's eras).
	pub const MintPeriod: BlockNumber = 6 * TIMES.hour;
	/// Unbonded stake stays on hold for a week: the time governance has to revoke a
	/// malicious version, as long as version rewards wait.
	pub const UnbondingPeriod: BlockNumber = 7 * TIMES.day;
	/// The smallest stake a bond keeps: a bond is a stored record.
	pub const MinimumBond: Balance = 10 * UNITS;
	/// The block time: the shortest oracle round interval and collection window.
	pub const BlockTimeMs: u64 = crate::time::MILLISECS_PER_BLOCK;
}

impl pallet_aegis_stake::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnbondingPeriod = UnbondingPeriod;
	type MinimumBond = MinimumBond;
	/// As many unbonding parts as the sovereign chain's staking allows.
	type MaxUnlockingChunks = ConstU32<32>;
	type WeightInfo = pallet_aegis_stake::weights::SubstrateWeight<Runtime>;
}

aegis_runtime_common::impl_aegis_pallets!(
	stakes: Stake,
	mint_period: MintPeriod,
	block_time: BlockTimeMs,
);
