//! `aegis action`: the signatures a model's policy keys give an owner action (a new policy, a
//! transfer, a deprecation, a revocation) when its signers are apart — each signs on their
//! own machine, `combine` joins the files, and `aegis submit <action> --signatures` sends
//! them. (Signers on one machine give `aegis submit <action>` their keys instead.)

use std::path::PathBuf;

use aegis_cli::{from_hex, from_hex_array, to_hex};
use aegis_integrity::{
	pq::{purpose, PqPublicKey, PqSignature},
	update::{ModelAction, ModelActionPayload},
};
use anyhow::{anyhow, ensure, Result};
use clap::Subcommand;
use codec::{Decode, Encode};
use serde::{Deserialize, Serialize};
use subxt::utils::AccountId32;

use super::{
	signature_file::{combine, FileSignature, SignatureFile},
	submit::owner::{OwnerAction, Policy, PolicyArgs},
	PassphraseArgs,
};

#[derive(Subcommand)]
pub enum ActionCommand {
	/// Sign an owner action: the SCALE `ModelActionPayload` (model, nonce, action) under
	/// purpose `aegis/model-action`, bound to one chain by its genesis hash. Prints JSON for
	/// `aegis action combine` or `aegis submit <action> --signatures`.
	Sign {
		/// A signing key's secret key file (any signing algorithm); repeat for each key that
		/// signs here. A --passphrase-file opens every sealed one.
		#[arg(long, value_name = "FILE", required = true)]
		key: Vec<PathBuf>,
		#[command(flatten)]
		passphrase: PassphraseArgs,
		/// The chain's genesis hash (hex).
		#[arg(long)]
		genesis: String,
		/// The model id.
		#[arg(long)]
		model: u32,
		/// The model's update nonce now (`ModelRegistry.models(id).nonce`): the signature is
		/// void once an update or another action moves it on.
		#[arg(long)]
		nonce: u64,
		/// Write the JSON to FILE instead of standard output.
		#[arg(long, value_name = "FILE")]
		out: Option<PathBuf>,
		/// Replace FILE if it exists.
		#[arg(long)]
		force: bool,
		#[command(subcommand)]
		action: ActionArgs,
	},
	/// Combine the signatures of one owner action made by several signers (`aegis action
	/// sign` files): checks that every file authorises the same action for the same chain and
	/// that every signature verifies, and refuses a key twice. Prints the combined JSON.
	Combine {
		/// Signature files of `aegis action sign` (or of earlier combinations).
		#[arg(required = true, value_name = "FILE")]
		files: Vec<PathBuf>,
		/// Write the JSON to FILE instead of standard output.
		#[arg(long, value_name = "FILE")]
		out: Option<PathBuf>,
		/// Replace FILE if it exists.
		#[arg(long)]
		force: bool,
	},
}

/// The action signed, with the arguments `aegis submit` takes for it.
#[derive(Subcommand)]
pub enum ActionArgs {
	/// Replace the model's update policy.
	SetPolicy {
		#[command(flatten)]
		policy: PolicyArgs,
	},
	/// Offer the model to another account.
	TransferOwnership {
		/// The account offered the model (SS58).
		#[arg(long, value_name = "ACCOUNT")]
		to: String,
	},
	/// Deprecate the model.
	DeprecateModel,
	/// Revoke the model for good.
	RevokeModel,
}

impl ActionArgs {
	fn action(&self) -> Result<OwnerAction> {
		Ok(match self {
			ActionArgs::SetPolicy { policy } => OwnerAction::SetPolicy(policy.policy()?),
			ActionArgs::TransferOwnership { to } => {
				OwnerAction::TransferOwnership(super::submit::parse_account(to)?)
			},
			ActionArgs::DeprecateModel => OwnerAction::Deprecate,
			ActionArgs::RevokeModel => OwnerAction::Revoke,
		})
	}
}

/// The payload an owner-action signature covers, as `aegis` encodes it.
pub type ActionPayload = ModelActionPayload<[u8; 32], Policy>;

/// A signed owner action as `aegis action sign` and `combine` write it: the action for
/// people, the payload itself, and each signature with the public key that made it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignedAction {
	pub model: u32,
	pub nonce: u64,
	/// The action, for people: `deprecate-model`, `set-policy: …`.
	pub action: String,
	/// The chain's genesis hash, hex.
	pub genesis: String,
	/// The SCALE-encoded `ModelActionPayload`, hex: what every signature covers.
	pub payload: String,
	/// One per signing key, in the order signed or combined.
	pub signatures: Vec<FileSignature>,
}

impl SignedAction {
	fn new(genesis: &[u8; 32], payload: &ActionPayload) -> Self {
		SignedAction {
			model: payload.model,
			nonce: payload.nonce,
			action: describe(&payload.action),
			genesis: to_hex(genesis),
			payload: to_hex(&payload.encode()),
			signatures: Vec::new(),
		}
	}

	/// The signatures, if this file authorises exactly `payload` on the chain of `genesis`:
	/// each verified, no key twice.
	pub fn signatures_for(
		&self,
		genesis: &[u8; 32],
		payload: &ActionPayload,
	) -> Result<Vec<(PqPublicKey, PqSignature)>> {
		ensure!(
			self.genesis == to_hex(genesis),
			"a signature file authorises an action on another chain (genesis {})",
			self.genesis
		);
		ensure!(
			self.payload == to_hex(&payload.encode()),
			"a signature file authorises {} on model {} at nonce {}, but this is {} on model {} at nonce {}: sign again",
			self.action,
			self.model,
			self.nonce,
			describe(&payload.action),
			payload.model,
			payload.nonce
		);
		self.checked_signatures()
	}
}

impl SignatureFile for SignedAction {
	const WRITER: &'static str = "aegis action sign";
	const SIGNED: &'static str = "action";
	const PURPOSE: &'static [u8] = purpose::MODEL_ACTION;

	fn genesis(&self) -> &str {
		&self.genesis
	}

	fn payload_hex(&self) -> &str {
		&self.payload
	}

	fn signatures(&self) -> &[FileSignature] {
		&self.signatures
	}

	fn signatures_mut(&mut self) -> &mut Vec<FileSignature> {
		&mut self.signatures
	}

	fn check_fields(&self) -> Result<()> {
		let genesis = from_hex_array::<32>(&self.genesis, "genesis")?;
		let bytes = from_hex(&self.payload, "payload")?;
		let payload = ActionPayload::decode(&mut &bytes[..])
			.ok()
			.filter(|decoded| decoded.encode() == bytes)
			.ok_or_else(|| anyhow!("the payload is not a SCALE-encoded ModelActionPayload"))?;
		let shown = SignedAction::new(&genesis, &payload);
		ensure!(
			(shown.model, shown.nonce, &shown.action) == (self.model, self.nonce, &self.action),
			"the fields shown do not match the signed payload"
		);
		Ok(())
	}

	fn summary(&self) -> String {
		format!("{} on model {} (nonce {})", self.action, self.model, self.nonce)
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

pub fn run(command: ActionCommand, quiet: bool) -> Result<()> {
	match command {
		ActionCommand::Sign { key, passphrase, genesis, model, nonce, out, force, action } => {
			let genesis = from_hex_array::<32>(&genesis, "--genesis")?;
			let payload = ActionPayload { model, nonce, action: action.action()?.signed() };
			let mut signed = SignedAction::new(&genesis, &payload);
			for path in &key {
				let pair = super::open_secret_key(path, &passphrase)?;
				let public = pair.signing_public()?;
				let signature =
					super::update::sign(&pair, &genesis, purpose::MODEL_ACTION, &payload.encode())?;
				signed.signatures.push(FileSignature::new(&public, &signature));
			}
			signed.checked_signatures()?;
			super::emit_json(&serde_json::to_value(&signed)?, out.as_deref(), force)
		},
		ActionCommand::Combine { files, out, force } => {
			let combined: SignedAction = combine(&files, quiet)?;
			super::emit_json(&serde_json::to_value(&combined)?, out.as_deref(), force)
		},
	}
}
