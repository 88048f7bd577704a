#!/usr/bin/env bash
# Throughput of the `aegis` binary on a real file, beside the usual shell tools on the same
# file: `sha3sum -a 512` (Perl Digest::SHA3) and `openssl dgst -sha3-512` for hashing;
# `openssl enc` (AES-256-CBC as in the requirements' audit script, and ChaCha20 without
# authentication) for encryption. Best of three runs each, file in the page cache, MB/s with
# MB = 10^6 bytes.
#
#   scripts/bench-cli.sh [SIZE_MIB]      (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aegis/target}"
size_mib="${1:-1024}"

if ! command -v sha3sum >/dev/null; then
	echo "==> installing sha3sum (libdigest-sha3-perl)"
	sudo_cmd=""
	[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libdigest-sha3-perl >/dev/null
fi
cargo build --release --locked -p aegis-cli
aegis="$CARGO_TARGET_DIR/release/aegis"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -c "$((size_mib << 20))" /dev/urandom >"$work/model.bin"
bytes=$((size_mib << 20))
"$aegis" key generate --algorithm x-wing --out "$work/inbox" --no-passphrase >/dev/null
openssl rand -hex 32 >"$work/pass"

# best_of NAME COMMAND...: runs COMMAND three times, prints the best time as MB/s.
best_of() {
	local name="$1"
	shift
	local best=""
	for _ in 1 2 3; do
		local start end
		start=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		end=$(date +%s.%N)
		best=$(echo "$start $end $best" | awk '{ t = $2 - $1; if ($3 == "" || t < $3) print t; else print $3 }')
	done
	awk -v name="$name" -v seconds="$best" -v bytes="$bytes" \
		'BEGIN { printf "%-50s %7.2f s %8.1f MB/s\n", name, seconds, bytes / seconds / 1e6 }'
}

cat "$work/model.bin" >/dev/null
echo "file: ${size_mib} MiB, $(nproc) cores"
best_of "aegis model hash (SHA3-512 + Merkle leaves)" "$aegis" model hash "$work/model.bin"
best_of "sha3sum -a 512" sha3sum -a 512 "$work/model.bin"
best_of "openssl dgst -sha3-512" openssl dgst -sha3-512 "$work/model.bin"
best_of "aegis vault encrypt (X-Wing + ChaCha20-Poly1305)" "$aegis" vault encrypt "$work/model.bin" --recipient "$work/inbox.pub" --out "$work/model.aegis" --force
best_of "aegis vault decrypt" "$aegis" vault decrypt "$work/model.aegis" --key "$work/inbox" --out "$work/model.out" --no-verify --force
cmp "$work/model.bin" "$work/model.out"
best_of "openssl enc -aes-256-cbc -pbkdf2 (no auth)" openssl enc -aes-256-cbc -pbkdf2 -pass "file:$work/pass" -in "$work/model.bin" -out "$work/model.cbc"
best_of "openssl enc -chacha20 -pbkdf2 (no auth)" openssl enc -chacha20 -pbkdf2 -pass "file:$work/pass" -in "$work/model.bin" -out "$work/model.chacha"
