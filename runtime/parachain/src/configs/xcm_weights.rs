//! Weights of `pallet_xcm`'s calls on the parachain, until they are benchmarked on it.
//!
//! `pallet_xcm` ships only `TestWeightInfo`: 100 µs per call and **no proof size**, while on a
//! parachain the proof (PoV) is what runs out first. Benchmarking `pallet_xcm` needs a
//! benchmarking build of a parachain node (the omni-node's bencher), which this repository
//! does not build yet; until it does, every call here is charged conservatively:
//!
//! - ref time: twice the system parachains' benchmarked figure for the call's kind (transfers
//!   about 120 µs there, so 250 µs here; a `send` about 40 µs, so 100 µs), and never less than
//!   `TestWeightInfo`'s 100 µs;
//! - reads and writes: what the call touches (the XCM version and query maps, the router's
//!   queues and fee factors, the sender's and sovereign accounts), at the database's weights;
//! - proof size: 4 KiB per storage item read, the size a map entry of an account or an XCM
//!   version record takes in the proof with its trie nodes, rounded up.
//!
//! Over-charging costs an XCM user a few cents more; under-charging proof size would let
//! messages overfill a parachain block's PoV, so the error is on the safe side.

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::WEIGHT_REF_TIME_PER_MICROS, RuntimeDbWeight, Weight},
};

/// Proof size charged per storage item read.
const PROOF_PER_READ: u64 = 4 * 1024;

/// The weight of a call taking `micros` µs that reads `reads` and writes `writes` items.
fn weight<T: frame_system::Config>(micros: u64, reads: u64, writes: u64) -> Weight {
	let db: RuntimeDbWeight = T::DbWeight::get();
	Weight::from_parts(micros.saturating_mul(WEIGHT_REF_TIME_PER_MICROS), reads * PROOF_PER_READ)
		.saturating_add(db.reads_writes(reads, writes))
}

/// Conservative weights of `pallet_xcm` (see the module documentation).
pub struct PalletXcmWeights<T = crate::Runtime>(PhantomData<T>);

impl<T: frame_system::Config> pallet_xcm::WeightInfo for PalletXcmWeights<T> {
	/// Version lookup, the router's queue, fee factor and channel state, the fee payment.
	fn send() -> Weight {
		weight::<T>(100, 8, 4)
	}

	fn teleport_assets() -> Weight {
		weight::<T>(250, 12, 8)
	}

	/// The sender's account, the destination's sovereign account, the assets' records, the
	/// router's queue and fee factor, the delivery fee.
	fn reserve_transfer_assets() -> Weight {
		weight::<T>(250, 12, 8)
	}

	fn transfer_assets() -> Weight {
		weight::<T>(250, 12, 8)
	}

	/// Arbitrary execution is filtered out (`XcmExecuteFilter = Nothing`); the call still
	/// pays for being refused.
	fn execute() -> Weight {
		weight::<T>(100, 2, 0)
	}

	fn force_xcm_version() -> Weight {
		weight::<T>(100, 2, 2)
	}

	fn force_default_xcm_version() -> Weight {
		weight::<T>(100, 1, 1)
	}

	fn force_subscribe_version_notify() -> Weight {
		weight::<T>(100, 8, 6)
	}

	fn force_unsubscribe_version_notify() -> Weight {
		weight::<T>(100, 8, 6)
	}

	fn force_suspension() -> Weight {
		weight::<T>(100, 1, 1)
	}

	fn migrate_supported_version() -> Weight {
		weight::<T>(100, 2, 2)
	}

	fn migrate_version_notifiers() -> Weight {
		weight::<T>(100, 2, 2)
	}

	fn already_notified_target() -> Weight {
		weight::<T>(100, 2, 0)
	}

	fn notify_current_targets() -> Weight {
		weight::<T>(100, 8, 4)
	}

	fn notify_target_migration_fail() -> Weight {
		weight::<T>(100, 2, 0)
	}

	fn migrate_version_notify_targets() -> Weight {
		weight::<T>(100, 2, 2)
	}

	fn migrate_and_notify_old_targets() -> Weight {
		weight::<T>(100, 8, 6)
	}

	fn new_query() -> Weight {
		weight::<T>(100, 1, 2)
	}

	fn take_response() -> Weight {
		weight::<T>(100, 1, 1)
	}

	/// Per asset: its record and the beneficiary's account.
	fn claim_assets(n: u32) -> Weight {
		weight::<T>(250, 2, 1).saturating_add(weight::<T>(50, 2, 2).saturating_mul(n.into()))
	}

	fn add_authorized_alias() -> Weight {
		weight::<T>(100, 2, 2)
	}

	fn remove_authorized_alias() -> Weight {
		weight::<T>(100, 2, 2)
	}

	/// Decoding and weighing touch no storage: twice `TestWeightInfo`'s per-byte cost.
	fn weigh_message(n: u32) -> Weight {
		Weight::from_parts(200_000, 0)
			.saturating_add(Weight::from_parts(200_000, 0).saturating_mul(n.into()))
	}

	fn decode_xcm(n: u32) -> Weight {
		Weight::from_parts(200_000, 0)
			.saturating_add(Weight::from_parts(40_000, 0).saturating_mul(n.into()))
	}
}
