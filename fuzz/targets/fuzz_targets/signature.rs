//! `aegis_fuzz::signature` under libFuzzer: `scripts/fuzz.sh signature [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::signature(data));
