//! Pallet configurations, one module per concern. The runtime in `lib.rs` only composes them.

mod admin;
mod consensus;
pub mod governance;
pub mod incentives;
pub mod migrations;
mod monetary;
mod oracle;
mod proofs;
mod registry;
pub mod staking;
mod system;

pub use consensus::{EpochDurationInBlocks, MaxAuthorities};
pub use monetary::{ExistentialDeposit, WeightToFee};
pub use registry::StakeGatedCalls;
pub use staking::{BondingDuration, SessionsPerEra};
pub use system::{BaseCallFilter, RuntimeBlockLength, RuntimeBlockWeights, NORMAL_DISPATCH_RATIO};
