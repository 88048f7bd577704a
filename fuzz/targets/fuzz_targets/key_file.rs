//! `aegis_fuzz::key_file` under libFuzzer: `scripts/fuzz.sh key_file [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::key_file(data));
