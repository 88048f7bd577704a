//! Proposals by contributors, accepted or rejected by the owner, and governance's revocations
//! of versions and models.

use super::*;

#[test]
fn an_accepted_proposal_becomes_a_version_submitted_by_the_contributor() {
	build_and_execute(|| {
		let model = contributor_model(ALICE, vec![BOB]);
		let proposed = content(1, 3);
		assert_ok!(propose(BOB, model, proposed.declaration.clone()));
		assert_eq!(last_event(), Event::UpdateProposed { model, proposal: 0, proposer: BOB });
		assert_eq!(
			held(BOB, HoldReason::Proposal),
			ModelRegistry::deposit_for(
				<crate::ProposalOf<Test> as codec::MaxEncodedLen>::max_encoded_len()
			)
		);

		assert_noop!(
			ModelRegistry::accept_proposal(RuntimeOrigin::signed(BOB), model, 0, no_signatures()),
			Error::<Test>::NotModelOwner
		);
		let alice_free = Balances::free_balance(ALICE);
		assert_ok!(ModelRegistry::accept_proposal(
			RuntimeOrigin::signed(ALICE),
			model,
			0,
			no_signatures()
		));
		assert_eq!(last_event(), Event::ProposalAccepted { model, proposal: 0, version: 1 });
		let version = Versions::<Test>::get(model, 1).unwrap();
		assert_eq!((version.submitter, version.evidence.proposal), (BOB, Some(0)));
		// The owner paid the fee and the version's deposit; Bob's deposit came back.
		assert_eq!(
			Balances::free_balance(ALICE),
			alice_free
				- ModelRegistry::update_fee(&proposed.declaration)
				- ModelRegistry::version_deposit()
		);
		assert_eq!(held(BOB, HoldReason::Proposal), 0);
		assert!(Proposals::<Test>::get(model, 0).is_none());
		assert_eq!(Models::<Test>::get(model).unwrap().pending_proposals, 0);
		// The incentives hear that Alice paid for a version Bob made.
		assert_eq!(RecordAccepted::reported(), vec![(model, 1, ALICE, BOB)]);
	});
}

#[test]
fn accepted_versions_are_reported_and_refused_ones_are_not() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(update(ALICE, model, content(1, 1).declaration));
		assert_noop!(
			update(ALICE, model, content(1, 1).declaration),
			Error::<Test>::DuplicateContentHash
		);
		assert_ok!(update(ALICE, model, content(2, 1).declaration));
		assert_eq!(
			RecordAccepted::reported(),
			vec![(model, 1, ALICE, ALICE), (model, 2, ALICE, ALICE)]
		);
	});
}

#[test]
fn revocations_are_charged_what_the_incentives_do_when_told() {
	use crate::WeightInfo;
	use aegis_primitives::incentives::OnVersionRevoked;
	use frame_support::dispatch::GetDispatchInfo;
	let version = crate::Call::<Test>::revoke_version { model: 0, version: 1 };
	assert_eq!(
		version.get_dispatch_info().call_weight,
		<Test as crate::Config>::WeightInfo::revoke_version() + RecordRevoked::version_weight()
	);
	let model = crate::Call::<Test>::revoke_model { model: 0, authorisation: no_signatures() };
	assert_eq!(
		model.get_dispatch_info().call_weight,
		<Test as crate::Config>::WeightInfo::revoke_model()
			+ ModelRegistry::authorisation_weight(&[])
			+ RecordRevoked::model_weight()
	);
	assert!(
		RecordRevoked::version_weight().ref_time() > 0
			&& RecordRevoked::model_weight().ref_time() > 0
	);
}

#[test]
fn governance_revokes_single_versions() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(update(ALICE, model, content(1, 1).declaration));
		assert_ok!(update(ALICE, model, content(2, 1).declaration));
		// Not the owner: an owner could take a contributor's reward with the version.
		assert_noop!(
			ModelRegistry::revoke_version(RuntimeOrigin::signed(ALICE), model, 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ModelRegistry::revoke_version(RuntimeOrigin::root(), model, 3),
			Error::<Test>::VersionNotFound
		);
		assert_noop!(
			ModelRegistry::revoke_version(RuntimeOrigin::root(), model + 1, 1),
			Error::<Test>::VersionNotFound
		);
		System::set_block_number(7);
		assert!(RecordRevoked::reported().is_empty());
		assert_ok!(ModelRegistry::revoke_version(RuntimeOrigin::root(), model, 1));
		assert_eq!(last_event(), Event::VersionRevoked { model, version: 1 });
		assert_eq!(RevokedVersions::<Test>::get(model, 1), Some(7));
		// The incentives are told once, and the failed attempts above told them nothing.
		assert_eq!(RecordRevoked::reported(), vec![(model, Some(1))]);
		assert!(ModelRegistry::is_revoked(model, 1));
		assert!(!ModelRegistry::is_revoked(model, 2));
		assert_noop!(
			ModelRegistry::revoke_version(RuntimeOrigin::root(), model, 1),
			Error::<Test>::VersionAlreadyRevoked
		);
		assert_eq!(RecordRevoked::reported(), vec![(model, Some(1))]);
		// The history is kept and the model still takes updates.
		assert!(Versions::<Test>::get(model, 1).is_some());
		assert_ok!(update(ALICE, model, content(3, 1).declaration));
	});
}

#[test]
fn a_model_governance_revokes_takes_every_version_with_it_and_an_owners_revocation_does_not() {
	build_and_execute(|| {
		let by_governance = register(ALICE, open_policy());
		let by_owner = register(ALICE, open_policy());
		for model in [by_governance, by_owner] {
			assert_ok!(update(ALICE, model, content(1, 1).declaration));
			assert_ok!(update(ALICE, model, content(2, 1).declaration));
		}
		System::set_block_number(9);
		assert_ok!(ModelRegistry::revoke_model(
			RuntimeOrigin::root(),
			by_governance,
			no_signatures()
		));
		assert_eq!(crate::ModelsRevokedByGovernance::<Test>::get(by_governance), Some(9));
		assert!(ModelRegistry::is_revoked(by_governance, 1));
		assert!(ModelRegistry::is_revoked(by_governance, 2));
		assert_eq!(RecordRevoked::reported(), vec![(by_governance, None)]);
		// The owner's own revocation keeps the versions' rewards: it must not take a
		// contributor's.
		assert_ok!(ModelRegistry::revoke_model(
			RuntimeOrigin::signed(ALICE),
			by_owner,
			no_signatures()
		));
		assert!(crate::ModelsRevokedByGovernance::<Test>::get(by_owner).is_none());
		assert!(!ModelRegistry::is_revoked(by_owner, 1));
		assert_eq!(RecordRevoked::reported(), vec![(by_governance, None)]);
		// Governance can still revoke it: an owner must not keep a malicious model's rewards
		// by revoking it first. Once.
		System::set_block_number(10);
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), by_owner, no_signatures()));
		assert_eq!(crate::ModelsRevokedByGovernance::<Test>::get(by_owner), Some(10));
		assert!(ModelRegistry::is_revoked(by_owner, 1));
		assert_eq!(RecordRevoked::reported(), vec![(by_governance, None), (by_owner, None)]);
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::root(), by_owner, no_signatures()),
			Error::<Test>::ModelAlreadyRevoked
		);
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::root(), by_governance, no_signatures()),
			Error::<Test>::ModelAlreadyRevoked
		);
	});
}

#[test]
fn the_v2_migration_tells_the_incentives_of_every_earlier_revocation_once() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let revoked_model = register(ALICE, open_policy());
		for model in [model, revoked_model] {
			assert_ok!(update(ALICE, model, content(1, 1).declaration));
		}
		assert_ok!(ModelRegistry::revoke_version(RuntimeOrigin::root(), model, 1));
		assert_ok!(ModelRegistry::revoke_model(
			RuntimeOrigin::root(),
			revoked_model,
			no_signatures()
		));
		// What a chain before version 2 holds: revocations nobody was told of.
		RevokedReports::take();
		StorageVersion::new(1).put::<ModelRegistry>();

		crate::migrations::v2::PushRevocations::<Test>::on_runtime_upgrade();
		assert_eq!(RecordRevoked::reported(), vec![(revoked_model, None), (model, Some(1))]);
		assert_eq!(ModelRegistry::on_chain_storage_version(), 2);
		crate::migrations::v2::PushRevocations::<Test>::on_runtime_upgrade();
		assert_eq!(RecordRevoked::reported().len(), 2);
	});
}

#[test]
fn a_signed_policy_needs_the_owners_signature_to_accept_a_proposal() {
	build_and_execute(|| {
		let (key, secret) = registered_key(ALICE, 1);
		let model = register(
			ALICE,
			crate::UpdatePolicy {
				signing: one_key(key),
				contributors: BoundedVec::try_from(vec![BOB]).unwrap(),
				..open_policy()
			},
		);
		let proposed = content(1, 3);
		assert_ok!(propose(BOB, model, proposed.declaration.clone()));
		assert_noop!(
			ModelRegistry::accept_proposal(RuntimeOrigin::signed(ALICE), model, 0, no_signatures()),
			Error::<Test>::MissingSignature
		);
		let signed = signature(&secret, &payload(model, &proposed.declaration).encode());
		assert_ok!(ModelRegistry::accept_proposal(
			RuntimeOrigin::signed(ALICE),
			model,
			0,
			signatures(vec![(key, signed)])
		));
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.signed_by.to_vec(), vec![key]);
	});
}

#[test]
fn proposals_are_limited_to_contributors_active_models_and_a_bounded_queue() {
	build_and_execute(|| {
		let model = contributor_model(ALICE, vec![BOB, DAVE]);
		assert_noop!(
			propose(CAROL, model, content(1, 1).declaration),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			propose(DAVE, model, content(1, 1).declaration),
			Error::<Test>::InsufficientStake
		);
		assert_noop!(
			propose(BOB, model + 1, content(1, 1).declaration),
			Error::<Test>::ModelNotFound
		);
		assert_ok!(propose(BOB, model, content(1, 1).declaration));
		assert_ok!(propose(BOB, model, content(2, 1).declaration));
		assert_noop!(
			propose(BOB, model, content(3, 1).declaration),
			Error::<Test>::TooManyProposals
		);

		// Rejection by the owner and withdrawal by the proposer free the queue; others may not.
		assert_noop!(
			ModelRegistry::reject_proposal(RuntimeOrigin::signed(CAROL), model, 0),
			Error::<Test>::NotProposalParty
		);
		assert_ok!(ModelRegistry::reject_proposal(RuntimeOrigin::signed(ALICE), model, 0));
		assert_eq!(last_event(), Event::ProposalRejected { model, proposal: 0 });
		assert_ok!(ModelRegistry::reject_proposal(RuntimeOrigin::signed(BOB), model, 1));
		assert_eq!(held(BOB, HoldReason::Proposal), 0);
		assert_noop!(
			ModelRegistry::reject_proposal(RuntimeOrigin::signed(ALICE), model, 1),
			Error::<Test>::ProposalNotFound
		);
		assert_ok!(propose(BOB, model, content(3, 1).declaration));

		assert_ok!(ModelRegistry::deprecate_model(
			RuntimeOrigin::signed(ALICE),
			model,
			no_signatures()
		));
		assert_noop!(propose(BOB, model, content(4, 1).declaration), Error::<Test>::ModelNotActive);
	});
}
