//! # Incentives Pallet
//!
//! Pays contributors in the incentive token (AIT) for work the chain can check: accepted model
//! versions, Groth16 proofs verified on chain under keys governance rewards, and oracle
//! reports that made a round's value. Rewards come out of a pool that is minted at a
//! governance-set rate (the requirements' `incentiveRate`) and are claimed by the
//! beneficiaries themselves.
//!
//! ## Pallet API
//!
//! - [`Pallet::claim_version_reward`]: the owner or contributor of an accepted version takes
//!   their share once [`RewardParameters::claim_delay`] has passed.
//! - [`Pallet::claim_earnings`]: takes everything earned by proofs and reports.
//! - Governance: [`Pallet::set_parameters`], [`Pallet::set_rewarded_keys`].
//! - Hooks the other pallets call: [`OnVersionAccepted`] and [`OnVersionRevoked`] (model
//!   registry), [`OnProofVerified`] (proof verifier), [`OnRoundClosed`] (oracle).
//!
//! [`OnVersionRevoked`]: aegis_primitives::incentives::OnVersionRevoked
//!
//! ## Overview
//!
//! **Predictable.** A reward is either earned in full, recorded and announced
//! ([`Event::RewardEarned`]), or not earned, with the reason ([`Event::RewardSkipped`]): no
//! partial payments. It is earned only if the pool's *unallocated* funds (its balance minus
//! every unclaimed reward) cover it, so a recorded reward can always be paid: the pool's
//! balance never falls below [`Unclaimed`] (checked in `try_state`).
//!
//! **Pull, bounded.** Rewards are claimed by their beneficiaries; no hook iterates over
//! accounts. A version's reward is one record of at most two shares; proof and report rewards
//! add up in one balance per account.
//!
//! **Not for free.** Every rewarded action already costs its author: a version pays the
//! registry's fee and deposit, an attestation a deposit. On top of that a beneficiary must
//! have [`RewardParameters::minimum_stake`] bonded when the reward is earned (the
//! requirements' stakeholder validation), so rewards cannot be farmed with fresh accounts;
//! a version's reward waits [`RewardParameters::claim_delay`] blocks, during which a version
//! found malicious and revoked by governance (alone, or with its whole model) loses it — the
//! registry tells the incentives, which return the reward to the pool at once; and a Groth16
//! statement (key and public inputs) is rewarded once, however many re-randomised proofs of it
//! are attested.
//!
//! **Rewards follow stake, not models.** Registering a model is open to any staked account,
//! so a reward per model would let one account with many cheap models take the whole mint.
//! Instead each *beneficiary* earns at most one version reward per
//! [`RewardParameters::publisher_cooldown`] (an era), whatever the model: an account with a
//! hundred models earns what an honest publisher with one does, and earning more per era
//! takes more accounts, each with [`RewardParameters::minimum_stake`] bonded — rewards in
//! proportion to the stake put up.
//!
//! ## Low Level
//!
//! The pool is the keyless account of [`Config::PalletId`]. Minting runs in `on_initialize`
//! once per [`Config::MintPeriod`] (an era in the runtime) and stops at
//! [`RewardParameters::pool_cap`] of unallocated funds.
//!
//! Forfeiting is O(1) whatever a model's history: each model's unclaimed version rewards are
//! summed in [`ModelUnclaimed`], so governance's revocation of a whole model returns that sum
//! to the pool and marks the model in [`ForfeitedModels`]; its records, now unclaimable, are
//! removed in `on_idle`, at most [`FORFEITED_RECORDS_PER_BLOCK`] a block.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod functions;
mod impl_rewards;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use functions::has_duplicates;
pub use functions::FORFEITED_RECORDS_PER_BLOCK;

use aegis_primitives::staking::ActiveStake;
use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResult,
	traits::{fungible::Mutate, tokens::Preservation, Get},
	weights::Weight,
	BoundedVec, PalletId,
};
use sp_runtime::{
	traits::{CheckedSub, Saturating, Zero},
	ArithmeticError,
};

const LOG_TARGET: &str = "runtime::incentives";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version. 1: the cooldown is kept per account
	/// ([`LastVersionReward`]), not per model ([`migrations::v1`]). 2: each model's unclaimed
	/// version rewards are summed in [`ModelUnclaimed`] ([`migrations::v2`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The incentive token: minted into the pool, paid out of it.
		type Token: Mutate<Self::AccountId>;

		/// Active bonded stake, in the token's units, for the eligibility check.
		type Stakes: ActiveStake<Self::AccountId, BalanceOf<Self>>;

		/// Sets the parameters and the rewarded verification keys.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the pool's keyless account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Blocks between two mints.
		#[pallet::constant]
		type MintPeriod: Get<BlockNumberFor<Self>>;

		/// The most [`RewardParameters::mint_per_period`] governance may set: a hard bound in
		/// the runtime's code, so that no referendum — on whatever track — can mint without
		/// limit; raising it takes a runtime upgrade.
		#[pallet::constant]
		type MaxMintPerPeriod: Get<BalanceOf<Self>>;

		/// The most [`RewardParameters::pool_cap`] governance may set (see
		/// [`Config::MaxMintPerPeriod`]).
		#[pallet::constant]
		type MaxPoolCap: Get<BalanceOf<Self>>;

		/// The most verification keys whose proofs are rewarded.
		#[pallet::constant]
		type MaxRewardedKeys: Get<u32>;

		/// The most public inputs a rewarded proof may have (the proof verifier's limit); it
		/// bounds the weight of [`OnProofVerified`].
		#[pallet::constant]
		type MaxPublicInputs: Get<u32>;

		/// The most reporters of an oracle round; it bounds the weight of [`OnRoundClosed`].
		#[pallet::constant]
		type MaxReporters: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// What rewards cost and who earns them.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, RewardParametersOf<T>, ValueQuery>;

	/// The unclaimed reward of each accepted version that earned one.
	// Twox64Concat: ids and numbers are sequential and chosen by the chain.
	#[pallet::storage]
	pub type VersionRewards<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Twox64Concat,
		VersionNumber,
		VersionRewardOf<T>,
		OptionQuery,
	>;

	/// The sum of the unclaimed version rewards of each model with any: what governance's
	/// revocation of the model forfeits, without visiting its versions. Never zero.
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type ModelUnclaimed<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, BalanceOf<T>, OptionQuery>;

	/// Models governance revoked whose version rewards were forfeited while records of them
	/// remain in [`VersionRewards`]: those records are unclaimable and outside [`Unclaimed`],
	/// and `on_idle` removes them, then the mark. A revoked model takes no new versions, so
	/// nothing is added meanwhile.
	// Twox64Concat: ids are sequential and chosen by the chain.
	#[pallet::storage]
	pub type ForfeitedModels<T: Config> = StorageMap<_, Twox64Concat, ModelId, (), OptionQuery>;

	/// What each account earned by proofs and reports and has not claimed.
	// Blake2_128Concat: account ids are chosen by their owners (e.g. vanity keys), so the map's
	// keys must be hashed with a cryptographic hasher to keep the trie balanced.
	#[pallet::storage]
	pub type Earnings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// The sum of every unclaimed reward: the part of the pool that is spoken for.
	#[pallet::storage]
	pub type Unclaimed<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The block at or after which the next mint happens.
	#[pallet::storage]
	pub type NextMint<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The verification keys whose attested proofs earn [`RewardParameters::proof_reward`].
	#[pallet::storage]
	pub type RewardedKeys<T: Config> =
		StorageValue<_, BoundedVec<VerifyingKeyId, T::MaxRewardedKeys>, ValueQuery>;

	/// The block in which each account last earned a version reward (see
	/// [`RewardParameters::publisher_cooldown`]).
	// Blake2_128Concat: account ids are chosen by their owners (e.g. vanity keys), so the map's
	// keys must be hashed with a cryptographic hasher to keep the trie balanced.
	#[pallet::storage]
	pub type LastVersionReward<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>, OptionQuery>;

	/// The Groth16 statements (SHA3-256 of key and public inputs) already rewarded.
	// Identity: the key is a digest the chain computes.
	#[pallet::storage]
	pub type RewardedProofs<T: Config> = StorageMap<_, Identity, [u8; 32], (), OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial parameters.
		pub parameters: RewardParametersOf<T>,
		/// The initially rewarded verification keys.
		pub rewarded_keys: Vec<VerifyingKeyId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let keys = BoundedVec::<_, T::MaxRewardedKeys>::try_from(self.rewarded_keys.clone())
				.expect("genesis: more rewarded keys than MaxRewardedKeys");
			assert!(!has_duplicates(&keys), "genesis: a rewarded key is listed twice");
			if let Err(error) = Pallet::<T>::ensure_valid_parameters(&self.parameters) {
				panic!("genesis: unusable reward parameters: {error:?}");
			}
			Parameters::<T>::put(self.parameters.clone());
			RewardedKeys::<T>::put(keys);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The pool was topped up.
		PoolMinted {
			/// The amount minted.
			amount: BalanceOf<T>,
		},
		/// `beneficiary` earned `amount`.
		RewardEarned {
			/// Who earned it.
			beneficiary: T::AccountId,
			/// What for.
			source: RewardSource,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// `beneficiary` would have earned a reward and did not.
		RewardSkipped {
			/// Who would have earned it.
			beneficiary: T::AccountId,
			/// What for.
			source: RewardSource,
			/// Why not.
			reason: SkipReason,
		},
		/// `beneficiary` claimed their share of a version's reward.
		VersionRewardClaimed {
			/// Who claimed it.
			beneficiary: T::AccountId,
			/// The model.
			model: ModelId,
			/// The version.
			version: VersionNumber,
			/// How much was paid.
			amount: BalanceOf<T>,
		},
		/// `beneficiary` claimed their earnings from proofs and reports.
		EarningsClaimed {
			/// Who claimed them.
			beneficiary: T::AccountId,
			/// How much was paid.
			amount: BalanceOf<T>,
		},
		/// Governance revoked a version: its unclaimed reward went back to the pool.
		RewardForfeited {
			/// The model.
			model: ModelId,
			/// The version.
			version: VersionNumber,
			/// How much was unclaimed.
			amount: BalanceOf<T>,
		},
		/// Governance revoked a model: the unclaimed rewards of all its versions went back to
		/// the pool.
		ModelRewardsForfeited {
			/// The model.
			model: ModelId,
			/// How much was unclaimed, over all its versions.
			amount: BalanceOf<T>,
		},
		/// Governance set the parameters.
		ParametersSet {
			/// The new parameters.
			parameters: RewardParametersOf<T>,
		},
		/// Governance set the rewarded verification keys.
		RewardedKeysSet {
			/// The new list.
			keys: BoundedVec<VerifyingKeyId, T::MaxRewardedKeys>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller has no reward to claim here.
		NoReward,
		/// The version's reward is still in its claim delay.
		NotYetClaimable,
		/// Governance revoked the version's model: the rewards of its versions are forfeited.
		VersionRevoked,
		/// A verification key is listed twice.
		DuplicateKey,
		/// The mint per period or the pool cap is above the runtime's bound
		/// ([`Config::MaxMintPerPeriod`], [`Config::MaxPoolCap`]).
		MintAboveBound,
		/// A reward is above zero but below the token's minimum balance: it could not be paid
		/// to an account that holds none yet.
		RewardBelowMinimumBalance,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			if now < NextMint::<T>::get() {
				return T::WeightInfo::on_initialize_idle();
			}
			NextMint::<T>::put(now.saturating_add(T::MintPeriod::get()));
			Self::mint();
			T::WeightInfo::mint()
		}

		fn on_idle(_: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::clear_forfeited_records(remaining)
		}

		fn integrity_test() {
			assert!(!T::MintPeriod::get().is_zero(), "the pool is minted once per period");
			assert!(T::MaxReporters::get() > 0, "oracle rounds have reporters");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pays the caller's share of the reward of `version` of `model`.
		///
		/// ## Dispatch Origin
		/// Signed: the version's owner or contributor, with a share left.
		///
		/// ## Errors
		/// - [`Error::VersionRevoked`]: governance revoked the version's model.
		/// - [`Error::NoReward`]: no share of the caller is left (or governance revoked the
		///   version: [`Event::RewardForfeited`]).
		/// - [`Error::NotYetClaimable`]: the claim delay has not passed.
		///
		/// ## Events
		/// [`Event::VersionRewardClaimed`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::claim_version_reward())]
		pub fn claim_version_reward(
			origin: OriginFor<T>,
			model: ModelId,
			version: VersionNumber,
		) -> DispatchResult {
			let beneficiary = ensure_signed(origin)?;
			ensure!(!ForfeitedModels::<T>::contains_key(model), Error::<T>::VersionRevoked);
			let mut reward =
				VersionRewards::<T>::get(model, version).ok_or(Error::<T>::NoReward)?;
			let position = reward
				.shares
				.iter()
				.position(|(account, _)| *account == beneficiary)
				.ok_or(Error::<T>::NoReward)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= reward.claimable_at, Error::<T>::NotYetClaimable);
			let (_, amount) = reward.shares.remove(position);
			let unclaimed = Self::unclaimed_after_paying(amount)?;
			let model_unclaimed = ModelUnclaimed::<T>::get(model)
				.unwrap_or_default()
				.checked_sub(&amount)
				.ok_or(ArithmeticError::Underflow)?;

			T::Token::transfer(
				&Self::pool_account(),
				&beneficiary,
				amount,
				Preservation::Expendable,
			)?;
			Unclaimed::<T>::put(unclaimed);
			Self::set_model_unclaimed(model, model_unclaimed);
			if reward.shares.is_empty() {
				VersionRewards::<T>::remove(model, version);
			} else {
				VersionRewards::<T>::insert(model, version, reward);
			}
			Self::deposit_event(Event::VersionRewardClaimed {
				beneficiary,
				model,
				version,
				amount,
			});
			Ok(())
		}

		/// Pays the caller everything they earned by proofs and reports.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Errors
		/// [`Error::NoReward`]: nothing earned.
		///
		/// ## Events
		/// [`Event::EarningsClaimed`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim_earnings())]
		pub fn claim_earnings(origin: OriginFor<T>) -> DispatchResult {
			let beneficiary = ensure_signed(origin)?;
			let amount = Earnings::<T>::get(&beneficiary);
			ensure!(!amount.is_zero(), Error::<T>::NoReward);
			let unclaimed = Self::unclaimed_after_paying(amount)?;

			T::Token::transfer(
				&Self::pool_account(),
				&beneficiary,
				amount,
				Preservation::Expendable,
			)?;
			Unclaimed::<T>::put(unclaimed);
			Earnings::<T>::remove(&beneficiary);
			Self::deposit_event(Event::EarningsClaimed { beneficiary, amount });
			Ok(())
		}

		/// Sets what rewards cost and who earns them. Rewards already earned keep their
		/// amounts and claim blocks.
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::MintAboveBound`], [`Error::RewardBelowMinimumBalance`].
		///
		/// ## Events
		/// [`Event::ParametersSet`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			parameters: RewardParametersOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::ensure_valid_parameters(&parameters)?;
			Parameters::<T>::put(parameters.clone());
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Sets the verification keys whose attested proofs are rewarded: circuits governance
		/// judged useful (e.g. a proof of a model's benchmark accuracy).
		///
		/// ## Dispatch Origin
		/// Governance ([`Config::AdminOrigin`]).
		///
		/// ## Errors
		/// [`Error::DuplicateKey`].
		///
		/// ## Events
		/// [`Event::RewardedKeysSet`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_rewarded_keys(keys.len() as u32))]
		pub fn set_rewarded_keys(
			origin: OriginFor<T>,
			keys: BoundedVec<VerifyingKeyId, T::MaxRewardedKeys>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!has_duplicates(&keys), Error::<T>::DuplicateKey);
			RewardedKeys::<T>::put(keys.clone());
			Self::deposit_event(Event::RewardedKeysSet { keys });
			Ok(())
		}
	}
}
