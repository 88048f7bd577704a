//! Storage migrations.

use super::*;

#[test]
fn the_v1_migration_drops_the_per_model_cooldowns() {
	use frame_support::{
		storage::{storage_prefix, unhashed},
		traits::{GetStorageVersion, OnRuntimeUpgrade, PalletInfoAccess, StorageVersion},
	};
	build_and_execute(|| {
		// What version 0 kept: the block of each model's last rewarded version.
		let prefix = storage_prefix(Incentives::name().as_bytes(), b"LastRewardedVersion");
		let key = |model: u32| {
			[&prefix[..], &model.using_encoded(sp_io::hashing::twox_64)[..], &model.encode()[..]]
				.concat()
		};
		for model in 0..3u32 {
			unhashed::put(&key(model), &5u64);
		}
		StorageVersion::new(0).put::<Incentives>();

		crate::migrations::v1::PerPublisherCooldown::<Test>::on_runtime_upgrade();
		for model in 0..3u32 {
			assert!(unhashed::get_raw(&key(model)).is_none(), "model {model}'s entry is gone");
		}
		assert_eq!(Incentives::on_chain_storage_version(), 1);
		crate::migrations::v2::SumModelRewards::<Test>::on_runtime_upgrade();
		assert_eq!(Incentives::on_chain_storage_version(), Incentives::in_code_storage_version());
		// No account starts in a cooldown.
		accept(0, 1, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(0, 1).is_some());
	});
}

#[test]
fn the_v2_migration_sums_each_models_unclaimed_version_rewards() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		accept(0, 1, OWNER, CONTRIBUTOR);
		accept(0, 2, OWNER, OWNER);
		accept(4, 1, OWNER, OWNER);
		// What version 1 kept: the records without their sums.
		let _ = ModelUnclaimed::<Test>::clear(u32::MAX, None);
		StorageVersion::new(1).put::<Incentives>();

		crate::migrations::v2::SumModelRewards::<Test>::on_runtime_upgrade();
		assert_eq!(ModelUnclaimed::<Test>::iter().collect::<Vec<_>>(), vec![(0, 200), (4, 100)]);
		assert_eq!(Incentives::on_chain_storage_version(), Incentives::in_code_storage_version());
		// It runs once.
		accept(0, 3, OWNER, OWNER);
		crate::migrations::v2::SumModelRewards::<Test>::on_runtime_upgrade();
		assert_eq!(ModelUnclaimed::<Test>::get(0), Some(300));
	});
}
