//! Builds the parachain runtime's wasm blob: the code operators register on the relay chain
//! and put in the parachain's chain spec.

include!("../build_support.rs");

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	point_wasm_builder_at_workspace();
	compact_debug_builds();
	unwrap_compiler();
	forget_linked_blob();
	// Symbol and decimals must match `aegis_primitives::currency`: wallets that verify the
	// metadata hash (`CheckMetadataHash`) show amounts with them.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("AEG", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	point_wasm_builder_at_workspace();
	compact_debug_builds();
	unwrap_compiler();
	forget_linked_blob();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Inside the wasm build itself (`std` off) there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}
