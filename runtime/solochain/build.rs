//! Builds the runtime's wasm blob, which the node embeds as its genesis code.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// Symbol and decimals must match `aegis_primitives::currency`: wallets that verify the
	// metadata hash (`CheckMetadataHash`) show amounts with them.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("AEG", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Inside the wasm build itself (`std` off) there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}
