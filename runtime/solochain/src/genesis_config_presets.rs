//! Genesis presets: the named starting states a chain spec can be built from.
//!
//! - `development`: Alice is the only validator and the sudo key; for `--dev`.
//! - `local_testnet`: Alice, Bob and Charlie validate; for a three-node network on one machine.
//!   No sudo key: the chain is governed by referendum (OpenGov), as a real network is.
//!
//! In both, Alice, Bob and Charlie form the technical committee (the whitelist's fast track).
//!
//! Both start the incentives with [`incentive_parameters`]; development shortens the claim
//! delay of version rewards to seconds.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

use aegis_primitives::incentives::{
	INCENTIVE_ASSET_ID, INCENTIVE_TOKEN_DECIMALS, INCENTIVE_TOKEN_NAME, INCENTIVE_TOKEN_SYMBOL,
};
use aegis_runtime_common::aegis::incentive_token_owner;

use crate::{
	currency::{CENTS, UNITS},
	time::{DAYS, HOURS},
	AccountId, AssetsConfig, BabeConfig, Balance, BalancesConfig, BlockNumber, IncentivesConfig,
	ModelRegistryConfig, OracleConfig, RuntimeGenesisConfig, SealDifficultyConfig, SessionConfig,
	SessionKeys, StakingConfig, SudoConfig, TechnicalCommitteeConfig, BABE_GENESIS_EPOCH_CONFIG,
};
use pallet_aegis_oracle::ReporterRules;
use pallet_incentives::RewardParameters;
use pallet_model_registry::UpdateFeeSchedule;
use pallet_seal_difficulty::DifficultyBounds;

/// Free balance of every endowed development account.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// Incentive tokens (AIT) of every endowed development account, to try transfers and
/// approvals with; on a real network AIT is only ever minted as rewards.
pub const AIT_ENDOWMENT: Balance = 1_000 * UNITS;
/// Stake bonded by each genesis validator.
pub const VALIDATOR_STAKE: Balance = 100_000 * UNITS;

/// The range of the seal difficulty at genesis. At the maximum, sealing takes a validator that
/// hashes 2 million SHA3-256 per second a tenth of a second on average: 5 % of the slot.
pub const SEAL_DIFFICULTY_BOUNDS: DifficultyBounds = DifficultyBounds { min: 1_000, max: 200_000 };
/// The seal difficulty of block 1; it rises towards the maximum while every slot is filled.
pub const GENESIS_SEAL_DIFFICULTY: u64 = 50_000;

/// The update fee at genesis (the requirements' `requiredGas`): 0.1 AEG per update, 0.01 AEG
/// per shard and per MiB declared. Governance changes it with `set_update_fees`.
pub const UPDATE_FEES: UpdateFeeSchedule<Balance> =
	UpdateFeeSchedule { base: 10 * CENTS, per_shard: CENTS, per_mebibyte: CENTS };
/// The bonded stake an account needs to publish models at genesis: a hundredth of a
/// validator's stake, so nominators qualify.
pub const MINIMUM_PUBLISHER_STAKE: Balance = 1_000 * UNITS;

/// The claim delay of version rewards in the development preset: five blocks, so that tests
/// can claim. The development preset also rewards every version (no model cooldown).
pub const DEV_CLAIM_DELAY: BlockNumber = 5;

/// The incentives at genesis: 1000 AIT minted per era into a pool of at most 100 000 AIT
/// unallocated; an accepted version earns 10 AIT (30 % to the owner when a contributor made
/// it), a rewarded proof 2 AIT, an oracle report 0.1 AIT; version rewards wait a week, the
/// time governance has to revoke a malicious version; a model earns for at most one version
/// per six hours; earning needs the publishers' stake.
pub fn incentive_parameters() -> RewardParameters<Balance, BlockNumber> {
	RewardParameters {
		mint_per_period: 1_000 * UNITS,
		pool_cap: 100_000 * UNITS,
		update_reward: 10 * UNITS,
		owner_share: Perbill::from_percent(30),
		proof_reward: 2 * UNITS,
		report_reward: UNITS / 10,
		claim_delay: 7 * DAYS,
		minimum_stake: MINIMUM_PUBLISHER_STAKE,
		model_cooldown: 6 * HOURS,
	}
}

/// The oracle's reporter rules at genesis: an account with the publishers' stake bonded may
/// join the reporters; three consecutive deviating rounds remove a reporter.
pub const ORACLE_RULES: ReporterRules<Balance> =
	ReporterRules { reporter_stake: MINIMUM_PUBLISHER_STAKE, max_strikes: 3 };

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
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|account| (account, ENDOWMENT)).collect(),
		},
		assets: AssetsConfig {
			// Sufficient: holders need no AEG deposit. The smallest balance an account keeps
			// is one unit: rewards of any size can be paid.
			assets: vec![(INCENTIVE_ASSET_ID, incentive_token_owner(), true, 1)],
			metadata: vec![(
				INCENTIVE_ASSET_ID,
				INCENTIVE_TOKEN_NAME.to_vec(),
				INCENTIVE_TOKEN_SYMBOL.to_vec(),
				INCENTIVE_TOKEN_DECIMALS,
			)],
			accounts: endowed
				.iter()
				.cloned()
				.map(|account| (INCENTIVE_ASSET_ID, account, AIT_ENDOWMENT))
				.collect(),
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
			update_fees: UPDATE_FEES,
			minimum_stake: MINIMUM_PUBLISHER_STAKE,
		},
		incentives: IncentivesConfig { parameters: incentives, rewarded_keys: Vec::new() },
		oracle: OracleConfig { rules: ORACLE_RULES, reporters: Vec::new() },
		technical_committee: TechnicalCommitteeConfig { members: technical_committee },
	})
}

/// The technical committee of both presets: Alice, Bob and Charlie.
fn technical_committee() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.map(|k| k.to_account_id())
		.to_vec()
}

/// The well-known development accounts, endowed in both presets.
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

fn development_config_genesis() -> Value {
	aegis_genesis(
		vec![GenesisValidator::development(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		RewardParameters {
			claim_delay: DEV_CLAIM_DELAY,
			model_cooldown: 0,
			..incentive_parameters()
		},
		technical_committee(),
	)
}

fn local_testnet_genesis() -> Value {
	aegis_genesis(
		vec![
			GenesisValidator::development(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			GenesisValidator::development(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			GenesisValidator::development(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		dev_accounts(),
		None,
		incentive_parameters(),
		technical_committee(),
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
