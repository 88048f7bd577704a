//! `aegis_fuzz::vault_decrypt` under libFuzzer: `scripts/fuzz.sh vault_decrypt [SECONDS]`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aegis_fuzz::vault_decrypt(data));
