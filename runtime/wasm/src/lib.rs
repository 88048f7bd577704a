//! # Aegis runtime wasm
//!
//! The Aegis runtimes compiled to wasm, compacted and compressed: the code the node puts in the
//! genesis of its built-in chains and of the parachain's chain specs. `build.rs` builds them
//! all in one build script, so that the runtimes' own crates compile natively without waiting
//! for their wasm, and the two wasm builds share what they have in common.
//!
//! Each module holds `WASM_BINARY` (the compressed blob), `WASM_BINARY_BLOATY` (before
//! compaction) and `WASM_BINARY_PATH`; all are `None` in a build with `SKIP_WASM_BUILD` set.

/// The sovereign chain's runtime (`aegis-runtime`).
pub mod sovereign {
	include!(concat!(env!("OUT_DIR"), "/aegis_runtime"));
}

/// The parachain runtime (`aegis-parachain-runtime`).
pub mod parachain {
	include!(concat!(env!("OUT_DIR"), "/aegis_parachain_runtime"));
}
