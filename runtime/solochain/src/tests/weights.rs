//! Weights and fees: what the runtime charges is what was benchmarked on the project's
//! machine, and a signed transaction costs what the fee curve promises.

use super::*;

#[test]
fn a_signed_remarks_overhead_costs_a_tenth_of_a_cent() {
	let overhead = aegis_runtime_common::weights::SignedRemarkOverhead::get();
	assert_eq!(WeightToFee::weight_to_fee(&overhead), CENTS / 10);
}

#[test]
fn the_extrinsic_base_weight_leaves_out_what_the_extensions_charge_for_themselves() {
	use aegis_runtime_common::weights::{
		remark_extensions_execution, ExtrinsicBaseWeight, SignedRemarkOverhead,
	};
	use sp_runtime::traits::TransactionExtension;
	let execution = remark_extensions_execution();
	let base = ExtrinsicBaseWeight::get();
	// Something is left for the signature check and the bookkeeping: nothing saturated.
	assert!(base.ref_time() > 0 && execution.ref_time() > 0);
	assert_eq!(base.saturating_add(execution), SignedRemarkOverhead::get());
	// What is left out is charged by the extensions' own weights, with their database
	// accesses on top.
	let remark = crate::RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	let extensions = crate::configs::tx_extension(0, sp_runtime::generic::Era::mortal(64, 1));
	let charged = extensions.weight(&remark);
	assert!(charged.ref_time() > execution.ref_time(), "{charged:?} vs {execution:?}");
	// And the base is charged to every extrinsic of every class.
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	assert_eq!(weights.get(frame_support::dispatch::DispatchClass::Normal).base_extrinsic, base);
}

#[test]
fn the_runtime_charges_the_weights_generated_on_the_projects_machine() {
	aegis_runtime_common::weights::assert_charged_by::<Runtime>();
}

#[test]
fn bag_thresholds_increase_strictly_and_end_at_the_maximum() {
	assert!(BAG_THRESHOLDS.windows(2).all(|pair| pair[0] < pair[1]));
	assert_eq!(BAG_THRESHOLDS.last(), Some(&u64::MAX));
	assert_eq!(
		<crate::configs::staking::BagThresholds as Get<&'static [u64]>>::get().len(),
		BAG_THRESHOLDS.len()
	);
}

#[test]
fn aegis_pallets_are_charged_with_their_benchmarked_weights() {
	use pallet_proof_verifier::weights::{SubstrateWeight, WeightInfo};
	type Configured = <Runtime as pallet_proof_verifier::Config>::WeightInfo;
	for size in [0, 1, 16, 32] {
		assert_eq!(
			Configured::attest_groth16(size),
			SubstrateWeight::<Runtime>::attest_groth16(size)
		);
		assert_eq!(
			Configured::attest_merkle(size),
			SubstrateWeight::<Runtime>::attest_merkle(size)
		);
		assert_eq!(
			Configured::verify_slh_dsa_sha2_128f(size),
			SubstrateWeight::<Runtime>::verify_slh_dsa_sha2_128f(size)
		);
	}
	assert_eq!(
		Configured::register_signing_key(),
		SubstrateWeight::<Runtime>::register_signing_key()
	);
	assert!(Configured::attest_groth16(0).ref_time() > 0);

	use pallet_model_registry::weights::{SubstrateWeight as RegistryWeights, WeightInfo as _};
	type ConfiguredRegistry = <Runtime as pallet_model_registry::Config>::WeightInfo;
	assert_eq!(ConfiguredRegistry::update_model(), RegistryWeights::<Runtime>::update_model());
	assert_eq!(ConfiguredRegistry::stake_gate(), RegistryWeights::<Runtime>::stake_gate());

	use pallet_incentives::weights::{SubstrateWeight as IncentiveWeights, WeightInfo as _};
	type ConfiguredIncentives = <Runtime as pallet_incentives::Config>::WeightInfo;
	assert_eq!(
		ConfiguredIncentives::on_version_accepted(),
		IncentiveWeights::<Runtime>::on_version_accepted()
	);
	assert!(ConfiguredIncentives::claim_version_reward().ref_time() > 0);

	use pallet_seal_difficulty::weights::{SubstrateWeight as SealWeights, WeightInfo as _};
	type ConfiguredSeal = <Runtime as pallet_seal_difficulty::Config>::WeightInfo;
	assert_eq!(ConfiguredSeal::on_initialize(), SealWeights::<Runtime>::on_initialize());
}

#[test]
fn the_largest_proof_fits_a_block_many_times_over() {
	use pallet_proof_verifier::weights::{SubstrateWeight, WeightInfo};
	let max_inputs: u32 = <Runtime as pallet_proof_verifier::Config>::MaxPublicInputs::get();
	let groth16 = SubstrateWeight::<Runtime>::attest_groth16(max_inputs);
	let normal = crate::configs::RuntimeBlockWeights::get()
		.get(frame_support::dispatch::DispatchClass::Normal)
		.max_extrinsic
		.expect("normal extrinsics are limited");
	assert!(groth16.ref_time() * 20 < normal.ref_time(), "{groth16:?} vs {normal:?}");
}

/// Every signature algorithm the runtime accepts keys of is charged its own benchmarked
/// verification, so no block verifies a signature it did not charge for: an algorithm enters
/// `SignatureAlgorithms` only with a benchmark of its own (`verify_<algorithm>`).
#[test]
fn every_accepted_signature_algorithm_is_charged_its_own_benchmark() {
	use aegis_integrity::pq::Algorithm;
	use frame_support::traits::Contains;
	use pallet_proof_verifier::weights::{SubstrateWeight, WeightInfo};
	type Accepted = <Runtime as pallet_proof_verifier::Config>::SignatureAlgorithms;
	type Weights = SubstrateWeight<Runtime>;
	for len in [0, 200, 1024] {
		let benchmarked = [
			(Algorithm::MlDsa44, Weights::verify_ml_dsa_44(len)),
			(Algorithm::MlDsa65, Weights::verify_ml_dsa_65(len)),
			(Algorithm::MlDsa87, Weights::verify_ml_dsa_87(len)),
			(Algorithm::SlhDsaSha2_128s, Weights::verify_slh_dsa_sha2_128s(len)),
			(Algorithm::SlhDsaSha2_128f, Weights::verify_slh_dsa_sha2_128f(len)),
		];
		assert_eq!(benchmarked.len(), Algorithm::ALL.len());
		for (algorithm, weight) in benchmarked {
			assert!(Accepted::contains(&algorithm), "{algorithm:?} is accepted");
			assert_eq!(crate::ProofVerifier::signature_weight(algorithm, len), weight);
		}
		// The benchmarks tell the algorithms apart: none is charged another's weight.
		for (index, (algorithm, weight)) in benchmarked.iter().enumerate() {
			for (other, other_weight) in &benchmarked[index + 1..] {
				assert_ne!(weight, other_weight, "{algorithm:?} and {other:?}");
			}
		}
	}
}
