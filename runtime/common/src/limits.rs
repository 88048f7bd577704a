//! Block limits: how a block's weight and length are shared between normal (user)
//! transactions and operational calls. The runtimes differ in a block's size (2 s slots with a
//! seal on the sovereign chain, 2 s of relay-chain validation and a proof limit on the
//! parachain); how they share it is the same.

use frame_support::{dispatch::DispatchClass, traits::Get, weights::Weight};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

use crate::weights::{BlockExecutionWeight, ExtrinsicBaseWeight};

/// Share of a block's weight and length that normal (user) transactions may fill; the rest is
/// kept for operational calls (e.g. equivocation reports) so they always fit.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The weights of a block of at most `max_block`, of which `on_initialize` hooks are expected
/// to take `average_initialization`: normal transactions fill [`NORMAL_DISPATCH_RATIO`],
/// operational calls may go past that up to the whole block.
pub fn block_weights(max_block: Weight, average_initialization: Perbill) -> BlockWeights {
	BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * max_block);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(max_block);
			weights.reserved = Some(max_block - NORMAL_DISPATCH_RATIO * max_block);
		})
		.avg_block_initialization(average_initialization)
		.build_or_panic()
}

/// The lengths of a block of at most `max_length` bytes, of which normal transactions may fill
/// [`NORMAL_DISPATCH_RATIO`].
pub fn block_length(max_length: u32) -> BlockLength {
	BlockLength::builder()
		.max_length(max_length)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build()
}
