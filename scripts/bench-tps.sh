#!/usr/bin/env bash
# The standard sustained-TPS run (sTPS: one `balances.transferKeepAlive` per sender, every
# sender endowed at genesis) on a `--dev` node and on the three-validator local network, with
# the execution ceiling measured in the same run: `e2e/bench/tps.mjs` says what it measures and
# how. Builds the node first (the same build as scripts/run-dev-node.sh), unless AEGIS_NODE_BIN
# names one. Run it on an otherwise idle machine; the figures are the machine's.
#
#   scripts/bench-tps.sh --quick                       # 3 000 transfers a network, a few minutes
#   scripts/bench-tps.sh --report docs/bench/tps.json  # 16 000 a network, the standard run
#   scripts/bench-tps.sh --network dev --senders 50000
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
cd e2e
exec node bench/tps.mjs "${args[@]}"
