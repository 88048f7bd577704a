#!/usr/bin/env bash
# Spawns an Aegis network with zombienet (v1, native provider), runs its assertions, or
# installs what it needs.
#
#   scripts/zombienet.sh --install                installs the binaries below, once per machine
#   scripts/zombienet.sh parachain [spawn|test]   the parachain on a local relay chain
#                                                 (zombienet/parachain.toml, .zndsl)
#   scripts/zombienet.sh sovereign [spawn|test]   the sovereign chain's three validators
#                                                 (zombienet/sovereign.toml, .zndsl)
#
# The networks run `zombienet`; for the parachain `polkadot` with its `polkadot-prepare-worker`
# and `polkadot-execute-worker`, `polkadot-omni-node`, `cumulus-pov-validator` (which times the
# collators' exported PoVs: zombienet/pov-report.mjs) and `aegis-node` (which writes the
# parachain's chain spec); for the sovereign chain `aegis-node`. A run's files (logs, PoVs,
# what the js-scripts measured) stay in $HOME/.cache/aegis/zombienet-run/<network> until the
# next run. `--install` builds the polkadot-sdk ones from crates.io at the release this
# repository's crates come from (stable2609), into $HOME/.cache/aegis/bin, and zombienet from
# npm with zombienet/'s lockfile; on 2 cores that takes hours the first time, and seconds once
# done. `aegis-node` is this workspace's build: the release one if there is one, else the
# debug one (AEGIS_NODE_BIN overrides). A missing binary is named, and the script exits with
# status 2 before starting anything.
set -euo pipefail
cd "$(dirname "$0")/.."

# The polkadot-sdk stable2609 release's node crates (polkadot-sdk 2609.2.0 pins the crates
# this workspace builds with; these versions depend on the same ones).
polkadot_version=41.0.0
omni_node_version=0.24.0
# Validates a collator's exported PoV as the relay chain's PVF workers do, and times it.
pov_validator_version=0.15.0
cache="$HOME/.cache/aegis"
bin_dir="$cache/bin"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"

usage() {
	echo "usage: scripts/zombienet.sh --install | <parachain|sovereign> [spawn|test]" >&2
	exit 64
}

# Installs one crate's binaries with `cargo install --locked` unless this version is installed
# already. Both crates build in one target directory, so what they share builds once.
install_crate() {
	local crate=$1 version=$2 installed
	installed=$(cargo install --list --root "$cache" | sed -n "s/^$crate v\([^:]*\):\$/\1/p")
	if [[ "$installed" == "$version" ]]; then
		echo "==> $crate $version: installed"
		return
	fi
	echo "==> $crate $version (cargo install --locked; on 2 cores: polkadot about an hour, polkadot-omni-node half an hour, cumulus-pov-validator minutes)"
	local started=$SECONDS
	CARGO_TARGET_DIR="$cache/install-target" cargo install --locked --force "$crate@$version" --root "$cache"
	echo "==> $crate $version installed in $(((SECONDS - started) / 60)) min"
}

if [[ "${1:-}" == --install ]]; then
	(($# == 1)) || usage
	# The polkadot node links RocksDB (its default database), whose bindings bindgen generates
	# with libclang; Aegis itself needs neither.
	if ! compgen -G '/usr/lib/llvm-*/lib/libclang.so' >/dev/null; then
		echo "==> libclang-dev (bindgen, for the polkadot node's RocksDB)"
		sudo_cmd=""
		[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
		$sudo_cmd apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libclang-dev >/dev/null
	fi
	install_crate polkadot "$polkadot_version"
	install_crate polkadot-omni-node "$omni_node_version"
	install_crate cumulus-pov-validator "$pov_validator_version"
	echo "==> zombienet (npm, zombienet/package-lock.json)"
	npm --prefix zombienet ci --no-audit --no-fund
	"$bin_dir/polkadot" --version
	"$bin_dir/polkadot-omni-node" --version
	zombienet/node_modules/.bin/zombienet version
	exit 0
fi

# What --install put in place comes first; aegis-node is this workspace's.
node_bin="${AEGIS_NODE_BIN:-}"
if [[ -z "$node_bin" ]]; then
	node_bin="$CARGO_TARGET_DIR/release/aegis-node"
	[[ -x "$node_bin" ]] || node_bin="$CARGO_TARGET_DIR/debug/aegis-node"
fi
node_dir="$cache/zombienet-path"
mkdir -p "$node_dir"
rm -f "$node_dir/aegis-node"
[[ -x "$node_bin" ]] && ln -s "$(realpath "$node_bin")" "$node_dir/aegis-node"
export PATH="$bin_dir:$PWD/zombienet/node_modules/.bin:$node_dir:$PATH"

network="${1:-}"
action="${2:-spawn}"
case "$network" in
parachain) required=(zombienet polkadot polkadot-prepare-worker polkadot-execute-worker polkadot-omni-node cumulus-pov-validator aegis-node) ;;
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
		zombienet | polkadot | polkadot-prepare-worker | polkadot-execute-worker | polkadot-omni-node | cumulus-pov-validator)
			echo "  $binary: scripts/zombienet.sh --install" >&2 ;;
		aegis-node) echo "  aegis-node: cargo build --release -p aegis-node (or AEGIS_NODE_BIN=path)" >&2 ;;
		esac
	done
	exit 2
fi

# Each run's files: zombienet's (nodes' logs and databases, what the js-scripts record) and
# the PoVs the collators export (parachain.toml reads AEGIS_POV_DIR).
run_dir="$cache/zombienet-run/$network"
rm -rf "$run_dir"
mkdir -p "$run_dir"
export AEGIS_POV_DIR="$run_dir/povs"

if [[ "$network" == parachain ]]; then
	# The plain spec of the local_testnet preset for para 2000 on rococo-local; zombienet
	# replaces its collators' keys with those of the network's collators.
	mkdir -p zombienet/generated
	aegis-node parachain chain-spec --relay-chain rococo-local --para-id 2000 \
		--preset local_testnet --output zombienet/generated/aegis-parachain-2000.json
fi

if [[ "$action" == spawn ]]; then
	exec zombienet --provider native --dir "$run_dir/network" spawn "zombienet/$network.toml"
fi
# `test` replaces the network file's provider with its own default (kubernetes).
zombienet --provider native --dir "$run_dir/network" test "zombienet/$network.zndsl"
if [[ "$network" == parachain ]]; then
	node zombienet/pov-report.mjs "$run_dir/network" "$AEGIS_POV_DIR"
fi
echo "==> the run's files: $run_dir"
