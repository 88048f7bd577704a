//! Storage migrations of the next runtime upgrade of the parachain. How migrations run
//! (single-block through `Executive`, multi-block stepped by `pallet-migrations`, the chain
//! frozen on a failed one) is configured once for both Aegis runtimes in
//! `aegis_runtime_common::migrations`.

use super::system::RuntimeBlockWeights;

/// Single-block migrations of the next runtime upgrade: the Aegis pallets' (see
/// `aegis_runtime_common::migrations::AegisSingleBlockMigrations`); none of the chain's own.
pub type SingleBlockMigrations =
	aegis_runtime_common::migrations::AegisSingleBlockMigrations<crate::Runtime>;

/// Multi-block migrations of the next runtime upgrade, in order. None is pending.
pub type MultiBlockMigrations = ();

aegis_runtime_common::impl_migrations!(
	migrations: MultiBlockMigrations,
	block_weights: RuntimeBlockWeights,
);
