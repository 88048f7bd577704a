//! Builds the runtime's wasm blob, which the node embeds as its genesis code.

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
	build_upgrade_target();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	point_wasm_builder_at_workspace();
	compact_debug_builds();
	unwrap_compiler();
	forget_linked_blob();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
	build_upgrade_target();
}

/// Test builds (`fast-runtime`) also build the runtime with the next `spec_version`, as
/// `wbuild/aegis-runtime/wasm_binary_next_spec_version.rs.compact.compressed.wasm`: the
/// end-to-end tests upgrade a running chain to it by referendum. Only the runtime crate itself
/// is compiled again for it, once: it carries no metadata hash (which takes a second
/// compilation), so wallets cannot use `CheckMetadataHash` on a chain upgraded to it. Other
/// builds skip it.
#[cfg(feature = "std")]
fn build_upgrade_target() {
	if std::env::var_os("CARGO_FEATURE_FAST_RUNTIME").is_some() {
		forget_linked_blob();
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("next-spec-version")
			.set_file_name("wasm_binary_next_spec_version.rs")
			.build();
	}
}

/// Inside the wasm build itself (`std` off) there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}
