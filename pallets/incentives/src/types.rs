//! The records of the incentives pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

pub use aegis_primitives::{
	incentives::{ModelId, VersionNumber},
	proofs::VerifyingKeyId,
};

/// What governance sets: how fast the pool fills, what each contribution earns and who is
/// eligible. The requirements' `incentiveRate` is [`Self::mint_per_period`].
#[derive(
	Clone,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RewardParameters<Balance, BlockNumber> {
	/// Minted into the pool at the start of every mint period.
	pub mint_per_period: Balance,
	/// The pool's unallocated funds never grow past this by minting: a chain with few
	/// contributions does not inflate the token for nothing.
	pub pool_cap: Balance,
	/// Earned by an accepted version: all of it by the owner of a direct update, split by
	/// [`Self::owner_share`] between owner and contributor for an accepted proposal.
	pub update_reward: Balance,
	/// The owner's part of [`Self::update_reward`] when a contributor made the version.
	pub owner_share: Perbill,
	/// Earned by a Groth16 proof attested under a rewarded verification key whose last public
	/// input binds it to its submitter (`aegis_primitives::incentives::proof_reward_binding`),
	/// once per key and public inputs (a proof can be re-randomised; its statement cannot).
	pub proof_reward: Balance,
	/// Earned by each reporter whose fresh report went into a closed oracle round.
	pub report_reward: Balance,
	/// Blocks between a version's acceptance and its reward becoming claimable: the window in
	/// which governance can revoke the version and forfeit the reward.
	pub claim_delay: BlockNumber,
	/// The active bonded stake a beneficiary needs when a reward is earned; rewards of
	/// accounts below it stay in the pool.
	pub minimum_stake: Balance,
	/// Blocks after a beneficiary earned a version reward during which further versions earn
	/// that beneficiary nothing, whatever the model: rewards follow staked accounts, not
	/// models, so registering more models (or publishing junk versions) earns no more. Each
	/// account must hold [`Self::minimum_stake`], so more rewards per period take more stake.
	pub publisher_cooldown: BlockNumber,
}

/// The reward of one accepted version, until every share is claimed or it is forfeited.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct VersionReward<AccountId, Balance, BlockNumber> {
	/// Unclaimed shares: the owner's and, for an accepted proposal, the contributor's. Never
	/// empty; no amount is zero.
	pub shares: BoundedVec<(AccountId, Balance), ConstU32<2>>,
	/// The first block in which the shares can be claimed.
	pub claimable_at: BlockNumber,
}

impl<AccountId, Balance: sp_runtime::Saturating + Default + Copy, BlockNumber>
	VersionReward<AccountId, Balance, BlockNumber>
{
	/// The unclaimed shares' sum. Saturating: the shares are part of the pallet's unclaimed
	/// total, which does not overflow.
	pub fn total(&self) -> Balance {
		self.shares
			.iter()
			.fold(Balance::default(), |total, (_, share)| total.saturating_add(*share))
	}
}

/// What a reward was earned for.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum RewardSource {
	/// An accepted version.
	Version {
		/// The model.
		model: ModelId,
		/// The version.
		version: VersionNumber,
	},
	/// A Groth16 proof attested under the verification key `key`.
	Proof {
		/// The verification key.
		key: VerifyingKeyId,
	},
	/// A report in a closed oracle round.
	Report,
}

/// Why a reward was not earned.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum SkipReason {
	/// The beneficiary had less active bonded stake than the parameters require.
	InsufficientStake,
	/// The pool's unallocated funds could not cover the reward.
	PoolExhausted,
	/// The same proof statement (key and public inputs) was rewarded before.
	AlreadyRewarded,
	/// The proof's last public input does not bind it to its submitter.
	NotBoundToSubmitter,
	/// The beneficiary earned a version reward less than `publisher_cooldown` blocks ago.
	PublisherCooldown,
}

/// The balance type of the incentive token.
pub type BalanceOf<T> = <<T as crate::Config>::Token as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;
/// The reward parameters of the runtime.
pub type RewardParametersOf<T> =
	RewardParameters<BalanceOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;
/// A version's reward in the runtime.
pub type VersionRewardOf<T> = VersionReward<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
