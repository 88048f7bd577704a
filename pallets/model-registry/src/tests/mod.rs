//! Tests of the model registry on the mock runtime, with the real proof verifier.

mod owner_actions;

use crate::{
	mock::*, Error, Event, HoldReason, MinimumStake, ModelId, ModelMetadataOf, ModelStatus,
	ModelUpdatePayload, Models, Proposals, RevokedVersions, ShardCheckError, StakeGate,
	UpdateEvidenceOf, UpdateFeeSchedule, UpdateFees, UpdatePolicyOf, VersionDeclaration,
	VersionNumber, Versions, ZkEvidenceOf, STAKE_TOO_LOW,
};
use aegis_integrity::{
	merkle::{hash_leaf, merkle_proof, merkle_root},
	pq::{
		purpose,
		signing::{keypair_from_seed, sign, MlDsaSecretKey},
		MlDsaSignature,
	},
	update::update_commitment,
	Sha3_512Hash,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::DispatchInfo,
	traits::{fungible::InspectHold, Currency},
	BoundedVec,
};
use pallet_proof_verifier::groth16::simulated;
use sp_runtime::{
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError, TokenError,
};

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::ModelRegistry(event) => Some(event),
			_ => None,
		})
		.expect("the registry emitted an event")
}

fn metadata() -> Box<ModelMetadataOf<Test>> {
	Box::new(crate::ModelMetadata {
		name: BoundedVec::try_from(b"sentiment-classifier".to_vec()).unwrap(),
		framework: BoundedVec::try_from(b"onnx".to_vec()).unwrap(),
		uri: BoundedVec::try_from(
			b"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
		)
		.unwrap(),
	})
}

fn open_policy() -> UpdatePolicyOf<Test> {
	crate::UpdatePolicy {
		signing_key: None,
		zk_verifying_key: None,
		contributors: BoundedVec::default(),
	}
}

fn register(owner: u64, policy: UpdatePolicyOf<Test>) -> ModelId {
	let model = crate::NextModelId::<Test>::get();
	assert_ok!(ModelRegistry::register_model(
		RuntimeOrigin::signed(owner),
		metadata(),
		Box::new(policy)
	));
	model
}

/// A model's content as shards, its hash and its Merkle tree.
struct Content {
	shards: Vec<Vec<u8>>,
	declaration: VersionDeclaration,
}

fn content(seed: u8, shard_count: u32) -> Content {
	let shards: Vec<Vec<u8>> = (0..shard_count).map(|i| vec![seed, i as u8, 0xEE]).collect();
	let leaves: Vec<Sha3_512Hash> = shards.iter().map(|shard| hash_leaf(shard)).collect();
	let whole: Vec<u8> = shards.concat();
	Content {
		declaration: VersionDeclaration {
			content_hash: aegis_integrity::sha3_512(&whole),
			merkle_root: merkle_root(&leaves).unwrap(),
			shard_count,
			byte_size: whole.len() as u64,
		},
		shards,
	}
}

fn no_evidence() -> Box<UpdateEvidenceOf<Test>> {
	Box::new(crate::UpdateEvidence { signature: None, zk_proof: None })
}

fn update(
	owner: u64,
	model: ModelId,
	declaration: VersionDeclaration,
) -> sp_runtime::DispatchResult {
	ModelRegistry::update_model(RuntimeOrigin::signed(owner), model, declaration, no_evidence())
}

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

// ----- Registration --------------------------------------------------------------------------

#[test]
fn registering_a_model_holds_its_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_eq!(last_event(), Event::ModelRegistered { model, owner: ALICE });
		let record = Models::<Test>::get(model).unwrap();
		assert_eq!(
			(record.owner, record.status, record.current_version, record.nonce),
			(ALICE, ModelStatus::Active, None, 0)
		);
		assert_eq!(record.metadata, *metadata());
		assert_eq!(held(ALICE, HoldReason::Model), ModelRegistry::model_deposit());
		assert_eq!(register(ALICE, open_policy()), model + 1);
	});
}

#[test]
fn registration_needs_a_stake_and_a_usable_policy() {
	build_and_execute(|| {
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(DAVE),
				metadata(),
				Box::new(open_policy())
			),
			Error::<Test>::InsufficientStake
		);
		let (alice_key, _) = registered_key(ALICE, 1);
		let (bob_key, _) = registered_key(BOB, 2);
		let mut policy = open_policy();
		policy.signing_key = Some(bob_key);
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::SigningKeyNotOwned
		);
		policy.signing_key = Some(alice_key + 7);
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::SigningKeyNotOwned
		);
		policy.signing_key = Some(alice_key);
		policy.zk_verifying_key = Some(3);
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::UnusableVerifyingKey
		);
		// A key without public inputs cannot take the update commitment.
		policy.zk_verifying_key = Some(registered_verifying_key(BOB, 0));
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::UnusableVerifyingKey
		);
		policy.zk_verifying_key = None;
		policy.contributors = BoundedVec::try_from(vec![BOB, CAROL, BOB]).unwrap();
		assert_noop!(
			ModelRegistry::register_model(
				RuntimeOrigin::signed(ALICE),
				metadata(),
				Box::new(policy.clone())
			),
			Error::<Test>::DuplicateContributor
		);
		policy.contributors = BoundedVec::try_from(vec![BOB, CAROL]).unwrap();
		register(ALICE, policy);
	});
}

// ----- Updates -------------------------------------------------------------------------------

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
		let (_, secret) = registered_key(ALICE, 1);
		let declaration = content(1, 1).declaration;
		let evidence =
			crate::UpdateEvidence { signature: Some(signature(&secret, &[0; 8])), zk_proof: None };
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

// ----- Signed updates ------------------------------------------------------------------------

fn registered_key(owner: u64, seed: u8) -> (u32, MlDsaSecretKey) {
	let (public, secret) = keypair_from_seed(&[seed; 32]);
	let key = pallet_proof_verifier::NextMlDsaKeyId::<Test>::get();
	let possession =
		sign(&secret, &GENESIS_HASH, purpose::KEY_POSSESSION, &owner.encode(), &[0; 32]).unwrap();
	assert_ok!(ProofVerifier::register_ml_dsa_key(
		RuntimeOrigin::signed(owner),
		Box::new(public),
		Box::new(possession)
	));
	(key, secret)
}

fn signature(secret: &MlDsaSecretKey, payload: &[u8]) -> MlDsaSignature {
	sign(secret, &GENESIS_HASH, purpose::MODEL_UPDATE, payload, &[0; 32]).unwrap()
}

fn signed_update(
	secret: &MlDsaSecretKey,
	payload: &ModelUpdatePayload,
) -> Box<UpdateEvidenceOf<Test>> {
	Box::new(crate::UpdateEvidence {
		signature: Some(signature(secret, &payload.encode())),
		zk_proof: None,
	})
}

fn payload(model: ModelId, declaration: &VersionDeclaration) -> ModelUpdatePayload {
	let record = Models::<Test>::get(model).unwrap();
	ModelRegistry::update_payload(model, &record, declaration).unwrap()
}

fn signed_model(owner: u64, seed: u8) -> (ModelId, u32, MlDsaSecretKey) {
	let (key, secret) = registered_key(owner, seed);
	let model = register(owner, crate::UpdatePolicy { signing_key: Some(key), ..open_policy() });
	(model, key, secret)
}

#[test]
fn a_signed_update_is_accepted_and_recorded_with_its_key() {
	build_and_execute(|| {
		let (model, key, secret) = signed_model(ALICE, 1);
		let first = content(1, 5);
		let signed = payload(model, &first.declaration);
		assert_eq!((signed.version, signed.parent, signed.nonce), (1, None, 0));
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			first.declaration.clone(),
			signed_update(&secret, &signed),
		));
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.signed_by, Some(key));

		let second = content(2, 5);
		let signed = payload(model, &second.declaration);
		assert_eq!((signed.version, signed.parent, signed.nonce), (2, Some(1), 1));
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			second.declaration,
			signed_update(&secret, &signed),
		));
	});
}

#[test]
fn a_tampered_replayed_or_foreign_signature_changes_nothing() {
	build_and_execute(|| {
		let (model, _, secret) = signed_model(ALICE, 1);
		let first = content(1, 5);
		let signed = payload(model, &first.declaration);
		let update_with = |declaration: &VersionDeclaration, evidence| {
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				declaration.clone(),
				evidence,
			)
		};

		assert_noop!(
			update_with(&first.declaration, no_evidence()),
			Error::<Test>::MissingSignature
		);
		// The hash was altered after signing.
		let mut altered = first.declaration.clone();
		altered.content_hash[0] ^= 1;
		assert_noop!(
			update_with(&altered, signed_update(&secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Signed with a key not named by the policy (even one of Alice's).
		let (_, other_secret) = registered_key(ALICE, 2);
		assert_noop!(
			update_with(&first.declaration, signed_update(&other_secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// Signed for another chain.
		let foreign =
			sign(&secret, &[1; 32], purpose::MODEL_UPDATE, &signed.encode(), &[0; 32]).unwrap();
		let foreign = Box::new(crate::UpdateEvidence { signature: Some(foreign), zk_proof: None });
		assert_noop!(
			update_with(&first.declaration, foreign),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);

		// Accepted once; the same signature cannot publish anything again.
		assert_ok!(update_with(&first.declaration, signed_update(&secret, &signed)));
		let second = content(2, 5);
		assert_noop!(
			update_with(&second.declaration, signed_update(&secret, &signed)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		// A signature over the right fields but an old nonce is a replay too.
		let stale = ModelUpdatePayload { nonce: 0, ..payload(model, &second.declaration) };
		assert_noop!(
			update_with(&second.declaration, signed_update(&secret, &stale)),
			pallet_proof_verifier::Error::<Test>::BadSignature
		);
		assert_ok!(update_with(
			&second.declaration,
			signed_update(&secret, &payload(model, &second.declaration))
		));
	});
}

// ----- Zero-knowledge evidence ---------------------------------------------------------------

fn registered_verifying_key(owner: u64, inputs: u32) -> u32 {
	let (key, _, _) = simulated::circuit::<ConstU32Eight>(inputs, 1).unwrap();
	let id = pallet_proof_verifier::NextVerifyingKeyId::<Test>::get();
	assert_ok!(ProofVerifier::register_verifying_key(RuntimeOrigin::signed(owner), Box::new(key)));
	id
}

type ConstU32Eight = frame_support::traits::ConstU32<8>;

/// A verification key and a proof whose first public input is `commitment`: the simulator
/// proves any inputs, so the first is set and the proof made for it.
fn zk_model(owner: u64, commitment: [u8; 32]) -> (ModelId, ZkEvidenceOf<Test>, u32) {
	let (key, proof, inputs) = zk_circuit_with_first_input(commitment);
	let id = pallet_proof_verifier::NextVerifyingKeyId::<Test>::get();
	assert_ok!(ProofVerifier::register_verifying_key(RuntimeOrigin::signed(owner), Box::new(key)));
	let model =
		register(owner, crate::UpdatePolicy { zk_verifying_key: Some(id), ..open_policy() });
	(model, crate::ZkEvidence { proof, public_inputs: BoundedVec::try_from(inputs).unwrap() }, id)
}

/// The simulator's circuit for 2 inputs, with the proof remade for `first` as input 0.
fn zk_circuit_with_first_input(
	first: [u8; 32],
) -> (
	pallet_proof_verifier::Groth16VerifyingKey<ConstU32Eight>,
	aegis_integrity::groth16::Groth16Proof,
	Vec<[u8; 32]>,
) {
	simulated::circuit_for_inputs::<ConstU32Eight>(&[first, [0; 32]], 11).unwrap()
}

#[test]
fn a_zk_proof_bound_to_the_version_is_accepted() {
	build_and_execute(|| {
		let first = content(1, 2);
		let commitment =
			update_commitment(&first.declaration.content_hash, &first.declaration.merkle_root);
		let (model, zk, key) = zk_model(ALICE, commitment);
		let evidence = crate::UpdateEvidence { signature: None, zk_proof: Some(zk) };
		assert_ok!(ModelRegistry::update_model(
			RuntimeOrigin::signed(ALICE),
			model,
			first.declaration,
			Box::new(evidence)
		));
		assert_eq!(Versions::<Test>::get(model, 1).unwrap().evidence.zk_verifying_key, Some(key));
	});
}

#[test]
fn a_zk_proof_for_another_version_or_invalid_is_refused() {
	build_and_execute(|| {
		let first = content(1, 2);
		let commitment =
			update_commitment(&first.declaration.content_hash, &first.declaration.merkle_root);
		let (model, zk, _) = zk_model(ALICE, commitment);
		let update_with = |declaration: VersionDeclaration, zk_proof| {
			ModelRegistry::update_model(
				RuntimeOrigin::signed(ALICE),
				model,
				declaration,
				Box::new(crate::UpdateEvidence { signature: None, zk_proof }),
			)
		};
		assert_noop!(update_with(first.declaration.clone(), None), Error::<Test>::MissingZkProof);
		// The proof is about version 1's hashes, not these.
		assert_noop!(
			update_with(content(2, 2).declaration, Some(zk.clone())),
			Error::<Test>::ZkProofNotBoundToVersion
		);
		// Bound, but the proof does not hold for the other input.
		let mut forged = zk.clone();
		forged.public_inputs[1] = [
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
			24, 25, 26, 27, 28, 29, 30, 31,
		];
		assert_noop!(
			update_with(first.declaration.clone(), Some(forged)),
			pallet_proof_verifier::Error::<Test>::ProofRejected
		);
		assert_ok!(update_with(first.declaration, Some(zk)));
	});
}

// ----- Proposals -----------------------------------------------------------------------------

fn contributor_model(owner: u64, contributors: Vec<u64>) -> ModelId {
	register(
		owner,
		crate::UpdatePolicy {
			contributors: BoundedVec::try_from(contributors).unwrap(),
			..open_policy()
		},
	)
}

fn propose(
	who: u64,
	model: ModelId,
	declaration: VersionDeclaration,
) -> sp_runtime::DispatchResult {
	ModelRegistry::propose_update(RuntimeOrigin::signed(who), model, declaration, None)
}

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
			ModelRegistry::accept_proposal(RuntimeOrigin::signed(BOB), model, 0, None),
			Error::<Test>::NotModelOwner
		);
		let alice_free = Balances::free_balance(ALICE);
		assert_ok!(ModelRegistry::accept_proposal(RuntimeOrigin::signed(ALICE), model, 0, None));
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
fn governance_revokes_single_versions() {
	use aegis_primitives::incentives::VersionRevocation;
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
		assert_ok!(ModelRegistry::revoke_version(RuntimeOrigin::root(), model, 1));
		assert_eq!(last_event(), Event::VersionRevoked { model, version: 1 });
		assert_eq!(RevokedVersions::<Test>::get(model, 1), Some(7));
		assert!(ModelRegistry::is_revoked(model, 1));
		assert!(!ModelRegistry::is_revoked(model, 2));
		assert_noop!(
			ModelRegistry::revoke_version(RuntimeOrigin::root(), model, 1),
			Error::<Test>::VersionAlreadyRevoked
		);
		// The history is kept and the model still takes updates.
		assert!(Versions::<Test>::get(model, 1).is_some());
		assert_ok!(update(ALICE, model, content(3, 1).declaration));
	});
}

#[test]
fn a_model_governance_revokes_takes_every_version_with_it_and_an_owners_revocation_does_not() {
	use aegis_primitives::incentives::VersionRevocation;
	build_and_execute(|| {
		let by_governance = register(ALICE, open_policy());
		let by_owner = register(ALICE, open_policy());
		for model in [by_governance, by_owner] {
			assert_ok!(update(ALICE, model, content(1, 1).declaration));
			assert_ok!(update(ALICE, model, content(2, 1).declaration));
		}
		System::set_block_number(9);
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), by_governance, None));
		assert_eq!(crate::ModelsRevokedByGovernance::<Test>::get(by_governance), Some(9));
		assert!(ModelRegistry::is_revoked(by_governance, 1));
		assert!(ModelRegistry::is_revoked(by_governance, 2));
		// The owner's own revocation keeps the versions' rewards: it must not take a
		// contributor's.
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), by_owner, None));
		assert!(crate::ModelsRevokedByGovernance::<Test>::get(by_owner).is_none());
		assert!(!ModelRegistry::is_revoked(by_owner, 1));
	});
}

#[test]
fn a_signed_policy_needs_the_owners_signature_to_accept_a_proposal() {
	build_and_execute(|| {
		let (key, secret) = registered_key(ALICE, 1);
		let model = register(
			ALICE,
			crate::UpdatePolicy {
				signing_key: Some(key),
				contributors: BoundedVec::try_from(vec![BOB]).unwrap(),
				..open_policy()
			},
		);
		let proposed = content(1, 3);
		assert_ok!(propose(BOB, model, proposed.declaration.clone()));
		assert_noop!(
			ModelRegistry::accept_proposal(RuntimeOrigin::signed(ALICE), model, 0, None),
			Error::<Test>::MissingSignature
		);
		let signed = signature(&secret, &payload(model, &proposed.declaration).encode());
		assert_ok!(ModelRegistry::accept_proposal(
			RuntimeOrigin::signed(ALICE),
			model,
			0,
			Some(Box::new(signed))
		));
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

		assert_ok!(ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, None));
		assert_noop!(propose(BOB, model, content(4, 1).declaration), Error::<Test>::ModelNotActive);
	});
}

// ----- Ownership and status ------------------------------------------------------------------

#[test]
fn ownership_moves_in_two_steps_with_the_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(update(ALICE, model, content(1, 1).declaration));
		let deposit = Models::<Test>::get(model).unwrap().deposit;
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(BOB), model, BOB, None),
			Error::<Test>::NotModelOwner
		);
		assert_noop!(
			ModelRegistry::transfer_ownership(RuntimeOrigin::signed(ALICE), model, ALICE, None),
			Error::<Test>::AlreadyOwner
		);
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			BOB,
			None
		));
		assert_eq!(last_event(), Event::OwnershipTransferProposed { model, from: ALICE, to: BOB });
		// Until Bob accepts, Alice owns the model.
		assert_noop!(update(BOB, model, content(2, 1).declaration), Error::<Test>::NotModelOwner);
		assert_noop!(
			ModelRegistry::accept_ownership(RuntimeOrigin::signed(CAROL), model),
			Error::<Test>::NoPendingTransfer
		);
		assert_ok!(ModelRegistry::accept_ownership(RuntimeOrigin::signed(BOB), model));
		assert_eq!(last_event(), Event::OwnershipTransferred { model, from: ALICE, to: BOB });
		assert_eq!((held(ALICE, HoldReason::Model), held(BOB, HoldReason::Model)), (0, deposit));
		assert_ok!(update(BOB, model, content(2, 1).declaration));
		assert_noop!(update(ALICE, model, content(3, 1).declaration), Error::<Test>::NotModelOwner);
	});
}

#[test]
fn an_ownership_transfer_needs_a_new_owner_who_can_hold_the_deposit() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let pauper = 77;
		let _ = Balances::deposit_creating(&pauper, 2);
		assert_ok!(ModelRegistry::transfer_ownership(
			RuntimeOrigin::signed(ALICE),
			model,
			pauper,
			None
		));
		assert_noop!(
			ModelRegistry::accept_ownership(RuntimeOrigin::signed(pauper), model),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn deprecation_and_revocation_stop_updates_and_keep_history() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		assert_ok!(update(ALICE, model, content(1, 1).declaration));
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(BOB), model, None),
			Error::<Test>::NotModelOwner
		);
		assert_ok!(ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, None));
		assert_eq!(last_event(), Event::ModelDeprecated { model });
		assert_noop!(
			update(ALICE, model, content(2, 1).declaration),
			Error::<Test>::ModelNotActive
		);
		assert_noop!(
			ModelRegistry::deprecate_model(RuntimeOrigin::signed(ALICE), model, None),
			Error::<Test>::ModelAlreadyDeprecated
		);
		// Governance may revoke any model.
		assert_ok!(ModelRegistry::revoke_model(RuntimeOrigin::root(), model, None));
		assert_eq!(last_event(), Event::ModelRevoked { model });
		assert_noop!(
			ModelRegistry::revoke_model(RuntimeOrigin::signed(ALICE), model, None),
			Error::<Test>::ModelAlreadyRevoked
		);
		assert_noop!(
			ModelRegistry::set_policy(
				RuntimeOrigin::signed(ALICE),
				model,
				Box::new(open_policy()),
				None
			),
			Error::<Test>::ModelNotActive
		);
		assert!(Versions::<Test>::get(model, 1).is_some());
		assert_eq!(Models::<Test>::get(model).unwrap().status, ModelStatus::Revoked);
	});
}

#[test]
fn the_owner_sets_the_policy() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let (key, _) = registered_key(ALICE, 1);
		let policy = crate::UpdatePolicy { signing_key: Some(key), ..open_policy() };
		assert_noop!(
			ModelRegistry::set_policy(
				RuntimeOrigin::signed(BOB),
				model,
				Box::new(policy.clone()),
				None
			),
			Error::<Test>::NotModelOwner
		);
		assert_ok!(ModelRegistry::set_policy(
			RuntimeOrigin::signed(ALICE),
			model,
			Box::new(policy.clone()),
			None
		));
		assert_eq!(last_event(), Event::PolicyUpdated { model });
		assert_eq!(Models::<Test>::get(model).unwrap().policy, policy);
		assert_noop!(
			update(ALICE, model, content(1, 1).declaration),
			Error::<Test>::MissingSignature
		);
	});
}

// ----- Shards --------------------------------------------------------------------------------

#[test]
fn every_shard_of_a_version_verifies_and_nothing_else_does() {
	build_and_execute(|| {
		let model = register(ALICE, open_policy());
		let first = content(1, 7);
		assert_ok!(update(ALICE, model, first.declaration.clone()));
		let leaves: Vec<Sha3_512Hash> = first.shards.iter().map(|shard| hash_leaf(shard)).collect();
		for (index, leaf) in leaves.iter().enumerate() {
			let proof = merkle_proof(&leaves, index as u32).unwrap();
			assert_eq!(ModelRegistry::verify_shard(model, 1, leaf, &proof), Ok(()));
			assert_eq!(
				ModelRegistry::verify_shard(model, 2, leaf, &proof),
				Err(ShardCheckError::VersionNotFound)
			);
		}
		let proof = merkle_proof(&leaves, 2).unwrap();
		let tampered = hash_leaf(b"tampered shard");
		assert_eq!(
			ModelRegistry::verify_shard(model, 1, &tampered, &proof),
			Err(ShardCheckError::NotInVersion)
		);
		let mut resized = proof.clone();
		resized.leaf_count = 8;
		assert_eq!(
			ModelRegistry::verify_shard(model, 1, &leaves[2], &resized),
			Err(ShardCheckError::WrongShardCount)
		);
	});
}

// ----- Governance and the stake gate ---------------------------------------------------------

#[test]
fn the_stake_gate_rejects_gated_calls_of_unstaked_accounts_at_validation() {
	build_and_execute(|| {
		let gated = RuntimeCall::ModelRegistry(crate::Call::register_model {
			metadata: metadata(),
			policy: Box::new(open_policy()),
		});
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: BOB,
			value: 1,
		});
		let info = DispatchInfo::default();
		let validate = |who: u64, call: &RuntimeCall| {
			StakeGate::<Test>::new().validate_only(
				Some(who).into(),
				call,
				&info,
				0,
				TransactionSource::External,
				0,
			)
		};
		assert_eq!(
			validate(DAVE, &gated).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(STAKE_TOO_LOW))
		);
		assert!(validate(ALICE, &gated).is_ok());
		// Transfers are untouched.
		assert!(validate(DAVE, &transfer).is_ok());
		// So are the registry's calls that need no stake: an account whose stake fell below
		// the minimum can still get a proposal's deposit back or retire its model.
		for open in [
			crate::Call::reject_proposal { model: 0, proposal: 0 },
			crate::Call::accept_ownership { model: 0 },
			crate::Call::deprecate_model { model: 0, authorisation: None },
			crate::Call::revoke_model { model: 0, authorisation: None },
		] {
			assert!(!open.checks_stake());
			assert!(validate(DAVE, &RuntimeCall::ModelRegistry(open)).is_ok());
		}

		assert_noop!(
			ModelRegistry::set_minimum_stake(RuntimeOrigin::signed(ALICE), 0),
			DispatchError::BadOrigin
		);
		assert_ok!(ModelRegistry::set_minimum_stake(RuntimeOrigin::root(), 0));
		assert_eq!(last_event(), Event::MinimumStakeSet { amount: 0 });
		assert_eq!(MinimumStake::<Test>::get(), 0);
		assert!(validate(DAVE, &gated).is_ok());
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
