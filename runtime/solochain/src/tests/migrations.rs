//! The runtime's migrations: multi-block migrations hold transactions back until done.

use frame_support::migrations::MultiStepMigrator;
use pallet_migrations::{ActiveCursor, MigrationCursor};
use sp_runtime::{traits::Header as _, ExtrinsicInclusionMode};

use super::*;
use crate::{Executive, Header, MultiBlockMigrations};

fn header(number: u32) -> Header {
	Header::new(
		number,
		Default::default(),
		Default::default(),
		Default::default(),
		Default::default(),
	)
}

#[test]
fn blocks_take_no_transactions_while_a_multi_block_migration_runs() {
	preset_externalities(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		assert!(!MultiBlockMigrations::ongoing());
		assert_eq!(Executive::initialize_block(&header(1)), ExtrinsicInclusionMode::AllExtrinsics);

		// What an upgrade with a pending multi-block migration leaves behind.
		pallet_migrations::Cursor::<Runtime>::put(MigrationCursor::Active(ActiveCursor {
			index: 0,
			inner_cursor: None,
			started_at: 1,
		}));
		assert!(MultiBlockMigrations::ongoing());
		assert_eq!(Executive::initialize_block(&header(2)), ExtrinsicInclusionMode::OnlyInherents);
	});
}
