//! The difficulty's bounds and the adjustment rule.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The range governance allows the difficulty to move in, inclusive.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct DifficultyBounds {
	/// Lowest difficulty; at least 1 (one hash on average).
	pub min: u64,
	/// Highest difficulty.
	pub max: u64,
}

impl Default for DifficultyBounds {
	/// Sealing costs nothing until governance or the genesis sets a range.
	fn default() -> Self {
		Self { min: 1, max: 1 }
	}
}

impl DifficultyBounds {
	/// `1 <= min <= max`.
	pub fn is_valid(&self) -> bool {
		self.min >= 1 && self.min <= self.max
	}

	/// Whether `difficulty` is in the range.
	pub fn contains(&self, difficulty: u64) -> bool {
		self.min <= difficulty && difficulty <= self.max
	}

	/// `difficulty` moved into the range.
	pub fn clamp(&self, difficulty: u64) -> u64 {
		difficulty.max(self.min).min(self.max.max(self.min))
	}
}

/// The adjustment rule, before clamping. `slot_gap` is the number of slots since the previous
/// block: 1 when no slot was skipped.
///
/// - No slot skipped: rise by `current / rise_divisor`, by one at least.
/// - `k` slots skipped: halve `k` times.
pub fn next_difficulty(current: u64, slot_gap: u64, rise_divisor: u64) -> u64 {
	match slot_gap {
		0 | 1 => current.saturating_add((current / rise_divisor.max(1)).max(1)),
		gap => current >> (gap - 1).min(63),
	}
}
