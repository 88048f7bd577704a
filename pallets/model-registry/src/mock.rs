//! The smallest runtime that exercises the registry: balances for fees and deposits, a
//! timestamp, the real proof verifier, and stakes the tests set.

use std::collections::BTreeMap;

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Contains},
};
use sp_runtime::BuildStorage;

use crate::{self as pallet_model_registry, UpdateFeeSchedule};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type ProofVerifier = pallet_proof_verifier;
	#[runtime::pallet_index(4)]
	pub type ModelRegistry = pallet_model_registry;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_proof_verifier::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU64<100>;
	type DepositPerByte = ConstU64<1>;
	type MaxPublicInputs = ConstU32<8>;
	type MaxSignedPayloadLen = ConstU32<1024>;
	type SignatureAlgorithms = frame_support::traits::Everything;
	type OnProofVerified = ();
	type WeightInfo = pallet_proof_verifier::weights::SubstrateWeight<Test>;
}

parameter_types! {
	/// The active stake of each account, as the tests set it.
	pub static BondedStakes: BTreeMap<u64, u64> = BTreeMap::new();
	/// The versions the registry reported as accepted, in order.
	pub static AcceptedVersions: Vec<AcceptedVersion> = Vec::new();
	/// The revocations the registry reported, in order.
	pub static RevokedReports: Vec<RevokedReport> = Vec::new();
}

/// Stakes the tests set.
pub struct TestStakes;
impl TestStakes {
	pub fn set(who: u64, stake: u64) {
		BondedStakes::mutate(|stakes| stakes.insert(who, stake));
	}
}
impl aegis_primitives::staking::ActiveStake<u64, u64> for TestStakes {
	fn active_stake(who: &u64) -> u64 {
		BondedStakes::get().get(who).copied().unwrap_or(0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmark(who: &u64, amount: u64) -> sp_runtime::DispatchResult {
		Self::set(*who, amount);
		Ok(())
	}
}

/// A version the registry reported as accepted: model, version, owner, submitter.
pub type AcceptedVersion = (u32, u32, u64, u64);

/// Records what the registry reports to [`crate::Config::OnVersionAccepted`].
pub struct RecordAccepted;
impl RecordAccepted {
	/// The versions reported so far, in order.
	pub fn reported() -> Vec<AcceptedVersion> {
		AcceptedVersions::get()
	}
}
impl aegis_primitives::incentives::OnVersionAccepted<u64> for RecordAccepted {
	fn on_version_accepted(model: u32, version: u32, owner: &u64, submitter: &u64) {
		AcceptedVersions::mutate(|accepted| accepted.push((model, version, *owner, *submitter)));
	}

	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
}

/// What the registry reported to [`crate::Config::OnVersionRevoked`]: a version, or every
/// version of a model (`None`).
pub type RevokedReport = (u32, Option<u32>);

/// Records what the registry reports to [`crate::Config::OnVersionRevoked`].
pub struct RecordRevoked;
impl RecordRevoked {
	/// The revocations reported so far, in order.
	pub fn reported() -> Vec<RevokedReport> {
		RevokedReports::get()
	}
}
impl aegis_primitives::incentives::OnVersionRevoked for RecordRevoked {
	fn on_version_revoked(model: u32, version: u32) {
		RevokedReports::mutate(|reported| reported.push((model, Some(version))));
	}

	fn on_every_version_revoked(model: u32) {
		RevokedReports::mutate(|reported| reported.push((model, None)));
	}

	fn version_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}

	fn model_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
}

/// The registry's calls that check the stake are gated, as in the runtime.
pub struct RegistryCalls;
impl Contains<RuntimeCall> for RegistryCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::ModelRegistry(call) if call.checks_stake())
	}
}

parameter_types! {
	pub const DepositBase: u64 = 100;
}

impl crate::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Proofs = ProofVerifier;
	type Stakes = TestStakes;
	type Time = Timestamp;
	type StakeGatedCalls = RegistryCalls;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	// Fees are burned in the mock: the total issuance shows them leaving.
	type FeeDestination = ();
	type OnVersionAccepted = RecordAccepted;
	type OnVersionRevoked = RecordRevoked;
	type DepositBase = DepositBase;
	type DepositPerByte = ConstU64<1>;
	type MaxNameLen = ConstU32<64>;
	type MaxFrameworkLen = ConstU32<16>;
	type MaxUriLen = ConstU32<128>;
	type MaxContributors = ConstU32<4>;
	type MaxPolicyKeys = ConstU32<4>;
	type MaxPendingProposals = ConstU32<2>;
	type MaxPublicInputs = ConstU32<8>;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
}

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
/// An account with funds but no stake.
pub const DAVE: u64 = 4;
pub const ENDOWMENT: u64 = 1_000_000;
/// The minimum stake at genesis.
pub const MINIMUM_STAKE: u64 = 500;
/// The fees at genesis.
pub const FEES: UpdateFeeSchedule<u64> =
	UpdateFeeSchedule { base: 50, per_shard: 2, per_mebibyte: 10 };
/// The genesis hash of the mock chain (frame-system's genesis value).
pub const GENESIS_HASH: [u8; 32] = [69; 32];

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: vec![
				(ALICE, ENDOWMENT),
				(BOB, ENDOWMENT),
				(CAROL, ENDOWMENT),
				(DAVE, ENDOWMENT),
			],
			..Default::default()
		},
		model_registry: crate::GenesisConfig { update_fees: FEES, minimum_stake: MINIMUM_STAKE },
		..Default::default()
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(1_700_000_000_000);
		for who in [ALICE, BOB, CAROL] {
			TestStakes::set(who, MINIMUM_STAKE);
		}
		TestStakes::set(DAVE, 0);
	});
	ext
}

/// Runs `test` on a fresh chain, then checks the registry's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ModelRegistry::do_try_state().expect("registry invariants hold");
	});
}
