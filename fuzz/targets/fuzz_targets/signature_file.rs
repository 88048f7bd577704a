//! `aegis_fuzz::signature_file` under libFuzzer: `scripts/fuzz.sh signature_file [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::signature_file(data));
