//! Tests of the runtime's composition: its configuration is consistent and its genesis presets
//! start the chain they promise.

use frame_support::{
	traits::{Get, IntegrityTest},
	weights::{constants::ExtrinsicBaseWeight, WeightToFee as _},
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

use crate::{
	configs::{staking::BAG_THRESHOLDS, WeightToFee},
	currency::CENTS,
	genesis_config_presets::{get_preset, preset_names, VALIDATOR_STAKE},
	AllPalletsWithSystem, Runtime, RuntimeGenesisConfig,
};

/// The state a preset builds, ready to be inspected.
fn preset_externalities(preset: &str) -> sp_io::TestExternalities {
	let json = get_preset(&preset.into()).expect("the preset exists");
	let config: RuntimeGenesisConfig = {
		let patch: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
		let mut base = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
		json_merge(&mut base, patch);
		serde_json::from_value(base).expect("the preset patches the genesis config")
	};
	config.build_storage().expect("genesis builds").into()
}

/// Applies a JSON merge patch, as the genesis builder does with presets.
fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

#[test]
fn pallet_integrity_tests_pass() {
	sp_io::TestExternalities::default().execute_with(|| {
		<AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
}

#[test]
fn development_preset_has_alice_as_sole_validator_and_sudo() {
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.clone()]);
		assert_eq!(pallet_staking::ValidatorCount::<Runtime>::get(), 1);
		assert_eq!(
			pallet_staking::Ledger::<Runtime>::get(&alice).map(|ledger| ledger.active),
			Some(VALIDATOR_STAKE)
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice));
		assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 1);
	});
}

#[test]
fn local_testnet_preset_has_three_staked_validators() {
	preset_externalities(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let expected: Vec<_> =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.iter()
				.map(|k| k.to_account_id())
				.collect();
		let mut validators = pallet_session::Validators::<Runtime>::get();
		validators.sort();
		let mut sorted_expected = expected.clone();
		sorted_expected.sort();
		assert_eq!(validators, sorted_expected);
		for validator in &expected {
			assert!(pallet_staking::Validators::<Runtime>::contains_key(validator));
		}
		assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 3);
		assert_eq!(pallet_grandpa::Authorities::<Runtime>::get().len(), 3);
	});
}

#[test]
fn only_the_known_presets_exist() {
	let names = preset_names();
	assert_eq!(names, ["development", "local_testnet"]);
	assert!(get_preset(&"no_such_preset".into()).is_none());
}

#[test]
fn base_extrinsic_costs_a_tenth_of_a_cent() {
	assert_eq!(WeightToFee::weight_to_fee(&ExtrinsicBaseWeight::get()), CENTS / 10);
}

#[test]
fn bag_thresholds_increase_strictly_and_end_at_the_maximum() {
	assert!(BAG_THRESHOLDS.windows(2).all(|pair| pair[0] < pair[1]));
	assert_eq!(BAG_THRESHOLDS.last(), Some(&u64::MAX));
	assert_eq!(
		<crate::configs::staking::BagThresholds as Get<&'static [u64]>>::get().len(),
		BAG_THRESHOLDS.len()
	);
}

#[test]
fn aegis_pallets_are_charged_with_their_benchmarked_weights() {
	use pallet_proof_verifier::weights::{SubstrateWeight, WeightInfo};
	type Configured = <Runtime as pallet_proof_verifier::Config>::WeightInfo;
	for size in [0, 1, 16, 32] {
		assert_eq!(
			Configured::attest_groth16(size),
			SubstrateWeight::<Runtime>::attest_groth16(size)
		);
		assert_eq!(
			Configured::attest_merkle(size),
			SubstrateWeight::<Runtime>::attest_merkle(size)
		);
		assert_eq!(
			Configured::verify_ml_dsa(size),
			SubstrateWeight::<Runtime>::verify_ml_dsa(size)
		);
	}
	assert_eq!(
		Configured::register_ml_dsa_key(),
		SubstrateWeight::<Runtime>::register_ml_dsa_key()
	);
	assert!(Configured::attest_groth16(0).ref_time() > 0);

	use pallet_model_registry::weights::{SubstrateWeight as RegistryWeights, WeightInfo as _};
	type ConfiguredRegistry = <Runtime as pallet_model_registry::Config>::WeightInfo;
	assert_eq!(ConfiguredRegistry::update_model(), RegistryWeights::<Runtime>::update_model());
	assert_eq!(ConfiguredRegistry::stake_gate(), RegistryWeights::<Runtime>::stake_gate());

	use pallet_seal_difficulty::weights::{SubstrateWeight as SealWeights, WeightInfo as _};
	type ConfiguredSeal = <Runtime as pallet_seal_difficulty::Config>::WeightInfo;
	assert_eq!(ConfiguredSeal::on_initialize(), SealWeights::<Runtime>::on_initialize());
}

#[test]
fn the_largest_proof_fits_a_block_many_times_over() {
	use pallet_proof_verifier::weights::{SubstrateWeight, WeightInfo};
	let max_inputs: u32 = <Runtime as pallet_proof_verifier::Config>::MaxPublicInputs::get();
	let groth16 = SubstrateWeight::<Runtime>::attest_groth16(max_inputs);
	let normal = crate::configs::RuntimeBlockWeights::get()
		.get(frame_support::dispatch::DispatchClass::Normal)
		.max_extrinsic
		.expect("normal extrinsics are limited");
	assert!(groth16.ref_time() * 20 < normal.ref_time(), "{groth16:?} vs {normal:?}");
}

#[test]
fn the_stake_gate_covers_registry_calls_wherever_they_are_nested() {
	use crate::{configs::StakeGatedCalls, RuntimeCall};
	use frame_support::traits::Contains;
	let registry =
		RuntimeCall::ModelRegistry(pallet_model_registry::Call::deprecate_model { model: 0 });
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value: 1,
	});
	assert!(StakeGatedCalls::contains(&registry));
	assert!(!StakeGatedCalls::contains(&transfer));
	let batch = RuntimeCall::Utility(pallet_utility::Call::batch {
		calls: vec![transfer.clone(), registry.clone()],
	});
	assert!(StakeGatedCalls::contains(&batch));
	let derived = RuntimeCall::Utility(pallet_utility::Call::as_derivative {
		index: 0,
		call: Box::new(batch),
	});
	assert!(StakeGatedCalls::contains(&derived));
	assert!(!StakeGatedCalls::contains(&RuntimeCall::Utility(pallet_utility::Call::batch_all {
		calls: vec![transfer],
	})));
}
