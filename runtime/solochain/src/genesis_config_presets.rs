//! Genesis presets: the named starting states a chain spec can be built from.
//!
//! - `development`: Alice is the only validator and the sudo key; for `--dev`.
//! - `local_testnet`: Alice, Bob and Charlie validate; for a three-node network on one machine.
//!   No sudo key: the chain is governed by referendum (OpenGov), as a real network is.
//!
//! In both, Alice, Bob and Charlie form the technical committee (the whitelist's fast track).
//!
//! What both Aegis networks start from (endowments, the incentive token, the registry's fees
//! and stake, the incentives, the oracle's rules) is in `aegis_runtime_common::genesis`;
//! development shortens the claim delay of version rewards to seconds.

use aegis_runtime_common::genesis;
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

use crate::{
	configs::governance::TIMES, currency::UNITS, AccountId, AssetsConfig, BabeConfig, Balance,
	BalancesConfig, BlockNumber, IncentivesConfig, ModelRegistryConfig, OracleConfig,
	RuntimeGenesisConfig, SealDifficultyConfig, SessionConfig, SessionKeys, StakingConfig,
	SudoConfig, TechnicalCommitteeConfig, BABE_GENESIS_EPOCH_CONFIG,
};
use pallet_incentives::RewardParameters;
use pallet_seal_difficulty::DifficultyBounds;

/// Stake bonded by each genesis validator.
pub const VALIDATOR_STAKE: Balance = 100_000 * UNITS;

/// The range of the seal difficulty at genesis. At the maximum, sealing takes a validator that
/// hashes 2 million SHA3-256 per second a tenth of a second on average: 5 % of the slot.
pub const SEAL_DIFFICULTY_BOUNDS: DifficultyBounds = DifficultyBounds { min: 1_000, max: 200_000 };
/// The seal difficulty of block 1; it rises towards the maximum while every slot is filled.
pub const GENESIS_SEAL_DIFFICULTY: u64 = 50_000;

/// A genesis validator: its stash account and its session keys.
pub struct GenesisValidator {
	pub stash: AccountId,
	pub babe: BabeId,
	pub grandpa: GrandpaId,
}

impl GenesisValidator {
	/// A development validator: the keyring account `//Name` as stash, with BABE (sr25519) and
	/// GRANDPA (ed25519) keys from the same seed, as `--alice` … insert them into the keystore.
	pub fn development(account: Sr25519Keyring, grandpa: Ed25519Keyring) -> Self {
		Self {
			stash: account.to_account_id(),
			babe: account.public().into(),
			grandpa: grandpa.public().into(),
		}
	}
}

/// The genesis state of an Aegis network with the given validators, endowed accounts and
/// (development only) sudo key.
pub fn aegis_genesis(
	validators: Vec<GenesisValidator>,
	endowed: Vec<AccountId>,
	sudo: Option<AccountId>,
	incentives: RewardParameters<Balance, BlockNumber>,
	technical_committee: Vec<AccountId>,
) -> Value {
	let validator_count = validators.len() as u32;
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: genesis::endowments(&endowed) },
		assets: AssetsConfig {
			assets: genesis::incentive_token(),
			metadata: genesis::incentive_token_metadata(),
			accounts: genesis::incentive_token_endowments(&endowed),
		},
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|v| {
					let keys = SessionKeys { babe: v.babe.clone(), grandpa: v.grandpa.clone() };
					(v.stash.clone(), v.stash.clone(), keys)
				})
				.collect(),
		},
		staking: StakingConfig {
			validator_count,
			minimum_validator_count: validator_count,
			invulnerables: validators.iter().map(|v| v.stash.clone()).collect(),
			slash_reward_fraction: Perbill::from_percent(10),
			stakers: validators
				.iter()
				.map(|v| {
					(
						v.stash.clone(),
						v.stash.clone(),
						VALIDATOR_STAKE,
						pallet_staking::StakerStatus::<AccountId>::Validator,
					)
				})
				.collect(),
		},
		sudo: SudoConfig { key: sudo },
		seal_difficulty: SealDifficultyConfig {
			difficulty: GENESIS_SEAL_DIFFICULTY,
			bounds: SEAL_DIFFICULTY_BOUNDS,
		},
		model_registry: ModelRegistryConfig {
			update_fees: genesis::UPDATE_FEES,
			minimum_stake: genesis::MINIMUM_PUBLISHER_STAKE,
		},
		incentives: IncentivesConfig { parameters: incentives, rewarded_keys: Vec::new() },
		oracle: OracleConfig { rules: genesis::ORACLE_RULES, reporters: Vec::new() },
		technical_committee: TechnicalCommitteeConfig { members: technical_committee },
	})
}

fn development_config_genesis() -> Value {
	aegis_genesis(
		vec![GenesisValidator::development(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		genesis::dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		genesis::dev_incentive_parameters(TIMES),
		genesis::technical_committee(),
	)
}

fn local_testnet_genesis() -> Value {
	aegis_genesis(
		vec![
			GenesisValidator::development(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			GenesisValidator::development(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			GenesisValidator::development(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		genesis::dev_accounts(),
		None,
		genesis::incentive_parameters(TIMES),
		genesis::technical_committee(),
	)
}

/// The preset with the given id, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The ids of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
