//! The smallest runtime that exercises the pallet: accounts, balances for deposits, the
//! verifier.

use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::BuildStorage;

use crate as pallet_proof_verifier;

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type ProofVerifier = pallet_proof_verifier;
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

parameter_types! {
	pub const DepositBase: u64 = 100;
	pub const DepositPerByte: u64 = 1;
}

/// A proof the pallet reported: submitter, and for Groth16 the key and public inputs.
pub type ReportedProof = (u64, Option<(u32, Vec<crate::FieldBytes>)>);

parameter_types! {
	/// The proofs the pallet reported, in order.
	pub static ReportedProofs: Vec<ReportedProof> = Vec::new();
}

/// Records what the pallet reports to [`crate::Config::OnProofVerified`].
pub struct RecordProofs;
impl RecordProofs {
	/// The proofs reported so far, in order.
	pub fn reported() -> Vec<ReportedProof> {
		ReportedProofs::get()
	}
}
impl aegis_primitives::incentives::OnProofVerified<u64> for RecordProofs {
	fn on_proof_verified(submitter: &u64, proof: aegis_primitives::incentives::VerifiedProof<'_>) {
		use aegis_primitives::incentives::VerifiedProof;
		let groth16 = match proof {
			VerifiedProof::Groth16 { key, public_inputs } => Some((key, public_inputs.to_vec())),
			VerifiedProof::MerkleInclusion | VerifiedProof::Signature => None,
		};
		ReportedProofs::mutate(|reported| reported.push((*submitter, groth16)));
	}

	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
}

parameter_types! {
	/// An algorithm the mock runtime refuses new keys of, if any (every other is accepted).
	pub static RefusedAlgorithm: Option<aegis_integrity::pq::Algorithm> = None;
}

/// Accepts every algorithm but [`RefusedAlgorithm`].
pub struct MockAlgorithms;
impl frame_support::traits::Contains<aegis_integrity::pq::Algorithm> for MockAlgorithms {
	fn contains(algorithm: &aegis_integrity::pq::Algorithm) -> bool {
		RefusedAlgorithm::get() != Some(*algorithm)
	}
}

impl crate::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = DepositBase;
	type DepositPerByte = DepositPerByte;
	type MaxPublicInputs = ConstU32<16>;
	type MaxSignedPayloadLen = ConstU32<1024>;
	type SignatureAlgorithms = MockAlgorithms;
	type OnProofVerified = RecordProofs;
	type WeightInfo = crate::weights::SubstrateWeight<Test>;
}

/// Accounts with funds.
pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
/// An account without a balance.
pub const PAUPER: u64 = 99;
/// What the funded accounts start with.
pub const ENDOWMENT: u64 = 1_000_000;

/// The genesis hash of the mock chain, as frame-system's genesis sets it.
pub const GENESIS_HASH: [u8; 32] = [69; 32];

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT)],
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ProofVerifier::do_try_state().expect("invariants hold");
	});
}
