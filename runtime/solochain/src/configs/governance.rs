//! Governance (OpenGov), configured once for both Aegis runtimes in
//! `aegis_runtime_common::governance`: tracks, custom origins, deposits and periods, in blocks
//! of this chain's 2-second slots.

use aegis_runtime_common::time::BlockTimes;

pub use aegis_runtime_common::governance::{
	pallet_custom_origins, tracks, AegisAdminOrigin, TechnicalCollective,
};

use super::system::RuntimeBlockWeights;

/// Whether this is a `fast-runtime` build: governance periods of a few blocks, for tests.
pub const FAST_RUNTIME: bool = cfg!(feature = "fast-runtime");

/// Periods in blocks of this chain.
pub const TIMES: BlockTimes = BlockTimes::of_block_time(crate::time::MILLISECS_PER_BLOCK);

aegis_runtime_common::impl_governance!(
	fast: FAST_RUNTIME,
	times: TIMES,
	block_weights: RuntimeBlockWeights,
);
