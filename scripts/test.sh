#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, clippy with warnings as errors, unit and
# integration tests, then the end-to-end tests against the real node binary.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s  (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "setup"
scripts/setup.sh --with-e2e

step "TOML formatting (taplo)"
e2e/node_modules/.bin/taplo fmt --check --config .config/taplo.toml

step "end-to-end harness unit tests (no node needed)"
npm --prefix e2e run -s test:unit

step "registry page (web/): type check, static build, unit tests against the integrity vectors"
npm --prefix web run -s build
npm --prefix web test

step "cargo fmt --check"
cargo fmt --all -- --check

step "features reach every dependency (zepter)"
"${AEGIS_TOOLS:-$HOME/.cache/aegis/tools}/bin/zepter" run check

step "cargo clippy on feature-gated code (benchmarks, try-runtime: pallets and primitives)"
# Only the crates whose own code features gate, checked without codegen. Not the runtime or
# the node: their build dependencies (the wasm builder and what it links) would be compiled a
# second time here, with other features than the build's. Their benchmark and try-runtime code
# compiles whenever weights are regenerated or a try-runtime node is built.
SKIP_WASM_BUILD=1 cargo clippy --locked --all-targets --all-features \
	-p aegis-primitives -p aegis-integrity -p aegis-runtime-common \
	-p pallet-incentives -p pallet-model-registry -p pallet-aegis-oracle \
	-p pallet-proof-verifier -p pallet-seal-difficulty -p pallet-aegis-stake -- -D warnings

# The runtime's benchmarks sign in wasm: the integrity crate's signing without `std`.
cargo check --locked -q -p aegis-integrity --no-default-features --features signing \
	--target wasm32v1-none

# The build and the tests compile every workspace crate through clippy's driver, so the
# whole workspace (all targets, default features) is linted by the compilation that builds
# it, instead of by a separate `cargo clippy` pass over the full dependency tree: that pass
# cannot reuse the build's artifacts and cost a cold run almost half an hour.
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

# The node and runtime under test are the `fast-runtime` build: governance periods of a few
# blocks, and the runtime with the next spec_version beside it, for the upgrade by referendum.
features="aegis-node/fast-runtime aegis-runtime-wasm/try-runtime-blobs"

# AEGIS_CARGO_TIMINGS=1 also writes cargo's report of where the build's time went
# ($CARGO_TARGET_DIR/cargo-timings/cargo-timing.html), as the README's build figures were taken.
timings=()
[ -z "${AEGIS_CARGO_TIMINGS:-}" ] || timings=(--timings)

step "cargo build (node, runtime and every target; fast-runtime), linted by clippy"
cargo build --locked --workspace --all-targets --features "$features" "${timings[@]}"

step "cargo test"
cargo test --locked --workspace --features "$features"

step "the whole-runtime fuzz target's corpus (runtime built natively with try-runtime)"
# Its own build: try_state exists only with the runtime's try-runtime feature, which the
# workspace build above must not turn on for the runtime the node embeds.
SKIP_WASM_BUILD=1 cargo test --locked -p aegis-runtime-fuzz --features try-runtime

step "end-to-end tests"
AEGIS_NODE_BIN="$CARGO_TARGET_DIR/debug/aegis-node" npm --prefix e2e test

step "done"
