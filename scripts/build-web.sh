#!/usr/bin/env bash
# Builds the registry page (web/ → web/dist, static files any web server can host): installs
# its npm packages from the lockfile when they changed, and rebuilds when a source is newer
# than the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "==> npm packages of the registry page"
	npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -f dist/index.html ] ||
	[ -n "$(find src index.html vite.config.ts tsconfig.json package-lock.json -newer dist/index.html -print -quit)" ]; then
	echo "==> building the registry page (web/dist)"
	npm run -s build
fi
