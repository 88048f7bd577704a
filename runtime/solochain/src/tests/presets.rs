//! The genesis presets: each starts the chain it promises, and the pallets' integrity tests
//! pass on it.

use super::*;

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
