//! Tests of the runtime's composition: its configuration is consistent and its genesis presets
//! start the chain they promise.

use frame_support::{
	traits::{Get, IntegrityTest},
	weights::WeightToFee as _,
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
	let config: RuntimeGenesisConfig =
		aegis_runtime_common::genesis::config_from_preset(&json).expect("the preset is valid");
	config.build_storage().expect("genesis builds").into()
}

#[test]
fn pallet_integrity_tests_pass() {
	sp_io::TestExternalities::default().execute_with(|| {
		<AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
}

#[test]
fn only_the_development_preset_has_a_sudo_key() {
	preset_externalities(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		let committee =
			pallet_collective::Members::<Runtime, frame_support::instances::Instance1>::get();
		assert_eq!(committee.len(), 3);
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
fn a_signed_remarks_overhead_costs_a_tenth_of_a_cent() {
	let overhead = aegis_runtime_common::weights::SignedRemarkOverhead::get();
	assert_eq!(WeightToFee::weight_to_fee(&overhead), CENTS / 10);
}

#[test]
fn the_extrinsic_base_weight_leaves_out_what_the_extensions_charge_for_themselves() {
	use aegis_runtime_common::weights::{
		remark_extensions_execution, ExtrinsicBaseWeight, SignedRemarkOverhead,
	};
	use sp_runtime::traits::TransactionExtension;
	let execution = remark_extensions_execution();
	let base = ExtrinsicBaseWeight::get();
	// Something is left for the signature check and the bookkeeping: nothing saturated.
	assert!(base.ref_time() > 0 && execution.ref_time() > 0);
	assert_eq!(base.saturating_add(execution), SignedRemarkOverhead::get());
	// What is left out is charged by the extensions' own weights, with their database
	// accesses on top.
	let remark = crate::RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	let extensions = crate::configs::tx_extension(0, sp_runtime::generic::Era::mortal(64, 1));
	let charged = extensions.weight(&remark);
	assert!(charged.ref_time() > execution.ref_time(), "{charged:?} vs {execution:?}");
	// And the base is charged to every extrinsic of every class.
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	assert_eq!(weights.get(frame_support::dispatch::DispatchClass::Normal).base_extrinsic, base);
}

#[test]
fn the_runtime_charges_the_weights_generated_on_the_projects_machine() {
	aegis_runtime_common::weights::assert_charged_by::<Runtime>();
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

	use pallet_incentives::weights::{SubstrateWeight as IncentiveWeights, WeightInfo as _};
	type ConfiguredIncentives = <Runtime as pallet_incentives::Config>::WeightInfo;
	assert_eq!(
		ConfiguredIncentives::on_version_accepted(),
		IncentiveWeights::<Runtime>::on_version_accepted()
	);
	assert!(ConfiguredIncentives::claim_version_reward().ref_time() > 0);

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
fn the_stake_gate_covers_exactly_the_stake_checked_calls_wherever_they_are_nested() {
	use crate::{configs::StakeGatedCalls, RuntimeCall};
	use frame_support::traits::Contains;
	let gated = RuntimeCall::ModelRegistry(pallet_model_registry::Call::accept_proposal {
		model: 0,
		proposal: 0,
		signature: None,
	});
	// Calls an account below the minimum stake must keep: no stake is checked at dispatch.
	let open = RuntimeCall::ModelRegistry(pallet_model_registry::Call::reject_proposal {
		model: 0,
		proposal: 0,
	});
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value: 1,
	});
	assert!(StakeGatedCalls::contains(&gated));
	assert!(!StakeGatedCalls::contains(&open));
	assert!(!StakeGatedCalls::contains(&transfer));
	let batch = RuntimeCall::Utility(pallet_utility::Call::batch {
		calls: vec![transfer.clone(), gated.clone()],
	});
	assert!(StakeGatedCalls::contains(&batch));
	let derived = RuntimeCall::Utility(pallet_utility::Call::as_derivative {
		index: 0,
		call: Box::new(batch),
	});
	assert!(StakeGatedCalls::contains(&derived));
	for (main, fallback) in [(gated.clone(), transfer.clone()), (transfer.clone(), gated.clone())] {
		let if_else = RuntimeCall::Utility(pallet_utility::Call::if_else {
			main: Box::new(main),
			fallback: Box::new(fallback),
		});
		assert!(StakeGatedCalls::contains(&if_else));
	}
	assert!(!StakeGatedCalls::contains(&RuntimeCall::Utility(pallet_utility::Call::batch_all {
		calls: vec![transfer, open],
	})));
}

/// An attacker with Alice's account key — but not her ML-DSA key — tries to strip the signing
/// key from her model's policy and publish without evidence in one transaction, through every
/// call of `pallet-utility` that nests calls. No version is ever appended.
#[test]
fn nesting_calls_cannot_strip_a_policy_of_its_signing_key() {
	use aegis_integrity::pq::{purpose, signing};
	use codec::Encode;
	use frame_support::{assert_ok, BoundedVec};
	use pallet_model_registry::{
		Call as RegistryCall, ModelMetadata, UpdateEvidence, UpdatePolicy, VersionDeclaration,
	};
	use sp_runtime::traits::Dispatchable;

	use crate::{ModelRegistry, ProofVerifier, RuntimeCall, RuntimeOrigin, System};

	let alice = Sr25519Keyring::Alice.to_account_id();
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let (public, secret) = signing::keypair_from_seed(&[7; 32]);
		let genesis = ProofVerifier::genesis_hash();
		let possession =
			signing::sign(&secret, &genesis, purpose::KEY_POSSESSION, &alice.encode(), &[0; 32])
				.expect("signs");
		assert_ok!(ProofVerifier::register_ml_dsa_key(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(public),
			Box::new(possession),
		));
		let open_policy = UpdatePolicy {
			signing_key: None,
			zk_verifying_key: None,
			contributors: BoundedVec::new(),
		};
		assert_ok!(ModelRegistry::register_model(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(ModelMetadata {
				name: BoundedVec::truncate_from(b"protected".to_vec()),
				framework: BoundedVec::truncate_from(b"onnx".to_vec()),
				uri: BoundedVec::truncate_from(b"ipfs://protected".to_vec()),
			}),
			Box::new(UpdatePolicy { signing_key: Some(0), ..open_policy.clone() }),
		));
		let strip = RuntimeCall::ModelRegistry(RegistryCall::set_policy {
			model: 0,
			policy: Box::new(open_policy),
			authorisation: None,
		});
		let unsigned_update = RuntimeCall::ModelRegistry(RegistryCall::update_model {
			model: 0,
			declaration: VersionDeclaration {
				content_hash: [1; 64],
				merkle_root: [1; 64],
				shard_count: 1,
				byte_size: 1,
			},
			evidence: Box::new(UpdateEvidence { signature: None, zk_proof: None }),
		});
		let both = vec![strip.clone(), unsigned_update.clone()];
		let attempts = [
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: both.clone() }),
			RuntimeCall::Utility(pallet_utility::Call::batch { calls: both.clone() }),
			RuntimeCall::Utility(pallet_utility::Call::force_batch { calls: both }),
			RuntimeCall::Utility(pallet_utility::Call::if_else {
				main: Box::new(strip.clone()),
				fallback: Box::new(unsigned_update.clone()),
			}),
			RuntimeCall::Utility(pallet_utility::Call::as_derivative {
				index: 0,
				call: Box::new(strip),
			}),
		];
		for attempt in attempts {
			// `batch` and `force_batch` succeed as calls, having stopped or skipped the failures.
			let _ = attempt.dispatch(RuntimeOrigin::signed(alice.clone()));
			let model = pallet_model_registry::Models::<Runtime>::get(0).expect("registered");
			assert_eq!(model.policy.signing_key, Some(0));
			assert_eq!(model.current_version, None);
		}
		assert_eq!(pallet_proof_verifier::MlDsaKeyPins::<Runtime>::get(0), 1);
	});
}

/// The incentive token's ERC-20 reads, as the runtime API answers them.
mod erc20 {
	use aegis_primitives::incentives::runtime_decl_for_erc_20_api::Erc20ApiV1;

	use crate::{AccountId, Balance, Block, Runtime};

	pub fn name() -> Vec<u8> {
		<Runtime as Erc20ApiV1<Block, AccountId, Balance>>::name()
	}
	pub fn symbol() -> Vec<u8> {
		<Runtime as Erc20ApiV1<Block, AccountId, Balance>>::symbol()
	}
	pub fn decimals() -> u8 {
		<Runtime as Erc20ApiV1<Block, AccountId, Balance>>::decimals()
	}
	pub fn total_supply() -> Balance {
		<Runtime as Erc20ApiV1<Block, AccountId, Balance>>::total_supply()
	}
	pub fn balance_of(owner: &AccountId) -> Balance {
		<Runtime as Erc20ApiV1<Block, AccountId, Balance>>::balance_of(owner.clone())
	}
	pub fn allowance(owner: &AccountId, spender: &AccountId) -> Balance {
		<Runtime as Erc20ApiV1<Block, AccountId, Balance>>::allowance(
			owner.clone(),
			spender.clone(),
		)
	}
}

#[test]
fn the_incentive_token_exists_at_genesis_owned_by_no_key() {
	use aegis_primitives::incentives::INCENTIVE_ASSET_ID;

	use aegis_runtime_common::aegis::incentive_token_owner;

	use aegis_runtime_common::genesis::AIT_ENDOWMENT;

	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(erc20::name(), b"Aegis Incentive Token".to_vec());
		assert_eq!(erc20::symbol(), b"AIT".to_vec());
		assert_eq!(erc20::decimals(), 12);
		let holders = Sr25519Keyring::well_known().count() as u128;
		assert_eq!(erc20::total_supply(), holders * AIT_ENDOWMENT);
		assert_eq!(erc20::balance_of(&Sr25519Keyring::Bob.to_account_id()), AIT_ENDOWMENT);
		let details = pallet_assets::Asset::<Runtime>::get(INCENTIVE_ASSET_ID).expect("created");
		assert!(details.is_sufficient, "holders need no AEG deposit");
		assert_eq!(details.owner, incentive_token_owner());
		assert_eq!(details.issuer, incentive_token_owner());
	});
}

/// Transaction fees are split: most is burnt, so an author filling its own blocks pays for
/// them like anyone else (the author's share is checked end to end in `e2e/tests/dev.test.mjs`).
#[test]
fn most_of_a_transaction_fee_is_burnt() {
	use aegis_runtime_common::monetary::{FeesToAuthorAndBurn, AUTHOR_FEE_SHARE};
	use frame_support::traits::{fungible::Balanced, OnUnbalanced};
	use sp_runtime::Percent;

	use crate::Balances;

	assert_eq!(AUTHOR_FEE_SHARE, Percent::from_percent(20));
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let issuance = Balances::total_issuance();
		let fee = <Balances as Balanced<_>>::issue(1_000);
		let tip = <Balances as Balanced<_>>::issue(10);
		assert_eq!(Balances::total_issuance(), issuance + 1_010);
		// No block is being authored here: with no author, nothing is paid out.
		FeesToAuthorAndBurn::<Runtime>::on_unbalanceds([fee, tip].into_iter());
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// AIT is sufficient (its holders need no AEG), so its minimum balance is what an account
/// costs: one planck would create accounts for free.
#[test]
fn creating_an_account_with_ait_costs_a_cent_and_rewards_are_payable() {
	use aegis_primitives::{currency::CENTS, incentives::INCENTIVE_ASSET_ID};
	use aegis_runtime_common::genesis::dev_incentive_parameters;
	use frame_support::{assert_noop, assert_ok};

	use crate::{configs::governance::TIMES, Assets, Incentives, RuntimeOrigin};

	let alice = Sr25519Keyring::Alice.to_account_id();
	let nobody: crate::AccountId = [7u8; 32].into();
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let details = pallet_assets::Asset::<Runtime>::get(INCENTIVE_ASSET_ID).expect("created");
		assert_eq!(details.min_balance, CENTS);
		let transfer = |amount| {
			Assets::transfer(
				RuntimeOrigin::signed(alice.clone()),
				INCENTIVE_ASSET_ID.into(),
				nobody.clone().into(),
				amount,
			)
		};
		assert_noop!(transfer(1), sp_runtime::TokenError::BelowMinimum);
		assert_noop!(transfer(CENTS - 1), sp_runtime::TokenError::BelowMinimum);
		assert_ok!(transfer(CENTS));
		// A reward governance sets is zero or payable to an account that holds no AIT yet.
		let parameters = pallet_incentives::RewardParameters {
			report_reward: CENTS - 1,
			..dev_incentive_parameters(TIMES)
		};
		assert_noop!(
			Incentives::set_parameters(RuntimeOrigin::root(), parameters),
			pallet_incentives::Error::<Runtime>::RewardBelowMinimumBalance
		);
		// The mint is bounded in the runtime, whatever the referendum.
		let parameters = pallet_incentives::RewardParameters {
			mint_per_period: aegis_runtime_common::aegis::MaxIncentiveMintPerPeriod::get() + 1,
			..dev_incentive_parameters(TIMES)
		};
		assert_noop!(
			Incentives::set_parameters(RuntimeOrigin::root(), parameters),
			pallet_incentives::Error::<Runtime>::MintAboveBound
		);
	});
}

#[test]
fn erc20_approve_and_transfer_from_work_on_the_incentive_token() {
	use aegis_primitives::incentives::INCENTIVE_ASSET_ID;
	use frame_support::{assert_noop, assert_ok};

	use crate::{Assets, Balances, RuntimeOrigin};

	let [alice, bob, charlie] =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.map(|k| k.to_account_id());
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let id = codec::Compact(INCENTIVE_ASSET_ID);
		let (alice_before, charlie_before) =
			(erc20::balance_of(&alice), erc20::balance_of(&charlie));
		let free_before = Balances::free_balance(&alice);
		// approve(bob, 100)
		assert_ok!(Assets::approve_transfer(
			RuntimeOrigin::signed(alice.clone()),
			id,
			bob.clone().into(),
			100
		));
		assert_eq!(erc20::allowance(&alice, &bob), 100);
		assert!(Balances::free_balance(&alice) < free_before, "the allowance's deposit is held");
		// transferFrom(alice, charlie, 60) by bob
		assert_ok!(Assets::transfer_approved(
			RuntimeOrigin::signed(bob.clone()),
			id,
			alice.clone().into(),
			charlie.clone().into(),
			60
		));
		assert_eq!(erc20::balance_of(&alice), alice_before - 60);
		assert_eq!(erc20::balance_of(&charlie), charlie_before + 60);
		assert_eq!(erc20::allowance(&alice, &bob), 40);
		// More than the allowance left fails and moves nothing.
		assert_noop!(
			Assets::transfer_approved(
				RuntimeOrigin::signed(bob.clone()),
				id,
				alice.clone().into(),
				charlie.clone().into(),
				41
			),
			pallet_assets::Error::<Runtime>::Unapproved
		);
		// Charlie was never approved.
		assert_noop!(
			Assets::transfer_approved(
				RuntimeOrigin::signed(charlie.clone()),
				id,
				alice.clone().into(),
				charlie.clone().into(),
				1
			),
			pallet_assets::Error::<Runtime>::Unapproved
		);
		// Cancelling gives the deposit back.
		assert_ok!(Assets::cancel_approval(
			RuntimeOrigin::signed(alice.clone()),
			id,
			bob.clone().into()
		));
		assert_eq!(erc20::allowance(&alice, &bob), 0);
		assert_eq!(Balances::free_balance(&alice), free_before);
		// transfer(bob, 5)
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(alice.clone()),
			id,
			bob.clone().into(),
			5
		));
		assert_eq!(erc20::balance_of(&alice), alice_before - 65);
	});
}

#[test]
fn no_signed_account_can_create_assets_or_mint_the_incentive_token() {
	use aegis_primitives::incentives::INCENTIVE_ASSET_ID;
	use frame_support::{assert_noop, assert_ok};
	use sp_runtime::DispatchError;

	use crate::{Assets, RuntimeOrigin};

	let alice = Sr25519Keyring::Alice.to_account_id();
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let supply = erc20::total_supply();
		assert_noop!(
			Assets::create(
				RuntimeOrigin::signed(alice.clone()),
				codec::Compact(7),
				alice.clone().into(),
				1
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Assets::mint(
				RuntimeOrigin::signed(alice.clone()),
				codec::Compact(INCENTIVE_ASSET_ID),
				alice.clone().into(),
				1
			),
			pallet_assets::Error::<Runtime>::NoPermission
		);
		assert_eq!(erc20::total_supply(), supply);
		// Governance (root) may still create an asset.
		assert_ok!(Assets::force_create(
			RuntimeOrigin::root(),
			codec::Compact(7),
			alice.clone().into(),
			false,
			1
		));
	});
}

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
				signing_key: None,
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
				Box::new(UpdateEvidence { signature: None, zk_proof: None }),
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

#[test]
fn oracle_values_only_enter_through_the_rounds() {
	use crate::{configs::BaseCallFilter, RuntimeCall};
	use frame_support::{traits::Contains, BoundedVec};

	let direct = RuntimeCall::OracleFeeds(pallet_oracle::Call::feed_values {
		values: BoundedVec::truncate_from(vec![(0, 1)]),
	});
	let through_rounds = RuntimeCall::Oracle(pallet_aegis_oracle::Call::report {
		values: BoundedVec::truncate_from(vec![(0, 1)]),
	});
	assert!(!BaseCallFilter::contains(&direct));
	assert!(BaseCallFilter::contains(&through_rounds));
	let batched = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![direct] });
	// A batch passes the filter as a whole; pallet-utility filters each call it dispatches.
	assert!(BaseCallFilter::contains(&batched));
}

#[test]
fn presets_open_the_oracle_to_staked_reporters() {
	use aegis_runtime_common::genesis::{MINIMUM_PUBLISHER_STAKE, ORACLE_RULES};

	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		preset_externalities(preset).execute_with(|| {
			assert_eq!(pallet_aegis_oracle::Rules::<Runtime>::get(), ORACLE_RULES);
			assert_eq!(ORACLE_RULES.reporter_stake, MINIMUM_PUBLISHER_STAKE);
			assert!(pallet_aegis_oracle::Reporters::<Runtime>::get().is_empty());
		});
	}
}

/// Who can call what through governance's origins.
mod governance {
	use frame_support::{assert_noop, assert_ok, traits::Get};
	use pallet_referenda::TracksInfo as _;
	use sp_runtime::DispatchError;

	use super::*;
	use crate::{
		configs::governance::{
			pallet_custom_origins::Origin as CustomOrigin, tracks, TracksInfo, TIMES,
		},
		Incentives, ModelRegistry, Oracle, OriginCaller, RuntimeOrigin, System, Whitelist,
	};

	fn custom(origin: CustomOrigin) -> RuntimeOrigin {
		RuntimeOrigin::from(origin)
	}

	#[test]
	fn every_origin_has_its_track_and_signed_accounts_have_none() {
		type Tracks = TracksInfo;
		let root = OriginCaller::system(frame_system::RawOrigin::Root);
		assert_eq!(Tracks::track_for(&root), Ok(tracks::ROOT));
		for (origin, track) in [
			(CustomOrigin::WhitelistedCaller, tracks::WHITELISTED_CALLER),
			(CustomOrigin::RegistryAdmin, tracks::REGISTRY_ADMIN),
			(CustomOrigin::ReferendumCanceller, tracks::REFERENDUM_CANCELLER),
			(CustomOrigin::ReferendumKiller, tracks::REFERENDUM_KILLER),
		] {
			assert_eq!(Tracks::track_for(&OriginCaller::Origins(origin)), Ok(track));
		}
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert!(Tracks::track_for(&OriginCaller::system(frame_system::RawOrigin::Signed(alice)))
			.is_err());
		assert!(Tracks::track_for(&OriginCaller::system(frame_system::RawOrigin::None)).is_err());
		let ids: Vec<u16> = Tracks::tracks().map(|track| track.id).collect();
		assert_eq!(ids, vec![0, 1, 10, 20, 21], "sorted, as pallet-referenda requires");
	}

	#[test]
	fn the_registry_admin_track_sets_protocol_parameters_and_nothing_else() {
		preset_externalities(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			System::set_block_number(1);
			let admin = || custom(CustomOrigin::RegistryAdmin);
			assert_ok!(ModelRegistry::set_minimum_stake(admin(), 5 * CENTS));
			assert_ok!(Incentives::set_rewarded_keys(admin(), Default::default()));
			assert_ok!(Oracle::set_rules(admin(), Default::default()));
			// It cannot upgrade the runtime, nor can the other custom origins or an account
			// set parameters.
			assert_noop!(System::set_code(admin(), vec![1, 2, 3]), DispatchError::BadOrigin);
			let alice = Sr25519Keyring::Alice.to_account_id();
			for origin in [
				custom(CustomOrigin::WhitelistedCaller),
				custom(CustomOrigin::ReferendumCanceller),
				RuntimeOrigin::signed(alice.clone()),
			] {
				assert_noop!(ModelRegistry::set_minimum_stake(origin, 1), DispatchError::BadOrigin);
			}
		});
	}

	#[test]
	fn two_thirds_of_the_technical_committee_whitelist_a_call() {
		use pallet_collective::RawOrigin as Committee;
		preset_externalities(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			System::set_block_number(1);
			let hash = sp_core::H256::repeat_byte(7);
			let one_of_three: RuntimeOrigin =
				Committee::<_, frame_support::instances::Instance1>::Members(1, 3).into();
			assert_noop!(Whitelist::whitelist_call(one_of_three, hash), DispatchError::BadOrigin);
			let two_of_three: RuntimeOrigin =
				Committee::<_, frame_support::instances::Instance1>::Members(2, 3).into();
			assert_ok!(Whitelist::whitelist_call(two_of_three, hash));
			let alice = Sr25519Keyring::Alice.to_account_id();
			assert_noop!(
				Whitelist::whitelist_call(RuntimeOrigin::signed(alice), hash),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn real_networks_decide_in_days_and_fast_builds_in_blocks() {
		use crate::time::{DAYS, HOURS, MINUTES};
		let real = tracks::tracks(false, TIMES);
		let root = &real[0].info;
		assert_eq!(real[0].id, tracks::ROOT);
		assert_eq!(
			(root.prepare_period, root.decision_period, root.confirm_period),
			(2 * HOURS, 14 * DAYS, DAYS)
		);
		assert_eq!(root.min_enactment_period, DAYS, "a day to react to an upgrade");
		assert!(root.max_deciding >= 2, "one referendum cannot block upgrades");
		for track in &real {
			assert!(track.info.decision_period >= 7 * DAYS, "track {}", track.id);
			assert!(track.info.confirm_period >= 10 * MINUTES, "track {}", track.id);
		}
		for track in tracks::tracks(true, TIMES) {
			assert!(
				track.info.prepare_period + track.info.decision_period <= 30,
				"track {}",
				track.id
			);
		}

		// This build runs one of the two tables.
		let expected = tracks::tracks(cfg!(feature = "fast-runtime"), TIMES);
		let actual: Vec<_> = TracksInfo::tracks().map(|track| track.into_owned()).collect();
		assert_eq!(actual.len(), expected.len());
		for (actual, expected) in actual.iter().zip(expected.iter()) {
			assert_eq!(actual.id, expected.id);
			assert_eq!(actual.info.decision_period, expected.info.decision_period);
			assert_eq!(actual.info.confirm_period, expected.info.confirm_period);
		}
		let locking = <crate::configs::governance::VoteLockingPeriod as Get<u32>>::get();
		let expected_locking = if cfg!(feature = "fast-runtime") { 10 } else { 7 * DAYS };
		assert_eq!(locking, expected_locking);
	}
}

mod migrations {
	use frame_support::migrations::MultiStepMigrator;
	use pallet_migrations::{ActiveCursor, MigrationCursor};
	use sp_runtime::{traits::Header as _, ExtrinsicInclusionMode};

	use super::*;
	use crate::{Executive, Header, MultiBlockMigrations};

	fn header(number: u32) -> Header {
		Header::new(
			number,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		)
	}

	#[test]
	fn blocks_take_no_transactions_while_a_multi_block_migration_runs() {
		preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert!(!MultiBlockMigrations::ongoing());
			assert_eq!(
				Executive::initialize_block(&header(1)),
				ExtrinsicInclusionMode::AllExtrinsics
			);

			// What an upgrade with a pending multi-block migration leaves behind.
			pallet_migrations::Cursor::<Runtime>::put(MigrationCursor::Active(ActiveCursor {
				index: 0,
				inner_cursor: None,
				started_at: 1,
			}));
			assert!(MultiBlockMigrations::ongoing());
			assert_eq!(
				Executive::initialize_block(&header(2)),
				ExtrinsicInclusionMode::OnlyInherents
			);
		});
	}
}
