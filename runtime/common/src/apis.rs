//! The runtime APIs every Aegis runtime implements alike, written once
//! ([`impl_runtime_apis_plus_common!`]).
//!
//! `sp_api::impl_runtime_apis!` must be invoked once per runtime, with every API the runtime
//! implements; so the APIs the two runtimes share cannot be an ordinary item of this crate. The
//! macro takes the runtime's own APIs (consensus, staking or collators, cross-chain messaging)
//! and invokes `impl_runtime_apis!` with them and the common ones: core, metadata, view
//! functions, block builder, transaction queue, off-chain worker, session keys, nonces,
//! transaction payment (by extrinsic and by call), genesis builder, try-runtime, benchmarks,
//! and the Aegis APIs (proof verification, the incentive token, the oracle, the model
//! registry). Each Aegis API's logic lives in its pallet: the bodies here are one call.
//!
//! Like the other `impl_*!` macros (see the crate documentation), it names the invoking
//! runtime's items as `crate::Name`: its pallets (`Executive`, `System`, `TransactionPayment`,
//! `Assets`, `ProofVerifier`, `Oracle`, `ModelRegistry`), `Runtime`, `Block`, `RuntimeCall`,
//! `RuntimeGenesisConfig`, `SessionKeys`, `InherentDataExt`, `VERSION`,
//! `genesis_config_presets`, `configs::RuntimeBlockWeights`, and the `list_benchmarks!` and
//! `add_benchmarks!` macros of its `define_benchmarks!`, which must be in scope where it is
//! invoked.

/// The Aegis runtime APIs whose answers changed shape, with the version that says so: a
/// client decodes by the version a runtime reports, so losing an `#[api_version]` would make
/// it read new records with old types. `Erc20Api` 2: `name`/`symbol` as `Option<String>`;
/// `ModelRegistryApi` 2: records carrying k-of-n signing policies.
pub const CHANGED_API_VERSIONS: [(&str, u32); 2] = [("Erc20Api", 2), ("ModelRegistryApi", 2)];

/// Panics unless `apis` (a runtime's `VERSION.apis`) reports each of
/// [`CHANGED_API_VERSIONS`] at its version. An API's id is the BLAKE2b-64 of its trait's name,
/// as `decl_runtime_apis!` derives it. Both runtimes' tests call it.
#[cfg(feature = "std")]
pub fn assert_reports_changed_api_versions(apis: &[([u8; 8], u32)]) {
	for (name, version) in CHANGED_API_VERSIONS {
		let id = sp_crypto_hashing::blake2_64(name.as_bytes());
		let reported = apis.iter().find(|(api, _)| *api == id).map(|(_, version)| *version);
		assert_eq!(reported, Some(version), "the runtime reports {name} at {reported:?}");
	}
}

/// `sp_api::impl_runtime_apis!` with the runtime's own APIs (the macro's input, written as
/// they would be inside `impl_runtime_apis!`) and the APIs every Aegis runtime shares (see
/// the [module documentation](self)).
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_runtime_apis_plus_common {
	($($runtime_apis:tt)*) => {
		sp_api::impl_runtime_apis! {
			$($runtime_apis)*

			impl sp_api::Core<crate::Block> for crate::Runtime {
				fn version() -> sp_version::RuntimeVersion {
					crate::VERSION
				}

				fn execute_block(
					block: <crate::Block as sp_runtime::traits::Block>::LazyBlock,
				) {
					crate::Executive::execute_block(block);
				}

				fn initialize_block(
					header: &<crate::Block as sp_runtime::traits::Block>::Header,
				) -> sp_runtime::ExtrinsicInclusionMode {
					crate::Executive::initialize_block(header)
				}
			}

			impl sp_api::Metadata<crate::Block> for crate::Runtime {
				fn metadata() -> sp_core::OpaqueMetadata {
					sp_core::OpaqueMetadata::new(crate::Runtime::metadata().into())
				}

				fn metadata_at_version(version: u32) -> Option<sp_core::OpaqueMetadata> {
					crate::Runtime::metadata_at_version(version)
				}

				fn metadata_versions() -> alloc::vec::Vec<u32> {
					crate::Runtime::metadata_versions()
				}
			}

			impl frame_support::view_functions::runtime_api::RuntimeViewFunction<crate::Block>
				for crate::Runtime
			{
				fn execute_view_function(
					id: frame_support::view_functions::ViewFunctionId,
					input: alloc::vec::Vec<u8>,
				) -> Result<
					alloc::vec::Vec<u8>,
					frame_support::view_functions::ViewFunctionDispatchError,
				> {
					crate::Runtime::execute_view_function(id, input)
				}
			}

			impl sp_block_builder::BlockBuilder<crate::Block> for crate::Runtime {
				fn apply_extrinsic(
					extrinsic: <crate::Block as sp_runtime::traits::Block>::Extrinsic,
				) -> sp_runtime::ApplyExtrinsicResult {
					crate::Executive::apply_extrinsic(extrinsic)
				}

				fn finalize_block() -> <crate::Block as sp_runtime::traits::Block>::Header {
					crate::Executive::finalize_block()
				}

				fn inherent_extrinsics(
					data: sp_inherents::InherentData,
				) -> alloc::vec::Vec<<crate::Block as sp_runtime::traits::Block>::Extrinsic> {
					crate::InherentDataExt::create_extrinsics(&data)
				}

				fn check_inherents(
					block: <crate::Block as sp_runtime::traits::Block>::LazyBlock,
					data: sp_inherents::InherentData,
				) -> sp_inherents::CheckInherentsResult {
					crate::InherentDataExt::check_extrinsics(&data, &block)
				}
			}

			impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<crate::Block>
				for crate::Runtime
			{
				fn validate_transaction(
					source: sp_runtime::transaction_validity::TransactionSource,
					tx: <crate::Block as sp_runtime::traits::Block>::Extrinsic,
					block_hash: <crate::Block as sp_runtime::traits::Block>::Hash,
				) -> sp_runtime::transaction_validity::TransactionValidity {
					crate::Executive::validate_transaction(source, tx, block_hash)
				}
			}

			impl sp_offchain::OffchainWorkerApi<crate::Block> for crate::Runtime {
				fn offchain_worker(header: &<crate::Block as sp_runtime::traits::Block>::Header) {
					crate::Executive::offchain_worker(header)
				}
			}

			impl sp_session::SessionKeys<crate::Block> for crate::Runtime {
				fn generate_session_keys(
					owner: alloc::vec::Vec<u8>,
					seed: Option<alloc::vec::Vec<u8>>,
				) -> sp_session::OpaqueGeneratedSessionKeys {
					crate::SessionKeys::generate(&owner, seed).into()
				}

				fn decode_session_keys(
					encoded: alloc::vec::Vec<u8>,
				) -> Option<alloc::vec::Vec<(alloc::vec::Vec<u8>, sp_core::crypto::KeyTypeId)>> {
					crate::SessionKeys::decode_into_raw_public_keys(&encoded)
				}
			}

			impl frame_system_rpc_runtime_api::AccountNonceApi<
				crate::Block,
				crate::AccountId,
				crate::Nonce,
			> for crate::Runtime {
				fn account_nonce(account: crate::AccountId) -> crate::Nonce {
					crate::System::account_nonce(account)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<
				crate::Block,
				crate::Balance,
			> for crate::Runtime {
				fn query_info(
					uxt: <crate::Block as sp_runtime::traits::Block>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<crate::Balance> {
					crate::TransactionPayment::query_info(uxt, len)
				}

				fn query_fee_details(
					uxt: <crate::Block as sp_runtime::traits::Block>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment_rpc_runtime_api::FeeDetails<crate::Balance> {
					crate::TransactionPayment::query_fee_details(uxt, len)
				}

				fn query_weight_to_fee(weight: frame_support::weights::Weight) -> crate::Balance {
					crate::TransactionPayment::weight_to_fee(weight)
				}

				fn query_length_to_fee(length: u32) -> crate::Balance {
					crate::TransactionPayment::length_to_fee(length)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<
				crate::Block,
				crate::Balance,
				crate::RuntimeCall,
			> for crate::Runtime {
				fn query_call_info(
					call: crate::RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<crate::Balance> {
					crate::TransactionPayment::query_call_info(call, len)
				}

				fn query_call_fee_details(
					call: crate::RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment_rpc_runtime_api::FeeDetails<crate::Balance> {
					crate::TransactionPayment::query_call_fee_details(call, len)
				}

				fn query_weight_to_fee(weight: frame_support::weights::Weight) -> crate::Balance {
					crate::TransactionPayment::weight_to_fee(weight)
				}

				fn query_length_to_fee(length: u32) -> crate::Balance {
					crate::TransactionPayment::length_to_fee(length)
				}
			}

			impl pallet_proof_verifier::runtime_api::ProofVerifierApi<
				crate::Block,
				pallet_proof_verifier::StatementOf<crate::Runtime>,
				pallet_proof_verifier::Error<crate::Runtime>,
			> for crate::Runtime {
				fn check_statement(
					statement: pallet_proof_verifier::StatementOf<crate::Runtime>,
				) -> Result<
					pallet_proof_verifier::StatementHash,
					pallet_proof_verifier::Error<crate::Runtime>,
				> {
					crate::ProofVerifier::api_check_statement(statement)
				}
			}

			impl aegis_primitives::incentives::Erc20Api<
				crate::Block,
				crate::AccountId,
				crate::Balance,
			> for crate::Runtime {
				fn name() -> Option<alloc::string::String> {
					$crate::aegis::erc20::name::<crate::Assets>()
				}

				fn symbol() -> Option<alloc::string::String> {
					$crate::aegis::erc20::symbol::<crate::Assets>()
				}

				fn decimals() -> u8 {
					$crate::aegis::erc20::decimals::<crate::Assets>()
				}

				fn total_supply() -> crate::Balance {
					$crate::aegis::erc20::total_supply::<crate::Assets>()
				}

				fn balance_of(owner: crate::AccountId) -> crate::Balance {
					$crate::aegis::erc20::balance_of::<crate::Assets>(&owner)
				}

				fn allowance(owner: crate::AccountId, spender: crate::AccountId) -> crate::Balance {
					$crate::aegis::erc20::allowance::<crate::Assets>(&owner, &spender)
				}
			}

			impl pallet_aegis_oracle::runtime_api::OracleFeedsApi<crate::Block> for crate::Runtime {
				fn feed(
					feed: pallet_aegis_oracle::FeedId,
				) -> Option<pallet_aegis_oracle::FeedReading> {
					crate::Oracle::reading(feed)
				}
			}

			impl pallet_model_registry::runtime_api::ModelRegistryApi<
				crate::Block,
				pallet_model_registry::ModelOf<crate::Runtime>,
				pallet_model_registry::ModelVersionOf<crate::Runtime>,
			> for crate::Runtime {
				fn model(
					model: pallet_model_registry::ModelId,
				) -> Option<pallet_model_registry::ModelOf<crate::Runtime>> {
					pallet_model_registry::Models::<crate::Runtime>::get(model)
				}

				fn version(
					model: pallet_model_registry::ModelId,
					version: pallet_model_registry::VersionNumber,
				) -> Option<pallet_model_registry::ModelVersionOf<crate::Runtime>> {
					pallet_model_registry::Versions::<crate::Runtime>::get(model, version)
				}

				fn verify_shard(
					model: pallet_model_registry::ModelId,
					version: pallet_model_registry::VersionNumber,
					leaf_hash: aegis_integrity::Sha3_512Hash,
					proof: aegis_integrity::merkle::MerkleProof,
				) -> Result<(), pallet_model_registry::ShardCheckError> {
					crate::ModelRegistry::verify_shard(model, version, &leaf_hash, &proof)
				}

				fn update_payload(
					model: pallet_model_registry::ModelId,
					declaration: pallet_model_registry::VersionDeclaration,
				) -> Option<aegis_integrity::update::ModelUpdatePayload> {
					crate::ModelRegistry::api_update_payload(model, &declaration)
				}
			}

			impl sp_genesis_builder::GenesisBuilder<crate::Block> for crate::Runtime {
				fn build_state(config: alloc::vec::Vec<u8>) -> sp_genesis_builder::Result {
					frame_support::genesis_builder_helper::build_state::<
						crate::RuntimeGenesisConfig,
					>(config)
				}

				fn get_preset(
					id: &Option<sp_genesis_builder::PresetId>,
				) -> Option<alloc::vec::Vec<u8>> {
					frame_support::genesis_builder_helper::get_preset::<crate::RuntimeGenesisConfig>(
						id,
						crate::genesis_config_presets::get_preset,
					)
				}

				fn preset_names() -> alloc::vec::Vec<sp_genesis_builder::PresetId> {
					crate::genesis_config_presets::preset_names()
				}
			}

			#[cfg(feature = "try-runtime")]
			impl frame_try_runtime::TryRuntime<crate::Block> for crate::Runtime {
				fn on_runtime_upgrade(
					checks: frame_try_runtime::UpgradeCheckSelect,
				) -> (frame_support::weights::Weight, frame_support::weights::Weight) {
					// try-runtime is an offline tool: a failed check must abort it loudly.
					let weight = crate::Executive::try_runtime_upgrade(checks)
						.unwrap_or_else(|error| panic!("try_runtime_upgrade failed: {error:?}"));
					(weight, crate::configs::RuntimeBlockWeights::get().max_block)
				}

				fn execute_block(
					block: <crate::Block as sp_runtime::traits::Block>::LazyBlock,
					state_root_check: bool,
					signature_check: bool,
					select: frame_try_runtime::TryStateSelect,
				) -> frame_support::weights::Weight {
					crate::Executive::try_execute_block(
						block,
						state_root_check,
						signature_check,
						select,
					)
					.unwrap_or_else(|error| panic!("try_execute_block failed: {error:?}"))
				}
			}

			#[cfg(feature = "runtime-benchmarks")]
			impl frame_benchmarking::Benchmark<crate::Block> for crate::Runtime {
				fn benchmark_metadata(extra: bool) -> (
					alloc::vec::Vec<frame_benchmarking::BenchmarkList>,
					alloc::vec::Vec<frame_support::traits::StorageInfo>,
				) {
					use frame_support::traits::StorageInfoTrait;
					// The pallets `define_benchmarks!` names, by their runtime names.
					#[allow(unused_imports)]
					use crate::*;
					use frame_system_benchmarking::{
						extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
					};

					let mut list = alloc::vec::Vec::<frame_benchmarking::BenchmarkList>::new();
					list_benchmarks!(list, extra);

					let storage_info = crate::AllPalletsWithSystem::storage_info();
					(list, storage_info)
				}

				#[allow(non_local_definitions)]
				fn dispatch_benchmark(
					config: frame_benchmarking::BenchmarkConfig,
				) -> Result<
					alloc::vec::Vec<frame_benchmarking::BenchmarkBatch>,
					alloc::string::String,
				> {
					use frame_support::traits::WhitelistedStorageKeys;
					#[allow(unused_imports)]
					use crate::*;
					use frame_system_benchmarking::{
						extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
					};

					impl frame_system_benchmarking::Config for crate::Runtime {}
					impl pallet_transaction_payment::BenchmarkConfig for crate::Runtime {}

					let whitelist = crate::AllPalletsWithSystem::whitelisted_storage_keys();
					let mut batches = alloc::vec::Vec::<frame_benchmarking::BenchmarkBatch>::new();
					let params = (&config, &whitelist);
					add_benchmarks!(params, batches);

					Ok(batches)
				}
			}
		}
	};
}
