//! The records of the oracle pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

pub use aegis_primitives::oracle::{FeedId, OracleValue};

use crate::Config;
use frame_support::traits::{fungible::Inspect, Time};
use pallet_oracle::TimestampedValue;

/// How a feed is combined and when its values go stale. Set by governance.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxNameLen))]
pub struct FeedConfig<MaxNameLen: Get<u32>> {
	/// What the feed measures, e.g. `model-7/accuracy` or `AEG/USD`.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// Decimal places of the fixed-point values.
	pub decimals: u8,
	/// Fresh reports a round needs to close (at least [`crate::MIN_QUORUM`]).
	pub quorum: u32,
	/// Milliseconds after which a report, or the feed's value, is stale; longer than the
	/// collection window, so that a round's first report still counts when the window ends.
	pub expiry_ms: u64,
	/// Milliseconds between a round's close and the next round's opening (at least a block):
	/// a feed closes at most one round per interval, so its rewards are bounded.
	pub min_interval_ms: u64,
	/// Milliseconds a round collects reports, from its first (at least a block). The round
	/// closes when the window ends, over every report it collected, so that the order in
	/// which reports land decides nothing.
	pub collection_window_ms: u64,
	/// A report further than this from its round's median (relative to the median) is a
	/// strike against its reporter...
	pub max_deviation: Perbill,
	/// ...unless it is within this absolute distance (in the feed's units), which keeps
	/// feeds near zero usable.
	pub tolerance: u128,
}

/// The reports of a feed's open round.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxReporters))]
pub struct Round<AccountId: Clone + PartialEq + core::fmt::Debug, MaxReporters: Get<u32>> {
	/// The round's number, from 1.
	pub number: u32,
	/// Reports are accepted from this time on (Unix milliseconds).
	pub opens_at_ms: u64,
	/// When the collection window ends (Unix milliseconds), set by the window's first report;
	/// reports are accepted until then, and the round is tallied in the first block after.
	/// `None` while no window runs: before the first report, or after a window that ended
	/// without a valid tally.
	pub closes_at_ms: Option<u64>,
	/// At most one report per reporter: who, what and when (Unix milliseconds).
	pub reports: BoundedVec<Report<AccountId>, MaxReporters>,
}

impl<AccountId: Clone + PartialEq + core::fmt::Debug, MaxReporters: Get<u32>> Default
	for Round<AccountId, MaxReporters>
{
	fn default() -> Self {
		Self { number: 1, opens_at_ms: 0, closes_at_ms: None, reports: BoundedVec::new() }
	}
}

impl<AccountId: Clone + PartialEq + core::fmt::Debug, MaxReporters: Get<u32>>
	Round<AccountId, MaxReporters>
{
	/// Whether the round takes reports at `now`: it has opened, and no window of it has ended
	/// (a window that ended is tallied at the start of the next block).
	pub fn takes_reports_at(&self, now: u64) -> bool {
		now >= self.opens_at_ms && self.closes_at_ms.is_none_or(|ends_at| now < ends_at)
	}
}

/// What the reports of a round whose window ended add up to, when they may close it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
	/// The median of the round's fresh reports: the feed's new value.
	pub value: OracleValue,
	/// When the oldest of them was made (Unix milliseconds): the age of the data.
	pub oldest_ms: u64,
	/// The median of the governance reporters' reports among them, when there are at least
	/// [`crate::MIN_QUORUM`]: what reports are judged, and struck, against.
	pub reference: Option<OracleValue>,
}

/// One reporter's value in a round.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct Report<AccountId> {
	/// The reporter.
	pub reporter: AccountId,
	/// The value reported.
	pub value: OracleValue,
	/// When it was reported (Unix milliseconds).
	pub at_ms: u64,
}

/// A feed's value: the median of a closed round.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct FeedValue {
	/// The median of the round's fresh reports.
	pub value: OracleValue,
	/// When the round's oldest report was made (Unix milliseconds): the age of the data.
	pub timestamp_ms: u64,
	/// The round it closed.
	pub round: u32,
}

/// A feed's value as the runtime API reports it.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct FeedReading {
	/// The value, with `decimals` decimal places.
	pub value: OracleValue,
	/// The feed's decimal places.
	pub decimals: u8,
	/// When the round's oldest report was made (Unix milliseconds).
	pub timestamp_ms: u64,
	/// The round.
	pub round: u32,
	/// Whether the value is younger than the feed's expiry; other pallets never see a stale
	/// value.
	pub fresh: bool,
}

/// How a reporter was admitted.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Admission {
	/// Added by governance.
	Governance,
	/// Joined with the reporter stake bonded; must keep it to report.
	Stake,
}

/// How a reporter was admitted; its strikes are kept apart ([`crate::Strikes`]), so leaving
/// and rejoining does not clear them.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct ReporterRecord {
	/// How the reporter was admitted.
	pub admission: Admission,
}

/// Why a reporter left the set.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum RemovalReason {
	/// Governance removed it.
	Governance,
	/// It left.
	Left,
	/// Its reports deviated from the median in too many consecutive rounds.
	Deviation,
	/// It was admitted by stake and no longer has it (removed by anyone).
	StakeLost,
}

/// The oracle's governance-set rules for reporters.
#[derive(
	Clone,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ReporterRules<Balance> {
	/// The active bonded stake with which an account may join the reporters itself; zero
	/// closes admission by stake (governance still adds reporters).
	pub reporter_stake: Balance,
	/// Consecutive deviating rounds after which a reporter is removed (0: never).
	pub max_strikes: u32,
	/// The most reporters admitted by stake at once. The other seats are governance's: stake
	/// alone can neither fill the set nor outnumber the governance reporters a round needs
	/// (at most `MaxReporters −` [`crate::MIN_QUORUM`]).
	pub stake_seats: u32,
}

/// The balance type of reporter stakes.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A feed's configuration in the runtime.
pub type FeedConfigOf<T> = FeedConfig<<T as Config>::MaxNameLen>;
/// An open round in the runtime.
pub type RoundOf<T> = Round<<T as frame_system::Config>::AccountId, <T as Config>::MaxReporters>;
/// The reporter rules in the runtime.
pub type ReporterRulesOf<T> = ReporterRules<BalanceOf<T>>;
/// `pallet-oracle`'s timestamped value in the runtime.
pub type TimestampedValueOf<T> =
	TimestampedValue<OracleValue, <<T as pallet_oracle::Config>::Time as Time>::Moment>;
