//! Cross-chain messaging (XCM): messages from and to the relay chain (upward and downward) and
//! sibling parachains (XCMP), and what this chain does with them.
//!
//! - **Assets.** AEG is this chain's own token (`Location::here()`, in `Balances`). The relay
//!   chain's token (`Location::parent()`) is held in `ForeignAssets` (a `pallet-assets`
//!   instance created at genesis, sufficient), deposited when it arrives as a *reserve* asset
//!   from its one reserve, the relay chain, which keeps the backing in this chain's sovereign
//!   account there. Accounts send it back with a reserve transfer to the relay chain
//!   (`polkadotXcm.transferAssets` to `Parent`): the relay chain withdraws it from the
//!   sovereign account. Only one reserve is trusted, so that every token here is backed where
//!   it returns to. (On a relay chain whose token's reserve moved to Asset Hub, as Polkadot's
//!   and Kusama's did, [`RelayTokenReserve`] is Asset Hub's location instead.) Nothing is
//!   accepted by teleport.
//! - **Fees.** XCM execution here is paid in AEG (at the transaction fee's rate) or in the
//!   relay token ([`RelayTokenPerSecond`]); either goes to the block's author.
//! - **Origins.** The relay chain acts as itself (`RelayChainAsNative`), siblings as
//!   theirs, accounts as their sovereign accounts; only the relay chain and its executive
//!   body may execute without paying, and the relay chain's HRMP channel notifications are
//!   accepted. Version subscriptions (which store an entry per subscriber, with no deposit)
//!   are taken from the relay chain and sibling chains themselves only, never from accounts
//!   on them ([`ParentRelayOrSiblingParachains`]).
//! - **Sending.** Local accounts can send and do reserve transfers through `PolkadotXcm`:
//!   the relay token back to the relay chain, AEG to any chain (this chain is its reserve).
//!   Upward messages go through `ParachainSystem`, horizontal ones through `XcmpQueue`.
//! - **Delivery is priced** as on the system parachains ([`PriceForParentDelivery`],
//!   [`PriceForSiblingDelivery`]): a base fee plus a fee per byte, in AEG, times a factor
//!   that grows exponentially while the destination's queue is congested and decays when it
//!   drains. The sender pays it on top of the transaction (it is burnt), so flooding the
//!   upward or a horizontal queue gets dearer with every message.
//! - **Weights.** `pallet_xcm`'s calls are charged [`PalletXcmWeights`]: conservative
//!   figures with proof sizes, in place of its `TestWeightInfo` (no proof size at all).

use frame_support::{
	parameter_types,
	traits::{
		fungibles, ConstU32, Contains, Disabled, Equals, Everything, NeverEnsureOrigin, Nothing,
		OnUnbalanced, TransformOrigin,
	},
	weights::{
		constants::{WEIGHT_PROOF_SIZE_PER_MB, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::EnsureRoot;
use pallet_xcm::XcmPassthrough;
use parachains_common::message_queue::{NarrowOriginToSibling, ParaIdToSibling};
use parachains_common::xcm_config::ParentRelayOrSiblingParachains;
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::{impls::ToAuthor, xcm_sender::ExponentialPrice};
use sp_runtime::{traits::Identity, Perbill};
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowHrmpNotificationsFromRelayChain,
	AllowKnownQueryResponses, AllowSubscriptionsFrom, AllowTopLevelPaidExecutionFrom, Case,
	EnsureXcmOrigin, FixedWeightBounds, FrameTransactionalProcessor, FungibleAdapter,
	FungiblesAdapter, IsConcrete, MatchedConvertedConcreteId, NoChecking, ParentIsPreset,
	RelayChainAsNative, SiblingParachainAsNative, SiblingParachainConvertsVia,
	SignedAccountId32AsNative, SignedToAccountId32, SovereignSignedViaLocation, TakeWeightCredit,
	TrailingSetTopicAsId, UsingComponents, WithComputedOrigin, WithUniqueTopic,
};
use xcm_executor::XcmExecutor;

pub use super::xcm_weights::PalletXcmWeights;

use super::system::RuntimeBlockWeights;
use crate::{
	AccountId, AllPalletsWithSystem, Balance, Balances, ForeignAssets, MessageQueue, ParachainInfo,
	ParachainSystem, PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, XcmpQueue,
};
use alloc::vec::Vec;

parameter_types! {
	/// The relay chain, and its token.
	pub const RelayLocation: Location = Location::parent();
	/// This chain, and AEG.
	pub const HereLocation: Location = Location::here();
	/// Where the relay chain's token is held in reserve: the relay chain.
	pub const RelayTokenReserve: Location = Location::parent();
	/// The network is not named, so that the same runtime attaches to any relay chain (local,
	/// test or live): `AccountId32` locations without a network are this chain's accounts.
	pub const RelayNetwork: Option<NetworkId> = None;
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	/// Where this chain is, seen from the relay chain.
	pub UniversalLocation: InteriorLocation = [Parachain(ParachainInfo::parachain_id().into())].into();
	/// The account teleported assets would be checked against (none are teleported).
	pub CheckingAccount: AccountId = PolkadotXcm::check_account();
	/// The relay chain's token, deposited by its reserve.
	pub RelayTokenFromReserve: (AssetFilter, Location) = (
		Wild(AllOf { id: AssetId(RelayLocation::get()), fun: WildFungible }),
		RelayTokenReserve::get(),
	);
	/// What a second of execution costs in the relay chain's smallest unit, 10^9 (0.1 DOT at
	/// 10 decimals), and a megabyte of proof, a tenth of that. A reserve transfer's four
	/// instructions (4 ms, 256 KiB of proof at [`UnitWeightCost`]) weigh about 0.003 DOT, but
	/// the trader never charges less than the token's minimum balance (0.01 DOT), which is
	/// what a reserve transfer pays (measured on rococo-local, docs/parachain.md).
	pub const RelayTokenPerSecond: u128 = 1_000_000_000;
	pub const RelayTokenPerMegabyte: u128 = 100_000_000;
	/// An instruction's weight: a millisecond and 64 KiB of proof, until XCM is benchmarked
	/// on this runtime.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	/// Delivery fees are paid in AEG.
	pub FeeAssetId: AssetId = AssetId(HereLocation::get());
	/// The base fee of delivering a message, before the congestion factor: three cents, as
	/// the system parachains charge in their token.
	pub const BaseDeliveryFee: u128 = 3 * aegis_primitives::currency::CENTS;
	/// The fee per byte of a delivered message: the transaction byte fee.
	pub const DeliveryByteFee: u128 = aegis_runtime_common::monetary::TransactionByteFee::get();
	pub const MaxAssetsIntoHolding: u32 = 64;
	/// 35 % of a block for queued messages.
	pub MessageQueueServiceWeight: Weight =
		Perbill::from_percent(35) * RuntimeBlockWeights::get().max_block;
}

/// Accounts of locations: the relay chain's and siblings' sovereign accounts, and accounts of
/// the relay chain as the same accounts here.
pub type LocationToAccountId = (
	ParentIsPreset<AccountId>,
	SiblingParachainConvertsVia<Sibling, AccountId>,
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// AEG, in `Balances`.
pub type NativeAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

/// The relay chain's token, matched by its location and kept under it in `ForeignAssets`.
pub type RelayTokenId =
	MatchedConvertedConcreteId<Location, Balance, Equals<RelayLocation>, Identity, Identity>;

/// The relay chain's token, in `ForeignAssets`.
pub type ForeignAssetsTransactor = FungiblesAdapter<
	ForeignAssets,
	RelayTokenId,
	LocationToAccountId,
	AccountId,
	NoChecking,
	CheckingAccount,
>;

/// How XCM moves assets here.
pub type AssetTransactors = (NativeAssetTransactor, ForeignAssetsTransactor);

/// The origin a `Transact` dispatches with, by where the message comes from.
pub type XcmOriginToTransactDispatchOrigin = (
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The relay chain and its executive body: they may execute without paying.
pub struct ParentOrParentsExecutivePlurality;

impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// Which messages execute: paid ones from anyone, unpaid ones from the relay chain's
/// governance, the relay chain's HRMP channel notifications, responses to queries this chain
/// made, version subscriptions.
pub type Barrier = TrailingSetTopicAsId<(
	TakeWeightCredit,
	AllowKnownQueryResponses<PolkadotXcm>,
	AllowHrmpNotificationsFromRelayChain,
	WithComputedOrigin<
		(
			AllowTopLevelPaidExecutionFrom<Everything>,
			AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
			AllowSubscriptionsFrom<ParentRelayOrSiblingParachains>,
		),
		UniversalLocation,
		ConstU32<8>,
	>,
)>;

/// Prices execution in the relay chain's token.
pub struct RelayTokenFee;

impl cumulus_primitives_utility::ChargeWeightInFungibles<AccountId, ForeignAssets>
	for RelayTokenFee
{
	fn charge_weight_in_fungibles(_asset: Location, weight: Weight) -> Result<Balance, XcmError> {
		let compute = RelayTokenPerSecond::get()
			.saturating_mul(weight.ref_time().into())
			.checked_div(WEIGHT_REF_TIME_PER_SECOND.into())
			.ok_or(XcmError::Overflow)?;
		let proof = RelayTokenPerMegabyte::get()
			.saturating_mul(weight.proof_size().into())
			.checked_div(WEIGHT_PROOF_SIZE_PER_MB.into())
			.ok_or(XcmError::Overflow)?;
		Ok(compute.saturating_add(proof))
	}
}

/// Pays XCM execution bought with the relay chain's token to the block's author, as
/// transaction fees are paid (without an author, never the case for Aura blocks, it is burnt
/// here; its backing stays in the sovereign account).
pub struct RelayTokenFeesToAuthor;

impl OnUnbalanced<fungibles::Credit<AccountId, ForeignAssets>> for RelayTokenFeesToAuthor {
	fn on_nonzero_unbalanced(credit: fungibles::Credit<AccountId, ForeignAssets>) {
		if let Some(author) = pallet_authorship::Pallet::<Runtime>::author() {
			// An error gives the credit back; dropping it then burns it.
			let _ = <ForeignAssets as fungibles::Balanced<AccountId>>::resolve(&author, credit);
		}
	}
}

/// Who takes payment for execution: AEG at the transaction fee's rate, or the relay chain's
/// token; both go to the block's author.
pub type Traders = (
	UsingComponents<
		aegis_runtime_common::monetary::WeightToFee,
		HereLocation,
		AccountId,
		Balances,
		ToAuthor<Runtime>,
	>,
	cumulus_primitives_utility::TakeFirstAssetTrader<
		AccountId,
		RelayTokenFee,
		RelayTokenId,
		ForeignAssets,
		RelayTokenFeesToAuthor,
	>,
);

/// The XCM executor's configuration.
pub struct XcmConfig;

impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = AssetTransactors;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	/// The relay chain's token, from its reserve; nothing else.
	type IsReserve = Case<RelayTokenFromReserve>;
	/// No teleports: AEG lives here, the relay chain's token at its reserve.
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type Trader = Traders;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type AssetLocker = ();
	type AssetExchanger = ();
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Everything;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// A local signed origin as the location of its account.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

/// The price of an upward message: base + per byte, times the upward queue's congestion
/// factor.
pub type PriceForParentDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, DeliveryByteFee, ParachainSystem>;

/// The price of a message to a sibling: base + per byte, times that channel's congestion
/// factor.
pub type PriceForSiblingDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, DeliveryByteFee, XcmpQueue>;

/// Where messages go: upward to the relay chain, horizontally to siblings.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<ParachainSystem, PolkadotXcm, PriceForParentDelivery>,
	XcmpQueue,
)>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	/// Arbitrary XCM execution is off: users transfer through the pallet's calls.
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	/// Accounts may send the relay chain's token back to its reserve, and AEG anywhere but
	/// to the relay chain (which takes no reserve-backed assets).
	type XcmReserveTransferFilter = ReserveTransfers;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	type WeightInfo = PalletXcmWeights;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = Disabled;
}

/// The reserve transfers accounts may start: of the relay chain's token only to its reserve,
/// of AEG only to other chains than the relay chain.
pub struct ReserveTransfers;

impl Contains<(Location, Vec<Asset>)> for ReserveTransfers {
	fn contains((destination, assets): &(Location, Vec<Asset>)) -> bool {
		let to_reserve = *destination == RelayTokenReserve::get();
		let to_relay = *destination == RelayLocation::get();
		assets.iter().all(|asset| {
			if asset.id.0 == RelayLocation::get() {
				to_reserve
			} else {
				asset.id.0 == HereLocation::get() && !to_relay
			}
		})
	}
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	/// Messages to a sibling are wrapped in the XCM version it speaks.
	type VersionWrapper = PolkadotXcm;
	type XcmpQueue = TransformOrigin<
		MessageQueue,
		cumulus_primitives_core::AggregateMessageOrigin,
		cumulus_primitives_core::ParaId,
		ParaIdToSibling,
	>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	/// 64 KiB pages, the relay chain's default HRMP message size.
	type MaxPageSize = ConstU32<{ 1 << 16 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = cumulus_pallet_xcmp_queue::weights::SubstrateWeight<Runtime>;
	type PriceForSiblingDelivery = PriceForSiblingDelivery;
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	/// The benchmarks measure the queue with a processor that does nothing.
	#[cfg(feature = "runtime-benchmarks")]
	type MessageProcessor = pallet_message_queue::mock_helpers::NoopMessageProcessor<
		cumulus_primitives_core::AggregateMessageOrigin,
	>;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type MessageProcessor = xcm_builder::ProcessXcmMessage<
		cumulus_primitives_core::AggregateMessageOrigin,
		XcmExecutor<XcmConfig>,
		RuntimeCall,
	>;
	type Size = u32;
	/// The XCMP queue suspends and resumes siblings' queues.
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}

parameter_types! {
	/// Foreign assets pay the same deposits as the incentive token's asset pallet.
	pub const ForeignAssetDeposit: Balance = aegis_runtime_common::aegis::AssetDeposit::get();
}

impl pallet_assets::Config<pallet_assets::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	/// Foreign assets are identified by where they come from.
	type AssetId = Location;
	type AssetIdParameter = Location;
	type ReserveData = ();
	type Currency = Balances;
	/// Foreign assets are created by root (the relay token at genesis), not by accounts.
	type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ForeignAssetDeposit;
	type AssetAccountDeposit = aegis_runtime_common::aegis::AssetAccountDeposit;
	type MetadataDepositBase = aegis_runtime_common::aegis::MetadataDepositBase;
	type MetadataDepositPerByte = aegis_runtime_common::aegis::MetadataDepositPerByte;
	type ApprovalDeposit = aegis_runtime_common::aegis::ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ForeignAssetBenchmarkHelper;
}

/// Asset ids for the benchmarks of `ForeignAssets`: sibling parachains' locations.
#[cfg(feature = "runtime-benchmarks")]
pub struct ForeignAssetBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_assets::BenchmarkHelper<Location, ()> for ForeignAssetBenchmarkHelper {
	fn create_asset_id_parameter(id: u32) -> Location {
		Location::new(1, [Parachain(id)])
	}

	fn create_reserve_id_parameter(_id: u32) {}
}
