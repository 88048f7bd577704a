//! `frame_system`, timestamp, utility and proof-size reclaim: what every block needs, sized for
//! a parachain block: 2 seconds of compute (asynchronous backing gives a candidate 2 s of
//! the relay chain's validators' time) and a proof of at most the relay chain's `MAX_POV_SIZE`.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::{generic, Perbill};

use super::aegis::BaseCallFilter;
use crate::{
	currency::SS58_PREFIX, AccountId, Balance, Block, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, VERSION,
};

use aegis_runtime_common::{
	limits::{block_length, block_weights},
	weights,
};

pub use aegis_runtime_common::limits::NORMAL_DISPATCH_RATIO;

/// The share of a block `on_initialize` hooks are expected to take.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// Two seconds of compute, and the largest proof (PoV) the relay chain's validators accept.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// 5 MiB blocks, of which normal transactions may fill [`NORMAL_DISPATCH_RATIO`].
const MAXIMUM_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// Blocks whose hashes the runtime keeps (mortal transactions can be this old at most).
	pub const BlockHashCount: u32 = 4096;
	pub RuntimeBlockWeights: BlockWeights = block_weights(MAXIMUM_BLOCK_WEIGHT, AVERAGE_ON_INITIALIZE_RATIO);
	pub RuntimeBlockLength: BlockLength = block_length(MAXIMUM_BLOCK_LENGTH);
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
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
	/// New code is not set at once: it goes to the relay chain, whose validators check it and
	/// give the go-ahead a few blocks later.
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	/// Steps multi-block migrations (`configs::migrations`) after each block's inherents.
	type MultiBlockMigrator = crate::MultiBlockMigrations;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	/// Aura checks that the timestamp agrees with the slot.
	type OnTimestampSet = crate::Aura;
	/// Several blocks may share a slot (asynchronous backing): no minimum gap.
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	/// The pallet keeps its benchmarked weights private; `()` are those weights.
	type WeightInfo = ();
}

/// The extensions of a transaction with `nonce` and mortality `era`, as a wallet sets them.
pub fn tx_extension(nonce: Nonce, era: generic::Era) -> crate::TxExtension {
	cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
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
		pallet_model_registry::StakeGate::<Runtime>::new(),
	))
}

aegis_runtime_common::impl_offchain_transactions!(extension: tx_extension);
