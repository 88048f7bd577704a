//! Tests of the oracle pallet on the mock runtime, by topic.

mod capture;
mod feeds_and_reporters;
mod migration;
mod offchain_worker;
mod parsing;
mod rounds;

use crate::{mock::*, Event};
use frame_support::{dispatch::PostDispatchInfo, traits::Hooks, weights::Weight, BoundedVec};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Oracle(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn create_feed() -> u32 {
	let feed = crate::NextFeedId::<Test>::get();
	frame_support::assert_ok!(Oracle::create_feed(RuntimeOrigin::root(), accuracy_feed()));
	feed
}

fn report(
	who: u64,
	values: &[(u32, i128)],
) -> sp_runtime::DispatchResultWithInfo<PostDispatchInfo> {
	Oracle::report(RuntimeOrigin::signed(who), BoundedVec::try_from(values.to_vec()).unwrap())
}

fn advance_ms(ms: u64) {
	Timestamp::set_timestamp(Timestamp::get() + ms);
}

/// Starts the next block `ms` later: its hook sees the time the last block left.
fn next_block_after(ms: u64) -> Weight {
	advance_ms(ms);
	System::set_block_number(System::block_number() + 1);
	Oracle::on_initialize(System::block_number())
}

/// Lets the test feed's collection window, started now, end and be tallied.
fn end_window() -> Weight {
	next_block_after(WINDOW_MS)
}

/// Admits `who` by stake.
fn join_by_stake(who: u64) {
	TestStakes::set(who, REPORTER_STAKE);
	frame_support::assert_ok!(Oracle::join_reporters(RuntimeOrigin::signed(who)));
}
