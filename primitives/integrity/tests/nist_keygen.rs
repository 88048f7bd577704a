//! NIST's known answers for key generation (ACVP `keyGen`, test-vectors/nist-keygen.json):
//! the FIPS 204 and FIPS 205 implementations the chain verifies with derive exactly the
//! standard's public keys from the standard's seeds, for every scheme Aegis accepts.

use aegis_integrity::pq::{Algorithm, PqPublicKey};
use fips204::traits::{KeyGen as _, SerDes as _};

fn vectors() -> serde_json::Value {
	serde_json::from_str(include_str!("../test-vectors/nist-keygen.json")).expect("JSON")
}

fn bytes(value: &serde_json::Value) -> Vec<u8> {
	hex::decode(value.as_str().expect("a hex string")).expect("hex digits")
}

fn fixed<const N: usize>(value: &serde_json::Value) -> [u8; N] {
	bytes(value).try_into().expect("the seed length")
}

fn algorithm(parameter_set: &str) -> Algorithm {
	Algorithm::from_name(&parameter_set.to_lowercase()).expect("a scheme Aegis accepts")
}

#[test]
fn ml_dsa_public_keys_are_nists() {
	let vectors = vectors();
	let cases = vectors["ml_dsa"].as_array().unwrap();
	assert_eq!(cases.len(), 6, "two per parameter set");
	for case in cases {
		let seed = fixed::<32>(&case["seed"]);
		let public = match algorithm(case["parameter_set"].as_str().unwrap()) {
			Algorithm::MlDsa44 => {
				fips204::ml_dsa_44::KG::keygen_from_seed(&seed).0.into_bytes().to_vec()
			},
			Algorithm::MlDsa65 => {
				fips204::ml_dsa_65::KG::keygen_from_seed(&seed).0.into_bytes().to_vec()
			},
			Algorithm::MlDsa87 => {
				fips204::ml_dsa_87::KG::keygen_from_seed(&seed).0.into_bytes().to_vec()
			},
			other => panic!("not ML-DSA: {other:?}"),
		};
		assert_eq!(public, bytes(&case["pk"]), "{} case {}", case["parameter_set"], case["tc_id"]);
		let algorithm = algorithm(case["parameter_set"].as_str().unwrap());
		assert!(PqPublicKey::from_bytes(algorithm, &public).is_some());
	}
}

#[test]
fn slh_dsa_public_keys_are_nists() {
	use fips205::traits::{KeyGen as _, SerDes as _};
	let vectors = vectors();
	let cases = vectors["slh_dsa"].as_array().unwrap();
	assert_eq!(cases.len(), 4, "two per parameter set");
	for case in cases {
		let (sk_seed, sk_prf, pk_seed) = (
			fixed::<16>(&case["sk_seed"]),
			fixed::<16>(&case["sk_prf"]),
			fixed::<16>(&case["pk_seed"]),
		);
		let public = match algorithm(case["parameter_set"].as_str().unwrap()) {
			Algorithm::SlhDsaSha2_128s => {
				fips205::slh_dsa_sha2_128s::KG::keygen_from_seed(&sk_seed, &sk_prf, &pk_seed)
					.0
					.into_bytes()
			},
			Algorithm::SlhDsaSha2_128f => {
				fips205::slh_dsa_sha2_128f::KG::keygen_from_seed(&sk_seed, &sk_prf, &pk_seed)
					.0
					.into_bytes()
			},
			other => panic!("not SLH-DSA-SHA2-128: {other:?}"),
		};
		assert_eq!(
			public.to_vec(),
			bytes(&case["pk"]),
			"{} case {}",
			case["parameter_set"],
			case["tc_id"]
		);
	}
}
