//! `aegis_fuzz::vault_tamper` under libFuzzer: `scripts/fuzz.sh vault_tamper [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::vault_tamper(data));
