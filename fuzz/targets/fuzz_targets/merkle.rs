//! `aegis_fuzz::merkle` under libFuzzer: `scripts/fuzz.sh merkle [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::merkle(data));
