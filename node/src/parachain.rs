//! `aegis-node parachain`: what relay-chain operators need to attach the Aegis parachain, which
//! runs in `polkadot-omni-node` (the standard collator), not in this node.
//!
//! - `chain-spec` writes the parachain's chain spec for a relay chain and para id, from the
//!   parachain runtime's genesis presets (the runtime built into this node, or `--runtime`).
//! - `export-genesis-head` and `export-genesis-wasm` print what registering the para on the
//!   relay chain takes: the genesis block's header and the validation code, from a chain spec.

use std::path::PathBuf;

use sc_chain_spec::{json_merge, ChainSpecExtension, ChainSpecGroup};
use sc_executor::RuntimeVersion;
use sc_executor_common::runtime_blob::RuntimeBlob;
use sc_service::ChainType;
use serde::{Deserialize, Serialize};
use sp_core::storage::{well_known_keys, Storage};
use sp_runtime::{
	traits::{Block as BlockT, Hash as HashT, HashingFor},
	BuildStorage,
};

use aegis_primitives::OpaqueBlock;

use crate::chain_spec::write_output;

/// The chain-spec extensions a parachain collator reads: the relay chain it follows and its
/// para id (`polkadot-omni-node` reads both; it prefers the runtime's own para id when the
/// runtime reports one, as Aegis's does).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ChainSpecGroup, ChainSpecExtension)]
#[serde(deny_unknown_fields)]
pub struct Extensions {
	/// The relay chain's chain-spec id, e.g. `rococo-local`, `westend`, `polkadot`.
	#[serde(alias = "relayChain", alias = "RelayChain")]
	pub relay_chain: String,
	/// The para id the relay chain registered for the parachain.
	#[serde(alias = "paraId", alias = "ParaId")]
	pub para_id: u32,
}

/// A chain spec of the Aegis parachain.
pub type ParachainChainSpec = sc_service::GenericChainSpec<Extensions>;

/// Relay-chain operators' tools for the Aegis parachain.
#[derive(Debug, clap::Subcommand)]
pub enum ParachainCmd {
	/// Write the parachain's chain spec for a relay chain and para id.
	ChainSpec(ChainSpecCmd),
	/// Print the genesis head (the genesis block's header) registering the para takes.
	ExportGenesisHead(ExportCmd),
	/// Print the validation code (the genesis runtime) registering the para takes.
	ExportGenesisWasm(ExportCmd),
}

/// `aegis-node parachain chain-spec`.
#[derive(Debug, clap::Args)]
pub struct ChainSpecCmd {
	/// The relay chain the parachain attaches to: its chain-spec id (`rococo-local`,
	/// `westend-local`, `paseo`, `polkadot`, ...).
	#[arg(long, value_name = "ID")]
	pub relay_chain: String,

	/// The para id the relay chain reserved for the parachain.
	#[arg(long, value_name = "ID", default_value_t = aegis_primitives::parachain::DEFAULT_PARA_ID)]
	pub para_id: u32,

	/// The runtime's genesis preset: `development` (Alice collates, sudo) or `local_testnet`
	/// (Alice and Bob collate, governed by referendum).
	#[arg(long, value_name = "NAME", default_value = sp_genesis_builder::DEV_RUNTIME_PRESET)]
	pub preset: String,

	/// The runtime's wasm; by default the parachain runtime built into this node.
	#[arg(long, value_name = "FILE")]
	pub runtime: Option<PathBuf>,

	/// Write the raw genesis storage (what collators and the relay chain use) instead of the
	/// preset's patch.
	#[arg(long)]
	pub raw: bool,

	/// Where to write the chain spec; standard output if absent.
	#[arg(long, short, value_name = "FILE")]
	pub output: Option<PathBuf>,
}

/// `aegis-node parachain export-genesis-head` and `export-genesis-wasm`.
#[derive(Debug, clap::Args)]
pub struct ExportCmd {
	/// The parachain's chain spec (plain or raw).
	#[arg(long, value_name = "FILE")]
	pub chain: PathBuf,

	/// Where to write the result (`0x`-prefixed hex); standard output if absent.
	#[arg(long, short, value_name = "FILE")]
	pub output: Option<PathBuf>,
}

impl ParachainCmd {
	/// Runs the subcommand; errors are for the user to read.
	pub fn run(&self) -> Result<(), String> {
		match self {
			Self::ChainSpec(cmd) => {
				let spec = cmd.chain_spec()?;
				let json = sc_chain_spec::ChainSpec::as_json(&spec, cmd.raw)?;
				write_output(cmd.output.as_deref(), json.as_bytes())
			},
			Self::ExportGenesisHead(cmd) => {
				let storage = cmd.genesis_storage()?;
				let head = genesis_head(&storage)?;
				write_output(cmd.output.as_deref(), hex_prefixed(&head).as_bytes())
			},
			Self::ExportGenesisWasm(cmd) => {
				let storage = cmd.genesis_storage()?;
				let code = genesis_code(&storage)?;
				write_output(cmd.output.as_deref(), hex_prefixed(code).as_bytes())
			},
		}
	}
}

impl ChainSpecCmd {
	/// The chain spec: the preset's genesis with the para id set, the relay chain and para id
	/// in the extensions, AEG's token properties.
	pub fn chain_spec(&self) -> Result<ParachainChainSpec, String> {
		let wasm = match &self.runtime {
			Some(path) => crate::chain_spec::read_runtime(path)?,
			None => aegis_runtime_wasm::parachain::WASM_BINARY
				.ok_or_else(|| {
					"this node was built without the parachain runtime's wasm (SKIP_WASM_BUILD \
					 was set); rebuild it without SKIP_WASM_BUILD, or pass --runtime"
						.to_string()
				})?
				.to_vec(),
		};
		let mut genesis = crate::chain_spec::named_preset(&wasm, &self.preset)?;
		json_merge(
			&mut genesis,
			serde_json::json!({ "parachainInfo": { "parachainId": self.para_id } }),
		);
		let (chain_type, kind) = match self.preset.as_str() {
			sp_genesis_builder::DEV_RUNTIME_PRESET => (ChainType::Development, "dev"),
			sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => (ChainType::Local, "local"),
			_ => (ChainType::Live, "live"),
		};
		let extensions =
			Extensions { relay_chain: self.relay_chain.clone(), para_id: self.para_id };
		Ok(ParachainChainSpec::builder(&wasm, extensions)
			.with_name(&format!("Aegis Parachain ({}, para {})", self.relay_chain, self.para_id))
			.with_id(&format!("aegis_parachain_{kind}_{}", self.para_id))
			.with_chain_type(chain_type)
			.with_genesis_config_patch(genesis)
			.with_properties(crate::chain_spec::properties())
			.build())
	}
}

impl ExportCmd {
	/// The genesis storage of the chain spec at `--chain`.
	fn genesis_storage(&self) -> Result<Storage, String> {
		let spec = ParachainChainSpec::from_json_file(self.chain.clone())
			.map_err(|error| format!("cannot load {}: {error}", self.chain.display()))?;
		spec.build_storage()
	}
}

/// The genesis runtime in `storage`.
fn genesis_code(storage: &Storage) -> Result<&[u8], String> {
	storage
		.top
		.get(well_known_keys::CODE)
		.map(Vec::as_slice)
		.ok_or_else(|| "the chain spec's genesis has no runtime (`:code`)".to_string())
}

/// The SCALE-encoded header of the genesis block of `storage`, as every node of the chain
/// computes it: the root of the genesis state (with the state version the runtime declares)
/// and of no extrinsics.
pub fn genesis_head(storage: &Storage) -> Result<Vec<u8>, String> {
	use codec::Encode;

	let state_version = embedded_runtime_version(genesis_code(storage)?)?.state_version();
	let mut top: Vec<(Vec<u8>, Vec<u8>)> =
		storage.top.iter().map(|(key, value)| (key.clone(), value.clone())).collect();
	// A child trie is in the state as its root, under its prefixed key; an empty one is not
	// in the state at all.
	for child in storage.children_default.values().filter(|child| !child.data.is_empty()) {
		let data = child.data.iter().map(|(key, value)| (key.clone(), value.clone()));
		let root = HashingFor::<OpaqueBlock>::trie_root(data.collect(), state_version);
		top.push((child.child_info.prefixed_storage_key().into_inner(), root.encode()));
	}
	let state_root = HashingFor::<OpaqueBlock>::trie_root(top, state_version);
	let block = sc_chain_spec::construct_genesis_block::<OpaqueBlock>(state_root, state_version);
	Ok(block.header().encode())
}

/// The version `code` declares in its custom sections (`#[sp_version::runtime_version]`), read
/// without compiling the code: nodes read it there too, before they would fall back to running
/// `Core_version`.
fn embedded_runtime_version(code: &[u8]) -> Result<RuntimeVersion, String> {
	let blob = RuntimeBlob::uncompress_if_needed(code)
		.map_err(|error| format!("the genesis runtime is not a wasm blob: {error}"))?;
	sc_executor::read_embedded_version(&blob)
		.map_err(|error| format!("cannot read the runtime's version: {error}"))?
		.ok_or_else(|| "the genesis runtime declares no version".to_string())
}

/// `0x`-prefixed hex of all of `bytes` (`HexDisplay` abridges long data).
fn hex_prefixed(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::{Decode, Encode};
	use sp_runtime::traits::Header as _;

	fn spec(preset: &str, para_id: u32) -> ParachainChainSpec {
		ChainSpecCmd {
			relay_chain: "rococo-local".into(),
			para_id,
			preset: preset.into(),
			runtime: None,
			raw: false,
			output: None,
		}
		.chain_spec()
		.expect("the parachain runtime is built for tests")
	}

	/// `ParachainInfo::ParachainId`: twox128("ParachainInfo") ++ twox128("ParachainId").
	fn para_id_key() -> Vec<u8> {
		[
			sp_io::hashing::twox_128(b"ParachainInfo").as_slice(),
			sp_io::hashing::twox_128(b"ParachainId").as_slice(),
		]
		.concat()
	}

	#[test]
	fn the_chain_spec_carries_the_para_id_in_genesis_and_extensions() {
		let spec = spec(sp_genesis_builder::DEV_RUNTIME_PRESET, 3344);
		assert_eq!(spec.extensions().para_id, 3344);
		assert_eq!(spec.extensions().relay_chain, "rococo-local");
		let raw = sc_chain_spec::ChainSpec::as_json(&spec, true).expect("raw spec");
		let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
		// The genesis state of the raw spec (built by the runtime from the preset) stores it.
		let stored = &json["genesis"]["raw"]["top"][hex_prefixed(&para_id_key())];
		assert_eq!(stored.as_str(), Some(hex_prefixed(&3344u32.encode()).as_str()));
		assert_eq!(json["para_id"], 3344);
		assert_eq!(json["relay_chain"], "rococo-local");
		assert_eq!(json["properties"]["tokenSymbol"], "AEG");
	}

	#[test]
	fn an_unknown_preset_is_refused_with_the_known_ones() {
		let error = ChainSpecCmd {
			relay_chain: "rococo-local".into(),
			para_id: 2000,
			preset: "mainnet".into(),
			runtime: None,
			raw: false,
			output: None,
		}
		.chain_spec()
		.err()
		.expect("an unknown preset is refused");
		assert!(error.contains("`mainnet`") && error.contains("development"), "{error}");
	}

	#[test]
	fn the_genesis_head_is_block_zero_of_that_state_and_the_code_is_the_runtime() {
		let mut storage = spec(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, 2000)
			.build_storage()
			.unwrap();
		let head = genesis_head(&storage).unwrap();
		let header = aegis_primitives::Header::decode(&mut &head[..]).unwrap();
		assert_eq!(*header.number(), 0);
		assert_eq!(*header.parent_hash(), Default::default());
		let code = genesis_code(&storage).unwrap();
		assert_eq!(code, aegis_runtime_wasm::parachain::WASM_BINARY.unwrap());
		// The version read from the blob's custom sections is the runtime's own.
		let (embedded, runtime) =
			(embedded_runtime_version(code).unwrap(), aegis_parachain_runtime::VERSION);
		assert_eq!(embedded.spec_name, runtime.spec_name);
		assert_eq!(embedded.spec_version, runtime.spec_version);
		assert_eq!(embedded.state_version(), runtime.state_version());
		// The head commits to the whole state: another para id is another head.
		storage.top.insert(para_id_key(), 2001u32.encode());
		assert_ne!(genesis_head(&storage).unwrap(), head);
	}
}
