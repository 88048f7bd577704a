//! Command-line interface: the standard Substrate node flags plus the maintenance subcommands.

/// The Aegis node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Where the oracle's off-chain worker fetches a feed's value: `FEED=URL[#POINTER]`, e.g.
	/// `0=https://metrics.example.org/model.json#/accuracy` (a JSON number, or a quoted
	/// decimal, at the RFC 6901 pointer). Repeat for more feeds. The worker reports with the
	/// `orcl` keys in the keystore whose accounts are reporters; it runs on validators, or on
	/// any node with `--offchain-worker always`.
	#[arg(long = "oracle-source", value_name = "FEED=URL[#POINTER]", value_parser = parse_oracle_source)]
	pub oracle_sources: Vec<aegis_primitives::oracle::OracleSource>,

	/// When the database's disk has less free space than `--db-storage-threshold` (MiB,
	/// default 1024; 0 turns the check off), checked every `--db-storage-polling-period`
	/// seconds, the node stops with an error instead of failing writes half way.
	#[clap(flatten)]
	pub storage_monitor: sc_storage_monitor::StorageMonitorParams,

	/// TEST ONLY: author blocks whose proof-of-work seal does not meet the difficulty, and
	/// accept them locally. Every honest node rejects them; the end-to-end tests use this to
	/// show it. Never set on a real validator.
	#[arg(long, hide = true)]
	pub unsafe_invalid_pow_seals: bool,
}

fn parse_oracle_source(text: &str) -> Result<aegis_primitives::oracle::OracleSource, String> {
	aegis_primitives::oracle::OracleSource::parse(text).map_err(String::from)
}

/// Maintenance subcommands. Without one, the node runs.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	#[deprecated(note = "use `export-chain-spec`, which does not need a database")]
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a built-in chain or a file.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Write a chain specification from a runtime's wasm (a release's, or the one built into
	/// this node) and one of its genesis presets.
	ChainSpec(crate::chain_spec::ChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark the runtime (pallets, blocks, storage, overhead, extrinsics) and the machine.
	/// Only in nodes built with `--features runtime-benchmarks`.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Dry-run a runtime upgrade on a live chain's state (snapshot or RPC) with its checks,
	/// before governance proposes it.
	#[command(subcommand)]
	TryRuntime(crate::try_runtime::TryRuntimeCmd),

	/// Information about the chain's database.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// The Aegis parachain: its chain spec for a relay chain and para id, and the genesis head
	/// and validation code registering it takes (collators run `polkadot-omni-node`).
	#[command(subcommand)]
	Parachain(crate::parachain::ParachainCmd),
}
