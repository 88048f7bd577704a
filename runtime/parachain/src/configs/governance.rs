//! Governance (OpenGov), configured once for both Aegis runtimes in
//! `aegis_runtime_common::governance`: tracks, custom origins, deposits and periods, in blocks
//! of this chain's 6-second slots. Runtime upgrades pass the root track as on the sovereign
//! chain; `system.applyAuthorizedUpgrade` then hands the code to the relay chain, which
//! enacts it once its validators have checked it (`ParachainSystem`'s upgrade go-ahead).

pub use aegis_runtime_common::governance::{
	pallet_custom_origins, tracks, AegisAdminOrigin, TechnicalCollective,
};

use super::system::RuntimeBlockWeights;
use crate::time::TIMES;

/// Whether this is a `fast-runtime` build: governance periods of a few blocks, for tests.
pub const FAST_RUNTIME: bool = cfg!(feature = "fast-runtime");

aegis_runtime_common::impl_governance!(
	fast: FAST_RUNTIME,
	times: TIMES,
	block_weights: RuntimeBlockWeights,
);
