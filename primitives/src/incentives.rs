//! The incentive token: the fungible asset that rewards accepted contributions.
//!
//! It lives in the runtime's asset pallet (`pallet-assets`, which already has ERC-20's
//! transfer / approve / transfer-from semantics) under a fixed id created at genesis, so its
//! balances and approvals are ordinary, well-audited asset state that wallets and polkadot.js
//! apps show. [`Erc20Api`] answers the ERC-20 read calls for clients that expect them.

use alloc::vec::Vec;

/// The id of the incentive token in the asset pallet.
pub const INCENTIVE_ASSET_ID: u32 = 1;
/// The token's name.
pub const INCENTIVE_TOKEN_NAME: &[u8] = b"Aegis Incentive Token";
/// The token's ticker.
pub const INCENTIVE_TOKEN_SYMBOL: &[u8] = b"AIT";
/// Decimal places: one AIT is 10^12 of its smallest unit, like AEG.
pub const INCENTIVE_TOKEN_DECIMALS: u8 = 12;

sp_api::decl_runtime_apis! {
	/// The read calls of an ERC-20 token, answered for the incentive token.
	///
	/// Writes are the asset pallet's calls: `assets.transfer` (ERC-20 `transfer`),
	/// `assets.approveTransfer` (`approve`, which adds to an existing allowance; cancel with
	/// `assets.cancelApproval`) and `assets.transferApproved` (`transferFrom`).
	pub trait Erc20Api<AccountId, Balance>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
	{
		/// `name()`.
		fn name() -> Vec<u8>;
		/// `symbol()`.
		fn symbol() -> Vec<u8>;
		/// `decimals()`.
		fn decimals() -> u8;
		/// `totalSupply()`.
		fn total_supply() -> Balance;
		/// `balanceOf(owner)`.
		fn balance_of(owner: AccountId) -> Balance;
		/// `allowance(owner, spender)`: what `spender` may still move from `owner`'s balance.
		fn allowance(owner: AccountId, spender: AccountId) -> Balance;
	}
}
