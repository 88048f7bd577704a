#!/usr/bin/env bash
# Builds the node and runs a single-validator development chain (Alice) on a temporary
# database, with RPC on ws://127.0.0.1:9944 for polkadot.js apps. Extra arguments go to the
# node, e.g. `scripts/run-dev-node.sh --rpc-external`.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"

scripts/setup.sh
echo "==> building aegis-node (the first build takes a while)"
# The test suite's profile (dependencies optimised, see Cargo.toml), so that the two share
# every dependency; only the Aegis crates differ (the suite builds the `fast-runtime` runtime
# through clippy's driver).
cargo build --locked --workspace
exec "$CARGO_TARGET_DIR/debug/aegis-node" --dev --rpc-cors all "$@"
