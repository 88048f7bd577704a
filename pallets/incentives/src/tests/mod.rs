//! Tests of the incentives pallet on the mock runtime.
mod governance;
mod migrations;
mod pool;
mod proof_and_report_rewards;
mod version_rewards;

use crate::{
	mock::*, Earnings, Error, Event, ForfeitedModels, ModelUnclaimed, NextMint, Parameters,
	RewardSource, RewardedKeys, SkipReason, Unclaimed, VersionReward, VersionRewards, WeightInfo,
	FORFEITED_RECORDS_PER_BLOCK,
};
use aegis_primitives::incentives::{
	OnProofVerified, OnRoundClosed, OnVersionAccepted, OnVersionRevoked, VerifiedProof,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	weights::Weight,
	BoundedVec,
};
use sp_runtime::{DispatchError, Perbill};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Incentives(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn pool() -> u64 {
	Balances::balance(&Incentives::pool_account())
}

fn accept(model: u32, version: u32, owner: u64, submitter: u64) {
	<Incentives as OnVersionAccepted<u64>>::on_version_accepted(model, version, &owner, &submitter);
}

/// Governance revokes `version` of `model` in the registry, which tells the incentives.
fn revoke_version(model: u32, version: u32) {
	<Incentives as OnVersionRevoked>::on_version_revoked(model, version);
}

/// Governance revokes `model` in the registry, which tells the incentives.
fn revoke_model(model: u32) {
	<Incentives as OnVersionRevoked>::on_every_version_revoked(model);
}

fn claim(who: u64, model: u32, version: u32) -> sp_runtime::DispatchResult {
	Incentives::claim_version_reward(RuntimeOrigin::signed(who), model, version)
}

/// The public inputs `inputs` followed by the binding to `beneficiary`.
fn bound(beneficiary: u64, inputs: &[[u8; 32]]) -> Vec<[u8; 32]> {
	let binding = aegis_primitives::incentives::proof_reward_binding(&beneficiary.encode());
	inputs.iter().copied().chain([binding]).collect()
}

/// `submitter` attests a proof of `public_inputs` under `key`.
fn attest(submitter: u64, key: u32, public_inputs: &[[u8; 32]]) {
	<Incentives as OnProofVerified<u64>>::on_proof_verified(
		&submitter,
		VerifiedProof::Groth16 { key, public_inputs },
	);
}

/// `submitter` attests a proof of `inputs` bound to itself.
fn groth16(submitter: u64, key: u32, inputs: &[[u8; 32]]) {
	attest(submitter, key, &bound(submitter, inputs));
}
