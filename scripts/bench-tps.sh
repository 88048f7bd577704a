#!/usr/bin/env bash
# The standard sustained-throughput runs on a `--dev` node and on the three-validator local
# network: sTPS (one `balances.transferKeepAlive` per sender, every sender endowed at genesis)
# and signed model updates (one ML-DSA-65-signed `modelRegistry.updateModel` per publisher, to
# a model of its own), each with its execution ceiling measured in the same run:
# `e2e/bench/tps.mjs` says what it measures and how. Builds the node first (the same build as
# scripts/run-dev-node.sh), unless AEGIS_NODE_BIN names one. Run it on an otherwise idle
# machine; the figures are the machine's.
#
#   scripts/bench-tps.sh --quick                  # 3 000 transfers, 600 updates a network
#   scripts/bench-tps.sh --report /tmp/tps.json   # 16 000 and 2 000: the standard run
#   scripts/bench-tps.sh --network dev --workload transfers --senders 50000
#
# With the node scripts/benchmark-weights.sh builds (or --machine-node BIN), the run also
# scores this machine against Substrate's reference hardware and projects the ceiling onto it.
set -euo pipefail
caller_dir="$PWD"
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"

scripts/setup.sh --with-e2e
if [ -z "${AEGIS_NODE_BIN:-}" ]; then
	echo "==> building aegis-node (the first build takes a while)"
	cargo build --locked --workspace
	export AEGIS_NODE_BIN="$CARGO_TARGET_DIR/debug/aegis-node"
fi

# A relative report path is taken from where the script was called, not from e2e/.
args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--report)
		[ $# -ge 2 ] || { echo "--report needs a file" >&2; exit 2; }
		case "$2" in
		/*) args+=(--report "$2") ;;
		*) args+=(--report "$caller_dir/$2") ;;
		esac
		shift 2
		;;
	*)
		args+=("$1")
		shift
		;;
	esac
done
# The reference-hardware projection needs `benchmark machine`, which only nodes built for
# benchmarking have: the one scripts/benchmark-weights.sh leaves, unless one is named.
bench_node="$CARGO_TARGET_DIR/benchmark-node/aegis-node"
if [[ " ${args[*]} " != *" --machine-node"* ]]; then
	if [ -x "$bench_node" ]; then
		args+=(--machine-node "$bench_node")
	else
		echo "==> no benchmarking node at $bench_node: no reference-hardware projection" \
			"(scripts/benchmark-weights.sh builds one)"
	fi
fi
cd e2e
exec node bench/tps.mjs "${args[@]}"
