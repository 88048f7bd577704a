//! Genesis values both Aegis networks start from: the endowments of the development accounts,
//! the incentive token, the registry's fees and stake, the incentives and the oracle's rules,
//! and the technical committee. The runtimes' presets combine them with their own consensus
//! (validators and NPoS stakes, or collators and the para id).

use alloc::{vec, vec::Vec};

use aegis_primitives::{
	currency::{CENTS, UNITS},
	incentives::{
		INCENTIVE_ASSET_ID, INCENTIVE_TOKEN_DECIMALS, INCENTIVE_TOKEN_NAME, INCENTIVE_TOKEN_SYMBOL,
	},
	AccountId, Balance, BlockNumber,
};
use pallet_aegis_oracle::ReporterRules;
use pallet_incentives::RewardParameters;
use pallet_model_registry::UpdateFeeSchedule;
use sp_keyring::Sr25519Keyring;
use sp_runtime::Perbill;

use crate::{aegis::incentive_token_owner, time::BlockTimes};

/// Free balance of every endowed development account.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// Incentive tokens (AIT) of every endowed development account, to try transfers and
/// approvals with; on a real network AIT is only ever minted as rewards.
pub const AIT_ENDOWMENT: Balance = 1_000 * UNITS;

/// The update fee at genesis (the requirements' `requiredGas`): 0.1 AEG per update, 0.01 AEG
/// per shard and per MiB declared. Governance changes it with `set_update_fees`.
pub const UPDATE_FEES: UpdateFeeSchedule<Balance> =
	UpdateFeeSchedule { base: 10 * CENTS, per_shard: CENTS, per_mebibyte: CENTS };
/// The bonded stake an account needs to publish models at genesis: a hundredth of a
/// sovereign-chain validator's stake, so nominators qualify.
pub const MINIMUM_PUBLISHER_STAKE: Balance = 1_000 * UNITS;

/// The claim delay of version rewards in the development presets: five blocks, so that tests
/// can claim. The development presets also reward every version (no model cooldown).
pub const DEV_CLAIM_DELAY: BlockNumber = 5;

/// The oracle's reporter rules at genesis: an account with the publishers' stake bonded may
/// join the reporters, to one of four seats (governance keeps the other twelve of sixteen, and
/// should admit more reporters than four so that stake can never outnumber its reports);
/// three consecutive deviating rounds remove a reporter.
pub const ORACLE_RULES: ReporterRules<Balance> =
	ReporterRules { reporter_stake: MINIMUM_PUBLISHER_STAKE, max_strikes: 3, stake_seats: 4 };

frame_support::parameter_types! {
	/// The stake seats the oracle's storage migration gives running chains: the genesis rules'.
	pub const OracleStakeSeats: u32 = ORACLE_RULES.stake_seats;
}

/// The incentives at genesis: 1000 AIT minted per period into a pool of at most 100 000 AIT
/// unallocated; an accepted version earns 10 AIT (30 % to the owner when a contributor made
/// it), a rewarded proof 2 AIT, an oracle report 0.1 AIT; version rewards wait a week, the
/// time governance has to revoke a malicious version; a model earns for at most one version
/// per six hours; earning needs the publishers' stake.
pub fn incentive_parameters(times: BlockTimes) -> RewardParameters<Balance, BlockNumber> {
	RewardParameters {
		mint_per_period: 1_000 * UNITS,
		pool_cap: 100_000 * UNITS,
		update_reward: 10 * UNITS,
		owner_share: Perbill::from_percent(30),
		proof_reward: 2 * UNITS,
		report_reward: UNITS / 10,
		claim_delay: 7 * times.day,
		minimum_stake: MINIMUM_PUBLISHER_STAKE,
		publisher_cooldown: 6 * times.hour,
	}
}

/// [`incentive_parameters`] for the development presets: rewards can be claimed after
/// [`DEV_CLAIM_DELAY`] blocks, and every version earns.
pub fn dev_incentive_parameters(times: BlockTimes) -> RewardParameters<Balance, BlockNumber> {
	RewardParameters {
		claim_delay: DEV_CLAIM_DELAY,
		publisher_cooldown: 0,
		..incentive_parameters(times)
	}
}

/// The incentive token's minimum balance: a cent of AIT. The token is sufficient (an account
/// holding it needs no AEG), so this is what creating an account with it costs; one planck
/// would let anyone create accounts — state every node keeps — for nothing. Rewards are zero
/// or at least this (the incentives pallet refuses others).
pub const AIT_MINIMUM_BALANCE: Balance = CENTS;

/// The incentive token at genesis, as `pallet-assets`' genesis `assets`: sufficient (holders
/// need no AEG deposit), owned by the keyless incentives account, with a minimum balance of
/// [`AIT_MINIMUM_BALANCE`].
pub fn incentive_token() -> Vec<(u32, AccountId, bool, Balance)> {
	vec![(INCENTIVE_ASSET_ID, incentive_token_owner(), true, AIT_MINIMUM_BALANCE)]
}

/// The incentive token's name, symbol and decimals, as `pallet-assets`' genesis `metadata`.
pub fn incentive_token_metadata() -> Vec<(u32, Vec<u8>, Vec<u8>, u8)> {
	vec![(
		INCENTIVE_ASSET_ID,
		INCENTIVE_TOKEN_NAME.to_vec(),
		INCENTIVE_TOKEN_SYMBOL.to_vec(),
		INCENTIVE_TOKEN_DECIMALS,
	)]
}

/// [`AIT_ENDOWMENT`] for each of `endowed`, as `pallet-assets`' genesis `accounts`.
pub fn incentive_token_endowments(endowed: &[AccountId]) -> Vec<(u32, AccountId, Balance)> {
	endowed
		.iter()
		.cloned()
		.map(|account| (INCENTIVE_ASSET_ID, account, AIT_ENDOWMENT))
		.collect()
}

/// [`ENDOWMENT`] for each of `endowed`, as `pallet-balances`' genesis `balances`.
pub fn endowments(endowed: &[AccountId]) -> Vec<(AccountId, Balance)> {
	endowed.iter().cloned().map(|account| (account, ENDOWMENT)).collect()
}

/// The well-known development accounts, endowed in the development and local presets.
pub fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// The technical committee of the development and local presets: Alice, Bob and Charlie.
pub fn technical_committee() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.map(|k| k.to_account_id())
		.to_vec()
}

/// The genesis config a preset describes, as a node builds it: the preset's JSON patch merged
/// into the runtime's default config. For the runtimes' tests, which inspect the presets'
/// state natively.
#[cfg(feature = "std")]
pub fn config_from_preset<Config>(preset: &[u8]) -> Result<Config, serde_json::Error>
where
	Config: Default + serde::Serialize + serde::de::DeserializeOwned,
{
	/// Applies a JSON merge patch, as the genesis builder does with presets.
	fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
		match (base, patch) {
			(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}

	let patch: serde_json::Value = serde_json::from_slice(preset)?;
	let mut config = serde_json::to_value(Config::default())?;
	merge(&mut config, patch);
	serde_json::from_value(config)
}
