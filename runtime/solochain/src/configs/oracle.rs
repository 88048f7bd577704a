//! The oracle: feeds of off-chain data reported in rounds by admitted reporters, on top of
//! FRAME's `pallet-oracle` (`OracleFeeds`), which keeps the raw and combined values.
//!
//! Reports go through `Oracle::report` only: `OracleFeeds::feed_values` is filtered out of
//! the runtime's calls (`configs::system::BaseCallFilter`), so every value passes the rounds,
//! the quorum and the staleness rules.

use aegis_primitives::oracle::{FeedId, OracleValue};
use frame_support::{parameter_types, traits::ConstU32, PalletId};

use super::{incentives::MaxOracleReporters, registry::StakingLedgers};
use crate::{Balances, Incentives, Oracle, Runtime, Timestamp};

parameter_types! {
	/// The account `pallet-oracle` feeds root's values under. Signed accounts cannot call
	/// `feed_values` (filtered); root can, but a raw value outside the rounds changes nothing,
	/// since the combined value is always the round median.
	pub const OraclePalletId: PalletId = PalletId(*b"aeg/orcl");
}

/// The most values one report carries (one per feed the reporter follows).
pub type MaxValuesPerReport = ConstU32<16>;

impl pallet_oracle::Config for Runtime {
	type OnNewData = ();
	/// The median of the open round once it has a quorum of fresh reports.
	type CombineData = pallet_aegis_oracle::RoundMedian<Runtime>;
	type Time = Timestamp;
	type OracleKey = FeedId;
	type OracleValue = OracleValue;
	type PalletId = OraclePalletId;
	/// The reporters of the Aegis oracle.
	type Members = Oracle;
	type WeightInfo = pallet_oracle::weights::SubstrateWeight<Runtime>;
	/// Every reporter may report in the same block.
	type MaxHasDispatchedSize = MaxOracleReporters;
	type MaxFeedValues = MaxValuesPerReport;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_aegis_oracle::Config for Runtime {
	type AuthorityId = pallet_aegis_oracle::crypto::ReporterId;
	type Currency = Balances;
	type Stakes = StakingLedgers;
	type Clock = Timestamp;
	/// Reporters of closed rounds earn rewards.
	type OnRoundClosed = Incentives;
	/// Root, or a referendum on the registry-admin track.
	type AdminOrigin = super::governance::AegisAdminOrigin;
	type MaxFeeds = ConstU32<64>;
	type MaxReporters = MaxOracleReporters;
	type MaxNameLen = ConstU32<64>;
	type MaxValuesPerReport = MaxValuesPerReport;
	type WeightInfo = pallet_aegis_oracle::weights::SubstrateWeight<Runtime>;
}
