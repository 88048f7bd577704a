//! Weights for `pallet_seal_difficulty`.
//!
//! Until the first `aegis-node benchmark pallet` run replaces this file, the weights are the
//! database accesses each item makes, priced by the runtime's `DbWeight`, plus the measured
//! cost of a `frame_system::remark` for the computation (all three do a handful of integer
//! operations).

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed for `pallet_seal_difficulty`.
pub trait WeightInfo {
	fn on_initialize() -> Weight;
	fn set_bounds() -> Weight;
	fn set_difficulty() -> Weight;
}

/// Weights for `pallet_seal_difficulty` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `SealDifficulty::LastSlot` (r:1 w:1), `SealDifficulty::Difficulty` (r:1 w:1),
	/// `SealDifficulty::Bounds` (r:1 w:0).
	fn on_initialize() -> Weight {
		Weight::from_parts(3_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `SealDifficulty::Difficulty` (r:1 w:1), `SealDifficulty::Bounds` (r:0 w:1).
	fn set_bounds() -> Weight {
		Weight::from_parts(6_000_000, 1_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `SealDifficulty::Bounds` (r:1 w:0), `SealDifficulty::Difficulty` (r:0 w:1).
	fn set_difficulty() -> Weight {
		Weight::from_parts(6_000_000, 1_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// For tests: the same formulas priced with ParityDB's weights.
impl WeightInfo for () {
	fn on_initialize() -> Weight {
		Weight::from_parts(3_000_000, 1_600)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn set_bounds() -> Weight {
		Weight::from_parts(6_000_000, 1_500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn set_difficulty() -> Weight {
		Weight::from_parts(6_000_000, 1_500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
