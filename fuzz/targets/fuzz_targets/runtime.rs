//! `aegis_runtime_fuzz::runtime` under libFuzzer: `scripts/fuzz.sh runtime [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_runtime_fuzz::runtime(data));
