//! The oracle: what the runtime's off-chain worker and the node agree on.
//!
//! An operator tells the node where each feed's value comes from (`--oracle-source`); the
//! node stores the list in the off-chain database under [`SOURCES_KEY`], where the runtime's
//! off-chain worker reads it, fetches each source and submits the values signed with the
//! reporter key of type [`ORACLE_KEY_TYPE`] from the node's keystore.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use sp_core::crypto::KeyTypeId;

/// Identifier of an oracle feed.
pub type FeedId = u32;

/// A feed's value: a fixed-point number with the feed's number of decimals (e.g. an accuracy
/// of 0.9731 with 4 decimals is 9731).
pub type OracleValue = i128;

/// The keystore key type of oracle reporter keys (sr25519).
pub const ORACLE_KEY_TYPE: KeyTypeId = KeyTypeId(*b"orcl");

/// The off-chain database key (in the persistent prefix) of the SCALE-encoded
/// `Vec<OracleSource>` the node was started with.
pub const SOURCES_KEY: &[u8] = b"aegis/oracle/sources";

/// The longest source URL or JSON pointer accepted.
pub const MAX_SOURCE_FIELD_LEN: usize = 1024;

/// Where the value of a feed is fetched from.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct OracleSource {
	/// The feed the value is reported for.
	pub feed: FeedId,
	/// An `http://` or `https://` URL answering a JSON document.
	pub url: Vec<u8>,
	/// The RFC 6901 JSON pointer of the number in the document (empty: the whole document).
	pub pointer: Vec<u8>,
}

impl OracleSource {
	/// Parses `FEED=URL[#POINTER]`, the node's `--oracle-source` syntax: e.g.
	/// `0=http://127.0.0.1:8080/metrics.json#/accuracy`.
	pub fn parse(text: &str) -> Result<Self, &'static str> {
		let (feed, rest) = text.split_once('=').ok_or("expected FEED=URL[#POINTER]")?;
		let feed = feed.trim().parse::<FeedId>().map_err(|_| "the feed id is not a number")?;
		let (url, pointer) = rest.split_once('#').unwrap_or((rest, ""));
		if !(url.starts_with("http://") || url.starts_with("https://")) {
			return Err("the URL must start with http:// or https://");
		}
		if !(pointer.is_empty() || pointer.starts_with('/')) {
			return Err("a JSON pointer starts with '/'");
		}
		if url.len() > MAX_SOURCE_FIELD_LEN || pointer.len() > MAX_SOURCE_FIELD_LEN {
			return Err("the URL or pointer is too long");
		}
		Ok(Self { feed, url: url.as_bytes().to_vec(), pointer: pointer.as_bytes().to_vec() })
	}
}

#[cfg(test)]
mod tests {
	use super::OracleSource;

	#[test]
	fn sources_are_parsed_from_the_command_line_syntax() {
		assert_eq!(
			OracleSource::parse("3=https://example.org/m.json#/model/accuracy"),
			Ok(OracleSource {
				feed: 3,
				url: b"https://example.org/m.json".to_vec(),
				pointer: b"/model/accuracy".to_vec(),
			})
		);
		assert_eq!(
			OracleSource::parse("0=http://127.0.0.1:8080/"),
			Ok(OracleSource { feed: 0, url: b"http://127.0.0.1:8080/".to_vec(), pointer: vec![] })
		);
		for bad in [
			"http://example.org",
			"x=http://example.org",
			"1=ftp://example.org",
			"1=http://example.org#accuracy",
			"-1=http://example.org",
		] {
			assert!(OracleSource::parse(bad).is_err(), "{bad}");
		}
		let long = format!("1=http://example.org/{}", "a".repeat(2000));
		assert!(OracleSource::parse(&long).is_err());
	}
}
