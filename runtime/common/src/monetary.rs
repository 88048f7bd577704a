//! Balances of the AEG token and the transaction fees paid in it.

use core::marker::PhantomData;

use aegis_primitives::{
	currency::{CENTS, MILLICENTS},
	Balance,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		Imbalance, OnUnbalanced,
	},
	weights::{
		constants::ExtrinsicBaseWeight, WeightToFeeCoefficient, WeightToFeeCoefficients,
		WeightToFeePolynomial,
	},
};
use pallet_transaction_payment::Multiplier;
use smallvec::smallvec;
use sp_runtime::{traits::Bounded, FixedPointNumber, Perbill, Perquintill};

parameter_types! {
	/// An account below one cent is removed: keeps dust accounts from bloating state.
	pub const ExistentialDeposit: Balance = CENTS;
	/// Fee per byte of a transaction: paying for block space and for every node storing it.
	pub const TransactionByteFee: Balance = 10 * MILLICENTS;
	/// Fill level of blocks that the fee multiplier steers towards.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast the multiplier moves: doubling takes about a day of full blocks.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 100_000);
	/// The multiplier never falls below a millionth: fees can't vanish on an empty chain.
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 1_000_000u128);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// Maps weight to fee linearly so that the base weight of an extrinsic costs a tenth of a cent.
pub struct WeightToFee;

impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = CENTS / 10;
		let q = Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// Pays transaction fees and tips to the author of the block that includes them: the validator
/// or collator who did the work. Without an author (never the case for BABE or Aura blocks)
/// the credit is burnt.
pub struct FeesToAuthor<R>(PhantomData<R>);

impl<R> OnUnbalanced<Credit<R::AccountId, pallet_balances::Pallet<R>>> for FeesToAuthor<R>
where
	R: pallet_authorship::Config + pallet_balances::Config,
{
	fn on_unbalanceds(
		mut fees_then_tips: impl Iterator<Item = Credit<R::AccountId, pallet_balances::Pallet<R>>>,
	) {
		let Some(mut credit) = fees_then_tips.next() else {
			return;
		};
		for tip in fees_then_tips {
			credit = credit.merge(tip);
		}
		if let Some(author) = pallet_authorship::Pallet::<R>::author() {
			// An error gives the credit back; dropping it then burns it.
			let _ =
				<pallet_balances::Pallet<R> as Balanced<R::AccountId>>::resolve(&author, credit);
		}
	}
}

/// Implements `pallet_balances::Config` and `pallet_transaction_payment::Config` for the
/// invoking runtime: AEG balances with holds and freezes, fees by weight and length with a
/// multiplier that follows block fullness, paid to the block's author.
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_monetary {
	() => {
		impl pallet_balances::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type RuntimeHoldReason = crate::RuntimeHoldReason;
			type RuntimeFreezeReason = crate::RuntimeFreezeReason;
			type WeightInfo = pallet_balances::weights::SubstrateWeight<crate::Runtime>;
			type Balance = $crate::Balance;
			type DustRemoval = ();
			type ExistentialDeposit = $crate::monetary::ExistentialDeposit;
			type AccountStore = frame_system::Pallet<crate::Runtime>;
			type ReserveIdentifier = [u8; 8];
			type FreezeIdentifier = crate::RuntimeFreezeReason;
			type MaxLocks = frame_support::traits::ConstU32<50>;
			type MaxReserves = frame_support::traits::ConstU32<50>;
			type MaxFreezes = frame_support::traits::ConstU32<8>;
			type DoneSlashHandler = ();
		}

		impl pallet_transaction_payment::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<
				crate::Balances,
				$crate::monetary::FeesToAuthor<crate::Runtime>,
			>;
			/// Operational calls (e.g. equivocation reports) pay five times the fee for their
			/// priority.
			type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
			type WeightToFee = $crate::monetary::WeightToFee;
			type LengthToFee = frame_support::weights::ConstantMultiplier<
				$crate::Balance,
				$crate::monetary::TransactionByteFee,
			>;
			/// Fees rise while blocks are fuller than the target and fall while they are
			/// emptier.
			type FeeMultiplierUpdate = pallet_transaction_payment::TargetedFeeAdjustment<
				crate::Runtime,
				$crate::monetary::TargetBlockFullness,
				$crate::monetary::AdjustmentVariable,
				$crate::monetary::MinimumMultiplier,
				$crate::monetary::MaximumMultiplier,
			>;
			type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<crate::Runtime>;
		}
	};
}
