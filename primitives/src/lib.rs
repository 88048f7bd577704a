//! # Aegis primitives
//!
//! The types and constants that the Aegis runtimes, the node and the command-line tools must
//! agree on byte for byte. Keeping them in one `no_std` crate means an account id, a balance or
//! a block number can never mean two different things on the two sides of an RPC call.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod incentives;
pub mod oracle;
pub mod pow;
pub mod proofs;

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature, OpaqueExtrinsic,
};

/// Block number: `u32` lasts 272 years at 2-second blocks.
pub type BlockNumber = u32;

/// Signature of a transaction: sr25519, ed25519 or ECDSA, as wallets produce them.
pub type Signature = MultiSignature;

/// An account is identified by the public key behind its [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in plancks (10^-12 AEG).
pub type Balance = u128;

/// Index of a transaction in the chain (an account's nonce).
pub type Nonce = u32;

/// Hash of a block or of a state root.
pub type Hash = sp_core::H256;

/// Header of an Aegis block.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// A block as the node sees it: extrinsics are opaque bytes the runtime decodes.
pub type OpaqueBlock = generic::Block<Header, OpaqueExtrinsic>;

/// The Aegis parachain, as the runtime and the node's chain-spec command both know it.
pub mod parachain {
	/// The para id of the parachain runtime's genesis presets, until an operator's chain spec
	/// sets the one a relay chain registered.
	pub const DEFAULT_PARA_ID: u32 = 2000;
}

/// The AEG token and its units.
pub mod currency {
	use super::Balance;

	/// Ticker shown by wallets.
	pub const TOKEN_SYMBOL: &str = "AEG";
	/// Decimal places: one AEG is 10^12 plancks.
	pub const TOKEN_DECIMALS: u8 = 12;
	/// The SS58 address prefix (42: the generic Substrate prefix until Aegis registers its own).
	pub const SS58_PREFIX: u16 = 42;

	/// One AEG.
	pub const UNITS: Balance = 1_000_000_000_000;
	/// A hundredth of an AEG.
	pub const CENTS: Balance = UNITS / 100;
	/// A thousandth of a cent.
	pub const MILLICENTS: Balance = CENTS / 1_000;

	/// The deposit for `items` stored items of `bytes` total size: storage is paid for by
	/// whoever occupies it, so that state cannot be bloated for free.
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		items as Balance * 20 * CENTS + (bytes as Balance) * 100 * MILLICENTS
	}
}

/// Block time and the periods derived from it.
pub mod time {
	use super::BlockNumber;

	/// Target block time. BABE gives every 2-second slot an author (primary VRF winners, or the
	/// secondary round-robin author), so this is also the expected block time.
	pub const MILLISECS_PER_BLOCK: u64 = 2_000;
	/// Slot duration equals block time.
	pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

	/// Blocks per minute.
	pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
	/// Blocks per hour.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks per day.
	pub const DAYS: BlockNumber = HOURS * 24;
}

#[cfg(test)]
mod tests {
	use super::{currency::*, time::*};

	#[test]
	fn units_and_periods_are_consistent() {
		assert_eq!(UNITS, 10u128.pow(TOKEN_DECIMALS as u32));
		assert_eq!(MINUTES, 30);
		assert_eq!(DAYS, 43_200);
		assert_eq!(deposit(1, 0), 20 * CENTS);
		assert_eq!(deposit(0, 1_000), 100 * CENTS);
	}
}

/// The price of a stored item: `base + per_byte × bytes`, saturating (a saturated price can
/// never be held, so it fails as unaffordable rather than wrapping). Shared by every Aegis
/// pallet that holds deposits, so storage costs the same wherever it is used.
pub fn storage_deposit<B>(base: B, per_byte: B, bytes: usize) -> B
where
	B: sp_runtime::Saturating + From<u32>,
{
	let bytes = B::from(u32::try_from(bytes).unwrap_or(u32::MAX));
	per_byte.saturating_mul(bytes).saturating_add(base)
}

/// What Aegis pallets need to know about staking.
pub mod staking {
	/// The stake an account has bonded and not yet unbonding: what the chain's "stakeholder"
	/// checks (e.g. the model registry's stake gate) compare against their minimums.
	pub trait ActiveStake<AccountId, Balance> {
		/// `who`'s active bonded stake; zero for accounts that have not bonded.
		fn active_stake(who: &AccountId) -> Balance;

		/// Funds `who` and bonds at least `amount` for it (more if the chain's minimum bond is
		/// higher), so that a benchmark reads the stake of a bonded account: the most storage
		/// the stake check can read (an unbonded account stops at the first missing record).
		#[cfg(feature = "runtime-benchmarks")]
		fn bond_for_benchmark(who: &AccountId, amount: Balance) -> sp_runtime::DispatchResult;
	}
}
