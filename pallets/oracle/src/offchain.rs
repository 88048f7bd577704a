//! The off-chain worker: fetches each configured source and reports it.
//!
//! The node stores its `--oracle-source FEED=URL[#POINTER]` list in the persistent off-chain
//! database (`aegis_primitives::oracle::SOURCES_KEY`). On every block the worker finds the
//! reporter keys in the keystore whose accounts are reporters and have no fresh report in a
//! feed's round that takes reports — and will still take them in the next block, when the
//! report lands — fetches only those feeds' sources, all at once under one deadline (HTTP GET,
//! JSON, the number at the pointer, converted to the feed's decimals), and submits one signed
//! [`Call::report`] per account with the values it got. A source that fails or is late costs
//! only its own feed. A submission is remembered in the off-chain database for
//! [`RESUBMIT_AFTER_MS`], so a report waiting in the pool is not sent twice, and one that was
//! dropped is sent again.
//!
//! Nothing here can fail a block: every problem is logged and the worker tries again on the
//! next block.

use crate::{Call, Config, FeedConfigOf, FeedId, Feeds, OracleValue, Pallet, Rounds, LOG_TARGET};
use aegis_primitives::oracle::{OracleSource, SOURCES_KEY};
use alloc::{
	string::{String, ToString},
	vec::Vec,
};
use codec::Encode;
use frame_support::{traits::Get, BoundedVec};
use frame_system::offchain::{Account, AppCrypto, SendSignedTransaction, Signer, SigningTypes};
use sp_runtime::{
	offchain::{http, storage::StorageValueRef, Duration},
	traits::IdentifyAccount,
	RuntimeAppPublic,
};

/// How long the sources together may take to answer, bodies included.
const FETCH_TIMEOUT_MS: u64 = 5_000;
/// The largest response body read.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// The prefix of the off-chain database keys remembering submitted rounds.
const SUBMITTED_PREFIX: &[u8] = b"aegis/oracle/submitted/";
/// How long a submitted report is trusted to be on its way: it is valid for 64 blocks (about
/// two minutes); after this, if the round still holds no fresh report of ours, we report
/// again.
pub const RESUBMIT_AFTER_MS: u64 = 60_000;

/// Why a source gave no value.
#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
	/// The URL is not text.
	BadUrl,
	/// The request failed.
	Http,
	/// The source did not answer, in full, before the deadline.
	Deadline,
	/// The source answered with another status than 200.
	Status(u16),
	/// The body is larger than 64 KiB.
	TooLarge,
	/// The body is not JSON, or the pointer names nothing.
	NotJson,
	/// The pointer names something that is not a number that fits the feed.
	NotANumber,
}

/// Runs the worker for `block`.
pub fn run<T: Config>(block: frame_system::pallet_prelude::BlockNumberFor<T>) {
	let sources = match StorageValueRef::persistent(SOURCES_KEY).get::<Vec<OracleSource>>() {
		Ok(Some(sources)) if !sources.is_empty() => sources,
		Ok(_) => return,
		Err(_) => {
			log::warn!(target: LOG_TARGET, "the oracle sources in the off-chain database do not decode");
			return;
		},
	};
	let accounts = local_reporters::<T>();
	let now = Pallet::<T>::now_ms();
	let local_now = sp_io::offchain::timestamp().unix_millis();
	if accounts.is_empty() {
		log::debug!(target: LOG_TARGET, "no reporter key of a reporter in the keystore");
		return;
	}

	// (source, feed config, round) of every source some local reporter must still report.
	let mut due = Vec::new();
	for (index, source) in sources.iter().enumerate() {
		if sources.get(..index).unwrap_or_default().iter().any(|s| s.feed == source.feed) {
			log::warn!(target: LOG_TARGET, "feed {} has two sources: using the first", source.feed);
			continue;
		}
		let Some(config) = Feeds::<T>::get(source.feed) else {
			log::warn!(target: LOG_TARGET, "source for unknown feed {}", source.feed);
			continue;
		};
		let round = Rounds::<T>::get(source.feed);
		let owed = |account: &Account<T>| {
			must_report::<T>(&account.id, source.feed, &round, &config, now, local_now)
		};
		if accounts.iter().any(owed) {
			due.push((source, config, round.number));
		}
	}
	if due.is_empty() {
		return;
	}

	let deadline = sp_io::offchain::timestamp().add(Duration::from_millis(FETCH_TIMEOUT_MS));
	let fetched = fetch_all(due.iter().map(|(source, _, _)| *source), deadline);
	let mut values: Vec<(FeedId, OracleValue, u32)> = Vec::new();
	for ((source, config, round), body) in due.iter().zip(fetched) {
		match body.and_then(|body| value_at(&body, &source.pointer, config.decimals)) {
			Ok(value) => values.push((source.feed, value, *round)),
			Err(error) => log::warn!(
				target: LOG_TARGET,
				"feed {}: fetching {} failed: {error:?}",
				source.feed,
				String::from_utf8_lossy(&source.url),
			),
		}
	}

	let signer = Signer::<T, T::AuthorityId>::all_accounts();
	for account in &accounts {
		let mine: Vec<(FeedId, OracleValue, u32)> = values
			.iter()
			.copied()
			.filter(|(feed, _, _)| {
				Feeds::<T>::get(feed).is_some_and(|config| {
					let round = Rounds::<T>::get(feed);
					must_report::<T>(&account.id, *feed, &round, &config, now, local_now)
				})
			})
			.collect();
		let Ok(report) = BoundedVec::try_from(
			mine.iter().map(|(feed, value, _)| (*feed, *value)).collect::<Vec<_>>(),
		) else {
			log::warn!(target: LOG_TARGET, "more due values than one report carries");
			continue;
		};
		if report.is_empty() {
			continue;
		}
		match signer.send_single_signed_transaction(account, Call::report { values: report }) {
			Some(Ok(())) => {
				for (feed, _, round) in &mine {
					StorageValueRef::persistent(&submitted_key(&account.id, *feed))
						.set(&(*round, local_now));
				}
				log::info!(
					target: LOG_TARGET,
					"block {block:?}: reported {} value(s) as {:?}",
					mine.len(),
					account.id
				);
			},
			_ => log::warn!(target: LOG_TARGET, "submitting a report as {:?} failed", account.id),
		}
	}
}

/// The keystore's reporter keys whose accounts are reporters.
fn local_reporters<T: Config>() -> Vec<Account<T>> {
	let keys = <T::AuthorityId as AppCrypto<T::Public, T::Signature>>::RuntimeAppPublic::all();
	keys.into_iter()
		.enumerate()
		.filter_map(|(index, key)| {
			let generic: <T::AuthorityId as AppCrypto<T::Public, T::Signature>>::GenericPublic =
				key.into();
			let public: <T as SigningTypes>::Public = generic.into();
			let id = public.clone().into_account();
			Pallet::<T>::is_reporter(&id).then(|| Account::new(index, id, public))
		})
		.collect()
}

/// Whether `who` should report in `round` of `feed` now: the round takes reports now and a
/// block from now (when the report lands; else the report would be skipped, or refused and
/// paid for), holds no fresh report of `who`, and no report of `who` for it was submitted in
/// the last [`RESUBMIT_AFTER_MS`] (`now` is the chain's time, `local_now` this machine's).
fn must_report<T: Config>(
	who: &T::AccountId,
	feed: FeedId,
	round: &crate::RoundOf<T>,
	config: &FeedConfigOf<T>,
	now: u64,
	local_now: u64,
) -> bool {
	let next_block = now.saturating_add(T::MinRoundInterval::get());
	let open = round.takes_reports_at(now) && round.takes_reports_at(next_block);
	let reported = round.reports.iter().any(|report| {
		report.reporter == *who && report.at_ms.saturating_add(config.expiry_ms) > now
	});
	let key = submitted_key(who, feed);
	let pending = StorageValueRef::persistent(&key)
		.get::<(u32, u64)>()
		.ok()
		.flatten()
		.is_some_and(|(submitted_round, at)| {
			submitted_round == round.number && local_now.saturating_sub(at) < RESUBMIT_AFTER_MS
		});
	open && !reported && !pending
}

/// The off-chain database key of the last round `who` submitted a report for in `feed`.
fn submitted_key<AccountId: Encode>(who: &AccountId, feed: FeedId) -> Vec<u8> {
	(SUBMITTED_PREFIX, who, feed).encode()
}

/// Fetches every source at once, all by `deadline`: each source's body, in order.
fn fetch_all<'a>(
	sources: impl Iterator<Item = &'a OracleSource>,
	deadline: sp_runtime::offchain::Timestamp,
) -> Vec<Result<Vec<u8>, FetchError>> {
	// Every request is sent before any is awaited, so the sources answer concurrently.
	let mut bodies = Vec::new();
	let mut pending = Vec::new();
	let mut awaited = Vec::new();
	for (index, source) in sources.enumerate() {
		match start_request(source, deadline) {
			Ok(request) => {
				pending.push(request);
				awaited.push(index);
				bodies.push(Err(FetchError::Deadline));
			},
			Err(error) => bodies.push(Err(error)),
		}
	}
	let answers = http::PendingRequest::try_wait_all(pending, deadline);
	for (index, answer) in awaited.into_iter().zip(answers) {
		let body = match answer {
			Ok(Ok(response)) => read_body(response, deadline),
			Ok(Err(_)) => Err(FetchError::Http),
			Err(_) => Err(FetchError::Deadline),
		};
		if let Some(slot) = bodies.get_mut(index) {
			*slot = body;
		}
	}
	bodies
}

/// Sends the GET request for `source`.
fn start_request(
	source: &OracleSource,
	deadline: sp_runtime::offchain::Timestamp,
) -> Result<http::PendingRequest, FetchError> {
	let url = core::str::from_utf8(&source.url).map_err(|_| FetchError::BadUrl)?;
	http::Request::get(url)
		.add_header("Accept", "application/json")
		.deadline(deadline)
		.send()
		.map_err(|_| FetchError::Http)
}

/// Reads a 200 response's body, at most [`MAX_BODY_BYTES`], by `deadline`.
fn read_body(
	response: http::Response,
	deadline: sp_runtime::offchain::Timestamp,
) -> Result<Vec<u8>, FetchError> {
	if response.code != 200 {
		return Err(FetchError::Status(response.code));
	}
	let mut reader = response.body();
	reader.deadline(deadline);
	let body: Vec<u8> = reader.by_ref().take(MAX_BODY_BYTES.saturating_add(1)).collect();
	match reader.error() {
		Some(sp_core::offchain::HttpError::DeadlineReached) => return Err(FetchError::Deadline),
		Some(_) => return Err(FetchError::Http),
		None => {},
	}
	if body.len() > MAX_BODY_BYTES {
		return Err(FetchError::TooLarge);
	}
	Ok(body)
}

/// The number at `pointer` in the JSON document `body`, as a fixed-point value with
/// `decimals` decimal places (truncated beyond them).
pub fn value_at(body: &[u8], pointer: &[u8], decimals: u8) -> Result<OracleValue, FetchError> {
	let document: serde_json::Value =
		serde_json::from_slice(body).map_err(|_| FetchError::NotJson)?;
	let pointer = core::str::from_utf8(pointer).map_err(|_| FetchError::NotJson)?;
	let number = match document.pointer(pointer).ok_or(FetchError::NotJson)? {
		serde_json::Value::Number(number) => number.to_string(),
		// Sources often quote numbers to keep their precision.
		serde_json::Value::String(text) => text.clone(),
		_ => return Err(FetchError::NotANumber),
	};
	parse_fixed(&number, decimals).ok_or(FetchError::NotANumber)
}

/// More integer digits than an `i128` has (39), with room for leading zeros.
const MAX_INTEGER_DIGITS: i64 = 80;

/// Parses a decimal number (`-12.345`, `1e-3`, `6.02E+23`) exactly into a fixed-point value
/// with `decimals` decimal places, truncating further digits. `None` if it is not a number or
/// does not fit.
pub fn parse_fixed(text: &str, decimals: u8) -> Option<OracleValue> {
	let text = text.trim();
	let (negative, text) = match text.strip_prefix('-') {
		Some(rest) => (true, rest),
		None => (false, text.strip_prefix('+').unwrap_or(text)),
	};
	let (mantissa, exponent) = match text.find(['e', 'E']) {
		Some(at) => (text.get(..at)?, text.get(at.saturating_add(1)..)?.parse::<i32>().ok()?),
		None => (text, 0),
	};
	let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
	if integer.is_empty() && fraction.is_empty() {
		return None;
	}
	if !integer.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
		return None;
	}
	// Leading zeros carry nothing, and must not count as integer digits.
	let integer = integer.trim_start_matches('0');
	// The digits, and where the decimal point sits among them once scaled.
	let digits = integer.bytes().chain(fraction.bytes());
	let point = i64::try_from(integer.len())
		.ok()?
		.checked_add(i64::from(exponent))?
		.checked_add(i64::from(decimals))?;
	if point > MAX_INTEGER_DIGITS {
		// Only zero fits (and must not be scaled digit by digit).
		return integer.bytes().chain(fraction.bytes()).all(|b| b == b'0').then_some(0);
	}
	let mut value: i128 = 0;
	let mut position: i64 = 0;
	for digit in digits {
		if position >= point {
			break;
		}
		value = value.checked_mul(10)?.checked_add(i128::from(digit - b'0'))?;
		position = position.checked_add(1)?;
	}
	while position < point {
		value = value.checked_mul(10)?;
		position = position.checked_add(1)?;
	}
	Some(if negative { value.checked_neg()? } else { value })
}
