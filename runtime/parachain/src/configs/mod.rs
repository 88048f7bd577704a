//! Pallet configurations, one module per concern. The runtime in `lib.rs` only composes them.
//! What the parachain shares with the sovereign chain (the Aegis pallets, governance, fees)
//! is written once in `aegis-runtime-common`; the modules here invoke it and add what is the
//! parachain's own: the relay-chain link, collators, stake bonds and XCM.

mod admin;
pub mod aegis;
pub mod collators;
pub mod governance;
pub mod migrations;
mod monetary;
pub mod system;
pub mod xcm;
mod xcm_weights;

pub use aegis::{BaseCallFilter, StakeGatedCalls};
pub use aegis_runtime_common::monetary::{ExistentialDeposit, WeightToFee};
pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
