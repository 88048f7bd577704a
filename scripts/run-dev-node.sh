#!/usr/bin/env bash
# Builds the node and runs a single-validator development chain (Alice) on a temporary
# database, with RPC on ws://127.0.0.1:9944 for polkadot.js apps, and the registry page (web/:
# check a model file, browse the models) on http://127.0.0.1:9955. Extra arguments go to the
# node, e.g. `scripts/run-dev-node.sh --rpc-external`.
#
# AEGIS_WEB_PORT=PORT serves the page on another port; AEGIS_WEB=0 does not serve it.
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

if [ "${AEGIS_WEB:-1}" != 0 ]; then
	rpc_port=9944
	previous=""
	for arg in "$@"; do
		case $previous in --rpc-port) rpc_port=$arg ;; esac
		case $arg in --rpc-port=*) rpc_port=${arg#--rpc-port=} ;; esac
		previous=$arg
	done
	scripts/build-web.sh
	# Its own process, tied to this one's pid, which the exec below hands to the node.
	node web/serve.mjs --port "${AEGIS_WEB_PORT:-9955}" --node-pid $$ --rpc "ws://127.0.0.1:$rpc_port" &
fi
exec "$node_bin" --dev --rpc-cors all "$@"
