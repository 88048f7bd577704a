//! Balances of the AEG token and the transaction fees paid in it, configured once for both
//! Aegis runtimes in `aegis_runtime_common::monetary`: fees by weight and length, with a
//! multiplier that follows block fullness, paid to the collator that authored the block.

aegis_runtime_common::impl_monetary!();
