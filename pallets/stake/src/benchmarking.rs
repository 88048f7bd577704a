//! Benchmarks of the stake pallet, each at its worst case.

use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

use crate::*;

/// An account funded with a hundred minimum bonds (and an existential deposit's worth more).
fn funded<T: Config>(name: &'static str) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::MinimumBond::get()
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	who
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// Adding to an existing bond (the record is read and written, the hold raised).
	#[benchmark]
	fn bond() -> Result<(), BenchmarkError> {
		let who = funded::<T>("staker");
		let minimum = T::MinimumBond::get();
		Pallet::<T>::do_bond(&who, minimum)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), minimum);

		assert_eq!(
			Bonds::<T>::get(&who).map(|record| record.active),
			Some(minimum.saturating_mul(2u32.into()))
		);
		Ok(())
	}

	/// Unbonding into the last free slot of a bond with every other slot taken.
	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let who = funded::<T>("staker");
		let minimum = T::MinimumBond::get();
		Pallet::<T>::do_bond(&who, minimum.saturating_mul(10u32.into()))?;
		let chunks = T::MaxUnlockingChunks::get();
		for block in 1..chunks {
			frame_system::Pallet::<T>::set_block_number(block.into());
			Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), 1u32.into())?;
		}
		frame_system::Pallet::<T>::set_block_number(chunks.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), 1u32.into());

		let record = Bonds::<T>::get(&who).ok_or(BenchmarkError::Stop("the bond is gone"))?;
		assert_eq!(record.unlocking.len() as u32, chunks);
		Ok(())
	}

	/// Withdrawing every slot of a full bond at once, which then goes.
	#[benchmark]
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		let who = funded::<T>("staker");
		let chunks = T::MaxUnlockingChunks::get();
		// Twice the minimum: the stake stays above it while single units unbond.
		Pallet::<T>::do_bond(&who, T::MinimumBond::get().saturating_mul(2u32.into()))?;
		for block in 1..chunks {
			frame_system::Pallet::<T>::set_block_number(block.into());
			Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), 1u32.into())?;
		}
		frame_system::Pallet::<T>::set_block_number(chunks.into());
		let rest = Bonds::<T>::get(&who).map(|record| record.active).unwrap_or_default();
		Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), rest)?;
		let unlocked =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(unlocked);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Bonds::<T>::contains_key(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
