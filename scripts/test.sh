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

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, all features, warnings are errors)"
# The wasm runtime is not needed to lint, only to run.
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets --all-features -- -D warnings

step "cargo build (node and runtime)"
cargo build --locked --workspace

step "cargo test"
cargo test --locked --workspace

step "end-to-end tests"
AEGIS_NODE_BIN="$CARGO_TARGET_DIR/debug/aegis-node" npm --prefix e2e test

step "done"
