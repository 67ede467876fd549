#!/usr/bin/env bash
# Runs every suite: cheap checks first (typecheck, lint), then the build, then vitest's
# three projects (unit, server over real HTTP, e2e in Debian's Chromium). Ends with the
# plain line "N passed, N failed" that CI reads.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium_path" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Chromium is missing: installing Debian's chromium package (needs network to Debian's mirrors)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing at $chromium_path. Install it with: sudo apt-get install -y chromium" >&2
    echo "(or set CHROMIUM_PATH to a Chromium binary)" >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$chromium_path"

if [[ ! -d node_modules ]]; then npm install --no-audit --no-fund; fi

echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build"; npm run -s build >/dev/null

mkdir -p .cache
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.cache/vitest.json || status=$?
node scripts/summary.mjs .cache/vitest.json
exit "$status"
