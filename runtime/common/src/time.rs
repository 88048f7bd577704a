//! Periods in blocks for a chain's block time.
//!
//! The sovereign chain makes a block every 2-second BABE slot; the parachain one every
//! 6 seconds (asynchronous backing). Governance periods, vote locks and mint periods are
//! decided in wall-clock time and converted here, so both chains give a referendum the same
//! fortnight.

use aegis_primitives::BlockNumber;

/// Blocks per minute, hour and day at a given block time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockTimes {
	/// Blocks per minute.
	pub minute: BlockNumber,
	/// Blocks per hour.
	pub hour: BlockNumber,
	/// Blocks per day.
	pub day: BlockNumber,
}

impl BlockTimes {
	/// The periods of a chain that makes a block every `millis_per_block` milliseconds, which
	/// must divide a minute (a period is then an exact number of blocks).
	pub const fn of_block_time(millis_per_block: u64) -> Self {
		assert!(
			millis_per_block > 0 && 60_000 % millis_per_block == 0,
			"a block time must divide a minute"
		);
		let minute = (60_000 / millis_per_block) as BlockNumber;
		Self { minute, hour: minute * 60, day: minute * 60 * 24 }
	}
}

#[cfg(test)]
mod tests {
	use super::BlockTimes;

	#[test]
	fn periods_follow_the_block_time() {
		let sovereign = BlockTimes::of_block_time(aegis_primitives::time::MILLISECS_PER_BLOCK);
		assert_eq!(sovereign.minute, aegis_primitives::time::MINUTES);
		assert_eq!(sovereign.hour, aegis_primitives::time::HOURS);
		assert_eq!(sovereign.day, aegis_primitives::time::DAYS);

		let parachain = BlockTimes::of_block_time(6_000);
		assert_eq!((parachain.minute, parachain.hour, parachain.day), (10, 600, 14_400));
	}
}
