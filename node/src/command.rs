//! Parses the command line and runs the node or the requested subcommand.

use std::sync::Arc;

use aegis_primitives::OpaqueBlock as Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	pow::SealMode,
	service,
};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Aegis Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/aegis/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development()?),
			"" | "local" => Box::new(chain_spec::local_testnet()?),
			path => Box::new(load_spec_file(path)?),
		})
	}
}

/// Loads a chain spec from a JSON file, saying which of the two went wrong: a name that is
/// neither a built-in chain nor a file, or a file that is not a chain spec.
fn load_spec_file(path: &str) -> Result<chain_spec::ChainSpec, String> {
	let file = std::path::PathBuf::from(path);
	if !file.exists() {
		return Err(format!(
			"unknown chain `{path}`: expected `dev`, `local` or the path of a chain-spec JSON file"
		));
	}
	chain_spec::ChainSpec::from_json_file(file)
		.map_err(|error| format!("`{path}` is not a valid chain spec: {error}"))
}

/// The transaction pool when the operator names none (`--pool-type`): the single-state pool,
/// not Substrate's default, the fork-aware one. Under a few thousand pending transfers the
/// fork-aware pool lost a third of them for good on this chain (`e2e/tests/network/load.test.mjs`,
/// 3 600 transfers of twelve senders, each sender's submitted in nonce order: four of six runs
/// ended with ~1 300 transfers never included and blocks empty, whatever its size limits); the
/// single-state pool never lost one. `--pool-type fork-aware` still selects it.
const DEFAULT_POOL_TYPE: sc_cli::TransactionPoolType = sc_cli::TransactionPoolType::SingleState;

/// The throughput the chain is built for (the requirements' 10 000 transactions a second).
const TARGET_TRANSACTIONS_PER_SECOND: usize = 10_000;

/// How many slots of transactions at [`TARGET_TRANSACTIONS_PER_SECOND`] the pool holds when the
/// operator gives no `--pool-limit`: a burst of four full blocks waits in the pool instead of
/// being dropped. Substrate's default (8 192) is less than half a block at the target, and a
/// full pool drops its *oldest* transactions of equal priority, ones it already accepted.
const DEFAULT_POOL_SLOTS: usize = 4;

/// Transactions the pool holds when the operator gives no `--pool-limit` (ready ones; the
/// future queue holds a tenth of it): four 2-second slots at the target, 80 000. Their bytes
/// stay under Substrate's `--pool-kbytes` default (20 MiB: more than five blocks of the
/// runtime's 5 MiB, 75 % of it for normal transactions), ~12 MB for 80 000 transfers.
const DEFAULT_POOL_LIMIT: usize = TARGET_TRANSACTIONS_PER_SECOND
	* aegis_primitives::time::SLOT_DURATION as usize
	* DEFAULT_POOL_SLOTS
	/ 1000;

/// Parses `args` into the command line, with Aegis' defaults for what the operator left out:
/// the single-state pool ([`DEFAULT_POOL_TYPE`]) sized for the target ([`DEFAULT_POOL_LIMIT`]).
fn parse_command_line<I, T>(args: I) -> Cli
where
	I: IntoIterator<Item = T>,
	T: Into<std::ffi::OsString> + Clone,
{
	use clap::{parser::ValueSource, CommandFactory, FromArgMatches};

	let matches = Cli::setup_command(Cli::command())
		.try_get_matches_from(args)
		.unwrap_or_else(|error| error.exit());
	let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
	let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
	if !given("pool_type") {
		cli.run.pool_config.pool_type = DEFAULT_POOL_TYPE;
	}
	if !given("pool_limit") {
		cli.run.pool_config.pool_limit = DEFAULT_POOL_LIMIT;
	}
	cli
}

/// The host functions of the code the maintenance subcommands may execute, which is either
/// runtime's: the node's own, and cumulus' proof-size function the parachain runtime imports.
type ParachainHostFunctions = (
	service::HostFunctions,
	cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
);

/// Runs the node or the subcommand given on the command line.
pub fn run() -> sc_cli::Result<()> {
	let cli = parse_command_line(std::env::args_os());

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let spec = cli.load_spec(&cmd.chain)?;
			cmd.run(spec)
		},
		Some(Subcommand::ChainSpec(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				// BABE's epoch data and GRANDPA's authority set must be reverted with the blocks.
				let aux_revert = Box::new(|client: Arc<service::FullClient>, backend, blocks| {
					sc_consensus_babe::revert(client.clone(), backend, blocks)?;
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => benchmark::run(&cli, cmd),
		Some(Subcommand::TryRuntime(cmd)) => {
			sc_cli::LoggerBuilder::new("info").init()?;
			crate::try_runtime::run::<ParachainHostFunctions>(cmd).map_err(sc_cli::Error::Input)
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		Some(Subcommand::Parachain(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		None => {
			let runner = cli.create_runner(&cli.run)?;
			// Substrate falls back to a random RPC port when the requested one is taken. A port
			// the operator asked for by name must be the port we serve on, or clients and
			// proxies talk to something else: fail with a clear error instead.
			let rpc_port_is_explicit = cli.run.rpc_params.rpc_port.is_some();
			let seal_mode =
				if cli.unsafe_invalid_pow_seals { SealMode::Invalid } else { SealMode::Honest };
			let oracle_sources = cli.oracle_sources.clone();
			let storage_monitor = cli.storage_monitor.clone();
			runner.run_node_until_exit(|mut config| async move {
				if rpc_port_is_explicit {
					for endpoint in config.rpc.addr.iter_mut().flatten() {
						endpoint.retry_random_port = false;
					}
				}
				let database = config.database.path().map(std::path::Path::to_path_buf);
				let task_manager = match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => {
						service::new_full::<
							sc_network::NetworkWorker<
								Block,
								<Block as sp_runtime::traits::Block>::Hash,
							>,
						>(config, seal_mode, oracle_sources)
					},
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(
							config,
							seal_mode,
							oracle_sources,
						)
					},
				}
				.map_err(|error| explain_database_error(error, database.as_deref()))?;
				// A full disk fails database writes half way: stop cleanly while there is room.
				if let Some(path) = database {
					sc_storage_monitor::StorageMonitorService::try_spawn(
						storage_monitor,
						path,
						&task_manager.spawn_essential_handle(),
					)
					.map_err(|error| {
						sc_cli::Error::Input(format!("the database's disk: {error}"))
					})?;
				}
				Ok(task_manager)
			})
		},
	}
}

/// A database that cannot be read (damaged files, a foreign format) fails deep inside the
/// client with the storage engine's words: say which database, and what the operator can do.
fn explain_database_error(
	error: sc_service::Error,
	database: Option<&std::path::Path>,
) -> sc_cli::Error {
	match (&error, database) {
		(sc_service::Error::Client(sp_blockchain::Error::Backend(reason)), Some(path)) => {
			sc_cli::Error::Input(format!(
				"the database at {} cannot be read ({reason}): it may be damaged. Restore it \
				 from a backup, or remove it (`aegis-node purge-chain` with the same --chain \
				 and --base-path) and sync again",
				path.display()
			))
		},
		_ => sc_cli::Error::Service(error),
	}
}

/// `aegis-node benchmark …`, in nodes built with `--features runtime-benchmarks`.
#[cfg(feature = "runtime-benchmarks")]
mod benchmark {
	use super::*;
	use crate::benchmarking::{inherent_benchmark_data, RemarkBuilder, TransferKeepAliveBuilder};
	use frame_benchmarking_cli::{BenchmarkCmd, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE};
	use sp_keyring::Sr25519Keyring;

	pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
		let runner = cli.create_runner(cmd)?;

		match cmd {
			// With the proof-size host function, so that the parachain runtime's pallets can be
			// benchmarked too (`--runtime` with its wasm).
			BenchmarkCmd::Pallet(cmd) => runner.sync_run(|config| {
				cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, super::ParachainHostFunctions>(
					Some(config.chain_spec),
				)
			}),
			BenchmarkCmd::Block(cmd) => runner.sync_run(|config| {
				let PartialComponents { client, .. } = service::new_partial(&config)?;
				cmd.run(client)
			}),
			BenchmarkCmd::Storage(cmd) => runner.sync_run(|config| {
				let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
				let db = backend.expose_db();
				let storage = backend.expose_storage();
				let shared_trie_cache = backend.expose_shared_trie_cache();
				cmd.run(config, client, db, storage, shared_trie_cache)
			}),
			BenchmarkCmd::Overhead(cmd) => runner.sync_run(|config| {
				cmd.run_with_default_builder_and_spec::<Block, service::HostFunctions>(Some(
					config.chain_spec,
				))
			}),
			BenchmarkCmd::Extrinsic(cmd) => runner.sync_run(|config| {
				let PartialComponents { client, .. } = service::new_partial(&config)?;
				let ext_factory = ExtrinsicFactory(vec![
					Box::new(RemarkBuilder::new(client.clone())),
					Box::new(TransferKeepAliveBuilder::new(
						client.clone(),
						Sr25519Keyring::Alice.to_account_id(),
					)),
				]);
				cmd.run(client, inherent_benchmark_data()?, Vec::new(), &ext_factory)
			}),
			BenchmarkCmd::Machine(cmd) => {
				runner.sync_run(|config| cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()))
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_pool_is_single_state_and_holds_four_slots_at_the_target_by_default() {
		let cli = parse_command_line(["aegis-node", "--dev"]);
		assert!(matches!(cli.run.pool_config.pool_type, sc_cli::TransactionPoolType::SingleState));
		assert_eq!(cli.run.pool_config.pool_limit, 80_000);
		assert_eq!(DEFAULT_POOL_LIMIT, 80_000);
	}

	#[test]
	fn what_the_operator_gives_wins_over_the_defaults() {
		let cli =
			parse_command_line(["aegis-node", "--pool-type", "fork-aware", "--pool-limit", "8192"]);
		assert!(matches!(cli.run.pool_config.pool_type, sc_cli::TransactionPoolType::ForkAware));
		assert_eq!(cli.run.pool_config.pool_limit, 8192);
	}
}
