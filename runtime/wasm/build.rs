//! Builds the Aegis runtimes' wasm blobs, one after the other, in this one build script.
//!
//! Why here and not in each runtime's own build script: a runtime crate's build script must
//! finish before the crate compiles, so the native runtimes (and their tests) would wait for
//! their wasm; and two wasm builds sharing one target directory (below) would hold a build
//! job each while one waits for the other's lock. Built here, the native crates compile beside
//! the wasm builds, and this script holds one job, taking more from cargo's jobserver when
//! the rest of the build leaves them free.

use std::{
	env,
	path::{Path, PathBuf},
};

use substrate_wasm_builder::WasmBuilder;

/// One blob: a runtime crate built with some of its features, under a file name of its own
/// (the `OUT_DIR` file `src/lib.rs` includes, and `wbuild/<package>/<file>.compact.compressed.wasm`).
struct Blob {
	/// The runtime crate's directory under `runtime/`.
	directory: &'static str,
	/// The runtime crate's package name.
	package: &'static str,
	file: &'static str,
	features: &'static [&'static str],
	/// Whether the blob commits to its metadata's hash, for wallets that check it
	/// (`CheckMetadataHash`); only with this crate's `metadata-hash` feature.
	#[cfg_attr(not(feature = "metadata-hash"), allow(dead_code))]
	metadata_hash: bool,
}

fn main() {
	let sovereign_fast = env::var_os("CARGO_FEATURE_SOVEREIGN_FAST_RUNTIME").is_some();
	let sovereign_features: &[&str] = if sovereign_fast { &["fast-runtime"] } else { &[] };
	let mut blobs = vec![
		Blob {
			directory: "solochain",
			package: "aegis-runtime",
			file: "aegis_runtime",
			features: sovereign_features,
			metadata_hash: true,
		},
		Blob {
			directory: "parachain",
			package: "aegis-parachain-runtime",
			file: "aegis_parachain_runtime",
			features: &[],
			metadata_hash: true,
		},
	];
	if sovereign_fast {
		// No metadata hash: that would compile it a second time, and the upgrade tests sign
		// without `CheckMetadataHash`.
		blobs.push(Blob {
			directory: "solochain",
			package: "aegis-runtime",
			file: "aegis_runtime_next_spec_version",
			features: &["fast-runtime", "next-spec-version"],
			metadata_hash: false,
		});
	}

	if env::var_os("CARGO_FEATURE_TRY_RUNTIME_BLOBS").is_some() {
		// No metadata hash: only `aegis-node try-runtime` runs them, and signs nothing.
		blobs.push(Blob {
			directory: "solochain",
			package: "aegis-runtime",
			file: "aegis_runtime_try_runtime",
			features: &["try-runtime"],
			metadata_hash: false,
		});
		blobs.push(Blob {
			directory: "parachain",
			package: "aegis-parachain-runtime",
			file: "aegis_parachain_runtime_try_runtime",
			features: &["try-runtime"],
			metadata_hash: false,
		});
	}

	let Some(manifest_dir) = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
		fail("CARGO_MANIFEST_DIR is not set: run this build script through cargo");
	};
	// Canonical, as `cargo metadata` names the runtimes' manifests: the builder looks them up
	// there by path.
	let runtimes = match manifest_dir.join("..").canonicalize() {
		Ok(runtimes) => runtimes,
		Err(error) => fail(&format!("{}/..: {error}", manifest_dir.display())),
	};
	point_wasm_builder_at_workspace(&runtimes.join(".."));
	compact_debug_builds();
	unwrap_compiler();
	for blob in &blobs {
		share_wasm_target_directory(blob.package);
		if blobs.iter().filter(|other| other.package == blob.package).count() > 1 {
			forget_linked_blob(blob.package);
		}
		build(&runtimes, blob);
	}
}

fn build(runtimes: &Path, blob: &Blob) {
	let manifest = runtimes.join(blob.directory).join("Cargo.toml");
	let builder = match WasmBuilder::new().with_project(&manifest) {
		Ok(builder) => builder,
		Err(error) => fail(&format!("{}: {error}", manifest.display())),
	};
	let mut builder = builder.export_heap_base().import_memory().set_file_name(blob.file);
	for feature in blob.features {
		builder = builder.enable_feature(*feature);
	}
	#[cfg(feature = "metadata-hash")]
	if blob.metadata_hash {
		// Symbol and decimals must match `aegis_primitives::currency`: wallets that verify the
		// metadata hash show amounts with them.
		builder = builder.enable_metadata_hash("AEG", 12);
	}
	builder.build();
}

fn fail(message: &str) -> ! {
	eprintln!("aegis-runtime-wasm: {message}");
	std::process::exit(1)
}

/// The build cache lives outside the checkout (`CARGO_TARGET_DIR`), where the wasm builder
/// cannot find the workspace's `Cargo.lock` by looking upwards: point it at the workspace, or it
/// resolves the runtimes' dependencies afresh, with other versions than the node's.
///
/// The manifest directory is read when the script runs, not when it is compiled: cargo reuses
/// a compiled build script across checkouts of the same workspace at other paths, and a
/// compiled-in path would point at the checkout it was first built in.
fn point_wasm_builder_at_workspace(workspace: &Path) {
	if env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
		env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
	}
}

/// Debug builds also get the compacted, compressed wasm that release builds get (the wasm itself
/// is built with the release profile either way). The uncompressed blob is larger than a block
/// (5 MiB), so a chain started from a debug build could never be upgraded on chain, and it
/// would start from code unlike that of any real network.
fn compact_debug_builds() {
	let debug = env::var("PROFILE").is_ok_and(|profile| profile == "debug");
	if debug && env::var_os("WASM_BUILD_TYPE").is_none() {
		env::set_var("WASM_BUILD_TYPE", "release");
	}
}

/// The wasm builder compiles its own cargo projects, in which nothing of ours is a workspace
/// member: a lint wrapper set for our build (`scripts/test.sh` lints through clippy's driver)
/// would only lint their generated crates, and could fail on them.
fn unwrap_compiler() {
	env::remove_var("RUSTC_WORKSPACE_WRAPPER");
	env::remove_var("CLIPPY_ARGS");
}

/// `<target>/<profile>`, from `OUT_DIR` (`<target>/<profile>/build/<package>-<hash>/out`).
fn profile_dir() -> Option<PathBuf> {
	let out_dir = env::var_os("OUT_DIR")?;
	Path::new(&out_dir).ancestors().nth(3).map(Path::to_path_buf)
}

/// The wasm builder gives each runtime's cargo project (`<profile>/wbuild/<package>`) a target
/// directory of its own, so every crate the two runtimes share (the FRAME pallets and
/// primitives, and the proc macros that expand them: most of a runtime's wasm build) would be
/// compiled once per runtime. Each project's `target` is instead a link to one directory,
/// `<profile>/wbuild/shared-target`: cargo keys every compiled crate by its features, so it
/// compiles a shared crate once when both runtimes enable the same features on it (the
/// runtimes' manifests see to that) and apart otherwise, never wrongly.
#[cfg(unix)]
fn share_wasm_target_directory(package: &str) {
	let Some(profile_dir) = profile_dir() else {
		return;
	};
	let wbuild = profile_dir.join("wbuild");
	let shared = wbuild.join("shared-target");
	let project_target = wbuild.join(package).join("target");
	if std::fs::read_link(&project_target).is_ok_and(|linked| linked == shared) {
		return;
	}
	let linked = std::fs::create_dir_all(&shared)
		.and_then(|()| std::fs::create_dir_all(wbuild.join(package)))
		.and_then(|()| match std::fs::symlink_metadata(&project_target) {
			// A target directory of the project's own, from an earlier build: only a cache.
			Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&project_target),
			Ok(_) => std::fs::remove_file(&project_target),
			Err(_) => Ok(()),
		})
		.and_then(|()| std::os::unix::fs::symlink(&shared, &project_target));
	if let Err(error) = linked {
		// The build still works, with a target directory of the project's own.
		println!("cargo:warning=cannot share the wasm target directory: {error}");
	}
}

/// Elsewhere each runtime keeps its own wasm target directory.
#[cfg(not(unix))]
fn share_wasm_target_directory(_package: &str) {}

/// Every variant of a runtime (default, `fast-runtime`, `next-spec-version`, `try-runtime`,
/// ...) is linked by the wasm builder's cargo into one file without a hash in its name. Cargo
/// keeps a fingerprint per feature set: asked again for a variant it linked earlier, with no
/// source changed since, it finds that fresh and does not link it again, and the builder would
/// take whichever variant was linked last. Removing the linked file before each build makes
/// cargo link the variant asked for (the compiled runtime crate itself stays cached).
fn forget_linked_blob(package: &str) {
	let Some(profile_dir) = profile_dir() else {
		return;
	};
	let blob = format!("{}.wasm", package.replace('-', "_"));
	let project_target = profile_dir.join("wbuild").join(package).join("target");
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
