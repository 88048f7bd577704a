//! `aegis_fuzz::ml_dsa` under libFuzzer: `scripts/fuzz.sh ml_dsa [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::ml_dsa(data));
