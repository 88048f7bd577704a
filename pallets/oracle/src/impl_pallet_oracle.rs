//! What `pallet-oracle` (which stores the raw reports) asks of this pallet: its members and
//! its combination of values.

use crate::*;

/// `pallet-oracle`'s members: the reporters.
impl<T: Config> SortedMembers<T::AccountId> for Pallet<T> {
	fn sorted_members() -> Vec<T::AccountId> {
		Reporters::<T>::get().into_inner()
	}

	fn contains(who: &T::AccountId) -> bool {
		Self::is_reporter(who)
	}

	fn count() -> usize {
		Reporters::<T>::decode_len().unwrap_or(0)
	}
}

/// `pallet-oracle`'s combination, which never combines: this pallet writes
/// `pallet_oracle::Values` itself when a round closes, so that `oracleFeeds.values` and
/// [`Latest`] agree on every closed round and a round's partial reports never show as a value.
pub struct ValuesAtClose<T>(core::marker::PhantomData<T>);

impl<T: Config> CombineData<FeedId, TimestampedValueOf<T>> for ValuesAtClose<T> {
	fn combine_data(
		_feed: &FeedId,
		_raw_values: Vec<TimestampedValueOf<T>>,
		_previous: Option<TimestampedValueOf<T>>,
	) -> Option<TimestampedValueOf<T>> {
		None
	}
}
