//! The calls an input makes. One byte picks what to do; most choices are Aegis calls built
//! from the chain's current state (an existing model, its owner, a registered key) with
//! evidence that is real as often as not, so that the checks behind the cheap ones are
//! reached; the rest decode a call of a chosen pallet straight from the input.

use aegis_integrity::{
	pq::purpose,
	update::{update_commitment, ModelAction, ModelId, VersionDeclaration},
};
use aegis_runtime::{AccountId, Balance, Runtime, RuntimeCall};
use codec::{DecodeLimit, Encode};
use frame_support::BoundedVec;
use pallet_model_registry::{
	KeySignature, KeySignaturesOf, ModelOf, Models, SigningPolicy, UpdateEvidence,
	UpdateEvidenceOf, UpdatePolicy, UpdatePolicyOf, ZkEvidence, ZkEvidenceOf,
};
use pallet_proof_verifier::{FieldBytes, SigningKeys, Statement, VerifyingKeys};
use sp_keyring::Sr25519Keyring;

use crate::{chain::Origin, evidence, input::Input};

type Registry = pallet_model_registry::Call<Runtime>;
type Verifier = pallet_proof_verifier::Call<Runtime>;

/// How deep a call decoded from the input may nest (the runtime's own limit is higher; deeper
/// is slower to fuzz and reaches nothing new).
const DECODE_DEPTH: u32 = 16;

/// The accounts the input speaks for: the development chain's endowed ones (Alice is its
/// validator and sudo key) and one with nothing.
fn accounts() -> [AccountId; 7] {
	[
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
		Sr25519Keyring::Ferdie,
		Sr25519Keyring::One,
	]
	.map(|keyring| keyring.to_account_id())
}

fn account(input: &mut Input) -> AccountId {
	input.choose(&accounts().each_ref()).clone()
}

/// The pallets whose calls are decoded from the input, by index, Aegis's several times over:
/// the proof verifier, the model registry, the incentives, the oracle and its feeds, the
/// seal difficulty, then the assets, balances, staking, referenda, conviction voting,
/// preimages, the technical committee and utility batches.
const DECODED_PALLETS: [u8; 20] =
	[20, 20, 21, 21, 21, 31, 31, 32, 32, 33, 18, 30, 30, 5, 12, 42, 43, 41, 46, 2];
/// The pallets whose calls are decoded and dispatched as root: the administration of the
/// Aegis pallets, the assets, balances and staking.
const ROOT_PALLETS: [u8; 9] = [20, 21, 21, 31, 32, 33, 18, 30, 12];

/// How many slots the next block skips: mostly none, sometimes most of an epoch or more, so
/// that sessions and eras turn within an input.
pub fn skipped_slots(input: &mut Input) -> u64 {
	let epoch = aegis_runtime::configs::EpochDurationInBlocks::get() as u64;
	match input.byte() % 16 {
		0 => epoch,
		1 => epoch / 2 + u64::from(input.byte()),
		2 => u64::from(input.byte()),
		_ => 0,
	}
}

/// What the byte that starts a transaction chooses (its value modulo 32): the choices'
/// names, for seeds that are written by hand. The gaps are repeats: updates, registrations
/// and decoded calls are chosen more often than the rest.
pub mod op {
	/// Ends the block (and the zero bytes of a spent input end it too).
	pub const END_BLOCK: u8 = 0;
	/// `modelRegistry.updateModel` of an existing model, with the evidence its policy asks
	/// for (1 to 3).
	pub const UPDATE_MODEL: u8 = 1;
	/// `modelRegistry.registerModel` with a policy over the registered keys (4, 5).
	pub const REGISTER_MODEL: u8 = 4;
	/// `proofVerifier.registerSigningKey` of one of the fuzzer's key pairs.
	pub const REGISTER_SIGNING_KEY: u8 = 6;
	/// `proofVerifier.rotateSigningKey` to one of the fuzzer's key pairs.
	pub const ROTATE_SIGNING_KEY: u8 = 7;
	/// `proofVerifier.revokeSigningKey`.
	pub const REVOKE_SIGNING_KEY: u8 = 8;
	/// `proofVerifier.registerVerifyingKey` of a simulated circuit's key.
	pub const REGISTER_VERIFYING_KEY: u8 = 9;
	/// `proofVerifier.removeVerifyingKey`.
	pub const REMOVE_VERIFYING_KEY: u8 = 10;
	/// `modelRegistry.proposeUpdate`, by a contributor most of the time.
	pub const PROPOSE_UPDATE: u8 = 11;
	/// `modelRegistry.acceptProposal` of a pending proposal.
	pub const ACCEPT_PROPOSAL: u8 = 12;
	/// `modelRegistry.rejectProposal`.
	pub const REJECT_PROPOSAL: u8 = 13;
	/// An owner action (policy, transfer, deprecation, revocation), authorised.
	pub const OWNER_ACTION: u8 = 14;
	/// `modelRegistry.acceptOwnership`.
	pub const ACCEPT_OWNERSHIP: u8 = 15;
	/// `proofVerifier.attest` of a Merkle, Groth16 or ML-DSA statement.
	pub const ATTEST: u8 = 16;
	/// `proofVerifier.removeAttestation` of an existing attestation.
	pub const REMOVE_ATTESTATION: u8 = 17;
	/// `incentives.claimVersionReward`.
	pub const CLAIM_VERSION_REWARD: u8 = 18;
	/// `incentives.claimEarnings`.
	pub const CLAIM_EARNINGS: u8 = 19;
	/// Governance revokes a version or a model.
	pub const GOVERNANCE_REVOCATION: u8 = 20;
	/// `balances.transferAllowDeath`.
	pub const TRANSFER: u8 = 21;
	/// `assets.transfer` of AIT.
	pub const TRANSFER_AIT: u8 = 22;
	/// `staking.bond`, enough for the stake gate.
	pub const BOND: u8 = 23;
	/// A call decoded from the input, of a pallet chosen from a list weighted towards Aegis
	/// (24 to 29).
	pub const DECODED: u8 = 24;
	/// A utility batch of two to four of the above.
	pub const BATCH: u8 = 30;
	/// A call decoded from the input and dispatched as root.
	pub const ROOT_DECODED: u8 = 31;
}

/// The next transaction, or `None` where the input ends the block (or is spent).
pub fn next(input: &mut Input) -> Option<(Origin, RuntimeCall)> {
	if input.is_empty() {
		return None;
	}
	let choice = input.byte() % 32;
	if choice == op::END_BLOCK {
		return None;
	}
	Some(transaction(choice, input))
}

fn transaction(choice: u8, input: &mut Input) -> (Origin, RuntimeCall) {
	match choice {
		op::UPDATE_MODEL..=3 => update_model(input),
		op::REGISTER_MODEL | 5 => register_model(input),
		op::REGISTER_SIGNING_KEY => register_signing_key(input),
		op::ROTATE_SIGNING_KEY => rotate_signing_key(input),
		op::REVOKE_SIGNING_KEY => {
			signed(input, |input| Verifier::revoke_signing_key { key: key_id(input) }.into())
		},
		op::REGISTER_VERIFYING_KEY => signed(input, |input| {
			Verifier::register_verifying_key {
				verifying_key: evidence::verifying_key(input.below(9)).into(),
			}
			.into()
		}),
		op::REMOVE_VERIFYING_KEY => signed(input, |input| {
			Verifier::remove_verifying_key { key: verifying_key_id(input) }.into()
		}),
		op::PROPOSE_UPDATE => propose_update(input),
		op::ACCEPT_PROPOSAL => accept_proposal(input),
		op::REJECT_PROPOSAL => {
			let (model, record) = model(input);
			let who = owner_or_anyone(input, record.as_ref());
			let proposal = input.below(4) as u32;
			(Origin::Signed(who), Registry::reject_proposal { model, proposal }.into())
		},
		op::OWNER_ACTION => owner_action(input),
		op::ACCEPT_OWNERSHIP => {
			signed(input, |input| Registry::accept_ownership { model: model_id(input) }.into())
		},
		op::ATTEST => attest(input),
		op::REMOVE_ATTESTATION => signed(input, |input| {
			let count = pallet_proof_verifier::Attestations::<Runtime>::iter_keys().count();
			let statement_hash = pallet_proof_verifier::Attestations::<Runtime>::iter_keys()
				.nth(input.below(count.max(1)))
				.unwrap_or_else(|| input.array());
			Verifier::remove_attestation { statement_hash }.into()
		}),
		op::CLAIM_VERSION_REWARD => {
			let (model, record) = model(input);
			let who = owner_or_anyone(input, record.as_ref());
			let latest = record.and_then(|record| record.current_version).unwrap_or(1);
			let version = latest.saturating_sub(input.below(3) as u32).max(1);
			let call = pallet_incentives::Call::<Runtime>::claim_version_reward { model, version };
			(Origin::Signed(who), call.into())
		},
		op::CLAIM_EARNINGS => {
			signed(input, |_| pallet_incentives::Call::<Runtime>::claim_earnings {}.into())
		},
		op::GOVERNANCE_REVOCATION => governance_revocation(input),
		op::TRANSFER => signed(input, |input| {
			let dest = account(input).into();
			let value = amount(input);
			pallet_balances::Call::<Runtime>::transfer_allow_death { dest, value }.into()
		}),
		op::TRANSFER_AIT => signed(input, |input| {
			let target = account(input).into();
			let amount = amount(input);
			let id = aegis_primitives::incentives::INCENTIVE_ASSET_ID.into();
			pallet_assets::Call::<Runtime>::transfer { id, target, amount }.into()
		}),
		op::BOND => signed(input, |input| {
			let value = aegis_runtime_common::genesis::MINIMUM_PUBLISHER_STAKE
				.saturating_mul(Balance::from(input.byte() % 4 + 1));
			let payee = pallet_staking::RewardDestination::Staked;
			pallet_staking::Call::<Runtime>::bond { value, payee }.into()
		}),
		op::DECODED..=29 => {
			let who = account(input);
			let pallet = input.choose(&DECODED_PALLETS);
			let call = decoded(pallet, input).unwrap_or_else(|| remark(input));
			(Origin::Signed(who), call)
		},
		op::BATCH => batch(input),
		_ => {
			let pallet = input.choose(&ROOT_PALLETS);
			let call = decoded(pallet, input).unwrap_or_else(|| remark(input));
			(Origin::Root, call)
		},
	}
}

fn signed(
	input: &mut Input,
	call: impl FnOnce(&mut Input) -> RuntimeCall,
) -> (Origin, RuntimeCall) {
	let who = account(input);
	(Origin::Signed(who), call(input))
}

fn remark(input: &mut Input) -> RuntimeCall {
	frame_system::Call::<Runtime>::remark { remark: input.bytes(32) }.into()
}

/// An amount from a planck to more than an account holds, mostly in between.
fn amount(input: &mut Input) -> Balance {
	let unit = aegis_runtime::currency::UNITS;
	match input.byte() % 8 {
		0 => Balance::from(input.byte()),
		1 => input.u128(),
		2 => aegis_runtime_common::genesis::ENDOWMENT,
		_ => unit.saturating_mul(Balance::from(input.u32() % 10_000)),
	}
}

/// A call of `pallet` decoded from the input, unless it could change storage directly
/// (`system`) or act as the sudo key (`sudo`), at any depth: those would corrupt the state
/// on purpose, which no invariant survives.
fn decoded(pallet: u8, input: &mut Input) -> Option<RuntimeCall> {
	let mut bytes = vec![pallet];
	bytes.extend_from_slice(input.peek());
	let mut reader = &bytes[..];
	let call = RuntimeCall::decode_with_depth_limit(DECODE_DEPTH, &mut reader).ok();
	let consumed = bytes.len() - reader.len();
	input.skip(consumed.saturating_sub(1));
	call.filter(|call| !reaches_system_or_sudo(call))
}

/// Whether `call` is, or carries, a `system` or `sudo` call.
fn reaches_system_or_sudo(call: &RuntimeCall) -> bool {
	use pallet_utility::Call as Utility;
	match call {
		RuntimeCall::System(_) | RuntimeCall::Sudo(_) => true,
		RuntimeCall::Utility(
			Utility::batch { calls }
			| Utility::batch_all { calls }
			| Utility::force_batch { calls },
		) => calls.iter().any(reaches_system_or_sudo),
		RuntimeCall::Utility(
			Utility::as_derivative { call, .. }
			| Utility::dispatch_as { call, .. }
			| Utility::dispatch_as_fallible { call, .. }
			| Utility::with_weight { call, .. },
		) => reaches_system_or_sudo(call),
		RuntimeCall::Utility(Utility::if_else { main, fallback }) => {
			reaches_system_or_sudo(main) || reaches_system_or_sudo(fallback)
		},
		// Nothing else carries a call that a signed origin, or root through the sudo key,
		// dispatches as root within an input: the technical committee's are dispatched as
		// its members, and referenda are enacted days later.
		_ => false,
	}
}

/// A batch of two to four transactions' calls, from one account, in one of the three kinds.
fn batch(input: &mut Input) -> (Origin, RuntimeCall) {
	let who = account(input);
	let count = 2 + input.below(3);
	let mut calls = Vec::with_capacity(count);
	for _ in 0..count {
		let choice = 1 + input.byte() % (op::BATCH - 1);
		let (_, call) = transaction(choice, input);
		calls.push(call);
	}
	let call = match input.byte() % 3 {
		0 => pallet_utility::Call::<Runtime>::batch { calls },
		1 => pallet_utility::Call::<Runtime>::batch_all { calls },
		_ => pallet_utility::Call::<Runtime>::force_batch { calls },
	};
	(Origin::Signed(who), call.into())
}

// ----- The chain's current state, as choices ----------------------------------------------

/// An existing model (or one past the last) and its record.
fn model(input: &mut Input) -> (ModelId, Option<ModelOf<Runtime>>) {
	let next = pallet_model_registry::NextModelId::<Runtime>::get();
	let model = (input.byte() as ModelId) % next.saturating_add(1);
	(model, Models::<Runtime>::get(model))
}

fn model_id(input: &mut Input) -> ModelId {
	model(input).0
}

/// The model's owner most of the time, anyone otherwise.
fn owner_or_anyone(input: &mut Input, record: Option<&ModelOf<Runtime>>) -> AccountId {
	match record {
		Some(record) if input.chance(85) => record.owner.clone(),
		_ => account(input),
	}
}

fn key_id(input: &mut Input) -> u32 {
	let next = pallet_proof_verifier::NextSigningKeyId::<Runtime>::get();
	input.below(next as usize + 1) as u32
}

fn verifying_key_id(input: &mut Input) -> u32 {
	let next = pallet_proof_verifier::NextVerifyingKeyId::<Runtime>::get();
	input.below(next as usize + 1) as u32
}

/// The registered key `key`'s owner most of the time, anyone otherwise.
fn key_owner_or_anyone(input: &mut Input, key: u32) -> AccountId {
	match SigningKeys::<Runtime>::get(key) {
		Some(record) if input.chance(85) => record.owner,
		_ => account(input),
	}
}

/// A policy over the registered keys: k of one to three signing keys (a threshold that
/// cannot be met now and then), a verification key and contributors, each present or not.
fn policy(input: &mut Input) -> UpdatePolicyOf<Runtime> {
	let signing = input.chance(50).then(|| {
		let keys: Vec<u32> = (0..=input.below(3)).map(|_| key_id(input)).collect();
		let threshold = if input.chance(90) {
			1 + input.below(keys.len()) as u32
		} else {
			input.below(keys.len() + 2) as u32
		};
		SigningPolicy { keys: BoundedVec::truncate_from(keys), threshold }
	});
	let zk_verifying_key = input.chance(30).then(|| verifying_key_id(input));
	let contributors = (0..input.below(3)).map(|_| account(input)).collect::<Vec<_>>();
	UpdatePolicy {
		signing,
		zk_verifying_key,
		contributors: BoundedVec::truncate_from(contributors),
	}
}

/// Signatures over `payload` for `purpose` by the model's policy keys: its threshold of them
/// (those the fuzzer holds) most of the time; one too few or too many, a key twice or a
/// stranger's key otherwise; a stray signature now and then when the policy names no keys.
fn policy_signatures(
	input: &mut Input,
	record: Option<&ModelOf<Runtime>>,
	purpose: &[u8],
	payload: &[u8],
) -> KeySignaturesOf<Runtime> {
	let signing = record.and_then(|record| record.policy.signing.as_ref());
	let mut signers: Vec<u32> = match signing {
		Some(signing) => {
			let mut keys = signing.keys.to_vec();
			let offset = input.below(keys.len().max(1));
			keys.rotate_left(offset);
			keys.truncate(signing.threshold as usize);
			keys
		},
		None if input.chance(5) => vec![key_id(input)],
		None => Vec::new(),
	};
	match input.below(20) {
		0 => {
			signers.pop();
		},
		1 => signers.push(key_id(input)),
		2 => {
			if let Some(first) = signers.first().copied() {
				signers.push(first);
			}
		},
		_ => {},
	}
	let signed: Vec<KeySignature> = signers
		.into_iter()
		.filter_map(|key| {
			let signature = sign_with_key(input, key, purpose, payload).or_else(|| {
				input
					.chance(20)
					.then(|| evidence::signature(&evidence::key_pairs()[0].1, purpose, payload))
			})?;
			Some(KeySignature { key, signature })
		})
		.collect();
	BoundedVec::truncate_from(signed)
}

fn declaration(input: &mut Input) -> VersionDeclaration {
	let content = evidence::content(input.byte(), input.byte(), 0);
	let mut declaration = content.declaration;
	if input.chance(5) {
		declaration.shard_count = input.u32();
		declaration.byte_size = input.u64();
	}
	declaration
}

// ----- Aegis calls with evidence ----------------------------------------------------------

fn register_model(input: &mut Input) -> (Origin, RuntimeCall) {
	let who = account(input);
	let name = input.bytes(12);
	let metadata = pallet_model_registry::ModelMetadata {
		name: BoundedVec::truncate_from(name),
		framework: BoundedVec::truncate_from(b"onnx".to_vec()),
		uri: BoundedVec::truncate_from(input.bytes(16)),
	};
	let policy = policy(input);
	(
		Origin::Signed(who),
		Registry::register_model { metadata: metadata.into(), policy: policy.into() }.into(),
	)
}

fn update_model(input: &mut Input) -> (Origin, RuntimeCall) {
	let (model, record) = model(input);
	let who = owner_or_anyone(input, record.as_ref());
	let declaration = declaration(input);
	let evidence = update_evidence(input, model, record.as_ref(), &declaration);
	(
		Origin::Signed(who),
		Registry::update_model { model, declaration, evidence: evidence.into() }.into(),
	)
}

/// The evidence an update carries: what the model's policy asks for, valid most of the time,
/// forged, missing or surplus otherwise.
fn update_evidence(
	input: &mut Input,
	model: ModelId,
	record: Option<&ModelOf<Runtime>>,
	declaration: &VersionDeclaration,
) -> UpdateEvidenceOf<Runtime> {
	let payload = record
		.and_then(|record| {
			pallet_model_registry::Pallet::<Runtime>::update_payload(model, record, declaration)
				.ok()
		})
		.map(|payload| payload.encode())
		.unwrap_or_default();
	let signatures = policy_signatures(input, record, purpose::MODEL_UPDATE, &payload);
	let zk_key = record.and_then(|record| record.policy.zk_verifying_key);
	let zk_proof = match zk_key {
		Some(key) if input.chance(85) => zk_evidence(input, key, declaration),
		_ if input.chance(5) => {
			let key = verifying_key_id(input);
			zk_evidence(input, key, declaration)
		},
		_ => None,
	};
	UpdateEvidence { signatures, zk_proof }
}

/// A signature by the registered key `key` (if the fuzzer holds it), forged now and then.
fn sign_with_key(
	input: &mut Input,
	key: u32,
	purpose: &[u8],
	payload: &[u8],
) -> Option<aegis_integrity::pq::PqSignature> {
	let record = SigningKeys::<Runtime>::get(key)?;
	let secret = evidence::secret_for(&record.public_key)?;
	let signature = evidence::signature(secret, purpose, payload);
	Some(if input.chance(8) { evidence::forged(signature, input.u32() as u16) } else { signature })
}

/// A Groth16 proof under the registered key `key` whose first public input commits to the
/// declaration, as a policy's proof must.
fn zk_evidence(
	input: &mut Input,
	key: u32,
	declaration: &VersionDeclaration,
) -> Option<ZkEvidenceOf<Runtime>> {
	let record = VerifyingKeys::<Runtime>::get(key)?;
	let inputs_count = record.key.ic.len().saturating_sub(1);
	let mut inputs: Vec<FieldBytes> = (0..inputs_count)
		.map(|index| {
			let mut field = [0u8; 32];
			field[31] = index as u8 + input.byte() % 2;
			field
		})
		.collect();
	if let Some(first) = inputs.first_mut() {
		if input.chance(90) {
			*first = update_commitment(&declaration.content_hash, &declaration.merkle_root);
		}
	}
	let proof = evidence::prove(&record.key, &inputs)?;
	Some(ZkEvidence { proof, public_inputs: BoundedVec::truncate_from(inputs) })
}

fn register_signing_key(input: &mut Input) -> (Origin, RuntimeCall) {
	let who = account(input);
	let (public, secret) = &evidence::key_pairs()[input.below(evidence::KEY_PAIRS)];
	let possession = evidence::signature(secret, purpose::KEY_POSSESSION, &who.encode());
	let possession = if input.chance(10) {
		evidence::forged(possession, input.u32() as u16)
	} else {
		possession
	};
	let call = Verifier::register_signing_key {
		public_key: public.clone().into(),
		proof_of_possession: possession.into(),
	};
	(Origin::Signed(who), call.into())
}

fn rotate_signing_key(input: &mut Input) -> (Origin, RuntimeCall) {
	let key = key_id(input);
	let who = key_owner_or_anyone(input, key);
	let (new_public, new_secret) = &evidence::key_pairs()[input.below(evidence::KEY_PAIRS)];
	let generation = SigningKeys::<Runtime>::get(key).map(|record| record.generation).unwrap_or(0);
	let payload = (&who, key, generation, new_public).encode();
	let rotation_signature = sign_with_key(input, key, purpose::KEY_ROTATION, &payload)
		.unwrap_or_else(|| evidence::signature(new_secret, purpose::KEY_ROTATION, &payload));
	let proof_of_possession =
		evidence::signature(new_secret, purpose::KEY_POSSESSION, &who.encode());
	let call = Verifier::rotate_signing_key {
		key,
		new_public_key: new_public.clone().into(),
		rotation_signature: rotation_signature.into(),
		proof_of_possession: proof_of_possession.into(),
	};
	(Origin::Signed(who), call.into())
}

fn propose_update(input: &mut Input) -> (Origin, RuntimeCall) {
	let (model, record) = model(input);
	let who = match record.as_ref().and_then(|record| record.policy.contributors.first()) {
		Some(contributor) if input.chance(80) => contributor.clone(),
		_ => account(input),
	};
	let declaration = declaration(input);
	let zk_key = record.and_then(|record| record.policy.zk_verifying_key);
	let zk_proof = zk_key
		.filter(|_| input.chance(85))
		.and_then(|key| zk_evidence(input, key, &declaration))
		.map(Box::new);
	(Origin::Signed(who), Registry::propose_update { model, declaration, zk_proof }.into())
}

fn accept_proposal(input: &mut Input) -> (Origin, RuntimeCall) {
	let (model, record) = model(input);
	let who = owner_or_anyone(input, record.as_ref());
	let pending: Vec<_> = pallet_model_registry::Proposals::<Runtime>::iter_prefix(model).collect();
	let (proposal, declaration) = match pending.get(input.below(pending.len().max(1))) {
		Some((id, proposal)) => (*id, Some(proposal.declaration.clone())),
		None => (input.below(4) as u32, None),
	};
	let payload = match (&record, declaration) {
		(Some(record), Some(declaration)) => {
			pallet_model_registry::Pallet::<Runtime>::update_payload(model, record, &declaration)
				.map(|payload| payload.encode())
				.unwrap_or_default()
		},
		_ => Vec::new(),
	};
	let signatures = policy_signatures(input, record.as_ref(), purpose::MODEL_UPDATE, &payload);
	let call = Registry::accept_proposal { model, proposal, signatures };
	(Origin::Signed(who), call.into())
}

/// Setting a policy, offering the model, deprecating or revoking it: by the owner, with the
/// authorisation of the policy's signing keys when it names some.
fn owner_action(input: &mut Input) -> (Origin, RuntimeCall) {
	let (model, record) = model(input);
	let who = owner_or_anyone(input, record.as_ref());
	let action = match input.byte() % 4 {
		0 => ModelAction::SetPolicy(policy(input)),
		1 => ModelAction::TransferOwnership(account(input)),
		2 => ModelAction::Deprecate,
		_ => ModelAction::Revoke,
	};
	let payload = record
		.as_ref()
		.map(|record| {
			pallet_model_registry::Pallet::<Runtime>::action_payload(model, record, action.clone())
				.encode()
		})
		.unwrap_or_default();
	let authorisation = policy_signatures(input, record.as_ref(), purpose::MODEL_ACTION, &payload);
	let call = match action {
		ModelAction::SetPolicy(policy) => {
			Registry::set_policy { model, policy: policy.into(), authorisation }
		},
		ModelAction::TransferOwnership(new_owner) => {
			Registry::transfer_ownership { model, new_owner, authorisation }
		},
		ModelAction::Deprecate => Registry::deprecate_model { model, authorisation },
		ModelAction::Revoke => Registry::revoke_model { model, authorisation },
	};
	(Origin::Signed(who), call.into())
}

/// Governance revoking a version or a whole model (through the sudo key).
fn governance_revocation(input: &mut Input) -> (Origin, RuntimeCall) {
	let (model, record) = model(input);
	let call = if input.chance(75) {
		let latest = record.and_then(|record| record.current_version).unwrap_or(1);
		let version = latest.saturating_sub(input.below(3) as u32).max(1);
		Registry::revoke_version { model, version }
	} else {
		Registry::revoke_model { model, authorisation: BoundedVec::new() }
	};
	(Origin::Root, call.into())
}

/// An attestation of a Merkle inclusion, a Groth16 proof or an ML-DSA signature, valid most
/// of the time.
fn attest(input: &mut Input) -> (Origin, RuntimeCall) {
	let who = account(input);
	let statement = match input.byte() % 3 {
		0 => {
			let content = evidence::content(input.byte(), input.byte(), input.byte());
			let (leaf_hash, mut proof) = content.leaf;
			if input.chance(10) {
				proof.leaf_index = proof.leaf_index.wrapping_add(1);
			}
			Statement::MerkleInclusion { root: content.declaration.merkle_root, leaf_hash, proof }
		},
		1 => {
			let key = verifying_key_id(input);
			let declaration = declaration(input);
			let (proof, public_inputs) = match zk_evidence(input, key, &declaration) {
				Some(zk) => (zk.proof, zk.public_inputs),
				// No such key, or one the fuzzer cannot prove for: a proof of another circuit.
				None => (evidence::unrelated_proof(), BoundedVec::new()),
			};
			Statement::Groth16 { key, proof, public_inputs }
		},
		_ => {
			let key = key_id(input);
			let payload = input.bytes(64);
			let statement_purpose = input.bytes(24);
			let signature = sign_with_key(input, key, &statement_purpose, &payload)
				.unwrap_or_else(|| evidence::signature(&evidence::key_pairs()[0].1, b"", b""));
			Statement::Signature {
				key,
				purpose: BoundedVec::truncate_from(statement_purpose),
				payload: BoundedVec::truncate_from(payload),
				signature,
			}
		},
	};
	(Origin::Signed(who), Verifier::attest { statement: statement.into() }.into())
}
