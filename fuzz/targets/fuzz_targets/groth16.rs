//! `aegis_fuzz::groth16_proof` under libFuzzer: `scripts/fuzz.sh groth16 [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::groth16_proof(data));
