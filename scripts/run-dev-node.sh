#!/usr/bin/env bash
# Builds the node and runs a single-validator development chain (Alice) on a temporary
# database, with RPC on ws://127.0.0.1:9944 for polkadot.js apps. Extra arguments go to the
# node, e.g. `scripts/run-dev-node.sh --rpc-external`.
#
# AEGIS_NODE_BIN=PATH runs that node instead of building one: the end-to-end tests run this
# script, as the README gives it, with the node the test suite has built.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"

node_bin="${AEGIS_NODE_BIN:-}"
if [ -z "$node_bin" ]; then
	scripts/setup.sh
	echo "==> building aegis-node (the first build takes a while)"
	# The test suite's profile (dependencies optimised, see Cargo.toml), so that the two share
	# every dependency; only the Aegis crates differ (the suite builds the `fast-runtime`
	# runtime through clippy's driver).
	cargo build --locked --workspace
	node_bin="$CARGO_TARGET_DIR/debug/aegis-node"
fi
exec "$node_bin" --dev --rpc-cors all "$@"
