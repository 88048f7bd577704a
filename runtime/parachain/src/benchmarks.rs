//! The pallets benchmarked in this runtime, for `aegis-node benchmark pallet --runtime` with
//! this runtime's wasm. The Aegis pallets the sovereign chain shares are benchmarked there.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_utility, Utility]
	[pallet_migrations, MultiBlockMigrations]
	[pallet_sudo, Sudo]
	[pallet_aegis_stake, Stake]
	[pallet_incentives, Incentives]
	[pallet_message_queue, MessageQueue]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_referenda, Referenda]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_whitelist, Whitelist]
	[pallet_collective, TechnicalCommittee]
);
