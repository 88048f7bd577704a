//! Tests of the proof-verifier pallet on the mock runtime.

use crate::{
	groth16::{encode_g1, encode_g2, encode_scalar, simulated, Groth16Error},
	mock::*,
	Attestations, Error, Event, FieldBytes, G1Point, G2Point, Groth16Proof, Groth16VerifyingKeyOf,
	HoldReason, MlDsaKeyId, MlDsaKeyRecordOf, MlDsaKeys, MlDsaPublicKey, MlDsaSignature,
	NextMlDsaKeyId, ProofKind, Purpose, Statement, StatementOf, VerifyingKeyId, VerifyingKeys,
};
use aegis_integrity::{
	merkle::{hash_leaf, merkle_proof, merkle_root, BoundedSiblings, MerkleProof},
	pq::{
		purpose,
		signing::{keypair_from_seed, sign, MlDsaSecretKey},
	},
	Sha3_512Hash,
};
use aegis_primitives::proofs::{PinMlDsaKey, VerifyProof};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
	BoundedVec,
};
use sp_runtime::{DispatchError, TokenError};

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::ProofVerifier(event) => Some(event),
			_ => None,
		})
		.expect("the pallet emitted an event")
}

// ----- ML-DSA keys ---------------------------------------------------------------------------

struct KeyPair {
	public: MlDsaPublicKey,
	secret: MlDsaSecretKey,
}

fn keypair(seed: u8) -> KeyPair {
	let (public, secret) = keypair_from_seed(&[seed; 32]);
	KeyPair { public, secret }
}

impl KeyPair {
	fn sign_on(&self, genesis: &[u8; 32], purpose: &[u8], payload: &[u8]) -> Box<MlDsaSignature> {
		Box::new(sign(&self.secret, genesis, purpose, payload, &[0; 32]).unwrap())
	}

	fn sign(&self, purpose: &[u8], payload: &[u8]) -> Box<MlDsaSignature> {
		self.sign_on(&GENESIS_HASH, purpose, payload)
	}

	fn possession(&self, owner: u64) -> Box<MlDsaSignature> {
		self.sign(purpose::KEY_POSSESSION, &owner.encode())
	}

	fn rotation(
		&self,
		owner: u64,
		key: MlDsaKeyId,
		generation: u32,
		new: &KeyPair,
	) -> Box<MlDsaSignature> {
		self.sign(purpose::KEY_ROTATION, &(owner, key, generation, &new.public).encode())
	}
}

fn register(owner: u64, pair: &KeyPair) -> MlDsaKeyId {
	let key = NextMlDsaKeyId::<Test>::get();
	assert_ok!(ProofVerifier::register_ml_dsa_key(
		RuntimeOrigin::signed(owner),
		Box::new(pair.public.clone()),
		pair.possession(owner),
	));
	key
}

fn key_deposit() -> u64 {
	ProofVerifier::deposit_for(MlDsaKeyRecordOf::<Test>::max_encoded_len())
}

#[test]
fn registering_a_key_holds_its_deposit_and_binds_it_to_the_owner() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		assert_eq!(key, 0);
		assert_eq!(NextMlDsaKeyId::<Test>::get(), 1);
		assert_eq!(last_event(), Event::MlDsaKeyRegistered { key, owner: ALICE });
		let record = MlDsaKeys::<Test>::get(key).unwrap();
		assert_eq!((record.owner, record.generation, record.since), (ALICE, 0, 1));
		assert_eq!(record.public_key, pair.public);
		// The deposit covers the key's bytes: a 1952-byte key costs more than the base.
		assert!(key_deposit() > 1952 + 100);
		assert_eq!(record.deposit, key_deposit());
		assert_eq!(held(ALICE, HoldReason::MlDsaKey), key_deposit());
		assert_eq!(register(ALICE, &keypair(2)), 1);
	});
}

#[test]
fn a_key_is_registered_only_with_a_proof_of_possession_for_this_account_and_chain() {
	build_and_execute(|| {
		let pair = keypair(1);
		let wrong_proofs = [
			// Bob's proof, submitted by Alice: she cannot claim the key Bob registered.
			pair.possession(BOB),
			// Another chain.
			pair.sign_on(&[1; 32], purpose::KEY_POSSESSION, &ALICE.encode()),
			// Another purpose.
			pair.sign(purpose::MODEL_UPDATE, &ALICE.encode()),
			// Another key's signature.
			keypair(2).possession(ALICE),
		];
		for proof in wrong_proofs {
			assert_noop!(
				ProofVerifier::register_ml_dsa_key(
					RuntimeOrigin::signed(ALICE),
					Box::new(pair.public.clone()),
					proof,
				),
				Error::<Test>::InvalidProofOfPossession
			);
		}
	});
}

#[test]
fn a_key_needs_a_deposit_the_owner_can_pay() {
	build_and_execute(|| {
		let pair = keypair(1);
		assert_noop!(
			ProofVerifier::register_ml_dsa_key(
				RuntimeOrigin::signed(PAUPER),
				Box::new(pair.public.clone()),
				pair.possession(PAUPER),
			),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}

#[test]
fn rotation_replaces_the_key_under_the_same_id() {
	build_and_execute(|| {
		let (old, new) = (keypair(1), keypair(2));
		let key = register(ALICE, &old);
		System::set_block_number(5);
		assert_ok!(ProofVerifier::rotate_ml_dsa_key(
			RuntimeOrigin::signed(ALICE),
			key,
			Box::new(new.public.clone()),
			old.rotation(ALICE, key, 0, &new),
			new.possession(ALICE),
		));
		assert_eq!(last_event(), Event::MlDsaKeyRotated { key, owner: ALICE, generation: 1 });
		let record = MlDsaKeys::<Test>::get(key).unwrap();
		assert_eq!(
			(record.public_key, record.generation, record.since),
			(new.public.clone(), 1, 5)
		);
		assert_eq!(held(ALICE, HoldReason::MlDsaKey), key_deposit());

		// Only the new key signs for the id now.
		let payload = b"model 7, version 2";
		assert_ok!(ProofVerifier::verify_ml_dsa(
			key,
			&ALICE,
			purpose::MODEL_UPDATE,
			payload,
			&new.sign(purpose::MODEL_UPDATE, payload),
		));
		assert_noop!(
			ProofVerifier::verify_ml_dsa(
				key,
				&ALICE,
				purpose::MODEL_UPDATE,
				payload,
				&old.sign(purpose::MODEL_UPDATE, payload),
			),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn rotation_must_be_signed_by_the_current_generation() {
	build_and_execute(|| {
		let (first, second, third) = (keypair(1), keypair(2), keypair(3));
		let key = register(ALICE, &first);
		let rotate = |signature, new: &KeyPair| {
			ProofVerifier::rotate_ml_dsa_key(
				RuntimeOrigin::signed(ALICE),
				key,
				Box::new(new.public.clone()),
				signature,
				new.possession(ALICE),
			)
		};
		// Signed by the new key instead of the current one.
		assert_noop!(
			rotate(second.rotation(ALICE, key, 0, &second), &second),
			Error::<Test>::InvalidRotationSignature
		);
		// Signed for another generation, key or owner.
		for signature in [
			first.rotation(ALICE, key, 1, &second),
			first.rotation(ALICE, key + 1, 0, &second),
			first.rotation(BOB, key, 0, &second),
		] {
			assert_noop!(rotate(signature, &second), Error::<Test>::InvalidRotationSignature);
		}
		// Signed for another new key.
		assert_noop!(
			rotate(first.rotation(ALICE, key, 0, &third), &second),
			Error::<Test>::InvalidRotationSignature
		);

		let to_second = first.rotation(ALICE, key, 0, &second);
		assert_ok!(rotate(to_second.clone(), &second));
		assert_ok!(rotate(second.rotation(ALICE, key, 1, &first), &first));
		// The first rotation cannot be replayed now that `first` is current again.
		assert_noop!(rotate(to_second, &second), Error::<Test>::InvalidRotationSignature);
	});
}

#[test]
fn rotation_is_refused_for_strangers_unknown_or_revoked_keys_and_no_ops() {
	build_and_execute(|| {
		let (old, new) = (keypair(1), keypair(2));
		let key = register(ALICE, &old);
		let rotate = |who: u64, key: MlDsaKeyId, new: &KeyPair, possession| {
			ProofVerifier::rotate_ml_dsa_key(
				RuntimeOrigin::signed(who),
				key,
				Box::new(new.public.clone()),
				old.rotation(who, key, 0, new),
				possession,
			)
		};
		assert_noop!(rotate(BOB, key, &new, new.possession(BOB)), Error::<Test>::NotMlDsaKeyOwner);
		assert_noop!(rotate(ALICE, 7, &new, new.possession(ALICE)), Error::<Test>::UnknownMlDsaKey);
		assert_noop!(rotate(ALICE, key, &old, old.possession(ALICE)), Error::<Test>::KeyUnchanged);
		assert_noop!(
			rotate(ALICE, key, &new, new.possession(BOB)),
			Error::<Test>::InvalidProofOfPossession
		);
		assert_ok!(ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key));
		assert_noop!(
			rotate(ALICE, key, &new, new.possession(ALICE)),
			Error::<Test>::MlDsaKeyRevoked
		);
	});
}

#[test]
fn revocation_releases_the_deposit_and_retires_the_id_for_good() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(BOB), key),
			Error::<Test>::NotMlDsaKeyOwner
		);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key + 1),
			Error::<Test>::UnknownMlDsaKey
		);
		assert_ok!(ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key));
		assert_eq!(last_event(), Event::MlDsaKeyRevoked { key, owner: ALICE });
		assert_eq!(held(ALICE, HoldReason::MlDsaKey), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::MlDsaKeyRevoked
		);
		// Signatures by a revoked key verify nowhere, and its id is not handed out again.
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, b"app", b"x", &pair.sign(b"app", b"x"),),
			Error::<Test>::MlDsaKeyRevoked
		);
		assert_eq!(register(ALICE, &pair), key + 1);
	});
}

#[test]
fn a_pinned_key_cannot_be_revoked_until_every_pin_is_gone() {
	build_and_execute(|| {
		let key = register(ALICE, &keypair(1));
		assert_ok!(ProofVerifier::pin_ml_dsa_key(key));
		assert_ok!(ProofVerifier::pin_ml_dsa_key(key));
		assert_eq!(ProofVerifier::ml_dsa_key_pins(key), 2);
		// A pin protects the key from its owner's account key alone: no revocation, no
		// deposit back, signatures still verify.
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::MlDsaKeyInUse
		);
		ProofVerifier::unpin_ml_dsa_key(key);
		assert_noop!(
			ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key),
			Error::<Test>::MlDsaKeyInUse
		);
		ProofVerifier::unpin_ml_dsa_key(key);
		assert_eq!(ProofVerifier::ml_dsa_key_pins(key), 0);
		assert!(!crate::MlDsaKeyPins::<Test>::contains_key(key), "no pin, no storage");
		// Unpinning an unpinned key changes nothing.
		ProofVerifier::unpin_ml_dsa_key(key);
		assert_eq!(ProofVerifier::ml_dsa_key_pins(key), 0);
		assert_ok!(ProofVerifier::revoke_ml_dsa_key(RuntimeOrigin::signed(ALICE), key));
		// Unknown and revoked keys cannot be pinned.
		assert_noop!(ProofVerifier::pin_ml_dsa_key(key), Error::<Test>::MlDsaKeyRevoked);
		assert_noop!(ProofVerifier::pin_ml_dsa_key(key + 1), Error::<Test>::UnknownMlDsaKey);
	});
}

#[test]
fn a_signature_verifies_only_for_its_signer_chain_purpose_and_payload() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		let payload = b"model 7, version 2, nonce 4";
		let signature = pair.sign(purpose::MODEL_UPDATE, payload);
		assert_ok!(ProofVerifier::verify_ml_dsa(
			key,
			&ALICE,
			purpose::MODEL_UPDATE,
			payload,
			&signature
		));

		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &BOB, purpose::MODEL_UPDATE, payload, &signature),
			Error::<Test>::NotMlDsaKeyOwner
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, b"another/purpose", payload, &signature),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(
				key,
				&ALICE,
				purpose::MODEL_UPDATE,
				b"model 7, version 3, nonce 4",
				&signature
			),
			Error::<Test>::BadSignature
		);
		let other_chain = pair.sign_on(&[1; 32], purpose::MODEL_UPDATE, payload);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, purpose::MODEL_UPDATE, payload, &other_chain),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(key, &ALICE, &[b'p'; 65], payload, &signature),
			Error::<Test>::PurposeTooLong
		);
		assert_noop!(
			ProofVerifier::verify_ml_dsa(
				key + 1,
				&ALICE,
				purpose::MODEL_UPDATE,
				payload,
				&signature
			),
			Error::<Test>::UnknownMlDsaKey
		);
	});
}

// ----- Attestations --------------------------------------------------------------------------

fn attest(who: u64, statement: StatementOf<Test>) -> sp_runtime::DispatchResult {
	ProofVerifier::attest(RuntimeOrigin::signed(who), Box::new(statement))
}

fn ml_dsa_statement(
	key: MlDsaKeyId,
	pair: &KeyPair,
	purpose: &[u8],
	payload: &[u8],
) -> StatementOf<Test> {
	Statement::MlDsa {
		key,
		purpose: Purpose::try_from(purpose.to_vec()).unwrap(),
		payload: BoundedVec::try_from(payload.to_vec()).unwrap(),
		signature: *pair.sign(purpose, payload),
	}
}

fn attestation_deposit() -> u64 {
	ProofVerifier::deposit_for(crate::AttestationOf::<Test>::max_encoded_len())
}

#[test]
fn an_attested_signature_is_recorded_once_and_can_be_removed_by_its_submitter() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		let statement = ml_dsa_statement(key, &pair, b"dataset/licence", b"accepted v3");
		let statement_hash = statement.hash();
		System::set_block_number(9);
		assert_ok!(attest(BOB, statement.clone()));
		assert_eq!(
			last_event(),
			Event::ProofVerified { statement_hash, kind: ProofKind::MlDsa, submitter: BOB }
		);
		let attestation = Attestations::<Test>::get(statement_hash).unwrap();
		assert_eq!(
			(attestation.submitter, attestation.kind, attestation.verified_at),
			(BOB, ProofKind::MlDsa, 9)
		);
		assert_eq!(held(BOB, HoldReason::Attestation), attestation_deposit());
		assert_eq!(RecordProofs::reported(), vec![(BOB, None)]);

		assert_noop!(attest(ALICE, statement), Error::<Test>::AlreadyAttested);
		assert_eq!(RecordProofs::reported().len(), 1, "a refused attestation is not reported");
		assert_noop!(
			ProofVerifier::remove_attestation(RuntimeOrigin::signed(ALICE), statement_hash),
			Error::<Test>::NotAttestationSubmitter
		);
		assert_ok!(ProofVerifier::remove_attestation(RuntimeOrigin::signed(BOB), statement_hash));
		assert_eq!(last_event(), Event::AttestationRemoved { statement_hash, submitter: BOB });
		assert_eq!(held(BOB, HoldReason::Attestation), 0);
		assert_noop!(
			ProofVerifier::remove_attestation(RuntimeOrigin::signed(BOB), statement_hash),
			Error::<Test>::UnknownAttestation
		);
	});
}

#[test]
fn a_signature_is_not_attested_for_another_purpose_payload_or_key() {
	build_and_execute(|| {
		let (pair, other) = (keypair(1), keypair(2));
		let key = register(ALICE, &pair);
		let other_key = register(BOB, &other);
		let signature = *pair.sign(b"app/approve", b"v1");
		let statement = |key, purpose: &[u8], payload: &[u8]| Statement::MlDsa {
			key,
			purpose: Purpose::try_from(purpose.to_vec()).unwrap(),
			payload: BoundedVec::try_from(payload.to_vec()).unwrap(),
			signature: signature.clone(),
		};
		assert_noop!(
			attest(BOB, statement(key, b"app/reject", b"v1")),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			attest(BOB, statement(key, b"app/approve", b"v2")),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			attest(BOB, statement(other_key, b"app/approve", b"v1")),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			attest(BOB, statement(9, b"app/approve", b"v1")),
			Error::<Test>::UnknownMlDsaKey
		);
		assert_ok!(attest(BOB, statement(key, b"app/approve", b"v1")));
	});
}

#[test]
fn an_attestation_needs_a_deposit_the_submitter_can_pay() {
	build_and_execute(|| {
		let leaves = shard_hashes(4);
		let statement = merkle_statement(&leaves, 1);
		assert_noop!(attest(PAUPER, statement), DispatchError::Token(TokenError::FundsUnavailable));
	});
}

// ----- Merkle proofs -------------------------------------------------------------------------

fn shard_hashes(count: u32) -> Vec<Sha3_512Hash> {
	(0..count).map(|i| hash_leaf(format!("shard {i}").as_bytes())).collect()
}

fn merkle_statement(leaves: &[Sha3_512Hash], index: u32) -> StatementOf<Test> {
	Statement::MerkleInclusion {
		root: merkle_root(leaves).unwrap(),
		leaf_hash: leaves[index as usize],
		proof: merkle_proof(leaves, index).unwrap(),
	}
}

#[test]
fn every_shard_of_a_model_is_attested_under_its_root() {
	build_and_execute(|| {
		let leaves = shard_hashes(11);
		for index in 0..11 {
			let statement = merkle_statement(&leaves, index);
			let statement_hash = statement.hash();
			assert_ok!(attest(ALICE, statement));
			assert_eq!(
				last_event(),
				Event::ProofVerified {
					statement_hash,
					kind: ProofKind::MerkleInclusion,
					submitter: ALICE
				}
			);
		}
	});
}

#[test]
fn a_merkle_proof_for_another_leaf_index_size_or_root_is_refused() {
	build_and_execute(|| {
		let leaves = shard_hashes(11);
		let root = merkle_root(&leaves).unwrap();
		let proof = merkle_proof(&leaves, 4).unwrap();
		let statement =
			|root, leaf_hash, proof| Statement::MerkleInclusion { root, leaf_hash, proof };

		// A shard that is not in the model.
		let stranger = hash_leaf(b"not a shard");
		assert_noop!(
			attest(ALICE, statement(root, stranger, proof.clone())),
			Error::<Test>::MerkleRootMismatch
		);
		// Shard 5 presented with shard 4's path, and shard 4 claimed at position 5.
		assert_noop!(
			attest(ALICE, statement(root, leaves[5], proof.clone())),
			Error::<Test>::MerkleRootMismatch
		);
		let moved = MerkleProof { leaf_index: 5, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], moved)),
			Error::<Test>::MerkleRootMismatch
		);
		// Another model's root.
		let other_root = merkle_root(&shard_hashes(12)).unwrap();
		assert_noop!(
			attest(ALICE, statement(other_root, leaves[4], proof.clone())),
			Error::<Test>::MerkleRootMismatch
		);
		// A tree of another size whose path has the same shape (leaf 4 of 11 and of 12).
		let resized = MerkleProof { leaf_count: 12, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], resized)),
			Error::<Test>::MerkleRootMismatch
		);
		// Malformed proofs are refused before any hashing.
		let out_of_range = MerkleProof { leaf_index: 11, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], out_of_range)),
			Error::<Test>::MerkleIndexOutOfRange
		);
		let empty = MerkleProof { leaf_index: 0, leaf_count: 0, ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], empty)),
			Error::<Test>::MerkleIndexOutOfRange
		);
		let mut siblings = proof.siblings.as_slice().to_vec();
		siblings.pop();
		let short =
			MerkleProof { siblings: BoundedSiblings::new(siblings).unwrap(), ..proof.clone() };
		assert_noop!(
			attest(ALICE, statement(root, leaves[4], short)),
			Error::<Test>::MerkleProofWrongLength
		);

		assert_ok!(attest(ALICE, statement(root, leaves[4], proof)));
	});
}

// ----- Groth16: keys -------------------------------------------------------------------------

fn register_verifying_key(owner: u64, key: Groth16VerifyingKeyOf<Test>) -> VerifyingKeyId {
	let id = crate::NextVerifyingKeyId::<Test>::get();
	assert_ok!(ProofVerifier::register_verifying_key(RuntimeOrigin::signed(owner), Box::new(key)));
	id
}

fn simulated_circuit(
	inputs: u32,
	seed: u64,
) -> (Groth16VerifyingKeyOf<Test>, Groth16Proof, Vec<FieldBytes>) {
	simulated::circuit(inputs, seed).unwrap()
}

fn groth16_statement(
	key: VerifyingKeyId,
	proof: Groth16Proof,
	inputs: Vec<FieldBytes>,
) -> StatementOf<Test> {
	Statement::Groth16 { key, proof, public_inputs: BoundedVec::try_from(inputs).unwrap() }
}

#[test]
fn a_verification_key_is_registered_with_a_deposit_for_its_size() {
	build_and_execute(|| {
		let (small, _, _) = simulated_circuit(1, 1);
		let (large, _, _) = simulated_circuit(16, 2);
		let first = register_verifying_key(ALICE, small);
		assert_eq!(
			last_event(),
			Event::VerifyingKeyRegistered { key: first, owner: ALICE, public_inputs: 1 }
		);
		let second = register_verifying_key(ALICE, large);
		assert_eq!(
			last_event(),
			Event::VerifyingKeyRegistered { key: second, owner: ALICE, public_inputs: 16 }
		);
		let (small, large) = (
			VerifyingKeys::<Test>::get(first).unwrap().deposit,
			VerifyingKeys::<Test>::get(second).unwrap().deposit,
		);
		// 15 more IC points of 64 bytes each.
		assert_eq!(large - small, 15 * 64);
		assert_eq!(held(ALICE, HoldReason::VerifyingKey), small + large);

		assert_noop!(
			ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(BOB), first),
			Error::<Test>::NotVerifyingKeyOwner
		);
		assert_ok!(ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), first));
		assert_eq!(last_event(), Event::VerifyingKeyRemoved { key: first, owner: ALICE });
		assert_eq!(held(ALICE, HoldReason::VerifyingKey), large);
		assert_noop!(
			ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), first),
			Error::<Test>::VerifyingKeyRemoved
		);
		assert_noop!(
			ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::UnknownVerifyingKey
		);
	});
}

/// BN254's base field modulus q, big-endian.
const BASE_FIELD_MODULUS: FieldBytes = [
	0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
	0x97, 0x81, 0x6a, 0x91, 0x68, 0x71, 0xca, 0x8d, 0x3c, 0x20, 0x8c, 0x16, 0xd8, 0x7c, 0xfd, 0x47,
];
/// BN254's scalar field modulus r, big-endian.
const SCALAR_FIELD_MODULUS: FieldBytes = [
	0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
	0x28, 0x33, 0xe8, 0x48, 0x79, 0xb9, 0x70, 0x91, 0x43, 0xe1, 0xf5, 0x93, 0xf0, 0x00, 0x00, 0x01,
];

/// `a + b` for big-endian 256-bit numbers (no overflow in the tests' use).
fn add_be(a: &FieldBytes, b: &FieldBytes) -> FieldBytes {
	let mut sum = [0u8; 32];
	let mut carry = 0u16;
	for i in (0..32).rev() {
		let s = u16::from(a[i]) + u16::from(b[i]) + carry;
		sum[i] = s as u8;
		carry = s >> 8;
	}
	sum
}

/// A point on BN254's G2 curve outside its prime-order subgroup.
fn g2_point_outside_the_subgroup() -> G2Point {
	use ark_bn254::{Fq2, G2Affine};
	let mut x = Fq2::from(1u64);
	loop {
		if let Some(point) = G2Affine::get_point_from_x_unchecked(x, false) {
			if !point.is_in_correct_subgroup_assuming_on_curve() {
				return encode_g2(&point);
			}
		}
		x += Fq2::from(1u64);
	}
}

#[test]
fn a_verification_key_with_an_invalid_point_is_refused() {
	build_and_execute(|| {
		let (key, _, _) = simulated_circuit(2, 1);
		let mut off_curve = key.clone();
		off_curve.alpha.y[31] ^= 1;
		let mut non_canonical = key.clone();
		non_canonical.ic[1].x = add_be(&key.ic[1].x, &BASE_FIELD_MODULUS);
		let mut alpha_at_infinity = key.clone();
		alpha_at_infinity.alpha = G1Point::default();
		let mut delta_at_infinity = key.clone();
		delta_at_infinity.delta = G2Point::default();
		let mut outside_subgroup = key.clone();
		outside_subgroup.gamma = g2_point_outside_the_subgroup();
		let mut no_ic = key.clone();
		no_ic.ic = BoundedVec::default();
		for bad in [
			off_curve,
			non_canonical,
			alpha_at_infinity,
			delta_at_infinity,
			outside_subgroup,
			no_ic,
		] {
			assert_noop!(
				ProofVerifier::register_verifying_key(RuntimeOrigin::signed(ALICE), Box::new(bad)),
				Error::<Test>::MalformedVerifyingKey
			);
		}
		// An IC point at infinity is what an honest setup gives an input no constraint uses.
		let mut ic_at_infinity = key;
		ic_at_infinity.ic[2] = G1Point::default();
		assert_ok!(ProofVerifier::register_verifying_key(
			RuntimeOrigin::signed(ALICE),
			Box::new(ic_at_infinity)
		));
	});
}

// ----- Groth16: proofs -----------------------------------------------------------------------

#[test]
fn a_valid_groth16_proof_is_attested_for_every_number_of_inputs() {
	build_and_execute(|| {
		let mut expected = Vec::new();
		for inputs in [0, 1, 5, 16] {
			let (key, proof, public_inputs) = simulated_circuit(inputs, u64::from(inputs));
			let id = register_verifying_key(ALICE, key);
			let statement = groth16_statement(id, proof, public_inputs.clone());
			let statement_hash = statement.hash();
			assert_ok!(attest(BOB, statement));
			assert_eq!(
				last_event(),
				Event::ProofVerified { statement_hash, kind: ProofKind::Groth16, submitter: BOB }
			);
			expected.push((BOB, Some((id, public_inputs))));
		}
		// Each attested proof was reported with its key and inputs, for the incentives.
		assert_eq!(RecordProofs::reported(), expected);
	});
}

#[test]
fn a_groth16_proof_for_other_inputs_or_another_key_is_refused() {
	build_and_execute(|| {
		let (key, proof, inputs) = simulated_circuit(3, 1);
		let id = register_verifying_key(ALICE, key);
		let (other_key, other_proof, _) = simulated_circuit(3, 2);
		let other_id = register_verifying_key(ALICE, other_key);

		let mut changed = inputs.clone();
		changed[0][31] ^= 1;
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), changed)),
			Error::<Test>::ProofRejected
		);
		let mut swapped = inputs.clone();
		swapped.swap(0, 1);
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), swapped)),
			Error::<Test>::ProofRejected
		);
		assert_noop!(
			attest(BOB, groth16_statement(other_id, proof.clone(), inputs.clone())),
			Error::<Test>::ProofRejected
		);
		assert_noop!(
			attest(BOB, groth16_statement(id, other_proof, inputs.clone())),
			Error::<Test>::ProofRejected
		);
		// Swapping A and C keeps every point valid but breaks the equation.
		let mixed = Groth16Proof { a: proof.c, c: proof.a, ..proof.clone() };
		assert_noop!(
			attest(BOB, groth16_statement(id, mixed, inputs.clone())),
			Error::<Test>::ProofRejected
		);
		assert_ok!(attest(BOB, groth16_statement(id, proof, inputs)));
	});
}

#[test]
fn malformed_groth16_inputs_are_refused_before_the_pairing() {
	build_and_execute(|| {
		let (key, proof, inputs) = simulated_circuit(3, 1);
		let id = register_verifying_key(ALICE, key);
		let check = |proof: Groth16Proof, inputs: Vec<FieldBytes>| {
			attest(BOB, groth16_statement(id, proof, inputs))
		};

		assert_noop!(
			check(proof.clone(), inputs[..2].to_vec()),
			Error::<Test>::PublicInputCountMismatch
		);
		let mut four = inputs.clone();
		four.push([0; 32]);
		assert_noop!(check(proof.clone(), four), Error::<Test>::PublicInputCountMismatch);

		// x and x + r are the same scalar; only the canonical one is an input.
		let mut out_of_range = inputs.clone();
		out_of_range[0] = add_be(&inputs[0], &SCALAR_FIELD_MODULUS);
		assert_noop!(check(proof.clone(), out_of_range), Error::<Test>::PublicInputOutOfRange);
		let mut modulus = inputs.clone();
		modulus[2] = SCALAR_FIELD_MODULUS;
		assert_noop!(check(proof.clone(), modulus), Error::<Test>::PublicInputOutOfRange);

		let mut off_curve = proof.clone();
		off_curve.a.x[31] ^= 1;
		let mut b_off_curve = proof.clone();
		b_off_curve.b.y[1][31] ^= 1;
		let mut c_non_canonical = proof.clone();
		c_non_canonical.c.y = add_be(&proof.c.y, &BASE_FIELD_MODULUS);
		let a_at_infinity = Groth16Proof { a: G1Point::default(), ..proof.clone() };
		let b_outside_subgroup =
			Groth16Proof { b: g2_point_outside_the_subgroup(), ..proof.clone() };
		for bad in [off_curve, b_off_curve, c_non_canonical, a_at_infinity, b_outside_subgroup] {
			assert_noop!(check(bad, inputs.clone()), Error::<Test>::MalformedProof);
		}

		assert_noop!(
			attest(BOB, groth16_statement(id + 1, proof.clone(), inputs.clone())),
			Error::<Test>::UnknownVerifyingKey
		);
		assert_ok!(ProofVerifier::remove_verifying_key(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(check(proof, inputs), Error::<Test>::VerifyingKeyRemoved);
	});
}

/// A proof from arkworks' own Groth16 prover over a small circuit: `a · b = c`, `a + b = d`,
/// with `c` and `d` public (the snarkjs test circuit, written with arkworks).
#[test]
fn a_proof_from_the_arkworks_prover_verifies() {
	use ark_bn254::{Bn254, Fr};
	use ark_groth16::Groth16;
	use ark_relations::{
		lc,
		r1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError, Variable},
	};
	use ark_snark::SNARK;

	#[derive(Clone)]
	struct ProductAndSum {
		a: Fr,
		b: Fr,
	}

	impl ConstraintSynthesizer<Fr> for ProductAndSum {
		fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
			let a = cs.new_witness_variable(|| Ok(self.a))?;
			let b = cs.new_witness_variable(|| Ok(self.b))?;
			let c = cs.new_input_variable(|| Ok(self.a * self.b))?;
			let d = cs.new_input_variable(|| Ok(self.a + self.b))?;
			cs.enforce_constraint(lc!() + a, lc!() + b, lc!() + c)?;
			cs.enforce_constraint(lc!() + a + b, lc!() + Variable::One, lc!() + d)?;
			Ok(())
		}
	}

	use ark_std::rand::{rngs::StdRng, SeedableRng};
	let mut rng = StdRng::seed_from_u64(2026);
	let circuit = ProductAndSum { a: Fr::from(3u64), b: Fr::from(11u64) };
	let (proving_key, verifying_key) =
		Groth16::<Bn254>::circuit_specific_setup(circuit.clone(), &mut rng).unwrap();
	let proof = Groth16::<Bn254>::prove(&proving_key, circuit, &mut rng).unwrap();
	let inputs = [Fr::from(33u64), Fr::from(14u64)];
	assert!(Groth16::<Bn254>::verify(&verifying_key, &inputs, &proof).unwrap());

	let key: Groth16VerifyingKeyOf<Test> = crate::Groth16VerifyingKey {
		alpha: encode_g1(&verifying_key.alpha_g1),
		beta: encode_g2(&verifying_key.beta_g2),
		gamma: encode_g2(&verifying_key.gamma_g2),
		delta: encode_g2(&verifying_key.delta_g2),
		ic: BoundedVec::try_from(
			verifying_key.gamma_abc_g1.iter().map(encode_g1).collect::<Vec<_>>(),
		)
		.unwrap(),
	};
	let proof =
		Groth16Proof { a: encode_g1(&proof.a), b: encode_g2(&proof.b), c: encode_g1(&proof.c) };
	let inputs: Vec<FieldBytes> = inputs.iter().map(encode_scalar).collect();

	build_and_execute(|| {
		let id = register_verifying_key(ALICE, key);
		let mut wrong = inputs.clone();
		wrong[0] = encode_scalar(&Fr::from(34u64));
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), wrong)),
			Error::<Test>::ProofRejected
		);
		assert_ok!(attest(BOB, groth16_statement(id, proof, inputs)));
	});
}

// ----- Groth16: snarkjs ----------------------------------------------------------------------

mod snarkjs {
	//! Reads the JSON files snarkjs wrote (`test-data/snarkjs`, with the script that made them).
	use super::*;
	use ark_bn254::Fq;
	use ark_ff::{BigInteger, PrimeField};
	use core::str::FromStr;
	use serde_json::Value;

	pub fn json(text: &str) -> Value {
		serde_json::from_str(text).unwrap()
	}

	/// A decimal string as 32 big-endian bytes (through arkworks' decimal parser, which
	/// refuses values that are not below q).
	fn field(value: &Value) -> FieldBytes {
		let element = Fq::from_str(value.as_str().unwrap()).ok().unwrap();
		let bytes = element.into_bigint().to_bytes_be();
		bytes.try_into().unwrap()
	}

	pub fn g1(value: &Value) -> G1Point {
		assert_eq!(value[2], "1", "an affine point");
		G1Point { x: field(&value[0]), y: field(&value[1]) }
	}

	pub fn g2(value: &Value) -> G2Point {
		assert_eq!(value[2], Value::from(vec!["1", "0"]), "an affine point");
		G2Point {
			x: [field(&value[0][0]), field(&value[0][1])],
			y: [field(&value[1][0]), field(&value[1][1])],
		}
	}

	pub fn verifying_key(text: &str) -> Groth16VerifyingKeyOf<Test> {
		let vk = json(text);
		assert_eq!(
			(vk["protocol"].as_str(), vk["curve"].as_str()),
			(Some("groth16"), Some("bn128"))
		);
		let ic: Vec<G1Point> = vk["IC"].as_array().unwrap().iter().map(g1).collect();
		assert_eq!(ic.len() as u64, vk["nPublic"].as_u64().unwrap() + 1);
		crate::Groth16VerifyingKey {
			alpha: g1(&vk["vk_alpha_1"]),
			beta: g2(&vk["vk_beta_2"]),
			gamma: g2(&vk["vk_gamma_2"]),
			delta: g2(&vk["vk_delta_2"]),
			ic: BoundedVec::try_from(ic).unwrap(),
		}
	}

	pub fn proof(text: &str) -> Groth16Proof {
		let proof = json(text);
		Groth16Proof { a: g1(&proof["pi_a"]), b: g2(&proof["pi_b"]), c: g1(&proof["pi_c"]) }
	}

	/// Public signals are scalars, below r: parsed as decimals into big-endian bytes without
	/// reduction, so the pallet's range check sees exactly what snarkjs wrote.
	pub fn public_inputs(text: &str) -> Vec<FieldBytes> {
		json(text)
			.as_array()
			.unwrap()
			.iter()
			.map(|value| {
				let mut bytes = [0u8; 32];
				for digit in value.as_str().unwrap().bytes() {
					let mut carry = u32::from(digit - b'0');
					for byte in bytes.iter_mut().rev() {
						let product = u32::from(*byte) * 10 + carry;
						*byte = product as u8;
						carry = product >> 8;
					}
					assert_eq!(carry, 0, "a public signal fits 256 bits");
				}
				bytes
			})
			.collect()
	}
}

const SNARKJS_KEY: &str = include_str!("../test-data/snarkjs/verification_key.json");
const SNARKJS_PROOF: &str = include_str!("../test-data/snarkjs/proof.json");
const SNARKJS_PUBLIC: &str = include_str!("../test-data/snarkjs/public.json");
const SNARKJS_PROOF_2: &str = include_str!("../test-data/snarkjs/proof2.json");
const SNARKJS_PUBLIC_2: &str = include_str!("../test-data/snarkjs/public2.json");

#[test]
fn snarkjs_orders_g2_coordinates_as_we_do() {
	// snarkjs' setup leaves γ at the generator of G2: the layouts agree on the order of the
	// Fq2 coefficients exactly when the generator decodes to arkworks' generator.
	use ark_bn254::G2Affine;
	use ark_ec::AffineRepr;
	let key = snarkjs::verifying_key(SNARKJS_KEY);
	assert_eq!(key.gamma, encode_g2(&G2Affine::generator()));
	assert_ne!(key.delta, key.gamma);
}

#[test]
fn proofs_made_by_snarkjs_verify_unchanged() {
	build_and_execute(|| {
		let id = register_verifying_key(ALICE, snarkjs::verifying_key(SNARKJS_KEY));
		let (proof, public) =
			(snarkjs::proof(SNARKJS_PROOF), snarkjs::public_inputs(SNARKJS_PUBLIC));
		let (proof_2, public_2) =
			(snarkjs::proof(SNARKJS_PROOF_2), snarkjs::public_inputs(SNARKJS_PUBLIC_2));
		assert_eq!(public[0][31], 33);
		assert_eq!(public[1][31], 14);

		// Each proof holds for its own signals only, and only in their order.
		assert_noop!(
			attest(BOB, groth16_statement(id, proof_2.clone(), public.clone())),
			Error::<Test>::ProofRejected
		);
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), public_2.clone())),
			Error::<Test>::ProofRejected
		);
		let reversed: Vec<_> = public.iter().rev().copied().collect();
		assert_noop!(
			attest(BOB, groth16_statement(id, proof.clone(), reversed)),
			Error::<Test>::ProofRejected
		);

		assert_ok!(attest(BOB, groth16_statement(id, proof, public)));
		assert_ok!(attest(BOB, groth16_statement(id, proof_2, public_2)));
	});
}

// ----- Bounds and encodings ------------------------------------------------------------------

#[test]
fn oversize_arguments_do_not_decode() {
	let max_inputs = <<Test as crate::Config>::MaxPublicInputs as Get<u32>>::get() as usize;
	let max_payload = <<Test as crate::Config>::MaxSignedPayloadLen as Get<u32>>::get() as usize;
	let (key, proof, _) = simulated_circuit(2, 1);

	// One public input too many: the encoding of an unbounded list does not decode as a
	// statement, nor as the call that carries it.
	let inputs = vec![[0u8; 32]; max_inputs + 1];
	let encoded = (1u8, 0u32, proof.clone(), inputs).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());
	let call = (2u8, 5u8, encoded).encode();
	assert!(RuntimeCall::decode(&mut &call[..]).is_err());

	let payload = vec![0u8; max_payload + 1];
	let encoded = (2u8, 0u32, b"app".to_vec(), payload, vec![0u8; 3309]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());
	let purpose = vec![b'p'; 65];
	let encoded = (2u8, 0u32, purpose, b"x".to_vec(), vec![0u8; 3309]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());

	// A Merkle proof claiming 33 siblings is refused at its length prefix.
	let encoded = (0u8, [0u8; 64], [0u8; 64], 0u32, 1u32, codec::Compact(33u32)).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_err());

	// A key with one IC point too many.
	let ic = vec![G1Point::default(); max_inputs + 2];
	let encoded = (key.alpha, key.beta, key.gamma, key.delta, ic).encode();
	assert!(Groth16VerifyingKeyOf::<Test>::decode(&mut &encoded[..]).is_err());

	// The encodings used above are the real layouts: at the bounds they decode.
	let encoded = (1u8, 0u32, proof, vec![[0u8; 32]; max_inputs]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_ok());
	let encoded = (2u8, 0u32, b"app".to_vec(), vec![0u8; max_payload], vec![0u8; 3309]).encode();
	assert!(StatementOf::<Test>::decode(&mut &encoded[..]).is_ok());
}

#[test]
fn statements_hash_differently_for_every_field() {
	let leaves = shard_hashes(3);
	let base = merkle_statement(&leaves, 1);
	let other_leaf = merkle_statement(&leaves, 2);
	assert_ne!(base.hash(), other_leaf.hash());
	let mut preimage = crate::STATEMENT_HASH_DOMAIN.to_vec();
	preimage.extend(base.encode());
	assert_eq!(base.hash(), aegis_integrity::sha3_256(&preimage));
}

#[test]
fn the_weight_of_an_attestation_follows_its_size() {
	use crate::weights::{SubstrateWeight, WeightInfo};
	type Weights = SubstrateWeight<Test>;
	assert!(Weights::attest_merkle(10).ref_time() > Weights::attest_merkle(1).ref_time());
	assert!(Weights::attest_groth16(16).ref_time() > Weights::attest_groth16(0).ref_time());
	// A Groth16 proof costs pairings: far more than a Merkle path or a signature.
	assert!(Weights::attest_groth16(0).ref_time() > Weights::attest_merkle(32).ref_time());
	assert!(Weights::attest_groth16(0).ref_time() > Weights::attest_ml_dsa(1024).ref_time());

	// A call is charged for its statement's kind and size: 1000 leaves make a 10-level path.
	let deep = merkle_statement(&shard_hashes(1000), 0);
	assert_eq!(ProofVerifier::attest_weight(&deep), Weights::attest_merkle(10));
	let (_, proof, inputs) = simulated_circuit(5, 1);
	assert_eq!(
		ProofVerifier::attest_weight(&groth16_statement(0, proof, inputs)),
		Weights::attest_groth16(5)
	);
}

#[test]
fn the_trait_reports_the_verification_weights() {
	use crate::weights::{SubstrateWeight, WeightInfo};
	type Weights = SubstrateWeight<Test>;
	assert_eq!(
		<ProofVerifier as VerifyProof<u64>>::merkle_weight(7),
		<Test as crate::Config>::WeightInfo::verify_merkle(7)
	);
	assert!(Weights::verify_groth16(4).ref_time() < Weights::attest_groth16(4).ref_time());
}

proptest::proptest! {
	#![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

	/// Arbitrary bytes in a proof's points never panic the verifier and never verify.
	#[test]
	fn arbitrary_proof_bytes_are_refused_cleanly(
		a in proptest::array::uniform32(0u8..),
		b in proptest::array::uniform32(0u8..),
		c in proptest::array::uniform32(0u8..),
		flip in 0usize..32,
	) {
		let (key, proof, inputs) = simulated::circuit::<<Test as crate::Config>::MaxPublicInputs>(2, 3).unwrap();
		let mut bad = proof.clone();
		bad.a = G1Point { x: a, y: b };
		bad.b.x[0] = c;
		bad.c.y[flip] ^= 0x40;
		let result = crate::groth16::verify_proof(&key, &bad, &inputs);
		proptest::prop_assert!(matches!(
			result,
			Err(Groth16Error::MalformedProof | Groth16Error::ProofRejected)
		));
	}

	/// A Merkle statement verifies exactly for the leaves of the tree at their positions.
	#[test]
	fn merkle_statements_verify_exactly_for_the_trees_leaves(count in 1u32..40, index in 0u32..40, other in 0u32..40) {
		let index = index % count;
		let other = other % count;
		let leaves = shard_hashes(count);
		let root = merkle_root(&leaves).unwrap();
		let proof = merkle_proof(&leaves, index).unwrap();
		let verified = <ProofVerifier as VerifyProof<u64>>::verify_merkle(&root, &leaves[other as usize], &proof);
		proptest::prop_assert_eq!(verified.is_ok(), other == index);
	}
}
