//! `aegis_fuzz::update_payload` under libFuzzer: `scripts/fuzz.sh update_payload [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::update_payload(data));
