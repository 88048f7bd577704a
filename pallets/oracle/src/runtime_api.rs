//! The runtime API through which clients read feeds.

use crate::{FeedId, FeedReading};

sp_api::decl_runtime_apis! {
	/// Reads of the oracle's feeds.
	pub trait OracleFeedsApi {
		/// The feed's value: the median of its last closed round, when that round closed,
		/// and whether the value is still fresh. `None` for an unknown feed or one whose
		/// first round has not closed.
		fn feed(feed: FeedId) -> Option<FeedReading>;
	}
}
