#!/usr/bin/env bash
# The faults-under-load test (e2e/tests/network/faults.test.mjs) with long faults, outside CI:
#
#   scripts/faults.sh                          # as the suite runs it: 30 s cut off, 10 s stop
#   scripts/faults.sh --stop 3700              # the whole network down for more than an epoch
#   scripts/faults.sh --partition 7500         # one validator cut off for two epochs and more
#
# Epochs are an hour (1 800 BABE slots of 2 s) in every build, so the long runs take hours: four
# validators, a steady load of transfers and model updates, a validator killed and restarted,
# one cut off, the whole network stopped, and every transaction accounted for at the end
# (docs/reliability.md, "Faults under load"). Builds the node first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

partition=30
stop=10
while [ $# -gt 0 ]; do
	case $1 in
		--partition) partition=${2:?"--partition SECONDS"}; shift 2 ;;
		--stop) stop=${2:?"--stop SECONDS"}; shift 2 ;;
		*) echo "usage: scripts/faults.sh [--partition SECONDS] [--stop SECONDS]" >&2; exit 2 ;;
	esac
done
for value in "$partition" "$stop"; do
	case $value in '' | *[!0-9]* | 0) echo "durations are whole seconds above 0, not '$value'" >&2; exit 2 ;; esac
done

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"
node_bin="${AEGIS_NODE_BIN:-$CARGO_TARGET_DIR/debug/aegis-node}"
if [ ! -x "$node_bin" ]; then
	echo "==> building the node ($node_bin)"
	cargo build --locked --workspace
fi
[ -d e2e/node_modules ] || npm --prefix e2e ci --no-audit --no-fund

echo "==> faults under load: validator cut off ${partition} s, network stopped ${stop} s"
AEGIS_NODE_BIN="$node_bin" AEGIS_FAULTS_PARTITION_S="$partition" AEGIS_FAULTS_STOP_S="$stop" \
	node --test e2e/tests/network/faults.test.mjs
