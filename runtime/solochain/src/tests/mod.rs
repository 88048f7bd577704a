//! Tests of the runtime's composition: its configuration is consistent and its genesis presets
//! start the chain they promise. Split by topic; the helpers they share are here.

mod apis;
mod governance;
mod incentive_token;
mod incentives;
mod migrations;
mod oracle;
mod presets;
mod stake_gate;
mod weights;

use frame_support::{
	traits::{Get, IntegrityTest},
	weights::WeightToFee as _,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

use crate::{
	configs::{staking::BAG_THRESHOLDS, WeightToFee},
	currency::CENTS,
	genesis_config_presets::{get_preset, preset_names, VALIDATOR_STAKE},
	AllPalletsWithSystem, Runtime, RuntimeGenesisConfig,
};

/// The state a preset builds, ready to be inspected.
fn preset_externalities(preset: &str) -> sp_io::TestExternalities {
	let json = get_preset(&preset.into()).expect("the preset exists");
	let config: RuntimeGenesisConfig =
		aegis_runtime_common::genesis::config_from_preset(&json).expect("the preset is valid");
	config.build_storage().expect("genesis builds").into()
}

/// The incentive token's ERC-20 reads, as the runtime API answers them.
mod erc20 {
	use aegis_primitives::incentives::runtime_decl_for_erc_20_api::Erc20ApiV2;

	use crate::{AccountId, Balance, Block, Runtime};

	pub fn name() -> Option<String> {
		<Runtime as Erc20ApiV2<Block, AccountId, Balance>>::name()
	}
	pub fn symbol() -> Option<String> {
		<Runtime as Erc20ApiV2<Block, AccountId, Balance>>::symbol()
	}
	pub fn decimals() -> u8 {
		<Runtime as Erc20ApiV2<Block, AccountId, Balance>>::decimals()
	}
	pub fn total_supply() -> Balance {
		<Runtime as Erc20ApiV2<Block, AccountId, Balance>>::total_supply()
	}
	pub fn balance_of(owner: &AccountId) -> Balance {
		<Runtime as Erc20ApiV2<Block, AccountId, Balance>>::balance_of(owner.clone())
	}
	pub fn allowance(owner: &AccountId, spender: &AccountId) -> Balance {
		<Runtime as Erc20ApiV2<Block, AccountId, Balance>>::allowance(
			owner.clone(),
			spender.clone(),
		)
	}
}
