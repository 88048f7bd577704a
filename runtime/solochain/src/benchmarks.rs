//! The pallets benchmarked in this runtime, for `aegis-node benchmark pallet`.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_bags_list, VoterList]
	[pallet_staking, Staking]
	[pallet_babe, Babe]
	[pallet_grandpa, Grandpa]
	[pallet_seal_difficulty, SealDifficulty]
	[pallet_proof_verifier, ProofVerifier]
	[pallet_model_registry, ModelRegistry]
	[pallet_assets, Assets]
	[pallet_incentives, Incentives]
	[pallet_aegis_oracle, Oracle]
);
