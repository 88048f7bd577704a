//! Updates without evidence: versions, fees and deposits, what is refused, and the history's
//! invariants under any sequence of updates.

use super::*;

#[test]
fn an_update_appends_a_version_pays_its_fee_and_holds_its_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let first = content(1, 3);
		let issuance = Balances::total_issuance();
		let free = Balances::free_balance(ALICE);
		Timestamp::set_timestamp(1_700_000_012_000);
		assert_ok!(update(ALICE, model, first.declaration.clone()));
		assert_eq!(
			last_event(),
			Event::ModelUpdated {
				model,
				version: 1,
				content_hash: first.declaration.content_hash,
				merkle_root: first.declaration.merkle_root,
			}
		);
		// Fee: base 50 + 3 shards × 2 + 1 started MiB × 10 = 66, burned in the mock.
		assert_eq!(ModelRegistry::update_fee(&first.declaration), 66);
		assert_eq!(Balances::total_issuance(), issuance - 66);
		assert_eq!(Balances::free_balance(ALICE), free - 66 - ModelRegistry::version_deposit());
		assert_eq!(
			held(ALICE, HoldReason::Model),
			ModelRegistry::model_deposit() + ModelRegistry::version_deposit()
		);

		let version = Versions::<Test>::get(model, 1).unwrap();
		assert_eq!((version.number, version.parent, version.submitter), (1, None, ALICE));
		assert_eq!(version.declaration, first.declaration);
		assert_eq!((version.block, version.timestamp_ms), (1, 1_700_000_012_000));

		let second = content(2, 4);
		assert_ok!(update(ALICE, model, second.declaration.clone()));
		let version = Versions::<Test>::get(model, 2).unwrap();
		assert_eq!(version.parent, Some(1));
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!((record.current_version, record.nonce), (Some(2), 2));
		// History is kept: version 1 is untouched.
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().declaration, first.declaration);
	});
}

#[test]
fn the_fee_grows_with_the_declared_data_and_governance_sets_it() {
	build_and_execute(|| {
		let declaration = |shard_count, byte_size| VersionDeclaration {
			content_hash: [0; 64],
			merkle_root: [0; 64],
			shard_count,
			byte_size,
		};
		assert_eq!(ModelRegistry::update_fee(&declaration(1, 0)), 50 + 2);
		assert_eq!(ModelRegistry::update_fee(&declaration(1, 1)), 50 + 2 + 10);
		assert_eq!(ModelRegistry::update_fee(&declaration(10, 3 << 20)), 50 + 20 + 30);
		assert_eq!(ModelRegistry::update_fee(&declaration(10, (3 << 20) + 1)), 50 + 20 + 40);

		let fees = UpdateFeeSchedule { base: 1, per_shard: 0, per_mebibyte: 1_000 };
		assert_noop!(
			ModelRegistry::set_update_fees(RuntimeOrigin::signed(ALICE), fees.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(ModelRegistry::set_update_fees(RuntimeOrigin::root(), fees.clone()));
		assert_eq!(last_event(), Event::UpdateFeesSet { fees: fees.clone() });
		assert_eq!(UpdateFees::<Test>::get(), fees);
		assert_eq!(ModelRegistry::update_fee(&declaration(10, 3 << 20)), 3_001);
	});
}

#[test]
fn an_update_the_owner_cannot_pay_for_changes_nothing() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(ModelRegistry::set_update_fees(
			RuntimeOrigin::root(),
			UpdateFeeSchedule { base: ENDOWMENT, per_shard: 0, per_mebibyte: 0 }
		));
		assert_noop!(update(ALICE, model, content(1, 1).declaration), TokenError::FundsUnavailable);
	});
}

#[test]
fn only_the_owner_updates_an_active_model_with_new_content() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let first = content(1, 2);
		assert_noop!(update(BOB, model, first.declaration.clone()), Error::<Test>::NotModelOwner);
		assert_noop!(
			update(ALICE, model + 1, first.declaration.clone()),
			Error::<Test>::ModelNotFound
		);
		let mut empty = first.declaration.clone();
		empty.shard_count = 0;
		assert_noop!(update(ALICE, model, empty), Error::<Test>::NoShards);
		// The declared size must fit the declared shards (1 byte to 256 MiB each), so the
		// size-priced part of the fee cannot be declared away.
		for byte_size in [0, 1, (2 << 28) + 1] {
			let understated = VersionDeclaration { byte_size, ..first.declaration.clone() };
			assert_noop!(update(ALICE, model, understated), Error::<Test>::ImpossibleDeclaredSize);
		}

		assert_ok!(update(ALICE, model, first.declaration.clone()));
		// The same content again, even under another root, is no new version.
		let mut same_content = content(2, 2).declaration;
		same_content.content_hash = first.declaration.content_hash;
		assert_noop!(update(ALICE, model, same_content), Error::<Test>::DuplicateContentHash);
		// Another model may hold the same content.
		let other = register(BOB, open_policy());
		assert_ok!(update(BOB, other, first.declaration.clone()));

		// The owner's stake is checked on every update.
		TestStakes::set(ALICE, MINIMUM_STAKE - 1);
		assert_noop!(
			update(ALICE, model, content(3, 2).declaration),
			Error::<Test>::InsufficientStake
		);
	});
}

#[test]
fn unrequested_evidence_is_refused() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let (key, secret) = registered_key(ALICE, 1);
		let declaration = content(1, 1).declaration;
		let evidence = crate::UpdateEvidence {
			signatures: signatures(vec![(key, signature(&secret, &[0; 8]))]),
			zk_proof: None,
		};
		assert_noop!(
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				declaration,
				Box::new(evidence)
			),
			Error::<Test>::UnexpectedEvidence
		);
	});
}

proptest::proptest! {
	#![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

	/// Whatever sequence of updates, duplicates and failures is tried, versions stay
	/// 1..=n in order, each recorded once, and deposits equal what is held.
	#[test]
	fn versions_are_append_only_and_deposits_match(seeds in proptest::collection::vec(0u8..6, 1..12)) {
		new_test_ext().execute_with(|| {
			let model = register(ALICE, open_policy());
			let mut published: Vec<(VersionNumber, Sha3_512Hash)> = Vec::new();
			for seed in seeds {
				let declaration = content(seed, 1 + u32::from(seed)).declaration;
				let duplicate = published.iter().any(|(_, hash)| *hash == declaration.content_hash);
				let result = update(ALICE, model, declaration.clone());
				proptest::prop_assert_eq!(result.is_ok(), !duplicate);
				if result.is_ok() {
					published.push((published.len() as u32 + 1, declaration.content_hash));
				}
				for (number, hash) in &published {
					let version = Versions::<Test>::get(model, number).unwrap();
					proptest::prop_assert_eq!(&version.declaration.content_hash, hash);
				}
			}
			let record = Models::<Test>::get(model).unwrap();
			proptest::prop_assert_eq!(record.current_version.unwrap_or(0) as usize, published.len());
			proptest::prop_assert_eq!(
				held(ALICE, HoldReason::Model),
				ModelRegistry::model_deposit() + ModelRegistry::version_deposit() * published.len() as u64
			);
			proptest::prop_assert!(ModelRegistry::do_try_state().is_ok());
			Ok(())
		})?;
	}
}
