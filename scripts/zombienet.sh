#!/usr/bin/env bash
# Spawns an Aegis network with zombienet (v1, native provider), or runs its assertions.
#
#   scripts/zombienet.sh parachain [spawn|test]   the parachain on a local relay chain
#                                                 (zombienet/parachain.toml, .zndsl)
#   scripts/zombienet.sh sovereign [spawn|test]   the sovereign chain's three validators
#                                                 (zombienet/sovereign.toml, .zndsl)
#
# The binaries must be on PATH: `zombienet`; for the parachain `polkadot` with its
# `polkadot-prepare-worker` and `polkadot-execute-worker`, `polkadot-omni-node` and
# `aegis-node` (which writes the parachain's chain spec); for the sovereign chain `aegis-node`.
# The script names every missing one and exits with status 2 before starting anything.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
	echo "usage: scripts/zombienet.sh <parachain|sovereign> [spawn|test]" >&2
	exit 64
}

network="${1:-}"
action="${2:-spawn}"
case "$network" in
parachain) required=(zombienet polkadot polkadot-prepare-worker polkadot-execute-worker polkadot-omni-node aegis-node) ;;
sovereign) required=(zombienet aegis-node) ;;
*) usage ;;
esac
case "$action" in
spawn | test) ;;
*) usage ;;
esac

missing=()
for binary in "${required[@]}"; do
	command -v "$binary" >/dev/null || missing+=("$binary")
done
if ((${#missing[@]})); then
	echo "error: not on PATH: ${missing[*]}" >&2
	echo "The $network network needs: ${required[*]}." >&2
	for binary in "${missing[@]}"; do
		case "$binary" in
		zombienet) echo "  zombienet: the zombienet-linux-x64 (or -macos) binary of https://github.com/paritytech/zombienet/releases, renamed zombienet" >&2 ;;
		polkadot | polkadot-prepare-worker | polkadot-execute-worker) echo "  $binary: from a polkadot-sdk release (https://github.com/paritytech/polkadot-sdk/releases), or cargo build --release -p polkadot" >&2 ;;
		polkadot-omni-node) echo "  polkadot-omni-node: from a polkadot-sdk release, or cargo install polkadot-omni-node" >&2 ;;
		aegis-node) echo "  aegis-node: cargo build --release -p aegis-node, then add \$CARGO_TARGET_DIR/release to PATH" >&2 ;;
		esac
	done
	exit 2
fi

if [[ "$network" == parachain ]]; then
	# The plain spec of the local_testnet preset for para 2000 on rococo-local; zombienet
	# replaces its collators' keys with those of the network's collators.
	mkdir -p zombienet/generated
	aegis-node parachain chain-spec --relay-chain rococo-local --para-id 2000 \
		--preset local_testnet --output zombienet/generated/aegis-parachain-2000.json
fi

if [[ "$action" == spawn ]]; then
	exec zombienet --provider native spawn "zombienet/$network.toml"
else
	# `test` replaces the network file's provider with its own default (kubernetes).
	exec zombienet --provider native test "zombienet/$network.zndsl"
fi
