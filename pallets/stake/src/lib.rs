//! # Stake Pallet
//!
//! Bonds of AEG that count as stake on a chain without NPoS staking: the Aegis parachain,
//! whose security comes from the relay chain's validators and whose collators bond through
//! collator selection. The Aegis pallets still need stake from their users — the model
//! registry's publishers, the rewarded contributors and the oracle's reporters must have a
//! minimum bonded ([`ActiveStake`]) — and this pallet is where they bond it.
//!
//! ## Pallet API
//!
//! - [`Pallet::bond`]: puts free AEG on hold as stake (adds to an existing bond).
//! - [`Pallet::unbond`]: takes part of the stake out; it stops counting at once and can be
//!   withdrawn after [`Config::UnbondingPeriod`].
//! - [`Pallet::withdraw_unbonded`]: releases every unbonded part whose period has passed.
//! - [`ActiveStake`] for [`Pallet`]: an account's stake, as the Aegis pallets read it.
//!
//! ## Overview
//!
//! Stake is a commitment: it must cost the staker something for as long as they act on it.
//! Bonded funds are on hold (`HoldReason::Bonded`), so they cannot be spent or transferred;
//! unbonded funds stop counting immediately but stay on hold for the unbonding period, so an
//! account cannot publish, then unbond and move its funds in the same block: whatever the
//! chain decides about its actions in that period (e.g. a revoked version forfeiting its
//! reward), the funds are still there.
//!
//! ## Low Level
//!
//! One record per bonded account ([`Bonds`]), with at most [`Config::MaxUnlockingChunks`]
//! unbonding parts; parts unbonded in the same block merge. The record is removed, and its
//! storage freed, when nothing is bonded or unbonding any more. Invariant (checked in
//! `try_state`): the balance on hold under `HoldReason::Bonded` is exactly the record's
//! active and unbonding total; a record's active stake is zero or at least
//! [`Config::MinimumBond`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::{Bond, UnlockChunk, UnlockChunkOf};
pub use weights::WeightInfo;

use aegis_primitives::staking::ActiveStake;
use frame_support::traits::fungible::{Inspect, InspectHold, MutateHold};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

/// A balance of the currency bonds are made in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::tokens::Precision};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency bonds are made in (AEG), held under [`HoldReason::Bonded`].
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// How long unbonded funds stay on hold before they can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The smallest stake a bond may keep (unbonding everything is always allowed): a
		/// record costs storage, and a stake below the Aegis pallets' minimums is useless.
		#[pallet::constant]
		type MinimumBond: Get<BalanceOf<Self>>;

		/// The most unbonding parts a bond may have at once; withdrawing frees their slots.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Bonded as stake, or unbonding.
		#[codec(index = 0)]
		Bonded,
	}

	/// The bond of each bonded account.
	// Blake2_128Concat: account ids are chosen by their owners (e.g. vanity keys), so the map's
	// keys must be hashed with a cryptographic hasher to keep the trie balanced.
	#[pallet::storage]
	pub type Bonds<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Bond<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accounts bonded at genesis and their stakes.
		pub bonds: alloc::vec::Vec<(T::AccountId, BalanceOf<T>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, value) in &self.bonds {
				if let Err(error) = Pallet::<T>::do_bond(who, *value) {
					panic!("genesis bond of {value:?} by {who:?} failed: {error:?}");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `amount` was put on hold and added to `who`'s stake.
		Bonded {
			/// The staker.
			who: T::AccountId,
			/// What was bonded.
			amount: BalanceOf<T>,
		},
		/// `amount` of `who`'s stake stopped counting; it can be withdrawn from `unlocks_at`.
		Unbonded {
			/// The staker.
			who: T::AccountId,
			/// What was unbonded.
			amount: BalanceOf<T>,
			/// The first block it can be withdrawn in.
			unlocks_at: BlockNumberFor<T>,
		},
		/// `amount` of unbonded funds was released to `who`.
		Withdrawn {
			/// The staker.
			who: T::AccountId,
			/// What was released.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount is zero. Bond, unbond or withdraw something.
		ZeroAmount,
		/// The stake would be below the minimum bond. Bond more, or unbond everything.
		BelowMinimumBond,
		/// The account has no bond. Bond first.
		NotBonded,
		/// The account's stake is smaller than the amount to unbond.
		InsufficientStake,
		/// The account cannot put that much on hold (free balance too low). Bond less.
		InsufficientBalance,
		/// The bond has as many unbonding parts as it may. Withdraw those that have unlocked,
		/// or wait for them to.
		TooManyUnlockingChunks,
		/// Nothing unbonded has unlocked yet. Wait until the unbonding period has passed.
		NothingToWithdraw,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxUnlockingChunks::get() > 0, "a bond must be able to unbond");
			assert!(
				!T::UnbondingPeriod::get().is_zero(),
				"an unbonding period of zero makes stake free to move"
			);
			assert!(!T::MinimumBond::get().is_zero(), "a minimum bond of zero lets dust bond");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Puts `value` of the caller's free AEG on hold and adds it to their stake.
		///
		/// ## Dispatch Origin
		/// Signed: the staker.
		///
		/// ## Errors
		/// - [`Error::ZeroAmount`]: `value` is zero.
		/// - [`Error::BelowMinimumBond`]: the stake would stay below [`Config::MinimumBond`].
		/// - [`Error::InsufficientBalance`]: the caller cannot hold `value`.
		///
		/// ## Events
		/// [`Event::Bonded`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] value: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(&who, value)
		}

		/// Takes `value` out of the caller's stake: it stops counting at once and can be
		/// withdrawn once [`Config::UnbondingPeriod`] has passed.
		///
		/// ## Dispatch Origin
		/// Signed: the staker.
		///
		/// ## Errors
		/// - [`Error::ZeroAmount`]: `value` is zero.
		/// - [`Error::NotBonded`]: the caller has no bond.
		/// - [`Error::InsufficientStake`]: the stake is smaller than `value`.
		/// - [`Error::BelowMinimumBond`]: the remaining stake would be neither zero nor at
		///   least [`Config::MinimumBond`].
		/// - [`Error::TooManyUnlockingChunks`]: [`Config::MaxUnlockingChunks`] parts are
		///   already unbonding.
		///
		/// ## Events
		/// [`Event::Unbonded`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] value: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
			let mut bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(bond.active >= value, Error::<T>::InsufficientStake);
			let remaining = bond.active.saturating_sub(value);
			ensure!(
				remaining.is_zero() || remaining >= T::MinimumBond::get(),
				Error::<T>::BelowMinimumBond
			);
			// Never before an earlier part: parts unlock in order even if a runtime upgrade
			// shortens the period.
			let earliest =
				frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
			let unlocks_at = bond
				.unlocking
				.last()
				.map_or(earliest, |last| core::cmp::max(earliest, last.unlocks_at));
			match bond.unlocking.last_mut() {
				// Unbonded in the same block (same unlock): one part.
				Some(last) if last.unlocks_at == unlocks_at => {
					last.value = last.value.saturating_add(value);
				},
				_ => bond
					.unlocking
					.try_push(UnlockChunk { value, unlocks_at })
					.map_err(|_| Error::<T>::TooManyUnlockingChunks)?,
			}
			bond.active = remaining;
			Bonds::<T>::insert(&who, bond);
			Self::deposit_event(Event::Unbonded { who, amount: value, unlocks_at });
			Ok(())
		}

		/// Releases every unbonded part of the caller's bond that has unlocked; removes the
		/// bond when nothing is left in it.
		///
		/// ## Dispatch Origin
		/// Signed: the staker.
		///
		/// ## Errors
		/// - [`Error::NotBonded`]: the caller has no bond.
		/// - [`Error::NothingToWithdraw`]: no part has unlocked yet.
		///
		/// ## Events
		/// [`Event::Withdrawn`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let now = frame_system::Pallet::<T>::block_number();
			// Parts unlock in order: the unlocked ones are a prefix.
			let unlocked =
				bond.unlocking.iter().take_while(|chunk| chunk.unlocks_at <= now).count();
			ensure!(unlocked > 0, Error::<T>::NothingToWithdraw);
			let amount = bond
				.unlocking
				.drain(..unlocked)
				.fold(BalanceOf::<T>::zero(), |total, chunk| total.saturating_add(chunk.value));
			T::Currency::release(&HoldReason::Bonded.into(), &who, amount, Precision::Exact)?;
			if bond.is_empty() {
				Bonds::<T>::remove(&who);
			} else {
				Bonds::<T>::insert(&who, bond);
			}
			Self::deposit_event(Event::Withdrawn { who, amount });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Bonds `value` more for `who` (the body of [`Pallet::bond`], also used at genesis).
		pub(crate) fn do_bond(who: &T::AccountId, value: BalanceOf<T>) -> DispatchResult {
			ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
			let mut bond = Bonds::<T>::get(who).unwrap_or_default();
			let active = bond.active.saturating_add(value);
			ensure!(active >= T::MinimumBond::get(), Error::<T>::BelowMinimumBond);
			ensure!(
				T::Currency::can_hold(&HoldReason::Bonded.into(), who, value),
				Error::<T>::InsufficientBalance
			);
			T::Currency::hold(&HoldReason::Bonded.into(), who, value)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			bond.active = active;
			Bonds::<T>::insert(who, bond);
			Self::deposit_event(Event::Bonded { who: who.clone(), amount: value });
			Ok(())
		}

		/// The pallet's invariants: every bond is exactly what is on hold for it, no empty
		/// record is kept, every active stake is zero or at least the minimum, and unbonding
		/// parts unlock in order.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let reason = HoldReason::Bonded.into();
			for (who, bond) in Bonds::<T>::iter() {
				ensure!(!bond.is_empty(), "an empty bond is kept");
				ensure!(
					T::Currency::balance_on_hold(&reason, &who) == bond.total(),
					"a bond differs from what is on hold for it"
				);
				ensure!(
					bond.active.is_zero() || bond.active >= T::MinimumBond::get(),
					"an active stake is below the minimum bond"
				);
				ensure!(
					bond.unlocking.windows(2).all(|pair| pair[0].unlocks_at < pair[1].unlocks_at),
					"unbonding parts are out of order"
				);
			}
			Ok(())
		}
	}
}

impl<T: Config> ActiveStake<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn active_stake(who: &T::AccountId) -> BalanceOf<T> {
		Bonds::<T>::get(who).map(|bond| bond.active).unwrap_or_else(Zero::zero)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmark(who: &T::AccountId, amount: BalanceOf<T>) -> sp_runtime::DispatchResult {
		use frame_support::traits::{fungible::Unbalanced, tokens::Precision, Get};
		let value = amount.max(T::MinimumBond::get());
		let funds = value.saturating_add(T::Currency::minimum_balance());
		T::Currency::increase_balance(who, funds, Precision::Exact)?;
		Self::do_bond(who, value)
	}
}
