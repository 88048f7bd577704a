//! Rewards for accepted versions, claimed after the delay, forfeited when governance revokes.

use super::*;

#[test]
fn an_accepted_update_earns_ait_that_is_claimed_after_the_delay_unless_revoked() {
	use frame_support::{assert_noop, assert_ok, traits::Hooks, BoundedVec};
	use pallet_model_registry::{ModelMetadata, UpdateEvidence, UpdatePolicy, VersionDeclaration};

	use aegis_runtime_common::genesis::{dev_incentive_parameters, DEV_CLAIM_DELAY};

	use crate::{configs::governance::TIMES, Incentives, ModelRegistry, RuntimeOrigin, System};
	let incentive_parameters = || dev_incentive_parameters(TIMES);

	let alice = Sr25519Keyring::Alice.to_account_id();
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		Incentives::on_initialize(1);
		let pool = Incentives::pool_account();
		assert_eq!(erc20::balance_of(&pool), incentive_parameters().mint_per_period);

		// Alice, a staked validator, registers a model and publishes two versions.
		assert_ok!(ModelRegistry::register_model(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(ModelMetadata {
				name: BoundedVec::truncate_from(b"runtime-test".to_vec()),
				framework: BoundedVec::truncate_from(b"onnx".to_vec()),
				uri: BoundedVec::truncate_from(b"ipfs://runtime-test".to_vec()),
			}),
			Box::new(UpdatePolicy {
				signing: None,
				zk_verifying_key: None,
				contributors: BoundedVec::new(),
			}),
		));
		for seed in [1u8, 2] {
			assert_ok!(ModelRegistry::update_model(
				RuntimeOrigin::signed(alice.clone()),
				0,
				VersionDeclaration {
					content_hash: [seed; 64],
					merkle_root: [seed; 64],
					shard_count: 1,
					byte_size: 1,
				},
				Box::new(UpdateEvidence { signatures: Default::default(), zk_proof: None }),
			));
		}
		let reward = incentive_parameters().update_reward;
		assert_eq!(pallet_incentives::Unclaimed::<Runtime>::get(), 2 * reward);

		let claim = |version| {
			Incentives::claim_version_reward(RuntimeOrigin::signed(alice.clone()), 0, version)
		};
		assert_noop!(claim(1), pallet_incentives::Error::<Runtime>::NotYetClaimable);
		System::set_block_number(1 + DEV_CLAIM_DELAY);
		// Governance finds version 2 malicious: the registry tells the incentives, and its
		// reward goes back to the pool in the same call.
		assert_ok!(ModelRegistry::revoke_version(RuntimeOrigin::root(), 0, 2));
		assert_eq!(pallet_incentives::Unclaimed::<Runtime>::get(), reward);
		assert_noop!(claim(2), pallet_incentives::Error::<Runtime>::NoReward);

		let before = erc20::balance_of(&alice);
		assert_ok!(claim(1));
		assert_eq!(erc20::balance_of(&alice), before + reward);
		assert_eq!(pallet_incentives::Unclaimed::<Runtime>::get(), 0);
		assert_eq!(erc20::balance_of(&pool), incentive_parameters().mint_per_period - reward);
	});
}
