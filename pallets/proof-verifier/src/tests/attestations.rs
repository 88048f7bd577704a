//! Attestations: recorded statements, their deposits and removal.

use super::*;

#[test]
fn an_attested_signature_is_recorded_once_and_can_be_removed_by_its_submitter() {
	build_and_execute(|| {
		let pair = keypair(1);
		let key = register(ALICE, &pair);
		let statement = signature_statement(key, &pair, b"dataset/licence", b"accepted v3");
		let statement_hash = statement.hash();
		System::set_block_number(9);
		assert_ok!(attest(BOB, statement.clone()));
		assert_eq!(
			last_event(),
			Event::ProofVerified { statement_hash, kind: ProofKind::Signature, submitter: BOB }
		);
		let attestation = Attestations::<Test>::get(statement_hash).unwrap();
		assert_eq!(
			(attestation.submitter, attestation.kind, attestation.verified_at),
			(BOB, ProofKind::Signature, 9)
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
		let statement = |key, purpose: &[u8], payload: &[u8]| Statement::Signature {
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
			Error::<Test>::UnknownSigningKey
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
