//! Builds the runtime's wasm blob, which the node embeds as its genesis code.

/// The build cache lives outside the checkout (`CARGO_TARGET_DIR`), where the wasm builder
/// cannot find the workspace's `Cargo.lock` by looking upwards: point it at the workspace, or it
/// resolves the runtime's dependencies afresh, with other versions than the node's.
///
/// The manifest directory is read when the script runs, not when it is compiled: cargo reuses
/// a compiled build script across checkouts of the same workspace at other paths, and a
/// compiled-in path would point at the checkout it was first built in.
#[cfg(feature = "std")]
fn point_wasm_builder_at_workspace() {
	if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
		if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
			let workspace = std::path::Path::new(&manifest_dir).join("../..");
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
		}
	}
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	point_wasm_builder_at_workspace();
	// Symbol and decimals must match `aegis_primitives::currency`: wallets that verify the
	// metadata hash (`CheckMetadataHash`) show amounts with them.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("AEG", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	point_wasm_builder_at_workspace();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Inside the wasm build itself (`std` off) there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}
