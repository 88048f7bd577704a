//! `aegis_fuzz::statement` under libFuzzer: `scripts/fuzz.sh statement [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::statement(data));
