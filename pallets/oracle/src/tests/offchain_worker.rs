//! The off-chain worker: what it fetches, and what it reports.

use super::*;
use aegis_primitives::oracle::{OracleSource, SOURCES_KEY};
use codec::{Decode, Encode};
use frame_support::assert_ok;
use sp_core::offchain::{
	testing::{OffchainState, PendingRequest, PoolState, TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, StorageKind, TransactionPoolExt,
};
use sp_runtime::testing::{TestXt, UintAuthorityId};
use std::sync::Arc;

const URL: &str = "http://127.0.0.1:8080/metrics.json";
const OTHER_URL: &str = "http://127.0.0.1:8080/other.json";

type Shared<S> = Arc<parking_lot::RwLock<S>>;

/// The request the worker must make to `url`, answered with `body`.
fn fetch_from(url: &str, body: &[u8]) -> PendingRequest {
	PendingRequest {
		method: "GET".into(),
		uri: url.into(),
		headers: vec![("Accept".into(), "application/json".into())],
		response: Some(body.to_vec()),
		sent: true,
		..Default::default()
	}
}

fn fetch(body: &[u8]) -> PendingRequest {
	fetch_from(URL, body)
}

/// A test chain with an off-chain database, HTTP and a transaction pool.
fn worker_ext() -> (sp_io::TestExternalities, Shared<OffchainState>, Shared<PoolState>) {
	let mut ext = new_test_ext();
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	(ext, state, pool_state)
}

fn set_sources(sources: &[(u32, &str, &str)]) {
	let sources: Vec<OracleSource> = sources
		.iter()
		.map(|(feed, url, pointer)| OracleSource {
			feed: *feed,
			url: url.as_bytes().to_vec(),
			pointer: pointer.as_bytes().to_vec(),
		})
		.collect();
	sp_io::offchain::local_storage_set(StorageKind::PERSISTENT, SOURCES_KEY, &sources.encode());
}

/// The reports in the pool, taken out of it.
fn submitted(pool: &Shared<PoolState>) -> Vec<RuntimeCall> {
	std::mem::take(&mut pool.write().transactions)
		.iter()
		.map(|tx| TestXt::<RuntimeCall, ()>::decode(&mut &tx[..]).unwrap().function)
		.collect()
}

fn report_call(values: Vec<(u32, i128)>) -> RuntimeCall {
	RuntimeCall::Oracle(crate::Call::report { values: BoundedVec::try_from(values).unwrap() })
}

#[test]
fn the_worker_reports_a_fetched_value_once_per_round_for_each_local_reporter() {
	let (mut ext, state, pool) = worker_ext();
	ext.execute_with(|| {
		let feed = create_feed();
		set_sources(&[(feed, URL, "/model/accuracy")]);
		// Alice's key and a key of an account that is not a reporter.
		UintAuthorityId::set_all_keys([ALICE, EVE]);
		state.write().expect_request(fetch(br#"{"model": {"accuracy": 0.97315}}"#));

		Oracle::offchain_worker(1);
		assert_eq!(submitted(&pool), vec![report_call(vec![(feed, 9_731)])], "by Alice only");

		// The report is in the pool: the next run neither fetches nor reports again.
		Oracle::offchain_worker(2);
		assert!(submitted(&pool).is_empty());

		// A report that never lands (dropped from the pool) is sent again once it is overdue.
		state.write().timestamp =
			sp_core::offchain::Timestamp::from_unix_millis(crate::offchain::RESUBMIT_AFTER_MS);
		state.write().expect_request(fetch(br#"{"model": {"accuracy": 0.9732}}"#));
		Oracle::offchain_worker(3);
		assert_eq!(submitted(&pool).len(), 1);
	});
}

#[test]
fn the_worker_fetches_every_due_source_and_a_failing_one_costs_only_its_feed() {
	let (mut ext, state, pool) = worker_ext();
	ext.execute_with(|| {
		let first = create_feed();
		let second = create_feed();
		set_sources(&[(first, URL, "/missing"), (second, OTHER_URL, "/accuracy")]);
		UintAuthorityId::set_all_keys([ALICE]);
		state.write().expect_request(fetch(br#"{"accuracy": 0.9}"#));
		state.write().expect_request(fetch_from(OTHER_URL, br#"{"accuracy": 0.8}"#));
		Oracle::offchain_worker(1);
		assert_eq!(submitted(&pool), vec![report_call(vec![(second, 8_000)])]);
	});
}

#[test]
fn the_worker_skips_rounds_that_will_not_take_its_report() {
	let (mut ext, state, pool) = worker_ext();
	ext.execute_with(|| {
		let closing = create_feed();
		let open = create_feed();
		let reporting = create_feed();
		set_sources(&[(closing, URL, "/a"), (open, OTHER_URL, "/a"), (reporting, URL, "/a")]);
		UintAuthorityId::set_all_keys([ALICE]);
		// `closing`'s window ends before a report sent now would land; `reporting` has
		// Alice's report already.
		assert_ok!(report(BOB, &[(closing, 1)]));
		assert_ok!(report(ALICE, &[(reporting, 1)]));
		advance_ms(WINDOW_MS - BLOCK_MS);
		// Only `open`'s source is fetched: another request would find no response.
		state.write().expect_request(fetch_from(OTHER_URL, br#"{"a": 2}"#));
		Oracle::offchain_worker(1);
		assert_eq!(submitted(&pool), vec![report_call(vec![(open, 20_000)])]);
	});
}
