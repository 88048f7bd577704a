//! Genesis presets: the named starting states a chain spec can be built from.
//!
//! - `development`: Alice collates alone and holds the sudo key; for a local relay chain or
//!   chopsticks.
//! - `local_testnet`: Alice and Bob collate; no sudo key: the chain is governed by referendum
//!   (OpenGov), as a real network is.
//!
//! Both are for para id [`DEFAULT_PARA_ID`]; the chain-spec command sets another
//! (`parachainInfo.parachainId`) for the slot a relay chain assigned. What both Aegis networks
//! start from (endowments, the incentive token, the registry's fees and stake, the incentives,
//! the oracle's rules, the technical committee) is in `aegis_runtime_common::genesis`.

use aegis_runtime_common::genesis;
use alloc::{vec, vec::Vec};
use frame_support::{build_struct_json_patch, PalletId};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::AccountIdConversion;

use crate::{
	configs::{collators::ParaId, xcm::RelayLocation},
	currency::UNITS,
	time::TIMES,
	AccountId, AssetsConfig, Balance, BalancesConfig, CollatorSelectionConfig, ForeignAssetsConfig,
	IncentivesConfig, ModelRegistryConfig, OracleConfig, ParachainInfoConfig, PolkadotXcmConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, StakeConfig, SudoConfig,
	TechnicalCommitteeConfig,
};
use pallet_incentives::RewardParameters;

pub use aegis_primitives::parachain::DEFAULT_PARA_ID;

/// What a candidate bonds to collate (collator selection's candidacy bond): a tenth of the
/// sovereign chain's validator stake.
pub const CANDIDACY_BOND: Balance = 10_000 * UNITS;
/// How many candidates collate beside the invulnerables.
pub const DESIRED_CANDIDATES: u32 = 20;

/// The least of the relay chain's token an account holds: 10^8 of its smallest units (0.01
/// DOT), so that accounts that hold only it cost what AEG's existential deposit costs.
pub const RELAY_TOKEN_MIN_BALANCE: Balance = 100_000_000;

/// The stake the development accounts Alice and Bob bond at genesis, so that they can publish
/// models, earn rewards and report to the oracle.
pub const PUBLISHER_BOND: Balance = 10 * genesis::MINIMUM_PUBLISHER_STAKE;

/// The keyless account that owns the relay chain's token in `ForeignAssets`: no key can mint
/// or freeze it; only XCM deposits and withdraws it.
pub fn foreign_assets_owner() -> AccountId {
	PalletId(*b"aeg/frgn").into_account_truncating()
}

/// A genesis collator: its account and its Aura key.
pub struct GenesisCollator {
	pub account: AccountId,
	pub aura: AuraId,
}

impl GenesisCollator {
	/// A development collator: the keyring account `//Name` with the Aura key from the same
	/// seed, as `polkadot-omni-node --alice` … inserts into the keystore.
	pub fn development(keyring: Sr25519Keyring) -> Self {
		Self { account: keyring.to_account_id(), aura: keyring.public().into() }
	}
}

/// The genesis state of an Aegis parachain with the given para id, collators, endowed
/// accounts and (development only) sudo key.
pub fn aegis_parachain_genesis(
	para_id: ParaId,
	collators: Vec<GenesisCollator>,
	endowed: Vec<AccountId>,
	bonded: Vec<AccountId>,
	sudo: Option<AccountId>,
	incentives: RewardParameters<Balance, crate::BlockNumber>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: genesis::endowments(&endowed) },
		parachain_info: ParachainInfoConfig { parachain_id: para_id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|c| c.account.clone()).collect::<Vec<_>>(),
			candidacy_bond: CANDIDACY_BOND,
			desired_candidates: DESIRED_CANDIDATES,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|c| (c.account.clone(), c.account, SessionKeys { aura: c.aura }))
				.collect::<Vec<_>>(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(xcm::latest::VERSION) },
		foreign_assets: ForeignAssetsConfig {
			// Sufficient: an account may hold the relay chain's token without AEG; at least
			// a hundredth of a DOT (10 decimals), as an account must hold a cent of AEG.
			assets: vec![(
				RelayLocation::get(),
				foreign_assets_owner(),
				true,
				RELAY_TOKEN_MIN_BALANCE
			)],
		},
		stake: StakeConfig {
			bonds: bonded.into_iter().map(|account| (account, PUBLISHER_BOND)).collect::<Vec<_>>(),
		},
		assets: AssetsConfig {
			assets: genesis::incentive_token(),
			metadata: genesis::incentive_token_metadata(),
			accounts: genesis::incentive_token_endowments(&endowed),
		},
		sudo: SudoConfig { key: sudo },
		model_registry: ModelRegistryConfig {
			update_fees: genesis::UPDATE_FEES,
			minimum_stake: genesis::MINIMUM_PUBLISHER_STAKE,
		},
		incentives: IncentivesConfig { parameters: incentives, rewarded_keys: Vec::new() },
		oracle: OracleConfig { rules: genesis::ORACLE_RULES, reporters: Vec::new() },
		technical_committee: TechnicalCommitteeConfig { members: genesis::technical_committee() },
	})
}

/// Alice and Bob: the development accounts bonded as publishers.
fn publishers() -> Vec<AccountId> {
	vec![Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id()]
}

fn development_config_genesis() -> Value {
	aegis_parachain_genesis(
		DEFAULT_PARA_ID.into(),
		vec![GenesisCollator::development(Sr25519Keyring::Alice)],
		genesis::dev_accounts(),
		publishers(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		genesis::dev_incentive_parameters(TIMES),
	)
}

fn local_testnet_genesis() -> Value {
	aegis_parachain_genesis(
		DEFAULT_PARA_ID.into(),
		vec![
			GenesisCollator::development(Sr25519Keyring::Alice),
			GenesisCollator::development(Sr25519Keyring::Bob),
		],
		genesis::dev_accounts(),
		publishers(),
		None,
		genesis::incentive_parameters(TIMES),
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
