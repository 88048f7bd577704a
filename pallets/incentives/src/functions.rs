//! The pool and its accounting: parameters' bounds, minting, eligibility and allocation of
//! rewards, and crediting earnings.

use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
};
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedSub, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};

use crate::*;

/// The most version-reward records of forfeited models removed in one block's idle time.
pub const FORFEITED_RECORDS_PER_BLOCK: u32 = 64;

impl<T: Config> Pallet<T> {
	/// Checks `parameters` against the runtime's bounds: the mint and the pool cap within
	/// [`Config::MaxMintPerPeriod`] and [`Config::MaxPoolCap`], every reward zero or payable
	/// to a new account.
	pub fn ensure_valid_parameters(parameters: &RewardParametersOf<T>) -> DispatchResult {
		ensure!(
			parameters.mint_per_period <= T::MaxMintPerPeriod::get()
				&& parameters.pool_cap <= T::MaxPoolCap::get(),
			Error::<T>::MintAboveBound
		);
		let minimum = T::Token::minimum_balance();
		for reward in [parameters.update_reward, parameters.proof_reward, parameters.report_reward]
		{
			ensure!(reward.is_zero() || reward >= minimum, Error::<T>::RewardBelowMinimumBalance);
		}
		Ok(())
	}

	/// The pool's keyless account.
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The pool's funds no unclaimed reward speaks for.
	pub fn unallocated() -> BalanceOf<T> {
		T::Token::balance(&Self::pool_account()).saturating_sub(Unclaimed::<T>::get())
	}

	/// [`Unclaimed`] once `amount` of it is paid or forfeited.
	pub(crate) fn unclaimed_after_paying(
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		Ok(Unclaimed::<T>::get().checked_sub(&amount).ok_or(ArithmeticError::Underflow)?)
	}

	/// Mints up to a period's amount into the pool, stopping at the cap.
	pub(crate) fn mint() {
		let parameters = Parameters::<T>::get();
		let room = parameters.pool_cap.saturating_sub(Self::unallocated());
		let amount = parameters.mint_per_period.min(room);
		if amount.is_zero() {
			return;
		}
		match T::Token::mint_into(&Self::pool_account(), amount) {
			Ok(minted) => Self::deposit_event(Event::PoolMinted { amount: minted }),
			Err(error) => log::warn!(target: LOG_TARGET, "minting the pool failed: {error:?}"),
		}
	}

	/// Whether `who` may earn rewards. Always reads the stake, so that the benchmarked weight
	/// covers the read whatever the minimum.
	pub(crate) fn eligible(who: &T::AccountId, parameters: &RewardParametersOf<T>) -> bool {
		T::Stakes::active_stake(who) >= parameters.minimum_stake
	}

	/// Records `amount` as allocated if the pool can cover it.
	pub(crate) fn allocate(amount: BalanceOf<T>) -> Result<(), SkipReason> {
		if amount > Self::unallocated() {
			return Err(SkipReason::PoolExhausted);
		}
		let unclaimed =
			Unclaimed::<T>::get().checked_add(&amount).ok_or(SkipReason::PoolExhausted)?;
		Unclaimed::<T>::put(unclaimed);
		Ok(())
	}

	/// Sets what `model`'s versions hold unclaimed, removing the entry at zero.
	pub(crate) fn set_model_unclaimed(model: ModelId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			ModelUnclaimed::<T>::remove(model);
		} else {
			ModelUnclaimed::<T>::insert(model, amount);
		}
	}

	/// Returns `amount` of [`Unclaimed`] to the pool's unallocated funds. Saturating: every
	/// caller returns part of what was allocated, which [`Unclaimed`] includes.
	pub(crate) fn release(amount: BalanceOf<T>) {
		Unclaimed::<T>::mutate(|unclaimed| *unclaimed = unclaimed.saturating_sub(amount));
	}

	/// Removes up to [`FORFEITED_RECORDS_PER_BLOCK`] records of the first model in
	/// [`ForfeitedModels`], and its mark once none is left, if `remaining` covers the most
	/// that costs. Returns the weight used.
	pub(crate) fn clear_forfeited_records(remaining: Weight) -> Weight {
		if !remaining.all_gte(T::WeightInfo::clear_forfeited_records(FORFEITED_RECORDS_PER_BLOCK)) {
			return Weight::zero();
		}
		let Some(model) = ForfeitedModels::<T>::iter_keys().next() else {
			return T::WeightInfo::clear_forfeited_records(0);
		};
		let removal = VersionRewards::<T>::clear_prefix(model, FORFEITED_RECORDS_PER_BLOCK, None);
		if removal.maybe_cursor.is_none() {
			ForfeitedModels::<T>::remove(model);
		}
		T::WeightInfo::clear_forfeited_records(removal.unique)
	}

	pub(crate) fn skipped(beneficiary: &T::AccountId, source: RewardSource, reason: SkipReason) {
		Self::deposit_event(Event::RewardSkipped {
			beneficiary: beneficiary.clone(),
			source,
			reason,
		});
	}

	/// Adds `amount` to `beneficiary`'s earnings if they are eligible and the pool covers it.
	pub(crate) fn earn(
		beneficiary: &T::AccountId,
		source: RewardSource,
		amount: BalanceOf<T>,
		parameters: &RewardParametersOf<T>,
	) -> bool {
		if !Self::eligible(beneficiary, parameters) {
			Self::skipped(beneficiary, source, SkipReason::InsufficientStake);
			return false;
		}
		let earned = Earnings::<T>::get(beneficiary).checked_add(&amount);
		match (earned, Self::allocate(amount)) {
			(Some(earned), Ok(())) => {
				Earnings::<T>::insert(beneficiary, earned);
				Self::deposit_event(Event::RewardEarned {
					beneficiary: beneficiary.clone(),
					source,
					amount,
				});
				true
			},
			(None, Ok(())) => {
				// Cannot happen (earnings are part of the unclaimed total, which did not
				// overflow), and if it did, the allocation is returned.
				Self::release(amount);
				Self::skipped(beneficiary, source, SkipReason::PoolExhausted);
				false
			},
			(_, Err(reason)) => {
				Self::skipped(beneficiary, source, reason);
				false
			},
		}
	}
}

/// Whether a key appears twice (the lists are short: at most `MaxRewardedKeys`).
pub(crate) fn has_duplicates(keys: &[VerifyingKeyId]) -> bool {
	keys.iter()
		.enumerate()
		.any(|(index, key)| keys.get(..index).unwrap_or_default().contains(key))
}
