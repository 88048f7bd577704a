#!/usr/bin/env bash
# Regenerates the weights the runtimes charge, from benchmarks run on this machine:
#
# - the Aegis pallets' `pallets/*/src/weights.rs` (`.maintain/pallet-weight-template.hbs`);
# - the FRAME pallets on the transaction path, in `runtime/common/src/weights/`
#   (`.maintain/runtime-weight-template.hbs`): frame_system and its transaction extensions,
#   balances, transaction payment, timestamp, utility and assets (the incentive token);
# - `overhead`: the block and extrinsic base weights (`block_weights.rs`, `extrinsic_weights.rs`);
# - `storage`: the database weights on ParityDB (`paritydb_weights.rs`,
#   `.maintain/db-weight-template.hbs`), over a state of 50 000 endowed accounts, writes
#   committed 1 000 keys at a time.
#
#   scripts/benchmark-weights.sh                              # everything
#   scripts/benchmark-weights.sh pallet_balances overhead     # only these
#   STEPS=2 REPEAT=1 scripts/benchmark-weights.sh frame_system  # a quick try of the tooling
#
# The time weights are measured without proof recording (`--disable-proof-recording`): neither
# a validator of the sovereign chain importing a block nor a relay-chain validator executing a
# parachain block records a proof, so recording would charge every storage access for work no
# validator does (it doubled `transfer_keep_alive`). Proof sizes are still measured and
# estimated as before. Run it on an otherwise idle machine: the weights are the machine's.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
STATE_ACCOUNTS="${STATE_ACCOUNTS:-50000}"
# Keys written in one commit, the write cost amortised over them: about what a full block of
# transfers commits (two accounts and a nonce each), not the CLI's 100 000.
WRITE_BATCH="${WRITE_BATCH:-1000}"

# The pallets of each runtime whose weights this script writes, and where.
aegis_pallets=(
	"pallet_model_registry pallets/model-registry/src/weights.rs solochain"
	"pallet_proof_verifier pallets/proof-verifier/src/weights.rs solochain"
	"pallet_incentives pallets/incentives/src/weights.rs solochain"
	"pallet_aegis_oracle pallets/oracle/src/weights.rs solochain"
	"pallet_seal_difficulty pallets/seal-difficulty/src/weights.rs solochain"
	"pallet_aegis_stake pallets/stake/src/weights.rs parachain"
)
frame_pallets=(
	frame_system
	frame_system_extensions
	pallet_balances
	pallet_transaction_payment
	pallet_timestamp
	pallet_utility
	pallet_assets
)
runtime_weights=runtime/common/src/weights

usage() {
	echo "usage: scripts/benchmark-weights.sh [PALLET | overhead | storage]..." >&2
	echo "  pallets: ${frame_pallets[*]} $(printf '%s\n' "${aegis_pallets[@]}" | cut -d' ' -f1 | tr '\n' ' ')" >&2
	exit 2
}

known() {
	local target="$1"
	[ "$target" = overhead ] || [ "$target" = storage ] && return 0
	printf '%s\n' "${frame_pallets[@]}" | grep -qx "$target" && return 0
	printf '%s\n' "${aegis_pallets[@]}" | cut -d' ' -f1 | grep -qx "$target"
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=("${frame_pallets[@]}")
	for entry in "${aegis_pallets[@]}"; do targets+=("${entry%% *}"); done
	targets+=(overhead storage)
fi
for target in "${targets[@]}"; do
	case "$target" in -h | --help) usage ;; esac
	known "$target" || { echo "unknown benchmark target: $target" >&2; usage; }
done

echo "==> building aegis-node with --features runtime-benchmarks"
cargo build --locked --features runtime-benchmarks -p aegis-node
# The next ordinary build replaces target/debug/aegis-node and the runtimes' wasm: the
# benchmarks run a copy. Through $PATH, so the files' headers name `aegis-node`, not a path.
bench_dir="$CARGO_TARGET_DIR/benchmark-node"
mkdir -p "$bench_dir"
cp "$CARGO_TARGET_DIR/debug/aegis-node" "$bench_dir/aegis-node"
cp "$CARGO_TARGET_DIR/debug/wbuild/aegis-runtime/aegis_runtime.compact.compressed.wasm" \
	"$bench_dir/aegis_runtime.wasm"
cp "$CARGO_TARGET_DIR/debug/wbuild/aegis-parachain-runtime/aegis_parachain_runtime.compact.compressed.wasm" \
	"$bench_dir/aegis_parachain_runtime.wasm"
export PATH="$bench_dir:$PATH"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

wasm_of() {
	case "$1" in
	solochain) echo "$bench_dir/aegis_runtime.wasm" ;;
	parachain) echo "$bench_dir/aegis_parachain_runtime.wasm" ;;
	esac
}

benchmark_pallet() {
	local pallet="$1" output="$2" template="$3" runtime="$4"
	echo "==> $pallet → $output"
	aegis-node benchmark pallet \
		--runtime "$(wasm_of "$runtime")" \
		--genesis-builder=runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		--disable-proof-recording \
		--template "$template" --output "$output" \
		--quiet
}

run_storage() {
	echo "==> storage: a state of $STATE_ACCOUNTS endowed accounts"
	scripts/setup.sh --with-e2e
	AEGIS_NODE_BIN="$bench_dir/aegis-node" node e2e/bench/state-spec.mjs \
		--chain dev --accounts "$STATE_ACCOUNTS" --output "$work/state.json"
	echo "==> storage → $runtime_weights/paritydb_weights.rs"
	aegis-node benchmark storage \
		--chain "$work/state.json" --base-path "$work/db" --database paritydb \
		--state-version 1 --batch-size "$WRITE_BATCH" \
		--template-path .maintain/db-weight-template.hbs \
		--weight-path "$runtime_weights/paritydb_weights.rs"
}

run_overhead() {
	echo "==> overhead → $runtime_weights/{block,extrinsic}_weights.rs"
	aegis-node benchmark overhead \
		--runtime "$(wasm_of solochain)" \
		--genesis-builder=runtime --genesis-builder-preset development \
		--weight-path "$runtime_weights"
}

for target in "${targets[@]}"; do
	case "$target" in
	overhead) run_overhead ;;
	storage) run_storage ;;
	*)
		if printf '%s\n' "${frame_pallets[@]}" | grep -qx "$target"; then
			benchmark_pallet "$target" "$runtime_weights/$target.rs" \
				.maintain/runtime-weight-template.hbs solochain
		else
			entry="$(printf '%s\n' "${aegis_pallets[@]}" | grep "^$target ")"
			read -r pallet output runtime <<<"$entry"
			benchmark_pallet "$pallet" "$output" .maintain/pallet-weight-template.hbs "$runtime"
		fi
		;;
	esac
done
echo "==> done: review the diff (git diff --stat), then run scripts/test.sh"
