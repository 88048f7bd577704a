//! The proof-of-work seal that every Aegis block carries beside BABE's signature.
//!
//! BABE decides *who* may author in a slot; the seal makes *each* block the author signs cost
//! work. An author holding a slot can otherwise sign any number of competing blocks for it at
//! no cost (equivocation is only punished after the fact): with the seal, every extra fork
//! block costs the same expected hashing as the honest one.
//!
//! ## Format
//!
//! The seal is a [`DigestItem::Seal`] with engine id [`POW_ENGINE_ID`] whose payload is the
//! SCALE encoding of a [`PowSeal`]. It sits between the block's other digests and BABE's seal:
//! the author mines it over the *pre-hash* (the header's hash without either seal), then BABE
//! signs the header including it. Like BABE's seal, the runtime never sees it: block import
//! checks it and moves it to the post-digests before execution.
//!
//! A seal is valid when `SHA3-256(pre_hash ‖ nonce_le)`, read as a big-endian 256-bit number,
//! is at most `U256::MAX / difficulty`: finding one takes `difficulty` hashes on average.

use codec::{Decode, Encode};
use sp_core::U256;
use sp_runtime::{ConsensusEngineId, DigestItem};

/// Engine id of the proof-of-work seal digest.
pub const POW_ENGINE_ID: ConsensusEngineId = *b"aPoW";

/// The lowest difficulty: one hash on average.
pub const MIN_DIFFICULTY: u64 = 1;

/// The payload of the seal digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub struct PowSeal {
	/// The value the author searched for.
	pub nonce: u64,
}

impl PowSeal {
	/// The seal as a digest item.
	pub fn to_digest_item(self) -> DigestItem {
		DigestItem::Seal(POW_ENGINE_ID, self.encode())
	}

	/// The seal in a digest item, if it is one of ours. `Err` for a seal of our engine whose
	/// payload does not decode; `Ok(None)` for any other item.
	pub fn from_digest_item(item: &DigestItem) -> Result<Option<Self>, codec::Error> {
		match item.as_seal() {
			Some((id, mut payload)) if id == POW_ENGINE_ID => {
				let seal = Self::decode(&mut payload)?;
				if !payload.is_empty() {
					return Err("trailing bytes after the proof-of-work seal".into());
				}
				Ok(Some(seal))
			},
			_ => Ok(None),
		}
	}
}

sp_api::decl_runtime_apis! {
	/// What block authors and importers need to know about the proof-of-work seal.
	pub trait SealDifficultyApi {
		/// The difficulty that a child of this block must be sealed at.
		fn seal_difficulty() -> u64;
	}
}

/// `SHA3-256(pre_hash ‖ nonce_le)`: the work of one attempt.
pub fn seal_work(pre_hash: &[u8; 32], nonce: u64) -> [u8; 32] {
	use sha3::Digest;
	let mut hasher = sha3::Sha3_256::new();
	hasher.update(pre_hash);
	hasher.update(nonce.to_le_bytes());
	hasher.finalize().into()
}

/// The largest work value that meets `difficulty`: `U256::MAX / difficulty`.
pub fn target(difficulty: u64) -> U256 {
	U256::MAX / U256::from(difficulty.max(MIN_DIFFICULTY))
}

/// [`target`] as 32 big-endian bytes: comparing byte arrays lexicographically compares the
/// numbers, without converting every attempt's work to a `U256`.
fn target_bytes(difficulty: u64) -> [u8; 32] {
	target(difficulty).to_big_endian()
}

/// Whether `nonce` seals `pre_hash` at `difficulty`.
pub fn is_valid_seal(pre_hash: &[u8; 32], nonce: u64, difficulty: u64) -> bool {
	seal_work(pre_hash, nonce) <= target_bytes(difficulty)
}

/// Searches nonces `start, start + 1, …` for at most `attempts` tries. Returns the sealing
/// nonce, if found, and the number of hashes computed.
pub fn mine(pre_hash: &[u8; 32], difficulty: u64, start: u64, attempts: u64) -> (Option<u64>, u64) {
	let target = target_bytes(difficulty);
	for tried in 0..attempts {
		let nonce = start.wrapping_add(tried);
		if seal_work(pre_hash, nonce) <= target {
			return (Some(nonce), tried + 1);
		}
	}
	(None, attempts)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn byte_comparison_agrees_with_numeric_comparison() {
		for difficulty in [1, 2, 3, 1_000, 50_000, u64::MAX] {
			for nonce in 0..200 {
				let work = seal_work(&[3; 32], nonce);
				assert_eq!(
					is_valid_seal(&[3; 32], nonce, difficulty),
					U256::from_big_endian(&work) <= target(difficulty)
				);
			}
		}
	}

	#[test]
	fn difficulty_one_accepts_every_nonce() {
		assert!(is_valid_seal(&[7; 32], 0, 1));
		assert!(is_valid_seal(&[7; 32], u64::MAX, 0));
	}

	#[test]
	fn mined_seals_verify_and_others_mostly_do_not() {
		let pre_hash = [42u8; 32];
		let difficulty = 1_000;
		let (nonce, hashes) = mine(&pre_hash, difficulty, 0, 1_000_000);
		let nonce = nonce.expect("a seal of difficulty 1000 is found within a million tries");
		assert!(hashes >= 1);
		assert!(is_valid_seal(&pre_hash, nonce, difficulty));
		// Another header does not share the seal (a 1/1000 chance, fixed by these inputs).
		assert!(
			!is_valid_seal(&[43u8; 32], nonce, difficulty)
				|| !is_valid_seal(&[44u8; 32], nonce, difficulty)
		);
		// Of the nonces tried before the solution, none was valid.
		assert!((0..nonce).all(|n| !is_valid_seal(&pre_hash, n, difficulty)));
	}

	#[test]
	fn a_search_that_runs_out_of_attempts_says_so() {
		let (nonce, hashes) = mine(&[1; 32], u64::MAX, 0, 100);
		assert_eq!((nonce, hashes), (None, 100));
	}

	#[test]
	fn work_is_sha3_256_of_pre_hash_and_little_endian_nonce() {
		use sha3::Digest;
		let mut input = [0u8; 40];
		input[..32].copy_from_slice(&[9; 32]);
		input[32..].copy_from_slice(&0x0102030405060708u64.to_le_bytes());
		let expected: [u8; 32] = sha3::Sha3_256::digest(input).into();
		assert_eq!(seal_work(&[9; 32], 0x0102030405060708), expected);
	}

	#[test]
	fn seals_round_trip_through_digest_items() {
		let seal = PowSeal { nonce: 77 };
		assert_eq!(PowSeal::from_digest_item(&seal.to_digest_item()), Ok(Some(seal)));
		let other = DigestItem::Seal(*b"BABE", vec![1, 2, 3]);
		assert_eq!(PowSeal::from_digest_item(&other), Ok(None));
		let malformed = DigestItem::Seal(POW_ENGINE_ID, vec![1, 2]);
		assert!(PowSeal::from_digest_item(&malformed).is_err());
		let trailing = DigestItem::Seal(POW_ENGINE_ID, [seal.encode(), vec![0]].concat());
		assert!(PowSeal::from_digest_item(&trailing).is_err());
	}
}
