//! The record of an account's bond.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Saturating};

use crate::{BalanceOf, Config};

/// Part of a bond on its way out: withdrawable from block `unlocks_at` on.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct UnlockChunk<Balance, BlockNumber> {
	/// What unlocks.
	pub value: Balance,
	/// The first block at which it can be withdrawn.
	pub unlocks_at: BlockNumber,
}

/// An unbonding part of a bond in runtime `T`.
pub type UnlockChunkOf<T> = UnlockChunk<BalanceOf<T>, BlockNumberFor<T>>;

/// An account's bond: what counts as its stake and what is unbonding. Everything in it is on
/// hold under the pallet's `HoldReason::Bonded`.
#[derive(
	CloneNoBound,
	DefaultNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Bond<T: Config> {
	/// The stake: bonded and not unbonding.
	pub active: BalanceOf<T>,
	/// Unbonding parts, in the order they unlock (a later unbond never unlocks earlier).
	pub unlocking: BoundedVec<UnlockChunkOf<T>, T::MaxUnlockingChunks>,
}

impl<T: Config> Bond<T> {
	/// Everything the bond holds: active and unbonding.
	pub fn total(&self) -> BalanceOf<T> {
		self.unlocking
			.iter()
			.fold(self.active, |total, chunk| total.saturating_add(chunk.value))
	}

	/// Whether nothing is bonded any more, so the record can go.
	pub fn is_empty(&self) -> bool {
		self.active.is_zero() && self.unlocking.is_empty()
	}
}
