//! The incentive token (AIT): an asset of `pallet-assets`, created at genesis under
//! `INCENTIVE_ASSET_ID`, with ERC-20's transfer, approve and transfer-from as the pallet's
//! `transfer`, `approve_transfer` and `transfer_approved`.
//!
//! The incentives pallet pays rewards in AIT out of a pool it mints once per era; the pool
//! is the same keyless account that owns the token.
//!
//! The asset pallet holds Aegis's own tokens, not a public asset registry: creating assets is
//! closed to everyone (root can still `force_create`), and the token's owner and issuer is a
//! keyless account, so no key can mint it. Rewards are minted by the runtime through
//! `fungibles::Mutate`, never by a signed account.

use aegis_primitives::{currency::deposit, incentives::INCENTIVE_ASSET_ID, BlockNumber};
use frame_support::{
	parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg, ConstU32, NeverEnsureOrigin},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::AccountIdConversion;

use super::{
	consensus::EPOCH_DURATION_IN_BLOCKS, proofs::MaxPublicInputs, registry::StakingLedgers,
	staking::SessionsPerEra,
};
use crate::{AccountId, Assets, Balance, Balances, ModelRegistry, Runtime, RuntimeEvent};

parameter_types! {
	/// An asset's details (owner, issuer, admin, freezer, supply, counters, status): about
	/// 210 bytes.
	pub const AssetDeposit: Balance = deposit(1, 210);
	/// A holder's balance record, for assets that are not sufficient (AIT is: its holders need
	/// no deposit and no AEG to hold it).
	pub const AssetAccountDeposit: Balance = deposit(1, 18);
	pub const MetadataDepositBase: Balance = deposit(1, 68);
	pub const MetadataDepositPerByte: Balance = deposit(0, 1);
	/// An ERC-20 allowance is a stored item: the approver pays for it until it is spent or
	/// cancelled, and gets the deposit back then.
	pub const ApprovalDeposit: Balance = deposit(1, 32);
	/// The keyless account that owns the incentive token and holds the reward pool.
	pub const IncentivesPalletId: PalletId = PalletId(*b"aeg/incv");
	/// The pool is minted once per staking era (six hours).
	pub const MintPeriod: BlockNumber = EPOCH_DURATION_IN_BLOCKS * SessionsPerEra::get();
}

/// The most reporters an oracle round takes (and so the most rewarded per round).
pub type MaxOracleReporters = ConstU32<16>;

/// The incentive token as a single fungible: what the incentives pallet mints and pays.
pub type IncentiveToken = ItemOf<Assets, ConstU32<INCENTIVE_ASSET_ID>, AccountId>;

/// The owner and issuer of the incentive token: derived from [`IncentivesPalletId`], so no one
/// holds its key.
pub fn incentive_token_owner() -> AccountId {
	IncentivesPalletId::get().into_account_truncating()
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	/// Names and tickers up to 50 bytes.
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_incentives::Config for Runtime {
	type Token = IncentiveToken;
	/// AEG bonded in staking; a reward's minimum stake is counted in AEG's smallest unit (AIT
	/// has the same twelve decimals).
	type Stakes = StakingLedgers;
	type Revocation = ModelRegistry;
	/// Root, or a referendum on the registry-admin track.
	type AdminOrigin = super::governance::AegisAdminOrigin;
	type PalletId = IncentivesPalletId;
	type MintPeriod = MintPeriod;
	type MaxRewardedKeys = ConstU32<16>;
	type MaxPublicInputs = MaxPublicInputs;
	type MaxReporters = MaxOracleReporters;
	type WeightInfo = pallet_incentives::weights::SubstrateWeight<Runtime>;
}
