//! The stake gate, at pool validation.

use super::*;

#[test]
fn the_stake_gate_rejects_gated_calls_of_unstaked_accounts_at_validation() {
	build_and_execute(|| {
		let gated = RuntimeCall::ModelRegistry(crate::Call::register_model {
			metadata: metadata(),
			policy: Box::new(open_policy()),
		});
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: BOB,
			value: 1,
		});
		let info = DispatchInfo::default();
		let validate = |who: u64, call: &RuntimeCall| {
			StakeGate::<Test>::new().validate_only(
				Some(who).into(),
				call,
				&info,
				0,
				TransactionSource::External,
				0,
			)
		};
		assert_eq!(
			validate(DAVE, &gated).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(STAKE_TOO_LOW))
		);
		assert!(validate(ALICE, &gated).is_ok());
		// Transfers are untouched.
		assert!(validate(DAVE, &transfer).is_ok());
		// So are the registry's calls that need no stake: an account whose stake fell below
		// the minimum can still get a proposal's deposit back or retire its model.
		for open in [
			crate::Call::reject_proposal { model: 0, proposal: 0 },
			crate::Call::accept_ownership { model: 0 },
			crate::Call::deprecate_model { model: 0, authorisation: no_signatures() },
			crate::Call::revoke_model { model: 0, authorisation: no_signatures() },
		] {
			assert!(!open.checks_stake());
			assert!(validate(DAVE, &RuntimeCall::ModelRegistry(open)).is_ok());
		}

		assert_noop!(
			ModelRegistry::set_minimum_stake(RuntimeOrigin::signed(ALICE), 0),
			DispatchError::BadOrigin
		);
		assert_ok!(ModelRegistry::set_minimum_stake(RuntimeOrigin::root(), 0));
		assert_eq!(last_event(), Event::MinimumStakeSet { amount: 0 });
		assert_eq!(MinimumStake::<Test>::get(), 0);
		assert!(validate(DAVE, &gated).is_ok());
	});
}
