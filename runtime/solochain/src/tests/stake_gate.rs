//! The stake gate and the signing key's authority, wherever calls are nested.

use super::*;

#[test]
fn the_stake_gate_covers_exactly_the_stake_checked_calls_wherever_they_are_nested() {
	use crate::{configs::StakeGatedCalls, RuntimeCall};
	use frame_support::traits::Contains;
	let gated = RuntimeCall::ModelRegistry(pallet_model_registry::Call::accept_proposal {
		model: 0,
		proposal: 0,
		signatures: Default::default(),
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
	use aegis_integrity::pq::{purpose, signing, Algorithm};
	use codec::Encode;
	use frame_support::{assert_ok, BoundedVec};
	use pallet_model_registry::{
		Call as RegistryCall, ModelMetadata, SigningPolicy, UpdateEvidence, UpdatePolicy,
		VersionDeclaration,
	};
	use sp_runtime::traits::Dispatchable;

	use crate::{ModelRegistry, ProofVerifier, RuntimeCall, RuntimeOrigin, System};

	let alice = Sr25519Keyring::Alice.to_account_id();
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let (public, secret) = signing::pq_keypair_from_seed(Algorithm::MlDsa65, &[7; 32]);
		let genesis = ProofVerifier::genesis_hash();
		let possession =
			signing::pq_sign(&secret, &genesis, purpose::KEY_POSSESSION, &alice.encode(), &[0; 32])
				.expect("signs");
		assert_ok!(ProofVerifier::register_signing_key(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(public),
			Box::new(possession),
		));
		let open_policy =
			UpdatePolicy { signing: None, zk_verifying_key: None, contributors: BoundedVec::new() };
		assert_ok!(ModelRegistry::register_model(
			RuntimeOrigin::signed(alice.clone()),
			Box::new(ModelMetadata {
				name: BoundedVec::truncate_from(b"protected".to_vec()),
				framework: BoundedVec::truncate_from(b"onnx".to_vec()),
				uri: BoundedVec::truncate_from(b"ipfs://protected".to_vec()),
			}),
			Box::new(UpdatePolicy {
				signing: Some(SigningPolicy {
					keys: BoundedVec::truncate_from(vec![0]),
					threshold: 1
				}),
				..open_policy.clone()
			}),
		));
		let strip = RuntimeCall::ModelRegistry(RegistryCall::set_policy {
			model: 0,
			policy: Box::new(open_policy),
			authorisation: BoundedVec::new(),
		});
		let unsigned_update = RuntimeCall::ModelRegistry(RegistryCall::update_model {
			model: 0,
			declaration: VersionDeclaration {
				content_hash: [1; 64],
				merkle_root: [1; 64],
				shard_count: 1,
				byte_size: 1,
			},
			evidence: Box::new(UpdateEvidence { signatures: BoundedVec::new(), zk_proof: None }),
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
			assert_eq!(model.policy.signing_keys(), [0]);
			assert_eq!(model.current_version, None);
		}
		assert_eq!(pallet_proof_verifier::SigningKeyPins::<Runtime>::get(0), 1);
	});
}
