//! Who can call what through governance's origins.

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
	assert!(
		Tracks::track_for(&OriginCaller::system(frame_system::RawOrigin::Signed(alice))).is_err()
	);
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
		assert!(track.info.prepare_period + track.info.decision_period <= 30, "track {}", track.id);
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
