//! Tests of the parachain runtime's composition: blocks build on relay-chain validation data as
//! collators build them, the Aegis pallets work with stake bonded here, the relay chain's
//! token arrives by XCM and pays for execution, and the presets start the chain they promise.

use codec::Encode;
use cumulus_primitives_core::{relay_chain::HeadData, PersistedValidationData};
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use frame_support::{assert_ok, inherent::ProvideInherent, traits::IntegrityTest};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{Block as BlockT, Header as _},
	BuildStorage, Digest, DigestItem,
};
use xcm::latest::prelude::*;

use crate::{
	configs::xcm::{RelayLocation, XcmConfig},
	genesis_config_presets::{get_preset, DEFAULT_PARA_ID, PUBLISHER_BOND},
	time::SLOT_DURATION,
	AllPalletsWithSystem, Balances, Block, Executive, ForeignAssets, Header, InherentDataExt,
	ParachainInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, Stake, System,
	Timestamp, UncheckedExtrinsic,
};

/// The relay chain's slot of the first block the tests build (far from zero, as on a live
/// relay chain). Relay and parachain slots are both 6 s, so they are the same number.
const FIRST_SLOT: u64 = 1_000_000;

/// The state a preset builds, ready to be inspected.
fn preset_externalities(preset: &str) -> sp_io::TestExternalities {
	let json = get_preset(&preset.into()).expect("the preset exists");
	let config: RuntimeGenesisConfig =
		aegis_runtime_common::genesis::config_from_preset(&json).expect("the preset is valid");
	config.build_storage().expect("genesis builds").into()
}

fn development() -> sp_io::TestExternalities {
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET)
}

/// Builds one block on `parent` the way a collator does: Aura's pre-digest for `slot`, the
/// relay chain's validation data (a state proof with `slot` as its current slot and `parent`
/// included) and the timestamp as inherents, then `extrinsics`. Returns the header.
fn build_block(
	parent: &Header,
	relay_parent_number: u32,
	slot: u64,
	extrinsics: Vec<UncheckedExtrinsic>,
) -> Header {
	build_block_in_slots(parent, relay_parent_number, slot, slot, extrinsics)
}

/// [`build_block`] with the relay chain in `relay_slot` while Aura is in `slot`.
fn build_block_in_slots(
	parent: &Header,
	relay_parent_number: u32,
	slot: u64,
	relay_slot: u64,
	extrinsics: Vec<UncheckedExtrinsic>,
) -> Header {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	let header = Header::new(
		parent.number + 1,
		Default::default(),
		Default::default(),
		parent.hash(),
		digest,
	);
	Executive::initialize_block(&header);

	let (relay_parent_storage_root, relay_chain_state) = RelayStateSproofBuilder {
		para_id: DEFAULT_PARA_ID.into(),
		current_slot: Slot::from(relay_slot),
		included_para_head: Some(HeadData(parent.encode())),
		..Default::default()
	}
	.into_state_root_and_proof();
	let validation = cumulus_primitives_parachain_inherent::ParachainInherentData {
		validation_data: PersistedValidationData {
			parent_head: HeadData(parent.encode()),
			relay_parent_number,
			relay_parent_storage_root,
			max_pov_size: 5 * 1024 * 1024,
		},
		relay_chain_state,
		downward_messages: Default::default(),
		horizontal_messages: Default::default(),
		relay_parent_descendants: Default::default(),
		collator_peer_id: None,
	};
	let mut inherents = sp_inherents::InherentData::new();
	inherents
		.put_data(cumulus_primitives_parachain_inherent::INHERENT_IDENTIFIER, &validation)
		.unwrap();
	inherents
		.put_data(<Timestamp as ProvideInherent>::INHERENT_IDENTIFIER, &(slot * SLOT_DURATION))
		.unwrap();
	let inherent_extrinsics: Vec<<Block as BlockT>::Extrinsic> = inherents.create_extrinsics();
	assert_eq!(inherent_extrinsics.len(), 2, "validation data and timestamp");
	for extrinsic in inherent_extrinsics.into_iter().chain(extrinsics) {
		Executive::apply_extrinsic(extrinsic).unwrap().unwrap();
	}
	Executive::finalize_block()
}

/// The genesis header the tests build on.
fn genesis_header() -> Header {
	Header::new(0, Default::default(), Default::default(), Default::default(), Default::default())
}

/// `call` signed by `signer` with nonce `nonce`, immortal, as a wallet signs it.
fn signed(call: RuntimeCall, signer: Sr25519Keyring, nonce: u32) -> UncheckedExtrinsic {
	let extension = crate::configs::system::tx_extension(nonce, Era::Immortal);
	let payload = sp_runtime::generic::SignedPayload::new(call, extension).unwrap();
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	UncheckedExtrinsic::new_signed(call, signer.to_account_id().into(), signature.into(), extension)
}

#[test]
fn the_runtime_charges_the_weights_generated_on_the_projects_machine() {
	aegis_runtime_common::weights::assert_charged_by::<Runtime>();
}

#[test]
fn the_runtime_reports_the_api_versions_clients_decode_by() {
	aegis_runtime_common::apis::assert_reports_changed_api_versions(&crate::VERSION.apis);
}

#[test]
fn pallet_integrity_tests_pass() {
	sp_io::TestExternalities::default().execute_with(|| {
		<AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
}

#[test]
fn blocks_build_on_relay_chain_validation_data() {
	development().execute_with(|| {
		let mut parent = genesis_header();
		for i in 0..5u32 {
			parent = build_block(&parent, 10 + i, FIRST_SLOT + u64::from(i), vec![]);
		}
		assert_eq!(System::block_number(), 5);
		assert_eq!(ParachainInfo::parachain_id(), DEFAULT_PARA_ID.into());
		assert_eq!(pallet_aura::CurrentSlot::<Runtime>::get(), Slot::from(FIRST_SLOT + 4));
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1, "Alice collates");
	});
}

#[test]
#[should_panic(expected = "Parachain slot must match relay-derived slot")]
fn a_block_in_another_slot_than_the_relay_chain_s_is_rejected() {
	development().execute_with(|| {
		let parent = build_block(&genesis_header(), 10, FIRST_SLOT, vec![]);
		// Aura's slot two ahead of the relay chain's: the consensus hook refuses the block.
		build_block_in_slots(&parent, 11, FIRST_SLOT + 3, FIRST_SLOT + 1, vec![]);
	});
}

/// `model_registry.register_model` of a model called `name`, with an open policy.
fn register_model(name: &str) -> RuntimeCall {
	RuntimeCall::ModelRegistry(pallet_model_registry::Call::register_model {
		metadata: Box::new(pallet_model_registry::ModelMetadata {
			name: name.as_bytes().to_vec().try_into().unwrap(),
			framework: b"onnx".to_vec().try_into().unwrap(),
			uri: format!("ipfs://{name}").into_bytes().try_into().unwrap(),
		}),
		policy: Box::new(pallet_model_registry::UpdatePolicy {
			signing: None,
			zk_verifying_key: None,
			contributors: Default::default(),
		}),
	})
}

#[test]
fn a_bonded_publisher_registers_a_model_in_a_block() {
	development().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(
			<Stake as aegis_primitives::staking::ActiveStake<_, _>>::active_stake(&alice),
			PUBLISHER_BOND
		);
		let parent = build_block(&genesis_header(), 10, FIRST_SLOT, vec![]);
		let register = register_model("sentiment");
		build_block(&parent, 11, FIRST_SLOT + 1, vec![signed(register, Sr25519Keyring::Alice, 0)]);
		let model = pallet_model_registry::Models::<Runtime>::get(0).expect("registered");
		assert_eq!(model.owner, alice);
		assert_eq!(pallet_model_registry::NextModelId::<Runtime>::get(), 1);
	});
}

#[test]
fn an_account_without_stake_cannot_register_a_model_until_it_bonds() {
	use sp_runtime::transaction_validity::TransactionSource;
	development().execute_with(|| {
		let parent = build_block(&genesis_header(), 10, FIRST_SLOT, vec![]);
		let charlie = Sr25519Keyring::Charlie;
		let register = || signed(register_model("unstaked"), charlie, 0);
		// Charlie has no bond: the stake gate refuses the transaction at the pool's door.
		let refused =
			Executive::validate_transaction(TransactionSource::External, register(), parent.hash());
		assert!(refused.is_err(), "{refused:?}");

		assert_ok!(Stake::bond(
			crate::RuntimeOrigin::signed(charlie.to_account_id()),
			aegis_runtime_common::genesis::MINIMUM_PUBLISHER_STAKE,
		));
		let admitted =
			Executive::validate_transaction(TransactionSource::External, register(), parent.hash());
		assert!(admitted.is_ok(), "{admitted:?}");
	});
}

/// A reserve transfer of `amount` of the relay chain's token to Bob, as `origin` sends it,
/// paying for execution with the token itself.
fn relay_token_deposit(origin: Location, amount: u128) -> Outcome {
	let bob = Sr25519Keyring::Bob.to_account_id();
	let message = Xcm::<RuntimeCall>(vec![
		ReserveAssetDeposited((Parent, amount).into()),
		ClearOrigin,
		BuyExecution { fees: (Parent, amount).into(), weight_limit: Unlimited },
		DepositAsset {
			assets: Wild(AllCounted(1)),
			beneficiary: AccountId32 { network: None, id: bob.into() }.into(),
		},
	]);
	let mut id = message.using_encoded(sp_io::hashing::blake2_256);
	xcm_executor::XcmExecutor::<XcmConfig>::prepare_and_execute(
		origin,
		message,
		&mut id,
		Weight::MAX,
		Weight::zero(),
	)
}

/// Starts block 1 in Aura slot `slot` (whose author is Alice, the only collator), without
/// finishing it: what runs next runs inside the block.
fn start_block(slot: u64) {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	let header =
		Header::new(1, Default::default(), Default::default(), genesis_header().hash(), digest);
	Executive::initialize_block(&header);
}

#[test]
fn the_relay_token_arrives_from_the_relay_chain_and_pays_the_author_for_execution() {
	development().execute_with(|| {
		start_block(FIRST_SLOT);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let bob_aeg = Balances::free_balance(&bob);
		let amount = 10_000_000_000u128;

		let outcome = relay_token_deposit(Location::parent(), amount);
		assert!(outcome.clone().ensure_complete().is_ok(), "{outcome:?}");
		let received = ForeignAssets::balance(RelayLocation::get(), &bob);
		let fee = ForeignAssets::balance(RelayLocation::get(), &alice);
		assert!(fee > 0 && received > 0, "Bob received {received}, the author {fee}");
		assert_eq!(received + fee, amount, "nothing lost: the fee went to the block's author");
		// Its execution weighs less than the token's minimum balance, which the trader charges
		// at least (configs/xcm.rs; 0.01 DOT on rococo-local, docs/parachain.md).
		assert_eq!(fee, crate::genesis_config_presets::RELAY_TOKEN_MIN_BALANCE);
		assert_eq!(Balances::free_balance(&bob), bob_aeg, "no AEG paid for it");
	});
}

#[test]
fn the_relay_token_from_any_other_chain_is_refused() {
	development().execute_with(|| {
		let asset_hub = Location::new(1, [Parachain(1000)]);
		let sibling = Location::new(1, [Parachain(2001)]);
		for origin in [asset_hub, sibling] {
			let outcome = relay_token_deposit(origin.clone(), 10_000_000_000);
			let error = outcome.ensure_complete().expect_err("not the token's reserve");
			assert_eq!(error.error, XcmError::UntrustedReserveLocation, "from {origin:?}");
		}
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(ForeignAssets::balance(RelayLocation::get(), &bob), 0);
	});
}

#[test]
fn the_relay_token_goes_back_only_to_its_reserve_and_aeg_never_to_the_relay_chain() {
	use crate::configs::xcm::ReserveTransfers;
	use frame_support::traits::Contains;
	let relay_token = |amount: u128| Asset::from((Parent, amount));
	let aeg = |amount: u128| Asset::from((Here, amount));
	let sibling = Location::new(1, [Parachain(2001)]);
	assert!(ReserveTransfers::contains(&(Location::parent(), vec![relay_token(5)])));
	assert!(!ReserveTransfers::contains(&(sibling.clone(), vec![relay_token(5)])));
	assert!(ReserveTransfers::contains(&(sibling.clone(), vec![aeg(5)])));
	assert!(!ReserveTransfers::contains(&(Location::parent(), vec![aeg(5)])));
	assert!(!ReserveTransfers::contains(&(Location::parent(), vec![relay_token(5), aeg(5)])));
	let other = Asset::from((Location::new(1, [Parachain(2001), GeneralIndex(1)]), 5u128));
	assert!(!ReserveTransfers::contains(&(sibling, vec![other])));
}

/// The AEG amount of a delivery price.
fn aeg_price(price: Assets) -> u128 {
	match price.inner().as_slice() {
		[Asset { id, fun: Fungible(amount) }] if id.0 == Location::here() => *amount,
		other => panic!("a price in AEG, not {other:?}"),
	}
}

#[test]
fn delivery_is_priced_by_size_and_grows_with_congestion() {
	use crate::configs::xcm::{BaseDeliveryFee, PriceForParentDelivery, PriceForSiblingDelivery};
	use polkadot_runtime_common::xcm_sender::PriceForMessageDelivery;
	use sp_runtime::FixedU128;

	development().execute_with(|| {
		let short = Xcm::<()>(vec![ClearOrigin]);
		let long = Xcm::<()>(vec![ClearOrigin; 100]);
		for price in [
			|message: &Xcm<()>| aeg_price(PriceForParentDelivery::price_for_delivery((), message)),
			|message: &Xcm<()>| {
				aeg_price(PriceForSiblingDelivery::price_for_delivery(2001.into(), message))
			},
		] {
			let short_price = price(&short);
			assert!(short_price > BaseDeliveryFee::get(), "base plus bytes: {short_price}");
			assert!(price(&long) > short_price, "every byte is paid for");
		}
		// A congested upward queue multiplies the price (the factor rises by 5 % per message
		// while the queue is over its threshold, and decays back).
		let calm = aeg_price(PriceForParentDelivery::price_for_delivery((), &short));
		cumulus_pallet_parachain_system::UpwardDeliveryFeeFactor::<Runtime>::put(
			FixedU128::from_u32(4),
		);
		assert_eq!(aeg_price(PriceForParentDelivery::price_for_delivery((), &short)), 4 * calm);
	});
}

/// An account sending to the relay chain pays the delivery fee in AEG, on top of the
/// transaction fee, and the delivery fee is burnt.
#[test]
fn the_sender_pays_for_delivery_and_the_fee_is_burnt() {
	use crate::configs::xcm::BaseDeliveryFee;
	use frame_support::traits::fungible::Inspect;

	development().execute_with(|| {
		let parent = build_block(&genesis_header(), 10, FIRST_SLOT, vec![]);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let bob_before = Balances::balance(&bob);
		let issuance_before = Balances::total_issuance();
		let send = RuntimeCall::PolkadotXcm(pallet_xcm::Call::send {
			dest: Box::new(xcm::VersionedLocation::from(Location::parent())),
			message: Box::new(xcm::VersionedXcm::from(Xcm::<()>(vec![ClearOrigin]))),
		});
		build_block(&parent, 11, FIRST_SLOT + 1, vec![signed(send, Sr25519Keyring::Bob, 0)]);

		let events: Vec<RuntimeEvent> =
			System::events().into_iter().map(|record| record.event).collect();
		let delivery = events
			.iter()
			.find_map(|event| match event {
				RuntimeEvent::PolkadotXcm(pallet_xcm::Event::FeesPaid { fees, .. }) => {
					Some(aeg_price(fees.clone()))
				},
				_ => None,
			})
			.expect("the delivery fee was charged");
		let transaction_fee = events
			.iter()
			.find_map(|event| match event {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid {
						actual_fee, tip, ..
					},
				) => Some(actual_fee + tip),
				_ => None,
			})
			.expect("the transaction fee was paid");
		assert!(delivery > BaseDeliveryFee::get(), "{delivery}");
		assert_eq!(Balances::balance(&bob), bob_before - transaction_fee - delivery);
		// The author keeps a fifth of the transaction fee, rounded down (the fee is rationed
		// 20:80); the rest of it and all of the delivery fee are gone from the issuance.
		let author_share =
			aegis_runtime_common::monetary::AUTHOR_FEE_SHARE.mul_floor(transaction_fee);
		assert_eq!(
			Balances::total_issuance(),
			issuance_before - delivery - (transaction_fee - author_share)
		);
	});
}

#[test]
fn version_subscriptions_come_only_from_the_relay_chain_and_sibling_chains() {
	use crate::configs::xcm::Barrier;
	use xcm_executor::traits::{Properties, ShouldExecute};

	let subscribe = || {
		Xcm::<RuntimeCall>(vec![SubscribeVersion {
			query_id: 0,
			max_response_weight: Weight::zero(),
		}])
	};
	let verdict = |origin: Location| {
		let mut message = subscribe();
		Barrier::should_execute(
			&origin,
			message.inner_mut(),
			Weight::from_parts(1_000_000, 1_000),
			&mut Properties { weight_credit: Weight::zero(), message_id: None },
		)
	};
	assert!(verdict(Location::parent()).is_ok());
	assert!(verdict(Location::new(1, [Parachain(2001)])).is_ok());
	let bob = Sr25519Keyring::Bob.to_account_id();
	for origin in [
		Location::new(1, [Parachain(2001), AccountId32 { network: None, id: bob.clone().into() }]),
		Location::new(1, [AccountId32 { network: None, id: bob.into() }]),
		Location::new(2, [GlobalConsensus(NetworkId::Kusama)]),
	] {
		assert!(verdict(origin.clone()).is_err(), "{origin:?} may not subscribe");
	}
}

#[test]
fn pallet_xcm_calls_are_charged_proof_size() {
	use pallet_xcm::WeightInfo;
	type Weights = <Runtime as pallet_xcm::Config>::WeightInfo;
	for (call, weight) in [
		("send", Weights::send()),
		("transfer_assets", Weights::transfer_assets()),
		("reserve_transfer_assets", Weights::reserve_transfer_assets()),
		("force_subscribe_version_notify", Weights::force_subscribe_version_notify()),
		("claim_assets(4)", Weights::claim_assets(4)),
	] {
		assert!(weight.proof_size() >= 4 * 1024, "{call}: {weight:?}");
		assert!(
			weight.ref_time() >= pallet_xcm::TestWeightInfo::send().ref_time(),
			"{call}: {weight:?}"
		);
	}
}

#[test]
fn only_the_development_preset_has_a_sudo_key() {
	development().execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
	});
	preset_externalities(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		let collators = pallet_collator_selection::Invulnerables::<Runtime>::get();
		assert_eq!(collators.len(), 2, "Alice and Bob collate");
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(ParachainInfo::parachain_id(), DEFAULT_PARA_ID.into());
	});
}

#[test]
fn governance_periods_are_wall_clock_time_in_six_second_blocks() {
	use crate::configs::governance::{tracks, FAST_RUNTIME};
	use aegis_runtime_common::time::BlockTimes;
	let times = BlockTimes::of_block_time(SLOT_DURATION);
	assert_eq!(times.day, 14_400);
	let root = &tracks::tracks(false, times)[0];
	assert_eq!(root.info.decision_period, 14 * times.day, "a fortnight, as on the sovereign chain");
	let expected = tracks::tracks(FAST_RUNTIME, times);
	let actual: Vec<_> =
		<crate::configs::governance::TracksInfo as pallet_referenda::TracksInfo<_, _>>::tracks()
			.map(|track| track.into_owned())
			.collect();
	assert_eq!(actual.len(), expected.len());
	for (actual, expected) in actual.iter().zip(expected.iter()) {
		assert_eq!(actual.info.decision_period, expected.info.decision_period);
	}
}
