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
	weights::{WeightToFeeCoefficient, WeightToFeeCoefficients, WeightToFeePolynomial},
};
use pallet_transaction_payment::Multiplier;
use smallvec::smallvec;
use sp_runtime::{traits::Bounded, FixedPointNumber, Perbill, Percent, Perquintill};

use crate::weights::SignedRemarkOverhead;

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

/// Maps weight to fee linearly so that the overhead of the smallest signed transaction (a
/// remark: its signature, extensions and bookkeeping) costs a tenth of a cent.
pub struct WeightToFee;

impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = CENTS / 10;
		let q = Balance::from(SignedRemarkOverhead::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// The block author's share of a transaction fee; the rest is burnt. Tips go to the author
/// whole.
///
/// Why not all of it: an author who received every fee would fill its own blocks with its own
/// transactions at no cost but the proof of work, bloating the chain for free. Burning most of
/// the fee (the usual Substrate split is 80 % away from the author, to a treasury where there
/// is one; Aegis has none, so it is burnt) makes every transaction cost its sender, author or
/// not, while the share and the tips still pay authors to include transactions.
pub const AUTHOR_FEE_SHARE: Percent = Percent::from_percent(20);

/// Splits transaction fees: [`AUTHOR_FEE_SHARE`] of the fee and all of the tip to the author
/// of the block that includes them, the rest burnt. Without an author (never the case for
/// BABE or Aura blocks) all of it is burnt.
pub struct FeesToAuthorAndBurn<R>(PhantomData<R>);

impl<R> OnUnbalanced<Credit<R::AccountId, pallet_balances::Pallet<R>>> for FeesToAuthorAndBurn<R>
where
	R: pallet_authorship::Config + pallet_balances::Config,
{
	fn on_unbalanceds(
		mut fees_then_tips: impl Iterator<Item = Credit<R::AccountId, pallet_balances::Pallet<R>>>,
	) {
		let Some(fee) = fees_then_tips.next() else {
			return;
		};
		let author_share = u32::from(AUTHOR_FEE_SHARE.deconstruct());
		let (mut to_author, burnt) = fee.ration(author_share, 100u32.saturating_sub(author_share));
		// Dropping a credit burns it: the total issuance falls by that much.
		drop(burnt);
		for tip in fees_then_tips {
			to_author = to_author.merge(tip);
		}
		if let Some(author) = pallet_authorship::Pallet::<R>::author() {
			// An error gives the credit back; dropping it then burns it.
			let _ =
				<pallet_balances::Pallet<R> as Balanced<R::AccountId>>::resolve(&author, to_author);
		}
	}
}

/// Implements `pallet_balances::Config` and `pallet_transaction_payment::Config` for the
/// invoking runtime: AEG balances with holds and freezes, fees by weight and length with a
/// multiplier that follows block fullness, split between the block's author and a burn
/// ([`FeesToAuthorAndBurn`]).
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // `crate` is the invoking runtime, on purpose.
macro_rules! impl_monetary {
	() => {
		impl pallet_balances::Config for crate::Runtime {
			type RuntimeEvent = crate::RuntimeEvent;
			type RuntimeHoldReason = crate::RuntimeHoldReason;
			type RuntimeFreezeReason = crate::RuntimeFreezeReason;
			type WeightInfo = $crate::weights::pallet_balances::WeightInfo<crate::Runtime>;
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
				$crate::monetary::FeesToAuthorAndBurn<crate::Runtime>,
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
			type WeightInfo =
				$crate::weights::pallet_transaction_payment::WeightInfo<crate::Runtime>;
		}
	};
}
