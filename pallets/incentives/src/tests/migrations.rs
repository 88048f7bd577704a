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
		assert_eq!(Incentives::on_chain_storage_version(), Incentives::in_code_storage_version());
		// No account starts in a cooldown.
		accept(0, 1, OWNER, OWNER);
		assert!(VersionRewards::<Test>::get(0, 1).is_some());
	});
}
