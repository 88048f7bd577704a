//! `frame_system`, timestamp and utility: what every block needs.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::{generic, Perbill};

use super::aegis::BaseCallFilter;
use crate::{
	currency::SS58_PREFIX, time::SLOT_DURATION, AccountId, Babe, Balance, Block, Nonce,
	OriginCaller, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, RuntimeTask,
	VERSION,
};

use aegis_runtime_common::{
	limits::{block_length, block_weights},
	weights,
};

pub use aegis_runtime_common::limits::NORMAL_DISPATCH_RATIO;

/// Compute time a block may take: half a second, a quarter of the 2-second slot. The rest of
/// the slot is for the author to build the block (applying transactions one runtime call at a
/// time costs more than importing them), seal and gossip it, and for the other validators to
/// import it before their own slot starts (`docs/performance.md` measures each part).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_div(2), u64::MAX);

/// 5 MiB blocks, of which normal transactions may fill [`NORMAL_DISPATCH_RATIO`].
const MAXIMUM_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// Blocks whose hashes the runtime keeps (mortal transactions can be this old at most).
	pub const BlockHashCount: u32 = 2400;
	pub RuntimeBlockWeights: BlockWeights = block_weights(MAXIMUM_BLOCK_WEIGHT, Perbill::from_percent(10));
	pub RuntimeBlockLength: BlockLength = block_length(MAXIMUM_BLOCK_LENGTH);
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = BaseCallFilter;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type RuntimeTask = RuntimeTask;
	type PalletInfo = PalletInfo;
	type Block = Block;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = crate::Hash;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type BlockHashCount = BlockHashCount;
	type DbWeight = weights::ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Steps multi-block migrations (`configs::migrations`) after each block's inherents.
	type MultiBlockMigrator = crate::MultiBlockMigrations;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	/// BABE checks that the timestamp agrees with the slot.
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

/// The extensions of a transaction with `nonce` and mortality `era`, as a wallet sets them.
pub fn tx_extension(nonce: Nonce, era: generic::Era) -> crate::TxExtension {
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(era),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
		pallet_model_registry::StakeGate::<Runtime>::new(),
	)
}

aegis_runtime_common::impl_offchain_transactions!(extension: tx_extension);
