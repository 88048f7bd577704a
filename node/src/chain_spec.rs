//! The chain specifications of the sovereign chain, built from a runtime's genesis presets:
//! the built-in `dev` and `local` from the runtime built into this node, and
//! `aegis-node chain-spec` from any Aegis runtime's wasm (a release's, say).

use std::{
	fs,
	io::{self, Write},
	path::{Path, PathBuf},
};

use aegis_primitives::currency::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use aegis_runtime_wasm::sovereign::WASM_BINARY;
use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
use sc_service::{ChainType, Properties};

/// A chain spec of the Aegis chain. No extensions: everything a node needs is in the genesis.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, for wallets such as polkadot.js apps (and
/// chopsticks, which needs them): the same on the sovereign chain and the parachain.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(built_in_wasm()?, Default::default())
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `aegis-node chain-spec`.
#[derive(Debug, clap::Args)]
pub struct ChainSpecCmd {
	/// The runtime's wasm; by default the sovereign runtime built into this node. A network
	/// started from an earlier release's wasm is how an upgrade to this one is rehearsed.
	#[arg(long, value_name = "FILE")]
	pub runtime: Option<PathBuf>,

	/// The runtime's genesis preset: `development` (Alice validates alone and holds the sudo
	/// key) or `local_testnet` (Alice, Bob and Charlie validate).
	#[arg(long, value_name = "NAME", default_value = sp_genesis_builder::DEV_RUNTIME_PRESET)]
	pub preset: String,

	/// Write the raw genesis storage instead of the preset's patch.
	#[arg(long)]
	pub raw: bool,

	/// Where to write the chain spec; standard output if absent.
	#[arg(long, short, value_name = "FILE")]
	pub output: Option<PathBuf>,
}

impl ChainSpecCmd {
	/// Writes the chain spec; errors are for the user to read.
	pub fn run(&self) -> Result<(), String> {
		let wasm = match &self.runtime {
			Some(path) => read_runtime(path)?,
			None => built_in_wasm()?.to_vec(),
		};
		let genesis = named_preset(&wasm, &self.preset)?;
		let (name, id, chain_type) = match self.preset.as_str() {
			sp_genesis_builder::DEV_RUNTIME_PRESET => {
				("Aegis Development", "aegis_dev", ChainType::Development)
			},
			sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => {
				("Aegis Local Testnet", "aegis_local", ChainType::Local)
			},
			_ => ("Aegis", "aegis", ChainType::Live),
		};
		let spec = ChainSpec::builder(&wasm, Default::default())
			.with_name(name)
			.with_id(id)
			.with_chain_type(chain_type)
			.with_genesis_config_patch(genesis)
			.with_properties(properties())
			.build();
		let json = sc_chain_spec::ChainSpec::as_json(&spec, self.raw)?;
		write_output(self.output.as_deref(), json.as_bytes())
	}
}

/// The wasm at `path`, with the path in the error.
pub fn read_runtime(path: &Path) -> Result<Vec<u8>, String> {
	fs::read(path).map_err(|error| format!("cannot read the runtime {}: {error}", path.display()))
}

/// The genesis preset `name` of the runtime `wasm`, as a JSON patch of its genesis config; an
/// unknown name is an error that lists the runtime's presets.
pub fn named_preset(wasm: &[u8], name: &str) -> Result<serde_json::Value, String> {
	let presets = GenesisConfigBuilderRuntimeCaller::<()>::new(wasm);
	let known = presets.preset_names()?;
	if !known.iter().any(|known| AsRef::<str>::as_ref(known) == name) {
		let known: Vec<&str> = known.iter().map(AsRef::as_ref).collect();
		return Err(format!(
			"the runtime has no genesis preset `{name}`; it has: {}",
			known.join(", ")
		));
	}
	presets.get_named_preset(Some(&name.to_string()))
}

/// `bytes` written to `path`, or to standard output with a final newline.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
	match path {
		Some(path) => fs::write(path, bytes)
			.map_err(|error| format!("cannot write {}: {error}", path.display())),
		None => {
			let mut stdout = io::stdout().lock();
			stdout
				.write_all(bytes)
				.and_then(|()| stdout.write_all(b"\n"))
				.map_err(|error| format!("cannot write to standard output: {error}"))
		},
	}
}

fn built_in_wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"this node was built without the runtime's wasm (SKIP_WASM_BUILD was set); rebuild it \
		 without SKIP_WASM_BUILD to use the built-in chains, or pass --runtime"
			.to_string()
	})
}

/// `--dev`: Alice validates alone and holds the sudo key.
pub fn development() -> Result<ChainSpec, String> {
	from_preset(
		"Aegis Development",
		"aegis_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: Alice, Bob and Charlie validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"Aegis Local Testnet",
		"aegis_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::BuildStorage;

	/// Every built-in chain must build its genesis state: a broken preset would otherwise only
	/// show when a node starts.
	#[test]
	fn built_in_chain_specs_build_their_genesis() {
		for spec in [development(), local_testnet()] {
			let spec = spec.expect("the wasm runtime is built for tests");
			let storage = spec.build_storage().expect("genesis builds");
			assert!(storage.top.contains_key(sp_core::storage::well_known_keys::CODE));
		}
	}

	/// `aegis-node chain-spec` names the presets a runtime has when asked for another.
	#[test]
	fn an_unknown_preset_is_refused_with_the_known_ones() {
		let wasm = WASM_BINARY.expect("the wasm runtime is built for tests");
		let error = named_preset(wasm, "mainnet").expect_err("no such preset");
		assert!(error.contains("no genesis preset `mainnet`"), "{error}");
		assert!(error.contains(sp_genesis_builder::DEV_RUNTIME_PRESET), "{error}");
		assert!(named_preset(wasm, sp_genesis_builder::DEV_RUNTIME_PRESET).is_ok());
	}

	#[test]
	fn built_in_chain_specs_name_the_token() {
		let spec = development().expect("the wasm runtime is built for tests");
		let properties = sc_chain_spec::ChainSpec::properties(&spec);
		assert_eq!(properties.get("tokenSymbol"), Some(&"AEG".into()));
		assert_eq!(properties.get("tokenDecimals"), Some(&12.into()));
	}
}
