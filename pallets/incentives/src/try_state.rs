//! The pallet's invariants, checked after every block by `try-runtime` and after every test
//! of this pallet.

use frame_support::traits::fungible::Inspect;
use sp_runtime::traits::{CheckedAdd, Zero};

use crate::{functions::has_duplicates, *};

impl<T: Config> Pallet<T> {
	/// The pallet's invariants:
	/// - [`Unclaimed`] is the sum of every version share and every account's earnings, leaving
	///   out the records of [`ForfeitedModels`];
	/// - [`ModelUnclaimed`] is, for every model with a claimable record, the sum of its
	///   records, and holds no other entry; no forfeited model has one;
	/// - the pool's balance covers [`Unclaimed`];
	/// - a version reward has one or two shares, none zero, of distinct accounts;
	/// - no rewarded key is listed twice.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let fail = |message: &'static str| -> sp_runtime::TryRuntimeError { message.into() };
		let mut total = BalanceOf::<T>::zero();
		let mut per_model = alloc::collections::BTreeMap::<ModelId, BalanceOf<T>>::new();
		for (model, _, reward) in VersionRewards::<T>::iter() {
			let shares = reward.shares.as_slice();
			if shares.is_empty() {
				return Err(fail("a version reward has no shares"));
			}
			if let [(first, _), (second, _)] = shares {
				if first == second {
					return Err(fail("a version reward has two shares of one account"));
				}
			}
			if shares.iter().any(|(_, amount)| amount.is_zero()) {
				return Err(fail("a version share is zero"));
			}
			if ForfeitedModels::<T>::contains_key(model) {
				continue;
			}
			let sum = per_model.entry(model).or_default();
			for (_, amount) in shares {
				*sum = sum.checked_add(amount).ok_or(fail("unclaimed overflow"))?;
				total = total.checked_add(amount).ok_or(fail("unclaimed overflow"))?;
			}
		}
		let stored = ModelUnclaimed::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>();
		if stored != per_model {
			return Err(fail("a model's unclaimed sum is not the sum of its version rewards"));
		}
		for (_, amount) in Earnings::<T>::iter() {
			if amount.is_zero() {
				return Err(fail("zero earnings are stored"));
			}
			total = total.checked_add(&amount).ok_or(fail("unclaimed overflow"))?;
		}
		if total != Unclaimed::<T>::get() {
			return Err(fail("the unclaimed total is not the sum of the rewards"));
		}
		if T::Token::balance(&Self::pool_account()) < total {
			return Err(fail("the pool does not cover the unclaimed rewards"));
		}
		if has_duplicates(&RewardedKeys::<T>::get()) {
			return Err(fail("a rewarded key is listed twice"));
		}
		Ok(())
	}
}
