//! The referendum tracks: what each origin needs to pass.
//!
//! | id | track | origin | decides at once | decision deposit | prepare / decide / confirm / enact |
//! | --- | --- | --- | --- | --- | --- |
//! | 0 | `root` | Root: runtime upgrades, anything | 2 | 10 000 AEG | 2 h / 14 d / 1 d / 1 d |
//! | 1 | `whitelisted_caller` | calls the technical committee whitelisted | 10 | 1 000 AEG | 10 min / 14 d / 10 min / 10 min |
//! | 10 | `registry_admin` | registry fees, stake, revocations; incentives; oracle | 10 | 1 000 AEG | 2 h / 7 d / 3 h / 10 min |
//! | 20 | `referendum_canceller` | cancel a referendum | 10 | 1 000 AEG | 2 h / 7 d / 3 h / 10 min |
//! | 21 | `referendum_killer` | kill a referendum (slashing its deposits) | 10 | 5 000 AEG | 2 h / 7 d / 3 h / 10 min |
//!
//! Root needs a large approval that only relaxes slowly, and support (ayes' capital over the
//! active issuance) that starts at half and relaxes to nothing by the end of the period;
//! the whitelisted fast track needs an overwhelming approval but little turnout, because the
//! technical committee vouched for the call; the others sit in between. The periods are wall
//! clock time, in blocks of the chain's block time ([`BlockTimes`]); in a `fast-runtime`
//! build every period is a few blocks (tests and local networks).

use aegis_primitives::{currency::UNITS, Balance, BlockNumber};
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::str_array as name;

use super::{origins, pick};
use crate::time::BlockTimes;

const fn percent(x: u128) -> sp_runtime::FixedI64 {
	sp_runtime::FixedI64::from_rational(x, 100)
}

const APPROVAL_ROOT: Curve = Curve::make_reciprocal(4, 14, percent(80), percent(50), percent(100));
const SUPPORT_ROOT: Curve = Curve::make_linear(14, 14, percent(0), percent(50));
const APPROVAL_WHITELISTED: Curve =
	Curve::make_reciprocal(16, 14 * 24, percent(96), percent(50), percent(100));
const SUPPORT_WHITELISTED: Curve =
	Curve::make_reciprocal(1, 14, percent(20), percent(5), percent(50));
const APPROVAL_ADMIN: Curve = Curve::make_reciprocal(4, 7, percent(80), percent(50), percent(100));
const SUPPORT_ADMIN: Curve = Curve::make_reciprocal(7, 7, percent(10), percent(0), percent(50));

/// The root track's id.
pub const ROOT: u16 = 0;
/// The whitelisted-caller track's id.
pub const WHITELISTED_CALLER: u16 = 1;
/// The registry-admin track's id.
pub const REGISTRY_ADMIN: u16 = 10;
/// The referendum-canceller track's id.
pub const REFERENDUM_CANCELLER: u16 = 20;
/// The referendum-killer track's id.
pub const REFERENDUM_KILLER: u16 = 21;

/// A track of the tables below.
pub type AegisTrack = Track<u16, Balance, BlockNumber>;

const fn admin_track(
	fast: bool,
	times: BlockTimes,
	id: u16,
	// pallet-referenda's default track-name length.
	track_name: [u8; 25],
	decision_deposit: Balance,
) -> AegisTrack {
	Track {
		id,
		info: TrackInfo {
			name: track_name,
			max_deciding: 10,
			decision_deposit,
			prepare_period: pick(fast, 2 * times.hour, 2),
			decision_period: pick(fast, 7 * times.day, 20),
			confirm_period: pick(fast, 3 * times.hour, 2),
			min_enactment_period: pick(fast, 10 * times.minute, 1),
			min_approval: APPROVAL_ADMIN,
			min_support: SUPPORT_ADMIN,
		},
	}
}

/// The tracks of a real network (`fast = false`) or of a `fast-runtime` build, for a chain
/// with the block time of `times`.
pub const fn tracks(fast: bool, times: BlockTimes) -> [AegisTrack; 5] {
	[
		Track {
			id: ROOT,
			info: TrackInfo {
				name: name("root"),
				// Two at once: one referendum cannot hold the only way to upgrade for weeks.
				max_deciding: 2,
				decision_deposit: 10_000 * UNITS,
				prepare_period: pick(fast, 2 * times.hour, 2),
				decision_period: pick(fast, 14 * times.day, 20),
				confirm_period: pick(fast, times.day, 2),
				min_enactment_period: pick(fast, times.day, 1),
				min_approval: APPROVAL_ROOT,
				min_support: SUPPORT_ROOT,
			},
		},
		Track {
			id: WHITELISTED_CALLER,
			info: TrackInfo {
				name: name("whitelisted_caller"),
				max_deciding: 10,
				decision_deposit: 1_000 * UNITS,
				prepare_period: pick(fast, 10 * times.minute, 1),
				decision_period: pick(fast, 14 * times.day, 20),
				confirm_period: pick(fast, 10 * times.minute, 1),
				min_enactment_period: pick(fast, 10 * times.minute, 1),
				min_approval: APPROVAL_WHITELISTED,
				min_support: SUPPORT_WHITELISTED,
			},
		},
		admin_track(fast, times, REGISTRY_ADMIN, name("registry_admin"), 1_000 * UNITS),
		admin_track(fast, times, REFERENDUM_CANCELLER, name("referendum_canceller"), 1_000 * UNITS),
		admin_track(fast, times, REFERENDUM_KILLER, name("referendum_killer"), 5_000 * UNITS),
	]
}

/// The track of a referendum that dispatches with the custom origin `origin`. Root's is
/// [`ROOT`]; signed and unsigned origins have none.
pub const fn custom_track(origin: &origins::Origin) -> u16 {
	match origin {
		origins::Origin::WhitelistedCaller => WHITELISTED_CALLER,
		origins::Origin::RegistryAdmin => REGISTRY_ADMIN,
		origins::Origin::ReferendumCanceller => REFERENDUM_CANCELLER,
		origins::Origin::ReferendumKiller => REFERENDUM_KILLER,
	}
}
