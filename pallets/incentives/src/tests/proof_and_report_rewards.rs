//! Rewards for verified proofs and oracle reports.

use super::*;

#[test]
fn a_groth16_statement_under_a_rewarded_key_is_rewarded_once() {
	build_and_execute(|| {
		let source = RewardSource::Proof { key: REWARDED_KEY };
		groth16(REPORTER, REWARDED_KEY, &[[1; 32], [2; 32]]);
		assert_eq!(
			events().last(),
			Some(&Event::RewardEarned { beneficiary: REPORTER, source, amount: 40 })
		);
		// Someone else attesting the statement (e.g. a re-randomised copy of the proof seen in
		// the pool) is not bound to: nothing.
		attest(OWNER, REWARDED_KEY, &bound(REPORTER, &[[1; 32], [2; 32]]));
		assert_eq!(
			events().last(),
			Some(&Event::RewardSkipped {
				beneficiary: OWNER,
				source,
				reason: SkipReason::NotBoundToSubmitter
			})
		);
		// The prover attesting the same statement again: nothing either.
		groth16(REPORTER, REWARDED_KEY, &[[1; 32], [2; 32]]);
		assert_eq!(
			events().last(),
			Some(&Event::RewardSkipped {
				beneficiary: REPORTER,
				source,
				reason: SkipReason::AlreadyRewarded
			})
		);
		// Inputs without a binding at all earn nothing.
		attest(REPORTER, REWARDED_KEY, &[[9; 32]]);
		attest(REPORTER, REWARDED_KEY, &[]);
		// Other inputs are another statement.
		groth16(REPORTER, REWARDED_KEY, &[[1; 32], [3; 32]]);
		// Other keys, and other kinds of proof, earn nothing.
		let before = events().len();
		groth16(REPORTER, REWARDED_KEY + 1, &[[4; 32]]);
		<Incentives as OnProofVerified<u64>>::on_proof_verified(
			&REPORTER,
			VerifiedProof::MerkleInclusion,
		);
		<Incentives as OnProofVerified<u64>>::on_proof_verified(
			&REPORTER,
			VerifiedProof::Signature,
		);
		assert_eq!(events().len(), before);
		assert_eq!((Earnings::<Test>::get(REPORTER), Earnings::<Test>::get(OWNER)), (80, 0));

		// An unstaked submitter earns nothing, and the statement stays unrewarded.
		groth16(UNSTAKED, REWARDED_KEY, &[[5; 32]]);
		assert_eq!(Earnings::<Test>::get(UNSTAKED), 0);
		groth16(REPORTER, REWARDED_KEY, &[[5; 32]]);
		assert_eq!(Earnings::<Test>::get(REPORTER), 120);
	});
}

#[test]
fn reporters_of_a_closed_round_earn_and_claim_their_earnings() {
	build_and_execute(|| {
		<Incentives as OnRoundClosed<u64>>::on_round_closed(&[REPORTER, UNSTAKED, CONTRIBUTOR]);
		assert_eq!(
			(
				Earnings::<Test>::get(REPORTER),
				Earnings::<Test>::get(UNSTAKED),
				Earnings::<Test>::get(CONTRIBUTOR)
			),
			(5, 0, 5)
		);
		groth16(REPORTER, REWARDED_KEY, &[[1; 32]]);
		assert_eq!(Unclaimed::<Test>::get(), 50);

		assert_noop!(
			Incentives::claim_earnings(RuntimeOrigin::signed(UNSTAKED)),
			Error::<Test>::NoReward
		);
		assert_ok!(Incentives::claim_earnings(RuntimeOrigin::signed(REPORTER)));
		assert_eq!(
			events().last(),
			Some(&Event::EarningsClaimed { beneficiary: REPORTER, amount: 45 })
		);
		assert_eq!(Balances::balance(&REPORTER), 45);
		assert_eq!(Unclaimed::<Test>::get(), 5);
		assert_noop!(
			Incentives::claim_earnings(RuntimeOrigin::signed(REPORTER)),
			Error::<Test>::NoReward
		);
		// More reporters than a round may have: the surplus earns nothing.
		<Incentives as OnRoundClosed<u64>>::on_round_closed(&[10, 11, 12, 13, 14, 15]);
		for who in 10..=15 {
			TestStakes::set(who, MINIMUM_STAKE);
		}
		<Incentives as OnRoundClosed<u64>>::on_round_closed(&[10, 11, 12, 13, 14, 15]);
		assert_eq!((Earnings::<Test>::get(13), Earnings::<Test>::get(14)), (5, 0));
	});
}
