//! What an owner says about a model: its update policy, and the actions the policy's signing
//! key must authorise.

use super::*;

/// What a model's update policy demands (the `UpdatePolicy` of `register_model` and
/// `set_policy`).
#[derive(Args)]
pub(super) struct PolicyArgs {
	/// Require every update to be signed with this registered signing key id (one of the
	/// owner's). Owner actions then need it too.
	#[arg(long, value_name = "KEY_ID")]
	pub(super) signing_key: Option<u32>,
	/// Require every update to carry a Groth16 proof under this verification key id.
	#[arg(long, value_name = "KEY_ID")]
	pub(super) zk_key: Option<u32>,
	/// An account that may propose updates (SS58); repeat for several.
	#[arg(long = "contributor", value_name = "ACCOUNT")]
	pub(super) contributors: Vec<String>,
}

/// The policy as the registry encodes it: what an owner-action signature covers.
#[derive(Clone, Encode)]
pub(super) struct Policy {
	pub(super) signing_key: Option<u32>,
	pub(super) zk_verifying_key: Option<u32>,
	pub(super) contributors: Vec<[u8; 32]>,
}

impl PolicyArgs {
	pub(super) fn policy(&self) -> Result<Policy> {
		let contributors = self
			.contributors
			.iter()
			.map(|account| parse_account(account).map(|account| account.0))
			.collect::<Result<Vec<_>>>()?;
		Ok(Policy { signing_key: self.signing_key, zk_verifying_key: self.zk_key, contributors })
	}
}

impl Policy {
	pub(super) fn value(&self) -> Value {
		Value::named_composite([
			("signing_key", option(self.signing_key.map(|id| Value::u128(id.into())))),
			("zk_verifying_key", option(self.zk_verifying_key.map(|id| Value::u128(id.into())))),
			(
				"contributors",
				Value::unnamed_composite(self.contributors.iter().map(Value::from_bytes)),
			),
		])
	}
}

/// The signing key an owner action is authorised with.
#[derive(Args)]
pub(super) struct AuthorityArgs {
	/// The secret key file of the signing key the model's current policy names: it signs the action
	/// (purpose `aegis/model-action`). Omit if the policy names none.
	#[arg(long, value_name = "FILE")]
	pub(super) key: Option<PathBuf>,
	#[command(flatten)]
	pub(super) passphrase: PassphraseArgs,
}

impl AuthorityArgs {
	pub(super) fn open(&self) -> Result<Option<KeyPair>> {
		let pair = self
			.key
			.as_ref()
			.map(|key| crate::commands::open_secret_key(key, &self.passphrase));
		let pair = pair.transpose()?;
		if let Some(pair) = &pair {
			pair.signing_public()?;
		}
		Ok(pair)
	}
}

/// An owner action, as `aegis` builds and signs it.
pub(super) enum OwnerAction {
	SetPolicy(Policy),
	TransferOwnership(AccountId32),
	Deprecate,
	Revoke,
}

impl OwnerAction {
	/// The registry's `ModelAction` for this action.
	pub(super) fn signed(&self) -> ModelAction<[u8; 32], Policy> {
		match self {
			OwnerAction::SetPolicy(policy) => ModelAction::SetPolicy(policy.clone()),
			OwnerAction::TransferOwnership(to) => ModelAction::TransferOwnership(to.0),
			OwnerAction::Deprecate => ModelAction::Deprecate,
			OwnerAction::Revoke => ModelAction::Revoke,
		}
	}
}
