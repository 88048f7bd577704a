#!/usr/bin/env bash
# Fuzzes one target of fuzz/harness with libFuzzer (cargo-fuzz), for SECONDS (default 60):
#
#   scripts/fuzz.sh --list                 # the targets
#   scripts/fuzz.sh merkle 3600            # an hour on the Merkle proof checks
#
# Installs what it needs once: a nightly toolchain (libFuzzer's instrumentation needs it) and
# cargo-fuzz, into $HOME/.cache/aegis/tools. The corpus grows in $HOME/.cache/aegis/fuzz/<target>,
# seeded from fuzz/corpus/<target> (the committed seeds stay as they are). A finding stops the
# run and is written to fuzz/targets/artifacts/<target>/: fix it, then copy the input to
# fuzz/regressions/<target>/ under a name that says what it found, so that `cargo test -p
# aegis-fuzz` replays it on every CI run.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/targets/Cargo.toml | grep -v '^aegis-fuzz-targets$')
if [ "${1:-}" = "--list" ]; then
	printf '%s\n' $targets
	exit 0
fi
target=${1:?"usage: scripts/fuzz.sh TARGET [SECONDS] (targets: scripts/fuzz.sh --list)"}
seconds=${2:-60}
if ! printf '%s\n' $targets | grep -qx "$target"; then
	echo "no fuzz target '$target'; the targets are: $(echo $targets)" >&2
	exit 2
fi
case $seconds in '' | *[!0-9]*) echo "SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

tools="${AEGIS_TOOLS:-$HOME/.cache/aegis/tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"
cargo_fuzz_version=0.13.2
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
	echo "==> a nightly toolchain, for libFuzzer's instrumentation"
	rustup toolchain install nightly --profile minimal
fi
if ! "$tools/bin/cargo-fuzz" --version 2>/dev/null | grep -q " $cargo_fuzz_version\$"; then
	echo "==> cargo-fuzz $cargo_fuzz_version"
	cargo install --quiet --locked "cargo-fuzz@$cargo_fuzz_version" --root "$tools"
fi

# The runtime target builds the runtime natively only (no wasm), and checks that no
# transaction runs longer than this factor times its charged weight (see fuzz/runtime).
export SKIP_WASM_BUILD=1
export AEGIS_FUZZ_TIME_FACTOR="${AEGIS_FUZZ_TIME_FACTOR:-3}"
extra=()
build=()
if [ "$target" = runtime ]; then
	# A runtime input is a program of blocks: longer ones reach further, so lengths up to the
	# limit are tried from the start (libFuzzer grows them slowly otherwise). Without
	# AddressSanitizer: the runtime is safe Rust, and its 2-5x slowdown (uneven: allocations
	# pay most) would blur the time check.
	extra=(-max_len=4096 -len_control=0)
	build=(--sanitizer none)
fi

corpus="$HOME/.cache/aegis/fuzz/$target"
mkdir -p "$corpus"
echo "==> fuzzing $target for $seconds s (corpus $corpus, seeds fuzz/corpus/$target)"
PATH="$tools/bin:$PATH" cargo +nightly fuzz run "${build[@]}" --fuzz-dir fuzz/targets \
	--target-dir "$CARGO_TARGET_DIR/fuzz" "$target" "$corpus" "fuzz/corpus/$target" -- \
	-max_total_time="$seconds" -print_final_stats=1 "${extra[@]}"
