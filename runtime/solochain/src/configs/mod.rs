//! Pallet configurations, one module per concern. The runtime in `lib.rs` only composes them.
//! What the sovereign chain shares with the parachain (the Aegis pallets, governance, fees)
//! is written once in `aegis-runtime-common`; the modules here invoke it and add what is the
//! sovereign chain's own (consensus, NPoS staking, the proof-of-work difficulty).

mod admin;
pub mod aegis;
mod consensus;
pub mod eras;
pub mod governance;
pub mod migrations;
mod monetary;
mod seal;
pub mod staking;
mod system;

pub use aegis::{BaseCallFilter, StakeGatedCalls};
pub use aegis_runtime_common::monetary::{ExistentialDeposit, WeightToFee};
pub use eras::{BondingDuration, EpochDurationInBlocks, MaxAuthorities, SessionsPerEra};
pub use system::{tx_extension, RuntimeBlockLength, RuntimeBlockWeights, NORMAL_DISPATCH_RATIO};
