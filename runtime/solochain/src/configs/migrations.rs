//! Storage migrations of the next runtime upgrade of the sovereign chain. How migrations run
//! (single-block through `Executive`, multi-block stepped by `pallet-migrations`, the chain
//! frozen on a failed one) is configured once for both Aegis runtimes in
//! `aegis_runtime_common::migrations`.

use super::system::RuntimeBlockWeights;

/// Single-block migrations of the next runtime upgrade: the registry pins the signing keys of
/// existing policies, the incentives keep their cooldown per account, the oracle's rounds get
/// collection windows and its rules stake seats (each storage version 0 → 1).
pub type SingleBlockMigrations = (
	pallet_model_registry::migrations::v1::PinPolicyKeys<crate::Runtime>,
	pallet_incentives::migrations::v1::PerPublisherCooldown<crate::Runtime>,
	pallet_aegis_oracle::migrations::v1::WindowedRounds<
		crate::Runtime,
		aegis_runtime_common::genesis::OracleStakeSeats,
	>,
);

/// Multi-block migrations of the next runtime upgrade, in order. None is pending.
pub type MultiBlockMigrations = ();

aegis_runtime_common::impl_migrations!(
	migrations: MultiBlockMigrations,
	block_weights: RuntimeBlockWeights,
);
