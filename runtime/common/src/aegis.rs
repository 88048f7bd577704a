//! The Aegis pallets: the model registry, proof verification, the incentive token (AIT) and
//! its rewards, and the oracle.
//!
//! - The registry holds a deposit for every model, version and proposal, checks each update's
//!   evidence with the proof verifier, and admits only staked accounts ([`impl_aegis_pallets!`]
//!   generates its stake gate, `StakeGatedCalls`).
//! - The incentive token is an asset of `pallet-assets`, created at genesis under
//!   [`INCENTIVE_ASSET_ID`], with ERC-20's transfer, approve and transfer-from as the pallet's
//!   `transfer`, `approve_transfer` and `transfer_approved`. The asset pallet holds Aegis's
//!   own tokens, not a public asset registry: creating assets is closed to everyone (root can
//!   still `force_create`), and the token's owner and issuer is a keyless account, so no key
//!   can mint it. Rewards are minted by the runtime through `fungibles::Mutate`, into a pool
//!   the incentives pallet fills once per mint period.
//! - The oracle takes reports in rounds from admitted reporters, on top of FRAME's
//!   `pallet-oracle` (`OracleFeeds`), which keeps the raw and combined values. Reports go
//!   through `Oracle::report` only: `OracleFeeds::feed_values` is filtered out of the
//!   runtime's calls (the generated `BaseCallFilter`), so every value passes the rounds, the
//!   quorum and the staleness rules.
//!
//! Their protocol parameters (fees, stakes, revocations, rewards, feeds, reporters) belong to
//! root or a referendum on the registry-admin track
//! ([`AegisAdminOrigin`](crate::governance::AegisAdminOrigin)).

use aegis_primitives::{currency::deposit, AccountId, Balance};
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use sp_runtime::traits::AccountIdConversion;

pub use aegis_primitives::incentives::INCENTIVE_ASSET_ID;

parameter_types! {
	/// Every model, version and proposal pays for one stored item...
	pub const RegistryDepositBase: Balance = deposit(1, 0);
	/// ...and for its bytes (a version and its content-hash index take 276 bytes: 0.48 AEG).
	pub const RegistryDepositPerByte: Balance = deposit(0, 1);
	/// Every stored verification key or attestation pays for one item...
	pub const ProofDepositBase: Balance = deposit(1, 0);
	/// ...and for its bytes: an ML-DSA-65 key (about 2 KiB) holds about 2.2 AEG.
	pub const ProofDepositPerByte: Balance = deposit(0, 1);
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
	/// The most AIT governance may mint per period: ten times the genesis mint. A referendum
	/// cannot go past it; a runtime upgrade can.
	pub const MaxIncentiveMintPerPeriod: Balance = 10_000 * aegis_primitives::currency::UNITS;
	/// The most unallocated AIT the pool may be minted up to: ten times the genesis cap.
	pub const MaxIncentivePoolCap: Balance = 1_000_000 * aegis_primitives::currency::UNITS;
	/// The account `pallet-oracle` feeds root's values under. Signed accounts cannot call
	/// `feed_values` (filtered); root can, but a raw value outside the rounds changes nothing,
	/// since the combined value is always the round median.
	pub const OraclePalletId: PalletId = PalletId(*b"aeg/orcl");
}

/// The most public inputs of a Groth16 verification key: circom circuits for model
/// attestations (dataset commitments, accuracy thresholds) have a handful of public signals;
/// 32 leaves room without letting a key grow past 2.5 KiB.
pub type MaxPublicInputs = ConstU32<32>;

/// The algorithms new signing keys may use: every one the proof verifier implements —
/// ML-DSA-44/65/87 (FIPS 204) and SLH-DSA-SHA2-128s/f (FIPS 205) — each charged its own
/// benchmarked verification (`pallet_proof_verifier::Pallet::signature_weight`). A new
/// algorithm is added here only with a benchmark of its own (the runtime's tests check it).
pub struct SignatureAlgorithms;
impl frame_support::traits::Contains<aegis_primitives::proofs::Algorithm> for SignatureAlgorithms {
	fn contains(algorithm: &aegis_primitives::proofs::Algorithm) -> bool {
		aegis_primitives::proofs::Algorithm::ALL.contains(algorithm)
	}
}

/// The most reporters an oracle round takes (and so the most rewarded per round).
pub type MaxOracleReporters = ConstU32<16>;

/// The most values one oracle report carries (one per feed the reporter follows).
pub type MaxValuesPerReport = ConstU32<16>;
/// The most oracle rounds tallied in a block (each with up to `MaxOracleReporters` reports):
/// more wait a block, which bounds the oracle's share of a block.
pub type MaxOracleTalliesPerBlock = ConstU32<4>;

/// The owner and issuer of the incentive token: derived from [`IncentivesPalletId`], so no one
/// holds its key.
pub fn incentive_token_owner() -> AccountId {
	IncentivesPalletId::get().into_account_truncating()
}

/// Implements the `Config` of every Aegis pallet for the invoking runtime — the model
/// registry, the proof verifier, `pallet-assets` (the incentive token), the incentives, the
/// Aegis oracle and FRAME's `pallet-oracle` under it — and defines, in the invoking module:
///
/// - `StakeGatedCalls`: the calls the registry's `StakeGate` transaction extension admits only
///   from staked accounts;
/// - `BaseCallFilter`: the runtime's call filter (everything but `OracleFeeds`' own calls);
/// - `IncentiveToken`: the incentive token as a single fungible.
///
/// `stakes` is the source of the stake the registry, the rewards and the oracle compare with
/// their minimums (an `ActiveStake`); `mint_period` how often the reward pool is minted, in
/// blocks (a `Get<BlockNumber>`); `block_time` the runtime's block time in milliseconds (a
/// `Get<u64>`), the shortest round interval and collection window an oracle feed may have.
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_aegis_pallets {
	(stakes: $stakes:ty, mint_period: $mint_period:ty, block_time: $block_time:ty $(,)?) => {
		/// The calls the stake gate admits only from staked accounts: exactly the registry's
		/// calls that check the stake when they dispatch (`Call::checks_stake`), wherever a
		/// signed account can nest them (batches, `if_else`, derivative accounts). The registry
		/// checks the stake again at dispatch; the gate keeps unstaked accounts' attempts out of
		/// the pool, where they would cost the network without costing them.
		pub struct StakeGatedCalls;

		impl frame_support::traits::Contains<crate::RuntimeCall> for StakeGatedCalls {
			fn contains(call: &crate::RuntimeCall) -> bool {
				match call {
					crate::RuntimeCall::ModelRegistry(call) => call.checks_stake(),
					crate::RuntimeCall::Utility(pallet_utility::Call::batch { calls })
					| crate::RuntimeCall::Utility(pallet_utility::Call::batch_all { calls })
					| crate::RuntimeCall::Utility(pallet_utility::Call::force_batch { calls }) => {
						calls.iter().any(Self::contains)
					},
					crate::RuntimeCall::Utility(pallet_utility::Call::as_derivative {
						call,
						..
					})
					| crate::RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
						call, ..
					})
					| crate::RuntimeCall::Utility(pallet_utility::Call::dispatch_as_fallible {
						call,
						..
					})
					| crate::RuntimeCall::Utility(pallet_utility::Call::with_weight {
						call, ..
					}) => Self::contains(call),
					crate::RuntimeCall::Utility(pallet_utility::Call::if_else {
						main,
						fallback,
					}) => Self::contains(main) || Self::contains(fallback),
					_ => false,
				}
			}
		}

		/// The calls the runtime accepts: all but `pallet-oracle`'s own `feed_values`, since
		/// every oracle value must go through the rounds of `Oracle::report`.
		pub struct BaseCallFilter;

		impl frame_support::traits::Contains<crate::RuntimeCall> for BaseCallFilter {
			fn contains(call: &crate::RuntimeCall) -> bool {
				!matches!(call, crate::RuntimeCall::OracleFeeds(_))
			}
		}

		/// The incentive token as a single fungible: what the incentives pallet mints and pays.
		pub type IncentiveToken = frame_support::traits::fungible::ItemOf<
			crate::Assets,
			frame_support::traits::ConstU32<{ $crate::aegis::INCENTIVE_ASSET_ID }>,
			$crate::AccountId,
		>;

		impl pallet_model_registry::Config for crate::Runtime {
			type Currency = crate::Balances;
			type RuntimeHoldReason = crate::RuntimeHoldReason;
			type Proofs = crate::ProofVerifier;
			type Stakes = $stakes;
			type Time = crate::Timestamp;
			type StakeGatedCalls = StakeGatedCalls;
			/// Root, or a referendum on the registry-admin track.
			type AdminOrigin = $crate::governance::AegisAdminOrigin;
			/// Burned: fees are paid in AEG, rewards in AIT minted for the purpose, so a fee
			/// has no pool to go to (a treasury would be its place).
			type FeeDestination = ();
			/// Accepted versions earn rewards.
			type OnVersionAccepted = crate::Incentives;
			type OnVersionRevoked = crate::Incentives;
			type DepositBase = $crate::aegis::RegistryDepositBase;
			type DepositPerByte = $crate::aegis::RegistryDepositPerByte;
			type MaxNameLen = frame_support::traits::ConstU32<128>;
			type MaxFrameworkLen = frame_support::traits::ConstU32<32>;
			/// Room for an HTTPS URL or an IPFS/Arweave URI with a path.
			type MaxUriLen = frame_support::traits::ConstU32<256>;
			type MaxContributors = frame_support::traits::ConstU32<16>;
			/// A release signed by up to five people, of whom the policy names how many must sign.
			type MaxPolicyKeys = frame_support::traits::ConstU32<5>;
			type MaxPendingProposals = frame_support::traits::ConstU32<8>;
			/// As many as a verification key may have.
			type MaxPublicInputs = $crate::aegis::MaxPublicInputs;
			type WeightInfo = pallet_model_registry::weights::SubstrateWeight<crate::Runtime>;
		}

		impl pallet_proof_verifier::Config for crate::Runtime {
			type Currency = crate::Balances;
			type RuntimeHoldReason = crate::RuntimeHoldReason;
			type DepositBase = $crate::aegis::ProofDepositBase;
			type DepositPerByte = $crate::aegis::ProofDepositPerByte;
			type MaxPublicInputs = $crate::aegis::MaxPublicInputs;
			/// A model update's signed fields (ids, version, two 64-byte hashes, nonce) take
			/// under 200 bytes; application payloads get 1 KiB.
			type MaxSignedPayloadLen = frame_support::traits::ConstU32<1024>;
			type SignatureAlgorithms = $crate::aegis::SignatureAlgorithms;
			/// Proofs under keys governance rewards earn rewards.
			type OnProofVerified = crate::Incentives;
			type WeightInfo = pallet_proof_verifier::weights::SubstrateWeight<crate::Runtime>;
		}

		impl pallet_assets::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type Balance = $crate::Balance;
			type RemoveItemsLimit = frame_support::traits::ConstU32<1000>;
			type AssetId = u32;
			type AssetIdParameter = codec::Compact<u32>;
			type ReserveData = ();
			type Currency = crate::Balances;
			type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<
				frame_support::traits::NeverEnsureOrigin<$crate::AccountId>,
			>;
			type ForceOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type AssetDeposit = $crate::aegis::AssetDeposit;
			type AssetAccountDeposit = $crate::aegis::AssetAccountDeposit;
			type MetadataDepositBase = $crate::aegis::MetadataDepositBase;
			type MetadataDepositPerByte = $crate::aegis::MetadataDepositPerByte;
			type ApprovalDeposit = $crate::aegis::ApprovalDeposit;
			/// Names and tickers up to 50 bytes.
			type StringLimit = frame_support::traits::ConstU32<50>;
			type Freezer = ();
			type Holder = ();
			type Extra = ();
			type CallbackHandle = ();
			type AssetIdAllocator = ();
			type WeightInfo = $crate::weights::pallet_assets::WeightInfo<crate::Runtime>;
			#[cfg(feature = "runtime-benchmarks")]
			type BenchmarkHelper = ();
		}

		impl pallet_incentives::Config for crate::Runtime {
			type Token = IncentiveToken;
			/// AEG at stake; a reward's minimum stake is counted in AEG's smallest unit (AIT
			/// has the same twelve decimals).
			type Stakes = $stakes;
			/// Root, or a referendum on the registry-admin track.
			type AdminOrigin = $crate::governance::AegisAdminOrigin;
			type PalletId = $crate::aegis::IncentivesPalletId;
			type MintPeriod = $mint_period;
			type MaxMintPerPeriod = $crate::aegis::MaxIncentiveMintPerPeriod;
			type MaxPoolCap = $crate::aegis::MaxIncentivePoolCap;
			type MaxRewardedKeys = frame_support::traits::ConstU32<16>;
			type MaxPublicInputs = $crate::aegis::MaxPublicInputs;
			type MaxReporters = $crate::aegis::MaxOracleReporters;
			type WeightInfo = pallet_incentives::weights::SubstrateWeight<crate::Runtime>;
		}

		impl pallet_oracle::Config for crate::Runtime {
			type OnNewData = ();
			/// None: the Aegis oracle writes the value when a round closes.
			type CombineData = pallet_aegis_oracle::ValuesAtClose<crate::Runtime>;
			type Time = crate::Timestamp;
			type OracleKey = aegis_primitives::oracle::FeedId;
			type OracleValue = aegis_primitives::oracle::OracleValue;
			type PalletId = $crate::aegis::OraclePalletId;
			/// The reporters of the Aegis oracle.
			type Members = crate::Oracle;
			type WeightInfo = pallet_oracle::weights::SubstrateWeight<crate::Runtime>;
			/// Every reporter may report in the same block.
			type MaxHasDispatchedSize = $crate::aegis::MaxOracleReporters;
			type MaxFeedValues = $crate::aegis::MaxValuesPerReport;
			#[cfg(feature = "runtime-benchmarks")]
			type BenchmarkHelper = ();
		}

		impl pallet_aegis_oracle::Config for crate::Runtime {
			type AuthorityId = pallet_aegis_oracle::crypto::ReporterId;
			type Currency = crate::Balances;
			type Stakes = $stakes;
			type Clock = crate::Timestamp;
			type MinRoundInterval = $block_time;
			type MaxTalliesPerBlock = $crate::aegis::MaxOracleTalliesPerBlock;
			/// Reporters of closed rounds earn rewards.
			type OnRoundClosed = crate::Incentives;
			/// Root, or a referendum on the registry-admin track.
			type AdminOrigin = $crate::governance::AegisAdminOrigin;
			type MaxFeeds = frame_support::traits::ConstU32<64>;
			type MaxReporters = $crate::aegis::MaxOracleReporters;
			type MaxNameLen = frame_support::traits::ConstU32<64>;
			type MaxValuesPerReport = $crate::aegis::MaxValuesPerReport;
			type WeightInfo = pallet_aegis_oracle::weights::SubstrateWeight<crate::Runtime>;
		}
	};
}

/// The incentive token's ERC-20 views (`Erc20Api`), over a runtime's asset pallet `A`.
pub mod erc20 {
	use aegis_primitives::{AccountId, Balance};
	use alloc::{string::String, vec::Vec};
	use frame_support::traits::fungibles::{approvals, metadata, Inspect};

	use super::INCENTIVE_ASSET_ID;

	/// ERC-20 `name`: `None` when the asset has no name (the asset pallet answers an asset
	/// without metadata with an empty one) or one that is not UTF-8 text.
	pub fn name<A: metadata::Inspect<AccountId, AssetId = u32>>() -> Option<String> {
		text(A::name(INCENTIVE_ASSET_ID))
	}

	/// ERC-20 `symbol`: `None` when the asset has no symbol, or one that is not UTF-8 text.
	pub fn symbol<A: metadata::Inspect<AccountId, AssetId = u32>>() -> Option<String> {
		text(A::symbol(INCENTIVE_ASSET_ID))
	}

	fn text(bytes: Vec<u8>) -> Option<String> {
		String::from_utf8(bytes).ok().filter(|text| !text.is_empty())
	}

	/// ERC-20 `decimals`.
	pub fn decimals<A: metadata::Inspect<AccountId, AssetId = u32>>() -> u8 {
		A::decimals(INCENTIVE_ASSET_ID)
	}

	/// ERC-20 `totalSupply`.
	pub fn total_supply<A: Inspect<AccountId, AssetId = u32, Balance = Balance>>() -> Balance {
		A::total_issuance(INCENTIVE_ASSET_ID)
	}

	/// ERC-20 `balanceOf`.
	pub fn balance_of<A: Inspect<AccountId, AssetId = u32, Balance = Balance>>(
		owner: &AccountId,
	) -> Balance {
		A::balance(INCENTIVE_ASSET_ID, owner)
	}

	/// ERC-20 `allowance`.
	pub fn allowance<A: approvals::Inspect<AccountId, AssetId = u32, Balance = Balance>>(
		owner: &AccountId,
		spender: &AccountId,
	) -> Balance {
		A::allowance(INCENTIVE_ASSET_ID, owner, spender)
	}
}
