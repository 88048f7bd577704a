//! `aegis action`: the signatures a model's policy keys give an owner action (a new policy, a
//! transfer, a deprecation, a revocation) when its signers are apart — each signs on their
//! own machine, `combine` joins the files, and `aegis submit <action> --signatures` sends
//! them. (Signers on one machine give `aegis submit <action>` their keys instead.)

use aegis_cli::signed::ActionPayload;
use anyhow::Result;
use clap::Subcommand;

use super::{
	submit::owner::{OwnerAction, PolicyArgs},
	CombineArgs, JsonOutput, SignerArgs,
};

#[derive(Subcommand)]
pub enum ActionCommand {
	/// Sign an owner action: the SCALE `ModelActionPayload` (model, nonce, action) under
	/// purpose `aegis/model-action`, bound to one chain by its genesis hash. Prints JSON for
	/// `aegis action combine` or `aegis submit <action> --signatures`.
	Sign {
		#[command(flatten)]
		signers: SignerArgs,
		/// The model id.
		#[arg(long)]
		model: u32,
		/// The model's update nonce now (`ModelRegistry.models(id).nonce`): the signature is
		/// void once an update or another action moves it on.
		#[arg(long)]
		nonce: u64,
		#[command(flatten)]
		output: JsonOutput,
		#[command(subcommand)]
		action: ActionArgs,
	},
	/// Combine the signatures of one owner action made by several signers (`aegis action
	/// sign` files): checks that every file authorises the same action for the same chain and
	/// that every signature verifies, and refuses a key twice. Prints the combined JSON.
	Combine(CombineArgs),
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

pub fn run(command: ActionCommand, quiet: bool) -> Result<()> {
	match command {
		ActionCommand::Sign { signers, model, nonce, output, action } => {
			let payload = ActionPayload { model, nonce, action: action.action()?.signed() };
			output.emit(&signers.sign(&payload)?)
		},
		ActionCommand::Combine(combine) => combine.run::<ActionPayload>(quiet),
	}
}
