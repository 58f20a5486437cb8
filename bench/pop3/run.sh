#!/usr/bin/env bash
# POP3 first-download benchmark, one command: bundles bench.ts with rolldown (Node 20 cannot
# run TypeScript) and runs it against the test Dovecot, with getmail6 as the peer.
# MESSAGES=N overrides the default 10,000; BROWSER=1 adds the run in Chromium with the real
# IndexedDB cache (it builds the app unless TERN_BUILD_DIR names a build).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v getmail >/dev/null || { echo "getmail6 missing: scripts/setup-bench-deps.sh" >&2; exit 1; }
if [ "${BROWSER:-0}" = 1 ] && [ -z "${TERN_BUILD_DIR:-}" ]; then
  export TERN_BUILD_DIR="$PWD/out-bench"
  npx electron-vite build --outDir "$TERN_BUILD_DIR" >/dev/null
fi
# The bundle sits under node_modules so that playwright-core, left out of it, resolves.
out="$PWD/node_modules/.cache/tern-bench"
mkdir -p "$out"
npx rolldown bench/pop3/bench.ts --platform node --format esm --external playwright-core --file "$out/bench-pop3.mjs" >/dev/null
node "$out/bench-pop3.mjs" "$PWD"
