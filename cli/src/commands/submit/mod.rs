//! `aegis submit`: signed transactions to an Aegis node over its WebSocket RPC, or the call data
//! to paste into polkadot.js apps (Developer → Extrinsics → Decode).
//!
//! Calls are built from the node's own metadata (`subxt` dynamic calls), so a runtime upgrade
//! that keeps a call's shape needs no new `aegis`. The transaction is signed with an sr25519
//! account (a Substrate secret URI); the model-update and key-registration *payloads* are
//! signed with the policy's signing keys (k of n), as the pallets demand — and so are the owner
//! actions (new policy, transfer, deprecation, revocation) on a model whose policy names
//! signing keys. Each signature names its key's id, found on chain from the key's public key.

use std::{path::PathBuf, str::FromStr, time::Duration};

use aegis_cli::{keyfile::KeyPair, model::ModelDigest, to_hex};
use aegis_integrity::{
	pq::{purpose, Algorithm, PqSignature},
	update::{ModelAction, ModelActionPayload, ModelUpdatePayload},
};
use anyhow::{anyhow, bail, ensure, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use codec::{Decode, Encode};
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, RpcConfigFor},
	dynamic::Value,
	rpcs::{LegacyRpcMethods, RpcClient},
	transactions::{Payload, TransactionStatus},
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};
use zeroize::Zeroizing;

use super::{model::Sharding, PassphraseArgs};

pub(crate) mod owner;
mod prepared;
mod signers;
mod values;

use aegis_cli::signed::SignedUpdate;
use owner::{policy_value, Authority, AuthorityArgs, OwnerAction, PolicyArgs};
use prepared::Prepared;
use signers::{model_record, policy_signers, record_nonce, signature_list};
pub(crate) use values::parse_account;
use values::{option, pq_value, render, signature_value};

#[derive(Args)]
pub struct SubmitCommand {
	#[command(flatten)]
	connection: Connection,
	#[command(subcommand)]
	action: Action,
}

/// Where to send, who signs and how long to wait.
#[derive(Args)]
struct Connection {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, default_value = "ws://127.0.0.1:9944", global = true)]
	url: String,
	/// File holding the sr25519 account's secret URI (mnemonic or seed, with derivation path),
	/// on its first line.
	#[arg(long, value_name = "FILE", global = true, conflicts_with = "suri")]
	suri_file: Option<PathBuf>,
	/// A development account (`//Alice`, `//Bob`, …: derivations of the well-known
	/// development phrase). Other secrets only through --suri-file: command lines are visible
	/// to other users and kept in shell histories.
	#[arg(long, global = true, value_name = "//NAME")]
	suri: Option<String>,
	/// Give up waiting for the transaction after this many seconds.
	#[arg(long, default_value_t = 300, global = true, value_name = "SECONDS")]
	timeout: u64,
	/// Print the call data (hex) instead of submitting, e.g. to paste into polkadot.js apps.
	#[arg(long, global = true)]
	print_call: bool,
	/// Allow an unencrypted connection (ws://, http://) to a node other than this machine.
	#[arg(long, global = true)]
	allow_insecure: bool,
	/// Wait until the transaction is in a best block, or until it is finalized.
	#[arg(long, value_enum, default_value_t = Wait::Finalized, global = true)]
	wait: Wait,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Wait {
	/// Return once the transaction is in a best block.
	InBlock,
	/// Return once the block holding the transaction is finalized.
	Finalized,
}

#[derive(Subcommand)]
enum Action {
	/// Register a signing key for the signing account (`ProofVerifier.register_signing_key`),
	/// with the proof of possession made here.
	RegisterKey {
		/// The signing key's secret key file (any signing algorithm; the chain refuses those
		/// its runtime does not accept).
		#[arg(long, value_name = "FILE")]
		key: PathBuf,
		#[command(flatten)]
		passphrase: PassphraseArgs,
		/// With --print-call and no signer: the account the key is for (SS58).
		#[arg(long)]
		account: Option<String>,
	},
	/// Register a model (`ModelRegistry.register_model`).
	RegisterModel {
		/// The model's name.
		#[arg(long)]
		name: String,
		/// The framework its weights are for (e.g. pytorch, onnx).
		#[arg(long)]
		framework: String,
		/// Where the weights are published (URI or IPFS CID).
		#[arg(long)]
		uri: String,
		#[command(flatten)]
		policy: PolicyArgs,
	},
	/// Replace a model's update policy (`ModelRegistry.set_policy`).
	SetPolicy {
		/// The model id.
		#[arg(long)]
		model: u32,
		#[command(flatten)]
		policy: PolicyArgs,
		#[command(flatten)]
		authority: AuthorityArgs,
	},
	/// Offer a model to another account, which must accept it
	/// (`ModelRegistry.transfer_ownership`).
	TransferOwnership {
		/// The model id.
		#[arg(long)]
		model: u32,
		/// The account offered the model (SS58).
		#[arg(long, value_name = "ACCOUNT")]
		to: String,
		#[command(flatten)]
		authority: AuthorityArgs,
	},
	/// Take over a model offered to the signing account (`ModelRegistry.accept_ownership`).
	/// The previous owner's signing keys leave the policy: set keys of your own next.
	AcceptOwnership {
		/// The model id.
		#[arg(long)]
		model: u32,
	},
	/// Deprecate a model: it takes no more updates (`ModelRegistry.deprecate_model`).
	DeprecateModel {
		/// The model id.
		#[arg(long)]
		model: u32,
		#[command(flatten)]
		authority: AuthorityArgs,
	},
	/// Revoke a model for good (`ModelRegistry.revoke_model`).
	RevokeModel {
		/// The model id.
		#[arg(long)]
		model: u32,
		#[command(flatten)]
		authority: AuthorityArgs,
	},
	/// Publish a model file as the model's next version (`ModelRegistry.update_model`): hashes
	/// the file, asks the node for the payload to sign, signs it with the signing keys given
	/// and adds the signatures of the files given, as many as the policy's threshold.
	Update {
		/// The model id.
		#[arg(long)]
		model: u32,
		/// The model file.
		#[arg(long, value_name = "MODEL")]
		file: PathBuf,
		#[command(flatten)]
		sharding: Sharding,
		/// The secret key file of a signing key the model's policy names; repeat for several
		/// (omit if it names none). A --passphrase-file opens every sealed one.
		#[arg(long, value_name = "FILE")]
		key: Vec<PathBuf>,
		#[command(flatten)]
		passphrase: PassphraseArgs,
		/// Signatures other signers made of this very update (`aegis update sign`, `aegis
		/// update combine`); repeat for several files.
		#[arg(long, value_name = "FILE")]
		signatures: Vec<PathBuf>,
	},
	/// Have the chain verify and record that a shard belongs to a Merkle root
	/// (`ProofVerifier.attest` with a Merkle inclusion statement).
	AttestShard {
		/// The model file.
		#[arg(long, value_name = "MODEL")]
		file: PathBuf,
		/// The shard, from 0.
		#[arg(long)]
		shard: u32,
		#[command(flatten)]
		sharding: Sharding,
	},
}

pub fn run(command: SubmitCommand, quiet: bool) -> Result<()> {
	let runtime = tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.context("cannot start the async runtime")?;
	runtime.block_on(submit(command, quiet))
}

async fn submit(command: SubmitCommand, quiet: bool) -> Result<()> {
	let SubmitCommand { connection, action } = command;
	let signer = connection.signer()?;
	// Everything that can fail offline fails before the connection is made.
	let prepared = Prepared::new(action, quiet)?;
	let rpc = if connection.allow_insecure {
		RpcClient::from_insecure_url(&connection.url).await
	} else {
		RpcClient::from_url(&connection.url).await
	}
	.with_context(|| format!("cannot connect to the node at {}", connection.url))?;
	let api = OnlineClient::<PolkadotConfig>::from_rpc_client(rpc.clone())
		.await
		.with_context(|| format!("cannot talk to the node at {}", connection.url))?;
	let legacy = LegacyRpcMethods::<RpcConfigFor<PolkadotConfig>>::new(rpc);
	let genesis: [u8; 32] = api.genesis_hash().0;
	// Read state at the best block, as the transaction pool does: a model update submitted
	// just before this one is already counted there, if not yet finalized.
	let best = legacy
		.chain_get_block_hash(None)
		.await
		.context("cannot ask the node for its best block")?
		.context("the node has no best block")?;
	let at = api.at_block(best).await.context("cannot read the chain's best block")?;
	let account = match (&signer, &prepared) {
		(Some(signer), _) => Some(signer.public_key().to_account_id()),
		(None, Prepared::RegisterKey { account: Some(account), .. }) => Some(*account),
		_ => None,
	};
	let call = prepared.call(&genesis, account.as_ref(), &at).await?;
	let mut transactions = at.transactions();
	if connection.print_call {
		let data = transactions.call_data(&call).context("the node's metadata refuses the call")?;
		println!("{}", to_hex(&data));
		return Ok(());
	}
	let signer = signer
		.context("no account to sign with: pass --suri-file FILE (or --suri for dev accounts)")?;
	let account = signer.public_key().to_account_id();
	// The pool's next nonce, so transactions sent in quick succession do not collide.
	let nonce = legacy
		.system_account_next_index(&account)
		.await
		.context("cannot ask the node for the account's next nonce")?;
	let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
	let mut progress = transactions
		.sign_and_submit_then_watch(&call, &signer, params)
		.await
		.map_err(|error| refused(error.to_string()))?;
	eprintln!("submitted {}", to_hex(progress.extrinsic_hash().as_ref()));
	let watch = async {
		while let Some(status) = progress.next().await {
			let in_block = match status.context("lost the transaction's status")? {
				TransactionStatus::InBestBlock(in_block) if connection.wait == Wait::InBlock => {
					in_block
				},
				TransactionStatus::InFinalizedBlock(in_block) => in_block,
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => return Err(refused(message)),
				_ => continue,
			};
			let events = in_block
				.wait_for_success()
				.await
				.map_err(|error| anyhow!("the transaction failed: {error}"))?;
			println!("included in block {}", to_hex(in_block.block_hash().as_ref()));
			for event in events.iter() {
				let event = event.context("cannot decode an event")?;
				let fields = event
					.decode_fields_unchecked_as::<Value>()
					.map(|fields| render(&fields))
					.unwrap_or_default();
				println!("event {}.{} {fields}", event.pallet_name(), event.event_name());
			}
			return Ok(());
		}
		bail!("the node stopped reporting on the transaction before it was included")
	};
	tokio::time::timeout(Duration::from_secs(connection.timeout), watch)
		.await
		.map_err(|_| {
			anyhow!(
			"no answer within {} s: the transaction may still be included later (see its hash above)",
			connection.timeout
		)
		})?
}

fn refused(message: String) -> anyhow::Error {
	let stake_too_low = format!("custom error: {}", aegis_integrity::update::STAKE_TOO_LOW);
	if message.to_lowercase().contains(&stake_too_low) {
		anyhow!("the node refused the transaction: the account's bonded stake is below the model registry's minimum ({message})")
	} else {
		anyhow!("the node refused the transaction: {message}")
	}
}

impl Connection {
	fn signer(&self) -> Result<Option<Keypair>> {
		let uri = match (&self.suri_file, &self.suri) {
			(Some(path), _) => {
				#[cfg(unix)]
				{
					use std::os::unix::fs::PermissionsExt;
					let mode = std::fs::metadata(path)
						.with_context(|| format!("cannot read {}", path.display()))?
						.permissions()
						.mode();
					if mode & 0o077 != 0 {
						eprintln!(
							"warning: {} is readable by others (mode {:o}): chmod 600 it",
							path.display(),
							mode & 0o777
						);
					}
				}
				let line = aegis_cli::fsutil::read_secret_line(path, "a secret URI file")?;
				Zeroizing::new(line.trim().to_string())
			},
			(None, Some(uri)) => {
				ensure!(
					is_development_account(uri),
					"--suri takes only development accounts (//Alice, //Bob, …): pass other \
					 secrets with --suri-file FILE"
				);
				Zeroizing::new(uri.clone())
			},
			(None, None) => return Ok(None),
		};
		let uri = SecretUri::from_str(&uri).map_err(|error| anyhow!("bad secret URI: {error}"))?;
		Keypair::from_uri(&uri)
			.map(Some)
			.map_err(|error| anyhow!("bad secret URI: {error}"))
	}
}

/// A bare derivation of the development phrase, such as `//Alice`: no phrase, seed or
/// password of its own, so nothing secret.
fn is_development_account(uri: &str) -> bool {
	uri.starts_with("//") && !uri.contains("///") && !uri.contains(char::is_whitespace)
}
