//! The origins referenda can dispatch with besides root: each has its own track, so a
//! decision about the registry never needs the majority a runtime upgrade needs.

pub use pallet_custom_origins::*;

#[frame_support::pallet]
pub mod pallet_custom_origins {
	use core::marker::PhantomData;
	use frame_support::{pallet_prelude::*, traits::OriginTrait};

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// An origin a referendum on one of the custom tracks dispatches with.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// The Aegis protocol's parameters: model-registry fees, minimum stake and version
		/// revocation; the incentive rate and rewards; oracle feeds and reporters.
		RegistryAdmin,
		/// Dispatches a call the technical committee whitelisted (the fast track).
		WhitelistedCaller,
		/// Cancels a referendum (deposits returned).
		ReferendumCanceller,
		/// Kills a referendum (deposits slashed).
		ReferendumKiller,
	}

	/// Succeeds for the custom origin `Variant::get()` only.
	pub struct EnsureCustomOrigin<Variant>(PhantomData<Variant>);

	impl<O, Variant> EnsureOrigin<O> for EnsureCustomOrigin<Variant>
	where
		O: OriginTrait + From<Origin>,
		for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
		Variant: Get<Origin>,
	{
		type Success = ();

		fn try_origin(origin: O) -> Result<Self::Success, O> {
			let matches = matches!(
				origin.caller().try_into(),
				Ok(custom) if *custom == Variant::get()
			);
			if matches {
				Ok(())
			} else {
				Err(origin)
			}
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn try_successful_origin() -> Result<O, ()> {
			Ok(O::from(Variant::get()))
		}
	}

	frame_support::parameter_types! {
		pub const RegistryAdminVariant: Origin = Origin::RegistryAdmin;
		pub const WhitelistedCallerVariant: Origin = Origin::WhitelistedCaller;
		pub const ReferendumCancellerVariant: Origin = Origin::ReferendumCanceller;
		pub const ReferendumKillerVariant: Origin = Origin::ReferendumKiller;
	}

	/// The registry-admin track's origin.
	pub type RegistryAdmin = EnsureCustomOrigin<RegistryAdminVariant>;
	/// The whitelisted-caller track's origin.
	pub type WhitelistedCaller = EnsureCustomOrigin<WhitelistedCallerVariant>;
	/// The referendum-canceller track's origin.
	pub type ReferendumCanceller = EnsureCustomOrigin<ReferendumCancellerVariant>;
	/// The referendum-killer track's origin.
	pub type ReferendumKiller = EnsureCustomOrigin<ReferendumKillerVariant>;
}
