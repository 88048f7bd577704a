//! The runtime APIs: what collators (`polkadot-omni-node`), the relay chain's validators,
//! wallets and tools may ask of the runtime. The Aegis APIs are the sovereign chain's, so
//! tools work on either chain.

use aegis_runtime_common::aegis::erc20;
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_transaction_payment_rpc_runtime_api::{FeeDetails, RuntimeDispatchInfo};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;
use xcm::{
	latest::prelude::AssetId, Version as XcmVersion, VersionedAsset, VersionedAssetId,
	VersionedAssets, VersionedLocation, VersionedXcm,
};
use xcm_runtime_apis::{
	dry_run::{CallDryRunEffects, Error as XcmDryRunApiError, XcmDryRunEffects},
	fees::Error as XcmPaymentApiError,
	trusted_query::XcmTrustedQueryResult,
};

use crate::{
	configs::{
		collators::{ConsensusHook, BLOCK_PROCESSING_VELOCITY, RELAY_PARENT_OFFSET},
		xcm::{HereLocation, LocationToAccountId, RelayLocation, XcmConfig, XcmRouter},
	},
	genesis_config_presets,
	time::SLOT_DURATION,
	AccountId, Assets, Balance, Block, Executive, InherentDataExt, ModelRegistry, Nonce, Oracle,
	OriginCaller, ParachainInfo, ParachainSystem, PolkadotXcm, ProofVerifier, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(
			header: &<Block as BlockT>::Header,
		) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			RELAY_PARENT_OFFSET
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}

	impl cumulus_primitives_core::TargetBlockRate<Block> for Runtime {
		fn target_block_rate() -> u32 {
			BLOCK_PROCESSING_VELOCITY
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(uxt: <Block as BlockT>::Extrinsic, len: u32) -> RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(uxt: <Block as BlockT>::Extrinsic, len: u32) -> FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl xcm_runtime_apis::fees::XcmPaymentApi<Block> for Runtime {
		fn query_acceptable_payment_assets(
			xcm_version: XcmVersion,
		) -> Result<Vec<VersionedAssetId>, XcmPaymentApiError> {
			let acceptable = alloc::vec![AssetId(HereLocation::get()), AssetId(RelayLocation::get())];
			PolkadotXcm::query_acceptable_payment_assets(xcm_version, acceptable)
		}

		fn query_weight_to_asset_fee(
			weight: Weight,
			asset: VersionedAssetId,
		) -> Result<u128, XcmPaymentApiError> {
			PolkadotXcm::query_weight_to_asset_fee::<<XcmConfig as xcm_executor::Config>::Trader>(
				weight, asset,
			)
		}

		fn query_xcm_weight(message: VersionedXcm<()>) -> Result<Weight, XcmPaymentApiError> {
			PolkadotXcm::query_xcm_weight(message)
		}

		fn query_delivery_fees(
			destination: VersionedLocation,
			message: VersionedXcm<()>,
			asset_id: VersionedAssetId,
		) -> Result<VersionedAssets, XcmPaymentApiError> {
			PolkadotXcm::query_delivery_fees::<<XcmConfig as xcm_executor::Config>::AssetExchanger>(
				destination, message, asset_id,
			)
		}
	}

	impl xcm_runtime_apis::dry_run::DryRunApi<Block, RuntimeCall, RuntimeEvent, OriginCaller> for Runtime {
		fn dry_run_call(
			origin: OriginCaller,
			call: RuntimeCall,
			result_xcms_version: XcmVersion,
		) -> Result<CallDryRunEffects<RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_call::<Runtime, XcmRouter, OriginCaller, RuntimeCall>(
				origin, call, result_xcms_version,
			)
		}

		fn dry_run_xcm(
			origin_location: VersionedLocation,
			xcm: VersionedXcm<RuntimeCall>,
		) -> Result<XcmDryRunEffects<RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_xcm::<XcmRouter>(origin_location, xcm)
		}
	}

	impl xcm_runtime_apis::conversions::LocationToAccountApi<Block, AccountId> for Runtime {
		fn convert_location(
			location: VersionedLocation,
		) -> Result<AccountId, xcm_runtime_apis::conversions::Error> {
			xcm_runtime_apis::conversions::LocationToAccountHelper::<
				AccountId,
				LocationToAccountId,
			>::convert_location(location)
		}
	}

	impl xcm_runtime_apis::trusted_query::TrustedQueryApi<Block> for Runtime {
		fn is_trusted_reserve(
			asset: VersionedAsset,
			location: VersionedLocation,
		) -> XcmTrustedQueryResult {
			PolkadotXcm::is_trusted_reserve(asset, location)
		}

		fn is_trusted_teleporter(
			asset: VersionedAsset,
			location: VersionedLocation,
		) -> XcmTrustedQueryResult {
			PolkadotXcm::is_trusted_teleporter(asset, location)
		}
	}

	impl pallet_proof_verifier::runtime_api::ProofVerifierApi<
		Block,
		pallet_proof_verifier::StatementOf<Runtime>,
		pallet_proof_verifier::Error<Runtime>,
	> for Runtime {
		fn check_statement(
			statement: pallet_proof_verifier::StatementOf<Runtime>,
		) -> Result<pallet_proof_verifier::StatementHash, pallet_proof_verifier::Error<Runtime>> {
			ProofVerifier::check_statement(&statement).map(|_| statement.hash())
		}
	}

	impl aegis_primitives::incentives::Erc20Api<Block, AccountId, Balance> for Runtime {
		fn name() -> Vec<u8> {
			erc20::name::<Assets>()
		}

		fn symbol() -> Vec<u8> {
			erc20::symbol::<Assets>()
		}

		fn decimals() -> u8 {
			erc20::decimals::<Assets>()
		}

		fn total_supply() -> Balance {
			erc20::total_supply::<Assets>()
		}

		fn balance_of(owner: AccountId) -> Balance {
			erc20::balance_of::<Assets>(&owner)
		}

		fn allowance(owner: AccountId, spender: AccountId) -> Balance {
			erc20::allowance::<Assets>(&owner, &spender)
		}
	}

	impl pallet_aegis_oracle::runtime_api::OracleFeedsApi<Block> for Runtime {
		fn feed(feed: pallet_aegis_oracle::FeedId) -> Option<pallet_aegis_oracle::FeedReading> {
			Oracle::reading(feed)
		}
	}

	impl pallet_model_registry::runtime_api::ModelRegistryApi<
		Block,
		pallet_model_registry::ModelOf<Runtime>,
		pallet_model_registry::ModelVersionOf<Runtime>,
	> for Runtime {
		fn model(model: pallet_model_registry::ModelId) -> Option<pallet_model_registry::ModelOf<Runtime>> {
			pallet_model_registry::Models::<Runtime>::get(model)
		}

		fn version(
			model: pallet_model_registry::ModelId,
			version: pallet_model_registry::VersionNumber,
		) -> Option<pallet_model_registry::ModelVersionOf<Runtime>> {
			pallet_model_registry::Versions::<Runtime>::get(model, version)
		}

		fn verify_shard(
			model: pallet_model_registry::ModelId,
			version: pallet_model_registry::VersionNumber,
			leaf_hash: aegis_integrity::Sha3_512Hash,
			proof: aegis_integrity::merkle::MerkleProof,
		) -> Result<(), pallet_model_registry::ShardCheckError> {
			ModelRegistry::verify_shard(model, version, &leaf_hash, &proof)
		}

		fn update_payload(
			model: pallet_model_registry::ModelId,
			declaration: pallet_model_registry::VersionDeclaration,
		) -> Option<aegis_integrity::update::ModelUpdatePayload> {
			let record = pallet_model_registry::Models::<Runtime>::get(model)?;
			ModelRegistry::update_payload(model, &record, &declaration).ok()
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an offline tool: a failed check must abort it loudly.
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|error| panic!("try_runtime_upgrade failed: {error:?}"));
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|error| panic!("try_execute_block failed: {error:?}"))
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

			use crate::{Balances, ConvictionVoting, Incentives, MessageQueue, MultiBlockMigrations, Preimage, Referenda, Scheduler, Stake, Sudo, TechnicalCommittee, Timestamp, Utility, Whitelist, XcmpQueue};

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

			use crate::{Balances, ConvictionVoting, Incentives, MessageQueue, MultiBlockMigrations, Preimage, Referenda, Scheduler, Stake, Sudo, TechnicalCommittee, Timestamp, Utility, Whitelist, XcmpQueue};

			impl frame_system_benchmarking::Config for Runtime {}
			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			let whitelist = crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}
}
