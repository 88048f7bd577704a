//! # Seal Difficulty Pallet
//!
//! Keeps the difficulty of the proof-of-work seal that every Aegis block carries beside BABE's
//! signature (the seal itself: `aegis_primitives::pow`; mining and checking it: the node).
//!
//! ## Pallet API
//!
//! - [`Pallet::set_bounds`]: governance sets the range the difficulty may move in.
//! - [`Pallet::set_difficulty`]: governance sets the difficulty directly, within the range.
//! - [`Difficulty`]: the difficulty the *next* block must be sealed at; the node reads it through
//!   the `SealDifficultyApi` runtime API at the parent of the block it builds or imports.
//!
//! ## Overview
//!
//! The seal makes authoring extra blocks for a slot cost work, but it must never cost the slot
//! itself: sealing has to stay a small fraction of the 2-second slot. The chain cannot measure
//! an author's hash rate, but it sees the result: a slot without a block.
//!
//! The difficulty therefore adjusts every block from the slots the chain observes:
//! - every slot since the parent had a block: the difficulty rises by `1 / RiseDivisor` (at
//!   least by one), slowly probing for more work;
//! - slots were skipped: the difficulty halves for each empty slot, quickly giving sealing back
//!   its time when authors miss their slots (an author that cannot find a seal in time gives up
//!   the slot);
//! - the result is clamped to the governance-set [`Bounds`]. Operators keep the maximum where
//!   sealing costs the slowest validator a small share of the slot.
//!
//! ## Low Level
//!
//! The adjustment runs in `on_initialize`, after BABE has recorded the block's slot (the
//! runtime must place this pallet after BABE). It reads and writes two values: no iteration.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::DifficultyBounds;
pub use weights::WeightInfo;

use frame_support::traits::Get;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The slot of the block being executed (BABE's current slot).
		type CurrentSlot: Get<u64>;

		/// Who may change the bounds and the difficulty: governance.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// While every slot is filled, the difficulty rises by `difficulty / RiseDivisor` per
		/// block (by one at least). 1024 doubles it in about 710 blocks.
		#[pallet::constant]
		type RiseDivisor: Get<u64>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
	}

	/// The difficulty the next block's seal must meet.
	#[pallet::storage]
	pub type Difficulty<T> = StorageValue<_, u64, ValueQuery>;

	/// The range governance allows the difficulty to move in.
	#[pallet::storage]
	pub type Bounds<T> = StorageValue<_, DifficultyBounds, ValueQuery>;

	/// The slot of the last block that adjusted the difficulty.
	#[pallet::storage]
	pub type LastSlot<T> = StorageValue<_, u64, OptionQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The difficulty of block 1's seal.
		pub difficulty: u64,
		/// The range the difficulty may move in.
		pub bounds: DifficultyBounds,
		/// Ties the configuration to its runtime; holds no value.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// The lowest difficulty in the default bounds.
		fn default() -> Self {
			let bounds = DifficultyBounds::default();
			Self { difficulty: bounds.min, bounds, _config: Default::default() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.bounds.is_valid(), "the genesis difficulty bounds are invalid");
			assert!(
				self.bounds.contains(self.difficulty),
				"the genesis difficulty is outside its bounds"
			);
			Bounds::<T>::put(self.bounds);
			Difficulty::<T>::put(self.difficulty);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance set the range of the difficulty; the difficulty was clamped into it.
		BoundsSet {
			/// The lowest difficulty from now on.
			min: u64,
			/// The highest difficulty from now on.
			max: u64,
			/// The difficulty after clamping.
			difficulty: u64,
		},
		/// Governance set the difficulty.
		DifficultySet {
			/// The difficulty of the next block's seal.
			difficulty: u64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The minimum is zero or above the maximum. Give `1 <= min <= max`.
		InvalidBounds,
		/// The difficulty is outside the current bounds: change the bounds first.
		DifficultyOutOfBounds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_block: BlockNumberFor<T>) -> Weight {
			Self::adjust_difficulty(T::CurrentSlot::get());
			T::WeightInfo::on_initialize()
		}

		fn integrity_test() {
			assert!(T::RiseDivisor::get() > 0, "RiseDivisor must not be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_block: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the range the difficulty may move in and clamps the difficulty into it.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// - [`Error::InvalidBounds`]: `min` is zero or above `max`.
		///
		/// ## Events
		/// - [`Event::BoundsSet`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_bounds())]
		pub fn set_bounds(origin: OriginFor<T>, min: u64, max: u64) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let bounds = DifficultyBounds { min, max };
			ensure!(bounds.is_valid(), Error::<T>::InvalidBounds);

			let difficulty = bounds.clamp(Difficulty::<T>::get());
			Bounds::<T>::put(bounds);
			Difficulty::<T>::put(difficulty);
			Self::deposit_event(Event::BoundsSet { min, max, difficulty });
			Ok(())
		}

		/// Sets the difficulty of the next block's seal.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// - [`Error::DifficultyOutOfBounds`]: `difficulty` is outside [`Bounds`].
		///
		/// ## Events
		/// - [`Event::DifficultySet`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_difficulty())]
		pub fn set_difficulty(origin: OriginFor<T>, difficulty: u64) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(Bounds::<T>::get().contains(difficulty), Error::<T>::DifficultyOutOfBounds);

			Difficulty::<T>::put(difficulty);
			Self::deposit_event(Event::DifficultySet { difficulty });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The difficulty after a block in `slot`, given the previous block's slot.
	fn adjust_difficulty(slot: u64) {
		let previous = LastSlot::<T>::get();
		LastSlot::<T>::put(slot);
		let Some(previous) = previous else { return };

		let current = Difficulty::<T>::get();
		let next = Bounds::<T>::get().clamp(types::next_difficulty(
			current,
			slot.saturating_sub(previous),
			T::RiseDivisor::get(),
		));
		if next != current {
			Difficulty::<T>::put(next);
		}
	}

	/// The pallet's invariants: valid bounds and a difficulty inside them.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let bounds = Bounds::<T>::get();
		frame_support::ensure!(bounds.is_valid(), "difficulty bounds are invalid");
		frame_support::ensure!(
			bounds.contains(Difficulty::<T>::get()),
			"difficulty is outside its bounds"
		);
		Ok(())
	}
}
