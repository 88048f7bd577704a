//! # Aegis runtime common
//!
//! What the two Aegis runtimes share. The sovereign chain (`aegis-runtime`: BABE, GRANDPA and
//! a proof-of-work seal over NPoS validators) and the parachain (`aegis-parachain-runtime`:
//! Aura collators, secured and finalised by a relay chain) run the same Aegis pallets,
//! governance and fees; only consensus, staking and cross-chain messaging differ. Everything
//! they share is decided here, once:
//!
//! - [`time`]: periods in blocks for a given block time (2 s on the sovereign chain, 6 s on
//!   the parachain), so that a period of "a day" means a day on both.
//! - [`monetary`]: balances of AEG, the fee curve and who receives fees
//!   ([`impl_monetary!`]).
//! - [`aegis`]: the model registry, proof verification, the incentive token and rewards, and
//!   the oracle: their deposits, limits and wiring ([`impl_aegis_pallets!`]).
//! - [`governance`]: OpenGov's tracks, custom origins, deposits and periods
//!   ([`impl_governance!`]).
//! - [`offchain`]: transactions the runtime creates ([`impl_offchain_transactions!`]).
//! - [`limits`]: how a block's weight and length are shared between transactions.
//! - [`migrations`]: how runtime upgrades migrate storage ([`impl_migrations!`]).
//! - [`weights`]: the weights of the FRAME pallets on the transaction path, of a block and an
//!   extrinsic, and of a database access, generated on the project's machine.
//! - [`apis`]: the runtime APIs both runtimes implement alike
//!   ([`impl_runtime_apis_plus_common!`]).
//! - [`genesis`]: what both networks start from (endowments, the incentive token, fees,
//!   stakes, rewards, oracle rules, the technical committee).
//!
//! ## Why macros
//!
//! A pallet's `Config` can only be implemented in the crate that defines the runtime (the
//! orphan rule), and it names that runtime's own pallets (`Balances`, `Timestamp`, ...).
//! Values and types that do not depend on the runtime are ordinary items of this crate; each
//! `impl_*!` macro writes the `Config` implementations that use them, in the runtime that
//! invokes it. The macros refer to the invoking runtime's items as `crate::Name`: every Aegis
//! runtime names its pallets alike (`Balances`, `ModelRegistry`, `Referenda`, ...) and
//! exports `Runtime`, `RuntimeCall`, `RuntimeEvent`, `RuntimeOrigin`, `RuntimeHoldReason`,
//! `RuntimeFreezeReason` and `OriginCaller` at its root, as `construct_runtime` does, and
//! depends on the crates of the pallets it composes, which the macros name.
//!
//! What differs is passed in: the source of stake (NPoS ledgers on the sovereign chain, the
//! bonds of the parachain), the incentive pool's mint period, whether the build is a
//! `fast-runtime` one, the block time and the block weights.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod aegis;
pub mod apis;
pub mod genesis;
pub mod governance;
pub mod limits;
pub mod migrations;
pub mod monetary;
pub mod offchain;
pub mod time;
pub mod weights;

pub use aegis_primitives::{AccountId, Balance, BlockNumber, Nonce, Signature};
