//! What an owner says about a model: its update policy, and the actions the policy's signing
//! keys must authorise.

use aegis_cli::signed::{Policy, SignedAction, SigningPolicy};

use super::*;

/// What a model's update policy demands (the `UpdatePolicy` of `register_model` and
/// `set_policy`).
#[derive(Args)]
pub(crate) struct PolicyArgs {
	/// Require updates to be signed with this registered signing key id (the owner's or a
	/// co-signer's); repeat for several, of which --threshold must sign. Owner actions then
	/// need the same signatures.
	#[arg(long = "signing-key", value_name = "KEY_ID")]
	pub(crate) signing_keys: Vec<u32>,
	/// How many of the --signing-key keys must sign (default: all of them).
	#[arg(long, value_name = "K", requires = "signing_keys")]
	pub(crate) threshold: Option<u32>,
	/// Require every update to carry a Groth16 proof under this verification key id.
	#[arg(long, value_name = "KEY_ID")]
	pub(crate) zk_key: Option<u32>,
	/// An account that may propose updates (SS58); repeat for several.
	#[arg(long = "contributor", value_name = "ACCOUNT")]
	pub(crate) contributors: Vec<String>,
}

impl PolicyArgs {
	pub(crate) fn policy(&self) -> Result<Policy> {
		let contributors = self
			.contributors
			.iter()
			.map(|account| parse_account(account).map(|account| account.0))
			.collect::<Result<Vec<_>>>()?;
		let signing = (!self.signing_keys.is_empty()).then(|| SigningPolicy {
			keys: self.signing_keys.clone(),
			threshold: self.threshold.unwrap_or(self.signing_keys.len() as u32),
		});
		if let Some(signing) = &signing {
			ensure!(
				(1..=signing.keys.len() as u32).contains(&signing.threshold),
				"--threshold must be from 1 to the number of --signing-key ({})",
				signing.keys.len()
			);
		}
		Ok(Policy { signing, zk_verifying_key: self.zk_key, contributors })
	}
}

/// The policy as the node's metadata takes it.
pub(crate) fn policy_value(policy: &Policy) -> Value {
	Value::named_composite([
		(
			"signing",
			option(policy.signing.as_ref().map(|signing| {
				Value::named_composite([
					(
						"keys",
						Value::unnamed_composite(
							signing.keys.iter().map(|id| Value::u128((*id).into())),
						),
					),
					("threshold", Value::u128(signing.threshold.into())),
				])
			})),
		),
		("zk_verifying_key", option(policy.zk_verifying_key.map(|id| Value::u128(id.into())))),
		(
			"contributors",
			Value::unnamed_composite(policy.contributors.iter().map(Value::from_bytes)),
		),
	])
}

/// The signing keys an owner action is authorised with.
#[derive(Args)]
pub(crate) struct AuthorityArgs {
	/// The secret key file of a signing key the model's current policy names: it signs the
	/// action (purpose `aegis/model-action`); repeat for as many as the policy's threshold.
	/// Omit if the policy names none. A --passphrase-file opens every sealed one.
	#[arg(long, value_name = "FILE")]
	pub(crate) key: Vec<PathBuf>,
	#[command(flatten)]
	pub(crate) passphrase: PassphraseArgs,
	/// Signatures other signers made of this very action (`aegis action sign`, `aegis action
	/// combine`); repeat for several files.
	#[arg(long, value_name = "FILE")]
	pub(crate) signatures: Vec<PathBuf>,
}

/// The authority of an owner action, read: keys opened, signature files parsed.
pub(crate) struct Authority {
	pub(crate) pairs: Vec<KeyPair>,
	pub(crate) files: Vec<SignedAction>,
}

impl AuthorityArgs {
	pub(crate) fn open(&self) -> Result<Authority> {
		Ok(Authority {
			pairs: super::prepared::open_signing_keys(&self.key, &self.passphrase)?,
			files: self
				.signatures
				.iter()
				.map(|path| SignedAction::read(path))
				.collect::<Result<_>>()?,
		})
	}
}

/// An owner action, as `aegis` builds and signs it.
pub(crate) enum OwnerAction {
	SetPolicy(Policy),
	TransferOwnership(AccountId32),
	Deprecate,
	Revoke,
}

impl OwnerAction {
	/// The registry's `ModelAction` for this action.
	pub(crate) fn signed(&self) -> ModelAction<[u8; 32], Policy> {
		match self {
			OwnerAction::SetPolicy(policy) => ModelAction::SetPolicy(policy.clone()),
			OwnerAction::TransferOwnership(to) => ModelAction::TransferOwnership(to.0),
			OwnerAction::Deprecate => ModelAction::Deprecate,
			OwnerAction::Revoke => ModelAction::Revoke,
		}
	}
}
