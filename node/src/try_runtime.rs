//! `aegis-node try-runtime`: dry-runs a runtime upgrade on the state of a live chain before
//! governance proposes it.
//!
//! `create-snapshot` downloads a running node's state at a block into a file (with
//! `frame-remote-externalities`, FRAME's state scraper); `on-runtime-upgrade` puts the new
//! runtime's code into that state (or a freshly downloaded one) and calls its
//! `TryRuntime_on_runtime_upgrade` API: the single-block migrations run with their
//! `pre_upgrade`/`post_upgrade` checks and every pallet's `try_state`, and the weight they
//! used is compared with a block's. Nothing is written to any chain.
//!
//! The new runtime must be built with its `try-runtime` feature, which adds that API and the
//! checks: `cargo build -p aegis-runtime-wasm --features try-runtime-blobs` writes both
//! runtimes' (`wbuild/aegis-runtime/aegis_runtime_try_runtime.compact.compressed.wasm` and
//! `wbuild/aegis-parachain-runtime/aegis_parachain_runtime_try_runtime…`). Only the wasm needs
//! the feature, not this node: the subcommand is in every node.

use std::path::PathBuf;

use aegis_primitives::{Hash, OpaqueBlock as Block};
use codec::{Decode, Encode};
use frame_remote_externalities::{
	Builder, Mode, OfflineConfig, OnlineConfig, RemoteExternalities, SnapshotConfig,
};
use sc_executor::{HeapAllocStrategy, HostFunctions, WasmExecutor};
use sc_executor_common::runtime_blob::RuntimeBlob;
use sp_core::{storage::well_known_keys, traits::CallContext};
use sp_runtime::Weight;
use sp_state_machine::{backend::BackendRuntimeCode, OverlayedChanges, StateMachine};
use sp_version::RuntimeVersion;

/// `aegis-node try-runtime …`
#[derive(Debug, clap::Subcommand)]
pub enum TryRuntimeCmd {
	/// Download a running node's state at a block into a snapshot file.
	CreateSnapshot {
		/// The node's RPC endpoint (its state RPCs must be reachable: `--rpc-methods unsafe`
		/// on a node that is not a local one).
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		uri: String,
		/// The block whose state to take; the latest finalised block by default.
		#[arg(long)]
		at: Option<Hash>,
		/// Where to write the snapshot.
		path: PathBuf,
		/// Do not check the downloaded state against the block's state root. Only for chains
		/// whose headers do not commit to their state, such as chopsticks' (its blocks carry a
		/// zero root); a node's always do, and the check is what shows the download complete.
		#[arg(long)]
		skip_state_root_check: bool,
	},
	/// Run the new runtime's migrations on a chain's state, with their checks.
	OnRuntimeUpgrade(OnRuntimeUpgradeCmd),
}

/// `aegis-node try-runtime on-runtime-upgrade …`
#[derive(Debug, clap::Args)]
pub struct OnRuntimeUpgradeCmd {
	/// The upgrade's wasm, built with the runtime's `try-runtime` feature: `cargo build -p
	/// aegis-runtime-wasm --features try-runtime-blobs` builds both runtimes' into
	/// `$CARGO_TARGET_DIR/<profile>/wbuild/<runtime>/<runtime>_try_runtime.compact.compressed.wasm`.
	#[arg(long)]
	pub runtime: PathBuf,
	/// Which checks run: `all`, `pre-and-post` (the migrations' own), `try-state` (every
	/// pallet's invariants after the upgrade) or `none`.
	#[arg(long, value_enum, default_value_t = UpgradeChecks::All)]
	pub checks: UpgradeChecks,
	/// The state: a snapshot file made by `create-snapshot`...
	#[arg(long, conflicts_with_all = ["uri", "at"], required_unless_present = "uri")]
	pub snapshot: Option<PathBuf>,
	/// ...or a running node's RPC endpoint to download it from.
	#[arg(long)]
	pub uri: Option<String>,
	/// With `--uri`: the block whose state to take; the latest finalised block by default.
	#[arg(long, requires = "uri")]
	pub at: Option<Hash>,
	/// Run a wasm whose `spec_version` does not rise (to re-check the running runtime's own
	/// migrations and invariants); the chain itself would refuse it as an upgrade.
	#[arg(long)]
	pub allow_same_spec_version: bool,
}

/// Which checks `TryRuntime_on_runtime_upgrade` runs: its argument, encoded as FRAME's
/// `UpgradeCheckSelect` (the same variants in the same order). FRAME defines that type only
/// in `try-runtime` builds of `frame-support`, and that feature would rebuild the node's whole
/// dependency tree for one enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, clap::ValueEnum)]
pub enum UpgradeChecks {
	/// No checks: only the migrations and their weight.
	None,
	/// The migrations' `pre_upgrade`/`post_upgrade` checks and every pallet's `try_state`.
	All,
	/// The migrations' own checks.
	PreAndPost,
	/// Every pallet's `try_state` after the migrations.
	TryState,
}

/// The id under which a runtime lists FRAME's `TryRuntime` API among its APIs: the 8-byte
/// BLAKE2b of the trait's name, as `decl_runtime_apis!` derives it.
fn try_runtime_api_id() -> [u8; 8] {
	sp_crypto_hashing::blake2_64(b"TryRuntime")
}

/// Runs `cmd`; the error says what failed (the runtime's panic message for a failed check).
pub fn run<H: HostFunctions>(cmd: &TryRuntimeCmd) -> Result<(), String> {
	let runtime = tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.map_err(|error| format!("cannot start the async runtime: {error}"))?;
	match cmd {
		TryRuntimeCmd::CreateSnapshot { uri, at, path, skip_state_root_check } => {
			let config = OnlineConfig {
				transport_uris: vec![uri.clone()],
				at: *at,
				state_snapshot: Some(SnapshotConfig::new(path.clone())),
				disable_root_check: *skip_state_root_check,
				..Default::default()
			};
			runtime.block_on(load_state(Mode::Online(config)))?;
			log::info!("state snapshot written to {}", path.display());
			Ok(())
		},
		TryRuntimeCmd::OnRuntimeUpgrade(cmd) => {
			let mode = match (&cmd.snapshot, &cmd.uri) {
				(Some(path), _) => Mode::Offline(OfflineConfig {
					state_snapshot: SnapshotConfig::new(path.clone()),
				}),
				(None, Some(uri)) => Mode::Online(OnlineConfig {
					transport_uris: vec![uri.clone()],
					at: cmd.at,
					..Default::default()
				}),
				(None, None) => return Err("give the state with --snapshot or --uri".into()),
			};
			let code = std::fs::read(&cmd.runtime)
				.map_err(|error| format!("cannot read {}: {error}", cmd.runtime.display()))?;
			let state = runtime.block_on(load_state(mode))?;
			on_runtime_upgrade::<H>(state, code, cmd.checks, cmd.allow_same_spec_version)
		},
	}
}

async fn load_state(mode: Mode<Hash>) -> Result<RemoteExternalities<Block>, String> {
	Builder::<Block>::new()
		.mode(mode)
		.build()
		.await
		.map_err(|error| format!("cannot load the chain's state: {error}"))
}

/// The version a runtime's wasm declares in its `runtime_version` section.
fn embedded_version(code: &[u8], which: &str) -> Result<RuntimeVersion, String> {
	let blob = RuntimeBlob::uncompress_if_needed(code)
		.map_err(|error| format!("the {which} runtime is not a wasm blob: {error}"))?;
	sc_executor::read_embedded_version(&blob)
		.map_err(|error| format!("cannot read the {which} runtime's version: {error}"))?
		.ok_or_else(|| format!("the {which} runtime has no version section"))
}

fn on_runtime_upgrade<H: HostFunctions>(
	mut state: RemoteExternalities<Block>,
	code: Vec<u8>,
	checks: UpgradeChecks,
	same_version_allowed: bool,
) -> Result<(), String> {
	let header = state.header.clone();
	let mut backend = state.as_backend();
	let onchain_code = sp_state_machine::Backend::storage(&backend, well_known_keys::CODE)
		.map_err(|error| format!("cannot read the chain's code: {error}"))?
		.ok_or("the state has no runtime code")?;
	let current = embedded_version(&onchain_code, "chain's")?;
	let next = embedded_version(&code, "new")?;
	log::info!(
		"block #{} ({:?}): {} {} -> {} {}",
		header.number,
		header.hash(),
		current.spec_name,
		current.spec_version,
		next.spec_name,
		next.spec_version,
	);
	if !next.apis.iter().any(|(id, _)| *id == try_runtime_api_id()) {
		return Err("the new runtime has no try-runtime API: build its wasm with the runtime's \
			 `try-runtime` feature (`cargo build -p aegis-runtime-wasm --features \
			 try-runtime-blobs`)"
			.into());
	}
	if next.spec_name != current.spec_name {
		return Err(format!(
			"the new runtime is `{}`, the chain runs `{}`: the chain would refuse it",
			next.spec_name, current.spec_name
		));
	}
	if next.spec_version <= current.spec_version {
		let refusal = format!(
			"spec_version {} is not above the chain's {}: the chain would refuse this wasm",
			next.spec_version, current.spec_version
		);
		if !same_version_allowed {
			return Err(format!("{refusal} (--allow-same-spec-version runs it anyway)"));
		}
		log::warn!("{refusal}; running it anyway");
	}

	state.insert(well_known_keys::CODE.to_vec(), code);
	state.commit_all()?;
	backend = state.as_backend();

	let executor = WasmExecutor::<H>::builder()
		// The checks iterate over whole maps: let the runtime grow its heap as it needs.
		.with_onchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
		.with_offchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
		.build();
	let runtime_code_fetcher = BackendRuntimeCode::new(&backend, CallContext::Offchain.into());
	let runtime_code = runtime_code_fetcher.runtime_code()?;
	let mut changes = OverlayedChanges::default();
	let mut extensions = Default::default();
	let encoded = StateMachine::new(
		&backend,
		&mut changes,
		&executor,
		"TryRuntime_on_runtime_upgrade",
		&checks.encode(),
		&mut extensions,
		&runtime_code,
		CallContext::Offchain,
	)
	.execute()
	.map_err(|error| format!("the upgrade failed: {error}"))?;
	let (used, block_limit) = <(Weight, Weight)>::decode(&mut &encoded[..])
		.map_err(|error| format!("cannot decode the runtime's answer: {error}"))?;

	let share = |part: u64, whole: u64| part as f64 * 100.0 / whole.max(1) as f64;
	log::info!(
		"the migrations used {} ps ({:.2} % of a block) and {} bytes of proof ({:.2} %)",
		used.ref_time(),
		share(used.ref_time(), block_limit.ref_time()),
		used.proof_size(),
		share(used.proof_size(), block_limit.proof_size()),
	);
	if used.any_gt(block_limit) {
		return Err("the single-block migrations do not fit in a block: make the heavy ones \
			 multi-block migrations (runtime/solochain/src/configs/migrations.rs)"
			.into());
	}
	let pending_steps = changes
		.storage(&frame_support_storage_prefix(b"MultiBlockMigrations", b"Cursor"))
		.flatten()
		.is_some();
	if pending_steps {
		return Err(
			"the upgrade started multi-block migrations; this dry run does not step blocks: \
			 run them on a test network before proposing the upgrade"
				.into(),
		);
	}
	log::info!("on-runtime-upgrade with checks `{checks:?}` passed");
	Ok(())
}

/// The storage key of a plain storage value: `twox128(pallet) ++ twox128(item)`.
fn frame_support_storage_prefix(pallet: &[u8], item: &[u8]) -> Vec<u8> {
	[sp_io::hashing::twox_128(pallet), sp_io::hashing::twox_128(item)].concat()
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_api::RuntimeApiInfo;

	/// The runtime decodes the argument as FRAME's `UpgradeCheckSelect`, whose encoding is
	/// its variant index: None 0, All 1, PreAndPost 2, TryState 3.
	#[test]
	fn the_checks_encode_as_frames_selection() {
		let encoded: Vec<Vec<u8>> = [
			UpgradeChecks::None,
			UpgradeChecks::All,
			UpgradeChecks::PreAndPost,
			UpgradeChecks::TryState,
		]
		.iter()
		.map(Encode::encode)
		.collect();
		assert_eq!(encoded, vec![vec![0], vec![1], vec![2], vec![3]]);
	}

	/// The API id is derived from the trait's name as for every runtime API: checked on one
	/// the node knows the id of.
	#[test]
	fn api_ids_are_derived_as_decl_runtime_apis_does() {
		assert_eq!(
			sp_crypto_hashing::blake2_64(b"Core"),
			<dyn sp_api::Core<Block> as RuntimeApiInfo>::ID
		);
	}
}
