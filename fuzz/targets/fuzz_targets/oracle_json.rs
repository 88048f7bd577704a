//! `aegis_fuzz::oracle_json` under libFuzzer: `scripts/fuzz.sh oracle_json [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::oracle_json(data));
