//! Benchmarks of the seal difficulty pallet.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Hooks};
use frame_system::pallet_prelude::BlockNumberFor;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The hook's worst case: a previous slot exists and the difficulty changes.
	#[benchmark]
	fn on_initialize() {
		Bounds::<T>::put(DifficultyBounds { min: 1, max: u64::MAX });
		Difficulty::<T>::put(1_000);
		LastSlot::<T>::put(T::CurrentSlot::get().saturating_sub(1));

		#[block]
		{
			Pallet::<T>::on_initialize(BlockNumberFor::<T>::from(1u32));
		}

		assert!(LastSlot::<T>::get().is_some());
	}

	#[benchmark]
	fn set_bounds() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Difficulty::<T>::put(5);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 10, 1_000);

		assert_eq!(Difficulty::<T>::get(), 10);
		Ok(())
	}

	#[benchmark]
	fn set_difficulty() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Bounds::<T>::put(DifficultyBounds { min: 1, max: 1_000 });

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 500);

		assert_eq!(Difficulty::<T>::get(), 500);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
