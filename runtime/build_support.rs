// What the Aegis runtimes' build scripts share (`include!`d by each `build.rs`): how the
// wasm builder finds the workspace, builds compact blobs in debug builds, stays out of the
// lint wrapper, and links the runtime variant asked for.

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

/// Debug builds also get the compacted, compressed wasm that release builds get (the wasm itself
/// is built with the release profile either way). The uncompressed blob is larger than a block
/// (5 MiB), so a chain started from a debug build could never be upgraded on chain, and it
/// would start from code unlike that of any real network.
#[cfg(feature = "std")]
fn compact_debug_builds() {
	let debug = std::env::var("PROFILE").is_ok_and(|profile| profile == "debug");
	if debug && std::env::var_os("WASM_BUILD_TYPE").is_none() {
		std::env::set_var("WASM_BUILD_TYPE", "release");
	}
}

/// The wasm builder compiles its own cargo project, in which nothing of ours is a workspace
/// member: a lint wrapper set for our build (`scripts/test.sh` lints through clippy's driver)
/// would only lint its generated crates, and could fail on them.
#[cfg(feature = "std")]
fn unwrap_compiler() {
	std::env::remove_var("RUSTC_WORKSPACE_WRAPPER");
	std::env::remove_var("CLIPPY_ARGS");
}

/// Every variant of the runtime (default, `fast-runtime`, `next-spec-version`, `try-runtime`,
/// ...) is linked by the wasm builder's one cargo project into one file without a hash in its
/// name. Cargo keeps a fingerprint per feature set: asked again for a variant it linked
/// earlier, with no source changed since, it finds that fresh and does not link it again,
/// and the builder would take whichever variant was linked last. Removing the linked file
/// before each build makes cargo link the variant asked for (the compiled runtime crate
/// itself stays cached).
#[cfg(feature = "std")]
fn forget_linked_blob() {
	let Some(out_dir) = std::env::var_os("OUT_DIR") else {
		return;
	};
	let Ok(package) = std::env::var("CARGO_PKG_NAME") else {
		return;
	};
	let blob = format!("{}.wasm", package.replace('-', "_"));
	// `OUT_DIR` is `<target>/<profile>/build/<package>-<hash>/out`; the builder's project is
	// `<target>/<profile>/wbuild/<package>`.
	let Some(profile_dir) = std::path::Path::new(&out_dir).ancestors().nth(3) else {
		return;
	};
	let project_target = profile_dir.join("wbuild").join(&package).join("target");
	for wasm_target in ["wasm32v1-none", "wasm32-unknown-unknown"] {
		for blob_profile in ["release", "production"] {
			let dir = project_target.join(wasm_target).join(blob_profile);
			for linked in [dir.join(&blob), dir.join("deps").join(&blob)] {
				// Absent before the first build of a profile: nothing to forget.
				let _ = std::fs::remove_file(linked);
			}
		}
	}
}
