//! The incentive token (AIT): created at genesis, ERC-20 reads and approvals, fees burnt, and
//! no signed account able to mint it.

use super::*;

#[test]
fn the_incentive_token_exists_at_genesis_owned_by_no_key() {
	use aegis_primitives::incentives::INCENTIVE_ASSET_ID;

	use aegis_runtime_common::aegis::incentive_token_owner;

	use aegis_runtime_common::genesis::AIT_ENDOWMENT;

	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(erc20::name().as_deref(), Some("Aegis Incentive Token"));
		assert_eq!(erc20::symbol().as_deref(), Some("AIT"));
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

/// EIP-20's `name` and `symbol` are optional strings: without metadata, or with metadata that
/// is not text, the runtime API answers `None`, not bytes a client would show as the name.
#[test]
fn the_token_without_textual_metadata_has_no_name_or_symbol() {
	use aegis_primitives::incentives::INCENTIVE_ASSET_ID;

	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_assets::Metadata::<Runtime>::mutate(INCENTIVE_ASSET_ID, |metadata| {
			metadata.name = alloc::vec![0xff, 0xfe].try_into().expect("within the limit");
		});
		assert_eq!(erc20::name(), None, "not UTF-8");
		assert_eq!(erc20::symbol().as_deref(), Some("AIT"));
		pallet_assets::Metadata::<Runtime>::remove(INCENTIVE_ASSET_ID);
		assert_eq!(erc20::name(), None);
		assert_eq!(erc20::symbol(), None);
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
