//! Storage migrations: what a runtime upgrade does to the state the previous code left.
//!
//! A migration that fits in one block is a *single-block* migration, run by `Executive` in
//! `on_runtime_upgrade` before the first block of the new code. One that may not fit —
//! anything iterating a map that grows with use (models, versions, proofs, accounts) — is a
//! *multi-block* migration, stepped by `pallet-migrations` within `MaxServiceWeight` of every
//! block until done; meanwhile the chain keeps producing and finalising blocks but includes no
//! transactions (the runtime tells block authors so through `ExtrinsicInclusionMode`), so no
//! call ever sees half-migrated state.
//!
//! Every entry is idempotent (a `VersionedMigration` keyed on the pallet's storage version, or
//! a stepped migration with a unique identifier) and has `pre_upgrade`/`post_upgrade` checks;
//! `try-runtime on-runtime-upgrade --checks all` runs them against a snapshot of a live chain
//! before a referendum proposes the upgrade (README, "Runtime upgrades"). Entries are removed
//! once every network runs the upgrade that carried them.

/// Single-block migrations of the next runtime upgrade of either runtime: the Aegis pallets
/// are configured alike on both, so they migrate alike. The proof verifier's keys name their
/// algorithm (first, so that the pins that follow land on the moved keys); the registry pins
/// the signing keys of existing policies, the incentives keep their cooldown per account, the oracle's rounds get
/// collection windows and its rules stake seats (each storage version 0 → 1); then the
/// incentives sum each model's unclaimed rewards, and the registry tells them of the
/// revocations made before, in that order (version 1 → 2); last, the registry's policies
/// become k-of-n signing policies (version 2 → 3: the earlier entries read its records in
/// their old shape).
pub type AegisSingleBlockMigrations<Runtime> = (
	pallet_proof_verifier::migrations::v1::NameKeyAlgorithms<Runtime>,
	pallet_model_registry::migrations::v1::PinPolicyKeys<Runtime>,
	pallet_incentives::migrations::v1::PerPublisherCooldown<Runtime>,
	pallet_aegis_oracle::migrations::v1::WindowedRounds<Runtime, crate::genesis::OracleStakeSeats>,
	pallet_incentives::migrations::v2::SumModelRewards<Runtime>,
	pallet_model_registry::migrations::v2::PushRevocations<Runtime>,
	pallet_model_registry::migrations::v3::KOfNPolicies<Runtime>,
);

/// Implements `pallet_migrations::Config` for the invoking runtime, stepping the multi-block
/// migrations `migrations` (a tuple of `SteppedMigration`s) within 80 % of each block of
/// `block_weights` (a `Get<BlockWeights>`), and freezing the chain on a failed one.
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_migrations {
	(migrations: $migrations:ty, block_weights: $block_weights:ty $(,)?) => {
		frame_support::parameter_types! {
			/// Migration steps may use 80 % of a block: the rest stays for the mandatory
			/// inherents and `on_initialize` hooks.
			pub MigrationServiceWeight: frame_support::weights::Weight =
				sp_runtime::Perbill::from_percent(80) *
					<$block_weights as frame_support::traits::Get<
						frame_system::limits::BlockWeights,
					>>::get()
					.max_block;
		}

		impl pallet_migrations::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			#[cfg(not(feature = "runtime-benchmarks"))]
			type Migrations = $migrations;
			/// The benchmarks measure the stepping machinery with migrations of their own.
			#[cfg(feature = "runtime-benchmarks")]
			type Migrations = pallet_migrations::mock_helpers::MockedMigrations;
			/// A cursor (a migration's position between two steps) is a storage key or a few.
			type CursorMaxLen = frame_support::traits::ConstU32<65_536>;
			type IdentifierMaxLen = frame_support::traits::ConstU32<256>;
			type MigrationStatusHandler = ();
			/// A failed migration leaves state half migrated: transacting on it could do more
			/// harm than a stalled chain, so the chain keeps producing blocks without
			/// transactions until its nodes run fixed code (a `codeSubstitutes` entry in the
			/// chain spec). The `try-runtime` dry run against a snapshot exists so that this
			/// never happens.
			type FailedMigrationHandler = frame_support::migrations::FreezeChainOnFailedMigration;
			type MaxServiceWeight = MigrationServiceWeight;
			type WeightInfo = pallet_migrations::weights::SubstrateWeight<crate::Runtime>;
		}
	};
}
