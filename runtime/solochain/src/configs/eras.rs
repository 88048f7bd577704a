//! How long BABE epochs, sessions and staking eras last, and how large the validator set may
//! be: the figures consensus and staking both build on, here so that neither configuration
//! imports the other.

use frame_support::parameter_types;
use sp_staking::{EraIndex, SessionIndex};

use crate::{
	time::{HOURS, MILLISECS_PER_BLOCK},
	BlockNumber,
};

/// A BABE epoch (and so a session) lasts an hour. The validator set changes at most once per
/// session, and the epoch randomness comes from the one before.
pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = HOURS;

parameter_types! {
	pub const EpochDurationInBlocks: BlockNumber = EPOCH_DURATION_IN_BLOCKS;
	/// Slots are blocks under BABE with secondary slots.
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_BLOCKS as u64;
	pub const ExpectedBlockTime: u64 = MILLISECS_PER_BLOCK;
	/// Six one-hour sessions: validators are re-elected every six hours.
	pub const SessionsPerEra: SessionIndex = 6;
	/// Stake stays bonded 28 eras (7 days) after unbonding, so that offences found late can
	/// still be slashed.
	pub const BondingDuration: EraIndex = 28;
	/// Upper bound of the validator set, shared by BABE, GRANDPA and staking.
	pub const MaxAuthorities: u32 = 100;
}
