//! The reward pool: minting up to its cap.

use super::*;

#[test]
fn the_pool_is_minted_once_per_period_up_to_its_cap() {
	build_and_execute(|| {
		assert_eq!(pool(), 1_000);
		assert_eq!(events(), vec![Event::PoolMinted { amount: 1_000 }]);
		assert_eq!(NextMint::<Test>::get(), 11);
		run_to_block(10);
		assert_eq!(pool(), 1_000);
		run_to_block(11);
		assert_eq!(pool(), 2_000);
		// The third mint stops at the cap of unallocated funds, the fourth mints nothing.
		run_to_block(21);
		assert_eq!(pool(), 2_500);
		run_to_block(31);
		assert_eq!(pool(), 2_500);
		// Allocated rewards do not count towards the cap: the pool is refilled behind them.
		accept(0, 1, OWNER, OWNER);
		assert_eq!(Incentives::unallocated(), 2_400);
		run_to_block(41);
		assert_eq!((pool(), Incentives::unallocated()), (2_600, 2_500));
	});
}

#[test]
fn the_hook_is_charged_its_benchmark_in_every_block() {
	use frame_support::traits::Hooks;
	build_and_execute(|| {
		let idle = <() as crate::WeightInfo>::on_initialize_idle();
		// The proof size counts on a parachain: every block reads the next minting block.
		assert!(idle.proof_size() > 0);
		assert_eq!(Incentives::on_initialize(10), idle);
		assert_eq!(Incentives::on_initialize(11), <() as crate::WeightInfo>::mint());
		assert_eq!(NextMint::<Test>::get(), 21);
	});
}
