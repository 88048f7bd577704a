//! The stake gate: Aegis calls need a bonded stake before they reach the pool.
//!
//! The requirements' transaction check is "a quantum-resistant signature *and* a proof-of-stake
//! stake". The signature part is the update evidence; this is the stake part. Accounts without
//! the governance-set [`MinimumStake`](crate::MinimumStake) bonded cannot submit the calls the
//! runtime gates ([`Config::StakeGatedCalls`](crate::Config::StakeGatedCalls): the registry's,
//! later the other Aegis pallets'): the transaction is invalid at pool validation, with the
//! code [`STAKE_TOO_LOW`], so it is never gossiped, never included and never pays a fee.
//! Other calls (plain transfers, staking itself) pass untouched.
//!
//! The registry's calls check the stake again when they dispatch, so a gated call wrapped in
//! another (a batch, a proxy) gains nothing.

use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Contains, OriginTrait},
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension},
	transaction_validity::InvalidTransaction,
};

use crate::{Config, Pallet, WeightInfo};

pub use aegis_integrity::update::STAKE_TOO_LOW;

/// Rejects gated calls from accounts below the minimum stake (see the module documentation).
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct StakeGate<T>(PhantomData<T>);

impl<T> StakeGate<T> {
	/// The extension (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for StakeGate<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "StakeGate")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for StakeGate<T> {
	const IDENTIFIER: &'static str = "StakeGate";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> sp_runtime::Weight {
		if T::StakeGatedCalls::contains(call) {
			T::WeightInfo::stake_gate()
		} else {
			sp_runtime::Weight::zero()
		}
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> sp_runtime::traits::ValidateResult<Self::Val, T::RuntimeCall> {
		if let Some(who) = origin.as_signer() {
			if T::StakeGatedCalls::contains(call) && !Pallet::<T>::has_minimum_stake(who) {
				return Err(InvalidTransaction::Custom(STAKE_TOO_LOW).into());
			}
		}
		Ok((Default::default(), (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}

impl<T: Config> crate::Call<T> {
	/// Whether the call checks the caller's stake when it dispatches — registering, updating,
	/// proposing, accepting a proposal — and so belongs in the runtime's
	/// [`Config::StakeGatedCalls`]. Every other call must stay open to an account whose stake
	/// fell below the minimum: rejecting a proposal to get its deposit back, accepting,
	/// deprecating or revoking a model.
	pub fn checks_stake(&self) -> bool {
		matches!(
			self,
			crate::Call::register_model { .. }
				| crate::Call::update_model { .. }
				| crate::Call::propose_update { .. }
				| crate::Call::accept_proposal { .. }
		)
	}
}
