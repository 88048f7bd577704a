//! The oracle: values enter only through rounds, and the presets open it to staked reporters.

use super::*;

#[test]
fn oracle_values_only_enter_through_the_rounds() {
	use crate::{configs::BaseCallFilter, RuntimeCall};
	use frame_support::{traits::Contains, BoundedVec};

	let direct = RuntimeCall::OracleFeeds(pallet_oracle::Call::feed_values {
		values: BoundedVec::truncate_from(vec![(0, 1)]),
	});
	let through_rounds = RuntimeCall::Oracle(pallet_aegis_oracle::Call::report {
		values: BoundedVec::truncate_from(vec![(0, 1)]),
	});
	assert!(!BaseCallFilter::contains(&direct));
	assert!(BaseCallFilter::contains(&through_rounds));
	let batched = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![direct] });
	// A batch passes the filter as a whole; pallet-utility filters each call it dispatches.
	assert!(BaseCallFilter::contains(&batched));
}

#[test]
fn presets_open_the_oracle_to_staked_reporters() {
	use aegis_runtime_common::genesis::{MINIMUM_PUBLISHER_STAKE, ORACLE_RULES};

	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		preset_externalities(preset).execute_with(|| {
			assert_eq!(pallet_aegis_oracle::Rules::<Runtime>::get(), ORACLE_RULES);
			assert_eq!(ORACLE_RULES.reporter_stake, MINIMUM_PUBLISHER_STAKE);
			assert!(pallet_aegis_oracle::Reporters::<Runtime>::get().is_empty());
		});
	}
}
