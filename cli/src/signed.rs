//! Signature files: one payload for one chain and the signatures policy keys made of it, each
//! with its public key. `aegis update sign` writes them for model updates, `aegis action sign`
//! for owner actions; signers apart each write their own, `combine` joins them, and
//! `aegis submit … --signatures` sends them. Nothing in a file is trusted: every signature is
//! verified again where it is read, and the fields shown for people must be the payload's.

use std::{
	fmt::Debug,
	marker::PhantomData,
	path::{Path, PathBuf},
};

use aegis_integrity::{
	pq::{self, purpose, Algorithm, PqPublicKey, PqSignature},
	update::{ModelAction, ModelActionPayload, ModelUpdatePayload},
};
use anyhow::{anyhow, bail, ensure, Context, Result};
use codec::{Decode, Encode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use subxt::utils::AccountId32;

use crate::{from_hex, from_hex_array, keyfile, to_hex, CheckFailed};

/// One key's signature in a signature file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileSignature {
	/// The key's algorithm (`ml-dsa-65`, `slh-dsa-sha2-128s`, …).
	pub algorithm: String,
	/// The public key, hex.
	pub public_key: String,
	/// Its SHA3-256 fingerprint, hex: how `aegis submit` finds its id on chain.
	pub public_key_fingerprint: String,
	/// The signature, hex.
	pub signature: String,
}

impl FileSignature {
	pub fn new(public_key: &PqPublicKey, signature: &PqSignature) -> Self {
		FileSignature {
			algorithm: public_key.algorithm().name().to_owned(),
			public_key: to_hex(public_key.as_bytes()),
			public_key_fingerprint: to_hex(&keyfile::fingerprint(public_key.as_bytes())),
			signature: to_hex(signature.as_bytes()),
		}
	}

	/// The key and signature, checked: the fingerprint is the key's, and the signature
	/// verifies over `payload` for `purpose` on the chain of `genesis`.
	pub fn checked(
		&self,
		genesis: &[u8; 32],
		purpose: &[u8],
		payload: &[u8],
	) -> Result<(PqPublicKey, PqSignature)> {
		let algorithm = Algorithm::from_name(&self.algorithm)
			.ok_or_else(|| anyhow!("unknown signature algorithm {:?}", self.algorithm))?;
		let public = PqPublicKey::from_bytes(algorithm, &from_hex(&self.public_key, "public_key")?)
			.with_context(|| format!("the public key is not an {} key", algorithm.name()))?;
		let fingerprint = to_hex(&keyfile::fingerprint(public.as_bytes()));
		ensure!(
			fingerprint == self.public_key_fingerprint,
			"the fingerprint {} is not its public key's ({fingerprint})",
			self.public_key_fingerprint
		);
		let signature =
			PqSignature::from_bytes(algorithm, &from_hex(&self.signature, "signature")?)
				.with_context(|| {
					format!("the signature is not an {} signature", algorithm.name())
				})?;
		pq::verify_pq_signature(&public, genesis, purpose, payload, &signature).map_err(
			|error| {
				anyhow!(CheckFailed::Mismatch(format!(
					"the signature by key {fingerprint} does NOT verify for this payload and chain ({error:?})"
				)))
			},
		)?;
		Ok((public, signature))
	}
}

/// What a signature file signs: a SCALE payload of the registry, and the fields shown beside
/// it for people.
pub trait Signable: Encode + Decode + Sized {
	/// What writes such files, for messages: `aegis update sign`.
	const WRITER: &'static str;
	/// What is signed, for messages: `update`.
	const SIGNED: &'static str;
	/// The signatures' purpose (domain separation).
	const PURPOSE: &'static [u8];
	/// The payload's fields for people.
	type Shown: Serialize + DeserializeOwned + Clone + Debug + PartialEq;

	/// The fields shown for this payload.
	fn shown(&self) -> Self::Shown;
	/// What is signed, for people: "model 3 version 4 (nonce 7)".
	fn summary(shown: &Self::Shown) -> String;
}

/// A file of signatures over one payload for one chain, as `aegis update sign`, `aegis action
/// sign` and their `combine` write it: the payload's fields for people, the payload itself,
/// and each signature with the public key that made it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct SignatureFile<P: Signable> {
	/// The payload's fields for people; they must be the payload's.
	#[serde(flatten)]
	pub shown: P::Shown,
	/// The chain's genesis hash, hex.
	pub genesis: String,
	/// The SCALE-encoded payload, hex: what every signature covers.
	pub payload: String,
	/// One per signing key, in the order signed or combined.
	pub signatures: Vec<FileSignature>,
	#[serde(skip)]
	signs: PhantomData<P>,
}

/// A model update's signature file (`aegis update sign`).
pub type SignedUpdate = SignatureFile<ModelUpdatePayload>;
/// An owner action's signature file (`aegis action sign`).
pub type SignedAction = SignatureFile<ActionPayload>;

impl<P: Signable> SignatureFile<P> {
	/// The file for `payload` on the chain of `genesis`, with no signatures yet.
	pub fn new(genesis: &[u8; 32], payload: &P) -> Self {
		SignatureFile {
			shown: payload.shown(),
			genesis: to_hex(genesis),
			payload: to_hex(&payload.encode()),
			signatures: Vec::new(),
			signs: PhantomData,
		}
	}

	/// Reads a signature file.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("cannot read {}", path.display()))?;
		Self::parse(&text).with_context(|| format!("in {}", path.display()))
	}

	/// Parses a signature file's text.
	pub fn parse(text: &str) -> Result<Self> {
		serde_json::from_str(text)
			.with_context(|| format!("not a signature file of `{}`", P::WRITER))
	}

	/// The genesis hash and payload, checked: the payload decodes exactly, and the fields
	/// shown for people are the payload's.
	pub fn signed(&self) -> Result<([u8; 32], P)> {
		let genesis = from_hex_array::<32>(&self.genesis, "genesis")?;
		let bytes = from_hex(&self.payload, "payload")?;
		let payload = P::decode(&mut &bytes[..])
			.ok()
			.filter(|decoded| decoded.encode() == bytes)
			.ok_or_else(|| {
			anyhow!("the payload is not a SCALE-encoded {} payload", P::SIGNED)
		})?;
		ensure!(payload.shown() == self.shown, "the fields shown do not match the signed payload");
		Ok((genesis, payload))
	}

	/// Every signature, checked against the payload, no key twice.
	pub fn checked_signatures(&self) -> Result<Vec<(PqPublicKey, PqSignature)>> {
		let (genesis, payload) = self.signed()?;
		self.verified(&genesis, &payload.encode())
	}

	/// Every signature, verified over `payload` on the chain of `genesis`, no key twice.
	fn verified(
		&self,
		genesis: &[u8; 32],
		payload: &[u8],
	) -> Result<Vec<(PqPublicKey, PqSignature)>> {
		let mut checked: Vec<(PqPublicKey, PqSignature)> = Vec::new();
		for entry in &self.signatures {
			let (public, signature) = entry.checked(genesis, P::PURPOSE, payload)?;
			if checked.iter().any(|(other, _)| *other == public) {
				bail!("key {} signed twice", entry.public_key_fingerprint);
			}
			checked.push((public, signature));
		}
		Ok(checked)
	}

	/// The signatures, if this file signs exactly `payload` on the chain of `genesis`: each
	/// verified, no key twice.
	pub fn signatures_for(
		&self,
		genesis: &[u8; 32],
		payload: &P,
	) -> Result<Vec<(PqPublicKey, PqSignature)>> {
		let (file_genesis, file_payload) = self.signed()?;
		ensure!(
			file_genesis == *genesis,
			"a signature file signs for another chain (genesis {})",
			self.genesis
		);
		let payload_bytes = payload.encode();
		ensure!(
			file_payload.encode() == payload_bytes,
			"a signature file signs {}, but this {} is {}: sign again",
			self.summary(),
			P::SIGNED,
			P::summary(&payload.shown())
		);
		self.verified(genesis, &payload_bytes)
	}

	/// What is signed, for people.
	pub fn summary(&self) -> String {
		P::summary(&self.shown)
	}
}

/// The signatures of `files`, which must all sign the same payload for the same chain, joined
/// into one file; every signature verified, a key twice refused. Returns the file and how
/// many signatures it holds.
pub fn combine<P: Signable>(files: &[PathBuf]) -> Result<(SignatureFile<P>, usize)> {
	let mut combined: Option<(SignatureFile<P>, [u8; 32], Vec<u8>)> = None;
	for path in files {
		let file = SignatureFile::<P>::read(path)?;
		let (genesis, payload) = file.signed().with_context(|| format!("in {}", path.display()))?;
		let payload = payload.encode();
		match &mut combined {
			None => combined = Some((file, genesis, payload)),
			Some((combined, combined_genesis, combined_payload)) => {
				ensure!(
					(*combined_genesis, &*combined_payload) == (genesis, &payload),
					"{} signs another {} or chain than {}",
					path.display(),
					P::SIGNED,
					files[0].display()
				);
				combined.signatures.extend(file.signatures);
			},
		}
	}
	let (combined, ..) = combined.context("no signature files")?;
	let count = combined.checked_signatures()?.len();
	Ok((combined, count))
}

/// The fields of a model update, shown beside its payload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateFields {
	pub model: u32,
	pub version: u32,
	pub parent: Option<u32>,
	pub content_hash: String,
	pub merkle_root: String,
	pub shard_count: u32,
	pub byte_size: u64,
	pub nonce: u64,
}

impl Signable for ModelUpdatePayload {
	const WRITER: &'static str = "aegis update sign";
	const SIGNED: &'static str = "update";
	const PURPOSE: &'static [u8] = purpose::MODEL_UPDATE;
	type Shown = UpdateFields;

	fn shown(&self) -> UpdateFields {
		UpdateFields {
			model: self.model,
			version: self.version,
			parent: self.parent,
			content_hash: to_hex(&self.content_hash),
			merkle_root: to_hex(&self.merkle_root),
			shard_count: self.shard_count,
			byte_size: self.byte_size,
			nonce: self.nonce,
		}
	}

	fn summary(shown: &UpdateFields) -> String {
		format!("model {} version {} (nonce {})", shown.model, shown.version, shown.nonce)
	}
}

/// The signing part of a policy as the registry encodes it.
#[derive(Clone, Encode, Decode)]
pub struct SigningPolicy {
	pub keys: Vec<u32>,
	pub threshold: u32,
}

/// The policy as the registry encodes it: what an owner-action signature covers.
#[derive(Clone, Encode, Decode)]
pub struct Policy {
	pub signing: Option<SigningPolicy>,
	pub zk_verifying_key: Option<u32>,
	pub contributors: Vec<[u8; 32]>,
}

/// The payload an owner-action signature covers, as `aegis` encodes it.
pub type ActionPayload = ModelActionPayload<[u8; 32], Policy>;

/// The fields of an owner action, shown beside its payload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionFields {
	pub model: u32,
	pub nonce: u64,
	/// The action: `deprecate-model`, `set-policy: 2 of signing keys [0, 4]; …`.
	pub action: String,
}

impl Signable for ActionPayload {
	const WRITER: &'static str = "aegis action sign";
	const SIGNED: &'static str = "action";
	const PURPOSE: &'static [u8] = purpose::MODEL_ACTION;
	type Shown = ActionFields;

	fn shown(&self) -> ActionFields {
		ActionFields { model: self.model, nonce: self.nonce, action: describe(&self.action) }
	}

	fn summary(shown: &ActionFields) -> String {
		format!("{} on model {} (nonce {})", shown.action, shown.model, shown.nonce)
	}
}

/// An action for people, every field the signature covers.
fn describe(action: &ModelAction<[u8; 32], Policy>) -> String {
	match action {
		ModelAction::SetPolicy(policy) => {
			let signing = match &policy.signing {
				Some(signing) => {
					format!("{} of signing keys {:?}", signing.threshold, signing.keys)
				},
				None => "no signing keys".to_owned(),
			};
			let zk = match policy.zk_verifying_key {
				Some(key) => format!("Groth16 key {key}"),
				None => "no Groth16 key".to_owned(),
			};
			let contributors: Vec<String> = policy
				.contributors
				.iter()
				.map(|account| AccountId32(*account).to_string())
				.collect();
			format!("set-policy: {signing}; {zk}; contributors [{}]", contributors.join(", "))
		},
		ModelAction::TransferOwnership(to) => {
			format!("transfer-ownership to {}", AccountId32(*to))
		},
		ModelAction::Deprecate => "deprecate-model".to_owned(),
		ModelAction::Revoke => "revoke-model".to_owned(),
	}
}
