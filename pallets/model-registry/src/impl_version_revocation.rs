//! The incentives ask the registry whether governance revoked a version before paying its
//! reward.

use aegis_primitives::incentives::VersionRevocation;

use crate::*;

impl<T: Config> VersionRevocation for Pallet<T> {
	fn is_revoked(model: ModelId, version: VersionNumber) -> bool {
		RevokedVersions::<T>::contains_key(model, version)
			|| ModelsRevokedByGovernance::<T>::contains_key(model)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_revoked(model: ModelId, version: VersionNumber) {
		RevokedVersions::<T>::insert(model, version, frame_system::Pallet::<T>::block_number());
	}
}
