//! The model registry: what models and updates cost, who may submit them, and the stake gate.

use aegis_primitives::{currency::deposit, staking::ActiveStake};
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains},
};
use sp_staking::StakingInterface;

use crate::{
	AccountId, Balance, Balances, Incentives, ProofVerifier, Runtime, RuntimeCall,
	RuntimeHoldReason, Staking, Timestamp,
};

parameter_types! {
	/// Every model, version and proposal pays for one stored item...
	pub const RegistryDepositBase: Balance = deposit(1, 0);
	/// ...and for its bytes (a version and its content-hash index take 276 bytes: 0.48 AEG).
	pub const RegistryDepositPerByte: Balance = deposit(0, 1);
}

/// Active bonded stake, from pallet-staking's ledgers.
pub struct StakingLedgers;

impl ActiveStake<AccountId, Balance> for StakingLedgers {
	fn active_stake(who: &AccountId) -> Balance {
		<Staking as StakingInterface>::stake(who).map(|stake| stake.active).unwrap_or(0)
	}
}

/// The calls the stake gate admits only from staked accounts: the registry's, wherever they
/// are nested (batches, derivative accounts). The registry checks the stake again at dispatch.
pub struct StakeGatedCalls;

impl Contains<RuntimeCall> for StakeGatedCalls {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::ModelRegistry(_) => true,
			RuntimeCall::Utility(pallet_utility::Call::batch { calls })
			| RuntimeCall::Utility(pallet_utility::Call::batch_all { calls })
			| RuntimeCall::Utility(pallet_utility::Call::force_batch { calls }) => {
				calls.iter().any(Self::contains)
			},
			RuntimeCall::Utility(pallet_utility::Call::as_derivative { call, .. }) => {
				Self::contains(call)
			},
			_ => false,
		}
	}
}

impl pallet_model_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Proofs = ProofVerifier;
	type Stakes = StakingLedgers;
	type Time = Timestamp;
	type StakeGatedCalls = StakeGatedCalls;
	/// Root, or a referendum on the registry-admin track.
	type AdminOrigin = super::governance::AegisAdminOrigin;
	/// Burned: fees are paid in AEG, rewards in AIT minted for the purpose, so a fee has no
	/// pool to go to (a treasury would be its place).
	type FeeDestination = ();
	/// Accepted versions earn rewards.
	type OnVersionAccepted = Incentives;
	type DepositBase = RegistryDepositBase;
	type DepositPerByte = RegistryDepositPerByte;
	type MaxNameLen = ConstU32<128>;
	type MaxFrameworkLen = ConstU32<32>;
	/// Room for an HTTPS URL or an IPFS/Arweave URI with a path.
	type MaxUriLen = ConstU32<256>;
	type MaxContributors = ConstU32<16>;
	type MaxPendingProposals = ConstU32<8>;
	/// As many as a verification key may have.
	type MaxPublicInputs = ConstU32<32>;
	type WeightInfo = pallet_model_registry::weights::SubstrateWeight<Runtime>;
}
