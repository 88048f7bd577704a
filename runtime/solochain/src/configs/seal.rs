//! The difficulty of the proof-of-work seal every block carries (`pallet-seal-difficulty`):
//! it rises slowly while every slot has a block and halves for each empty one, so that
//! sealing never costs the slot. The node mines and checks the seal (`node/src/pow.rs`).

use crate::{AccountId, Runtime};

/// BABE's slot of the block being executed, for the seal difficulty's adjustment.
pub struct CurrentBabeSlot;
impl frame_support::traits::Get<u64> for CurrentBabeSlot {
	fn get() -> u64 {
		*pallet_babe::CurrentSlot::<Runtime>::get()
	}
}

impl pallet_seal_difficulty::Config for Runtime {
	type CurrentSlot = CurrentBabeSlot;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	/// Doubles in about 710 filled slots (24 minutes).
	type RiseDivisor = frame_support::traits::ConstU64<1024>;
	type WeightInfo = pallet_seal_difficulty::weights::SubstrateWeight<Runtime>;
}
