//! Tests of the model registry on the mock runtime, with the real proof verifier, by topic;
//! the helpers they share are here.

mod owner_actions;
mod ownership;
mod proposals;
mod registration;
mod shards;
mod signed_updates;
mod stake_gate;
mod updates;
mod zk_evidence;

use crate::{
	mock::*, Error, Event, HoldReason, KeySignature, KeySignaturesOf, MinimumStake, ModelId,
	ModelMetadataOf, ModelStatus, ModelUpdatePayload, Models, Proposals, RevokedVersions,
	ShardCheckError, SigningPolicyOf, StakeGate, UpdateEvidenceOf, UpdateFeeSchedule, UpdateFees,
	UpdatePolicyOf, VersionDeclaration, VersionNumber, Versions, ZkEvidenceOf, STAKE_TOO_LOW,
};
use aegis_integrity::{
	merkle::{hash_leaf, merkle_proof, merkle_root},
	pq::{
		purpose,
		signing::{pq_keypair_from_seed, pq_sign, PqSecretKey},
		Algorithm, PqSignature,
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
		signing: None,
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
	Box::new(crate::UpdateEvidence { signatures: no_signatures(), zk_proof: None })
}

/// No signatures: what a policy without signing keys takes.
fn no_signatures() -> KeySignaturesOf<Test> {
	BoundedVec::new()
}

/// Signatures by each `(key, signature)`, in that order.
fn signatures(signed: Vec<(u32, PqSignature)>) -> KeySignaturesOf<Test> {
	let signed: Vec<KeySignature> = signed
		.into_iter()
		.map(|(key, signature)| KeySignature { key, signature })
		.collect();
	BoundedVec::try_from(signed).unwrap()
}

/// Signing by `threshold` of `keys`.
fn k_of_n(keys: &[u32], threshold: u32) -> Option<SigningPolicyOf<Test>> {
	Some(crate::SigningPolicy { keys: BoundedVec::try_from(keys.to_vec()).unwrap(), threshold })
}

/// Signing by `key` alone.
fn one_key(key: u32) -> Option<SigningPolicyOf<Test>> {
	k_of_n(&[key], 1)
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

// ----- Signed updates -------------------------------------------------------------------

/// An ML-DSA-65 key of `seed` registered to `owner`.
fn registered_key(owner: u64, seed: u8) -> (u32, PqSecretKey) {
	registered_key_of(owner, seed, Algorithm::MlDsa65)
}

fn registered_key_of(owner: u64, seed: u8, algorithm: Algorithm) -> (u32, PqSecretKey) {
	let (public, secret) = pq_keypair_from_seed(algorithm, &[seed; 32]);
	let key = pallet_proof_verifier::NextSigningKeyId::<Test>::get();
	let possession =
		pq_sign(&secret, &GENESIS_HASH, purpose::KEY_POSSESSION, &owner.encode(), &[0; 32])
			.unwrap();
	assert_ok!(ProofVerifier::register_signing_key(
		RuntimeOrigin::signed(owner),
		Box::new(public),
		Box::new(possession)
	));
	(key, secret)
}

fn signature(secret: &PqSecretKey, payload: &[u8]) -> PqSignature {
	pq_sign(secret, &GENESIS_HASH, purpose::MODEL_UPDATE, payload, &[0; 32]).unwrap()
}

/// Evidence of `key`'s signature (made with `secret`) over `payload`.
fn signed_update(
	key: u32,
	secret: &PqSecretKey,
	payload: &ModelUpdatePayload,
) -> Box<UpdateEvidenceOf<Test>> {
	signed_by(&[(key, secret)], payload)
}

/// Evidence of each signer's signature over `payload`, in that order.
fn signed_by(
	signers: &[(u32, &PqSecretKey)],
	payload: &ModelUpdatePayload,
) -> Box<UpdateEvidenceOf<Test>> {
	let signed = signers
		.iter()
		.map(|(key, secret)| (*key, signature(secret, &payload.encode())))
		.collect();
	Box::new(crate::UpdateEvidence { signatures: signatures(signed), zk_proof: None })
}

fn payload(model: ModelId, declaration: &VersionDeclaration) -> ModelUpdatePayload {
	let record = Models::<Test>::get(model).unwrap();
	ModelRegistry::update_payload(model, &record, declaration).unwrap()
}

fn signed_model(owner: u64, seed: u8) -> (ModelId, u32, PqSecretKey) {
	signed_model_of(owner, seed, Algorithm::MlDsa65)
}

/// A model whose policy names `owner`'s key of `algorithm` made from `seed`.
fn signed_model_of(owner: u64, seed: u8, algorithm: Algorithm) -> (ModelId, u32, PqSecretKey) {
	let (key, secret) = registered_key_of(owner, seed, algorithm);
	let model = register(owner, crate::UpdatePolicy { signing: one_key(key), ..open_policy() });
	(model, key, secret)
}

// ----- Zero-knowledge evidence ----------------------------------------------------------

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

// ----- Proposals ------------------------------------------------------------------------

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
