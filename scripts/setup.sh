#!/usr/bin/env bash
# Installs what building and testing Aegis needs on a Debian/Ubuntu machine, and nothing that
# is already there: the system packages, the pinned Rust toolchain with its wasm target, the
# feature checker zepter, and the end-to-end tests' npm packages (from the lockfile).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v clang >/dev/null || need_apt+=(clang)
command -v mold >/dev/null || need_apt+=(mold)
# The node links the system's OpenSSL (see .cargo/config.toml).
{ command -v pkg-config >/dev/null && pkg-config --exists openssl; } || need_apt+=(pkg-config libssl-dev)
command -v node >/dev/null || need_apt+=(nodejs npm)
# The `aegis` command's tests check SHA3-512 against Python's hashlib.
command -v python3 >/dev/null || need_apt+=(python3)
# The registry page's tests drive a real browser: Debian's Chromium (no browser downloads).
[ "${1:-}" != "--with-e2e" ] || [ -x "${AEGIS_CHROMIUM:-/usr/bin/chromium}" ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "==> installing ${need_apt[*]}"
	sudo_cmd=""
	[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null; then
	echo "rustup is required: see https://rustup.rs" >&2
	exit 1
fi
toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
echo "==> Rust $toolchain with wasm32v1-none and rust-src"
rustup toolchain install "$toolchain" --profile minimal \
	--component rustfmt,clippy,rust-src --target wasm32v1-none >/dev/null

# zepter checks that the crates' features (std, runtime-benchmarks, try-runtime) reach their
# dependencies (.config/zepter.yaml); pinned, built once into the shared cache.
zepter_version=1.88.2
tools="${AEGIS_TOOLS:-$HOME/.cache/aegis/tools}"
if ! "$tools/bin/zepter" --version 2>/dev/null | grep -qx "zepter $zepter_version"; then
	echo "==> zepter $zepter_version"
	cargo "+$toolchain" install --quiet --locked "zepter@$zepter_version" --root "$tools"
fi

if [ "${1:-}" = "--with-e2e" ]; then
	if [ ! -f e2e/node_modules/.package-lock.json ] ||
		[ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
		echo "==> npm packages of the end-to-end tests"
		# sqlite3 (a chopsticks dependency) compiles its addon with node-gyp, which would fetch
		# node's headers from nodejs.org (its prebuilt binaries are on GitHub); Debian's nodejs
		# installs them under /usr.
		if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
			export npm_config_nodedir=/usr
		fi
		(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
	fi
	if [ ! -f web/node_modules/.package-lock.json ] ||
		[ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
		echo "==> npm packages of the registry page"
		(cd web && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
