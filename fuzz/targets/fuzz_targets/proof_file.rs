//! `aegis_fuzz::proof_file` under libFuzzer: `scripts/fuzz.sh proof_file [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::proof_file(data));
