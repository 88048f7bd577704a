//! Benchmarks of the proof-verifier pallet: each call, and each kind of check at every size
//! its cost depends on (Merkle proof depth, Groth16 public inputs, signed payload length),
//! signature verification once per algorithm. The calls that check signatures are measured
//! with ML-DSA-65 keys; `Pallet::with_algorithm` swaps that verification's weight for the one
//! of the algorithm a call actually uses.
//!
//! Everything is made in the benchmark itself, in wasm: signing keys and signatures from
//! seeds, Merkle paths from arbitrary siblings, Groth16 keys and proofs with the simulator
//! (`groth16::simulated`), which gives valid proofs that cost the verifier what real ones do.

use super::*;
use crate::groth16::simulated;
use aegis_integrity::{
	merkle::{merkle_root_from_proof, BoundedSiblings, MerkleProof},
	pq::signing::{pq_keypair_from_seed, pq_sign, PqSecretKey},
};
use aegis_primitives::proofs::VerifyProof;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::fungible::Inspect, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

/// An account with enough funds for any deposit of the pallet.
fn funded_account<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let largest = Pallet::<T>::deposit_for(VerifyingKeyRecordOf::<T>::max_encoded_len());
	let amount =
		T::Currency::minimum_balance().saturating_add(largest.saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn signing_keypair(seed: u8) -> (PqPublicKey, PqSecretKey) {
	pq_keypair_from_seed(Algorithm::MlDsa65, &[seed; 32])
}

/// Verifies the signature of [`stored_key_and_signature`] as the registry does: through
/// [`VerifyProof::verify_signature`]. Whether it held.
fn verify_stored<T: Config>(stored: &(SigningKeyId, Vec<u8>, PqSignature, bool)) -> bool {
	let (key, payload, signature, _) = stored;
	<Pallet<T> as VerifyProof<T::AccountId>>::verify_signature(
		*key,
		purpose::MODEL_UPDATE,
		payload,
		signature,
	)
	.is_ok()
}

/// A key of `algorithm` stored as registered (straight into storage: the runtime may not
/// accept the algorithm, and verification is what is measured), a payload of `len` bytes and
/// a signature of the algorithm's length over it; whether that signature is valid.
///
/// ML-DSA keys sign for real (key generation and signing are fast): a signature that fails a
/// norm check would be refused early and cost less. SLH-DSA verification does the same work
/// for any key and signature bytes — it recomputes the FORS and hypertree roots and compares
/// only at the end (FIPS 205, Algorithm 20), and the WOTS chains it walks are as long on
/// average for any digest — while its key generation and signing take seconds in wasm; so the
/// SLH-DSA benchmarks verify arbitrary bytes of a key's and a signature's lengths, which fail
/// at that last comparison.
fn stored_key_and_signature<T: Config>(
	algorithm: Algorithm,
	len: u32,
) -> (SigningKeyId, Vec<u8>, PqSignature, bool) {
	let payload = vec![0x5A; len as usize];
	let (public_key, signature, valid) = match algorithm {
		Algorithm::MlDsa44 | Algorithm::MlDsa65 | Algorithm::MlDsa87 => {
			let (public_key, secret) = pq_keypair_from_seed(algorithm, &[9; 32]);
			(public_key, sign_for::<T>(&secret, purpose::MODEL_UPDATE, &payload), true)
		},
		Algorithm::SlhDsaSha2_128s | Algorithm::SlhDsaSha2_128f => {
			let public_key =
				PqPublicKey::from_bytes(algorithm, &vec![0x33; algorithm.public_key_len()]);
			let signature =
				PqSignature::from_bytes(algorithm, &vec![0xA5; algorithm.signature_len()]);
			match (public_key, signature) {
				(Some(public_key), Some(signature)) => (public_key, signature, false),
				_ => panic!("{algorithm:?} keys and signatures of their lengths"),
			}
		},
	};
	let key = NextSigningKeyId::<T>::get();
	SigningKeys::<T>::insert(
		key,
		SigningKeyRecord {
			owner: account("owner", 0, 0),
			public_key,
			generation: 0,
			since: frame_system::Pallet::<T>::block_number(),
			deposit: Default::default(),
		},
	);
	NextSigningKeyId::<T>::put(key.saturating_add(1));
	(key, payload, signature, valid)
}

fn sign_for<T: Config>(secret: &PqSecretKey, purpose: &[u8], payload: &[u8]) -> PqSignature {
	let genesis = Pallet::<T>::genesis_hash();
	match pq_sign(secret, &genesis, purpose, payload, &[0; 32]) {
		Ok(signature) => signature,
		Err(error) => panic!("benchmark signature: {error:?}"),
	}
}

/// Registers a signing key to `owner`; returns its id and secret key.
fn registered_signing_key<T: Config>(
	owner: &T::AccountId,
	seed: u8,
) -> (SigningKeyId, PqSecretKey) {
	let (public, secret) = signing_keypair(seed);
	let possession = sign_for::<T>(&secret, purpose::KEY_POSSESSION, &owner.encode());
	let key = NextSigningKeyId::<T>::get();
	if let Err(error) = Pallet::<T>::register_signing_key(
		RawOrigin::Signed(owner.clone()).into(),
		Box::new(public),
		Box::new(possession),
	) {
		panic!("benchmark key registration: {error:?}");
	}
	(key, secret)
}

/// A Groth16 key with `inputs` public inputs, a proof and its inputs.
fn groth16_circuit<T: Config>(
	inputs: u32,
) -> (Groth16VerifyingKeyOf<T>, Groth16Proof, Vec<FieldBytes>) {
	match simulated::circuit(inputs, 7) {
		Some(circuit) => circuit,
		None => panic!("the simulator makes a circuit of {inputs} inputs"),
	}
}

fn registered_verifying_key<T: Config>(
	owner: &T::AccountId,
	inputs: u32,
) -> (VerifyingKeyId, Groth16Proof, Vec<FieldBytes>) {
	let (key, proof, public_inputs) = groth16_circuit::<T>(inputs);
	let id = NextVerifyingKeyId::<T>::get();
	if let Err(error) =
		Pallet::<T>::register_verifying_key(RawOrigin::Signed(owner.clone()).into(), Box::new(key))
	{
		panic!("benchmark verification key registration: {error:?}");
	}
	(id, proof, public_inputs)
}

/// A Merkle statement whose proof has `depth` siblings: leaf 0 of `2^(depth-1) + 1` leaves
/// needs one sibling per level.
fn merkle_statement<T: Config>(depth: u32) -> StatementOf<T> {
	let leaf_count = if depth == 0 { 1 } else { (1u32 << (depth - 1)) + 1 };
	let siblings = (0..depth).map(|i| [i as u8; 64]).collect::<Vec<_>>();
	let proof = MerkleProof {
		leaf_index: 0,
		leaf_count,
		siblings: match BoundedSiblings::new(siblings) {
			Some(siblings) => siblings,
			None => panic!("depth {depth} is within the bound"),
		},
	};
	let leaf_hash = [0xAA; 64];
	let root = match merkle_root_from_proof(&leaf_hash, &proof) {
		Ok(root) => root,
		Err(error) => panic!("benchmark Merkle path: {error:?}"),
	};
	Statement::MerkleInclusion { root, leaf_hash, proof }
}

fn groth16_statement<T: Config>(
	key: VerifyingKeyId,
	proof: Groth16Proof,
	inputs: Vec<FieldBytes>,
) -> StatementOf<T> {
	let public_inputs = match BoundedVec::try_from(inputs) {
		Ok(inputs) => inputs,
		Err(_) => panic!("inputs within the bound"),
	};
	Statement::Groth16 { key, proof, public_inputs }
}

fn signature_statement<T: Config>(
	key: SigningKeyId,
	secret: &PqSecretKey,
	len: u32,
) -> StatementOf<T> {
	let purpose = b"benchmark/payload".to_vec();
	let payload = vec![0x5A; len as usize];
	let signature = sign_for::<T>(secret, &purpose, &payload);
	match (Purpose::try_from(purpose), BoundedVec::try_from(payload)) {
		(Ok(purpose), Ok(payload)) => Statement::Signature { key, purpose, payload, signature },
		_ => panic!("purpose and payload within their bounds"),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_signing_key() {
		let owner = funded_account::<T>("owner");
		let (public, secret) = signing_keypair(1);
		let possession = sign_for::<T>(&secret, purpose::KEY_POSSESSION, &owner.encode());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), Box::new(public), Box::new(possession));

		assert!(SigningKeys::<T>::contains_key(0));
	}

	#[benchmark]
	fn rotate_signing_key() {
		let owner = funded_account::<T>("owner");
		let (key, old_secret) = registered_signing_key::<T>(&owner, 1);
		let (new_public, new_secret) = signing_keypair(2);
		let payload = (&owner, key, 0u32, &new_public).encode();
		let rotation = sign_for::<T>(&old_secret, purpose::KEY_ROTATION, &payload);
		let possession = sign_for::<T>(&new_secret, purpose::KEY_POSSESSION, &owner.encode());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			key,
			Box::new(new_public),
			Box::new(rotation),
			Box::new(possession),
		);

		assert_eq!(SigningKeys::<T>::get(key).map(|record| record.generation), Some(1));
	}

	#[benchmark]
	fn revoke_signing_key() {
		let owner = funded_account::<T>("owner");
		let (key, _) = registered_signing_key::<T>(&owner, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), key);

		assert!(!SigningKeys::<T>::contains_key(key));
	}

	#[benchmark]
	fn register_verifying_key(n: Linear<0, { T::MaxPublicInputs::get() }>) {
		let owner = funded_account::<T>("owner");
		let (key, _, _) = groth16_circuit::<T>(n);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), Box::new(key));

		assert!(VerifyingKeys::<T>::contains_key(0));
	}

	#[benchmark]
	fn remove_verifying_key() {
		let owner = funded_account::<T>("owner");
		let (key, _, _) = registered_verifying_key::<T>(&owner, T::MaxPublicInputs::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), key);

		assert!(!VerifyingKeys::<T>::contains_key(key));
	}

	#[benchmark]
	fn attest_merkle(d: Linear<0, { aegis_integrity::merkle::MAX_PROOF_DEPTH as u32 }>) {
		let submitter = funded_account::<T>("submitter");
		let statement = merkle_statement::<T>(d);
		let hash = statement.hash();

		#[extrinsic_call]
		attest(RawOrigin::Signed(submitter.clone()), Box::new(statement));

		assert!(Attestations::<T>::contains_key(hash));
	}

	#[benchmark]
	fn attest_groth16(n: Linear<0, { T::MaxPublicInputs::get() }>) {
		let submitter = funded_account::<T>("submitter");
		let (key, proof, inputs) = registered_verifying_key::<T>(&submitter, n);
		let statement = groth16_statement::<T>(key, proof, inputs);
		let hash = statement.hash();

		#[extrinsic_call]
		attest(RawOrigin::Signed(submitter.clone()), Box::new(statement));

		assert!(Attestations::<T>::contains_key(hash));
	}

	#[benchmark]
	fn attest_signature(p: Linear<0, { T::MaxSignedPayloadLen::get() }>) {
		let submitter = funded_account::<T>("submitter");
		let (key, secret) = registered_signing_key::<T>(&submitter, 1);
		let statement = signature_statement::<T>(key, &secret, p);
		let hash = statement.hash();

		#[extrinsic_call]
		attest(RawOrigin::Signed(submitter.clone()), Box::new(statement));

		assert!(Attestations::<T>::contains_key(hash));
	}

	#[benchmark]
	fn remove_attestation() {
		let submitter = funded_account::<T>("submitter");
		let statement = merkle_statement::<T>(1);
		let hash = statement.hash();
		if let Err(error) =
			Pallet::<T>::attest(RawOrigin::Signed(submitter.clone()).into(), Box::new(statement))
		{
			panic!("benchmark attestation: {error:?}");
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(submitter.clone()), hash);

		assert!(!Attestations::<T>::contains_key(hash));
	}

	#[benchmark]
	fn verify_merkle(d: Linear<0, { aegis_integrity::merkle::MAX_PROOF_DEPTH as u32 }>) {
		let Statement::MerkleInclusion { root, leaf_hash, proof } = merkle_statement::<T>(d) else {
			panic!("a Merkle statement")
		};
		let result;

		#[block]
		{
			result =
				<Pallet<T> as VerifyProof<T::AccountId>>::verify_merkle(&root, &leaf_hash, &proof);
		}

		assert!(result.is_ok());
	}

	#[benchmark]
	fn verify_groth16(n: Linear<0, { T::MaxPublicInputs::get() }>) {
		let owner = funded_account::<T>("owner");
		let (key, proof, inputs) = registered_verifying_key::<T>(&owner, n);
		let result;

		#[block]
		{
			result = <Pallet<T> as VerifyProof<T::AccountId>>::verify_groth16(key, &proof, &inputs);
		}

		assert!(result.is_ok());
	}

	#[benchmark]
	fn verify_ml_dsa_44(p: Linear<0, { T::MaxSignedPayloadLen::get() }>) {
		let stored = stored_key_and_signature::<T>(Algorithm::MlDsa44, p);
		let verified;

		#[block]
		{
			verified = verify_stored::<T>(&stored);
		}

		assert_eq!(verified, stored.3);
	}

	#[benchmark]
	fn verify_ml_dsa_65(p: Linear<0, { T::MaxSignedPayloadLen::get() }>) {
		let stored = stored_key_and_signature::<T>(Algorithm::MlDsa65, p);
		let verified;

		#[block]
		{
			verified = verify_stored::<T>(&stored);
		}

		assert_eq!(verified, stored.3);
	}

	#[benchmark]
	fn verify_ml_dsa_87(p: Linear<0, { T::MaxSignedPayloadLen::get() }>) {
		let stored = stored_key_and_signature::<T>(Algorithm::MlDsa87, p);
		let verified;

		#[block]
		{
			verified = verify_stored::<T>(&stored);
		}

		assert_eq!(verified, stored.3);
	}

	#[benchmark]
	fn verify_slh_dsa_sha2_128s(p: Linear<0, { T::MaxSignedPayloadLen::get() }>) {
		let stored = stored_key_and_signature::<T>(Algorithm::SlhDsaSha2_128s, p);
		let verified;

		#[block]
		{
			verified = verify_stored::<T>(&stored);
		}

		assert_eq!(verified, stored.3);
	}

	#[benchmark]
	fn verify_slh_dsa_sha2_128f(p: Linear<0, { T::MaxSignedPayloadLen::get() }>) {
		let stored = stored_key_and_signature::<T>(Algorithm::SlhDsaSha2_128f, p);
		let verified;

		#[block]
		{
			verified = verify_stored::<T>(&stored);
		}

		assert_eq!(verified, stored.3);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
