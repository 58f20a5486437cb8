#!/usr/bin/env bash
# IMAP sync benchmark, one command: bundles bench.ts with rolldown (Node 20 cannot run
# TypeScript), builds the app for the web host unless TERN_BUILD_DIR names a build, and runs
# the benchmark against the test Dovecot. MESSAGES=N overrides the default 10,000.
# --bodies runs the offline body download benchmark (bodies.ts) instead of the header one;
# --idb-floor the IndexedDB floor (idb-floor.ts: Chromium alone, no server, no app);
# --fetch-floor the fetch floor (fetch-floor.ts: Dovecot and IMAP clients alone, nothing stored).
set -euo pipefail
cd "$(dirname "$0")/../.."
script=bench
[ "${1:-}" = "--bodies" ] && script=bodies
[ "${1:-}" = "--idb-floor" ] && script=idb-floor
[ "${1:-}" = "--fetch-floor" ] && script=fetch-floor
[ -x /usr/bin/chromium ] || [ -n "${TERN_CHROMIUM:-}" ] || { echo "Chromium missing: scripts/setup-test-deps.sh" >&2; exit 1; }
# The floors need neither the app nor mbsync.
if [ "$script" != idb-floor ] && [ "$script" != fetch-floor ]; then
  command -v mbsync >/dev/null || { echo "mbsync missing: apt-get install isync" >&2; exit 1; }
  if [ -z "${TERN_BUILD_DIR:-}" ]; then
    export TERN_BUILD_DIR="$PWD/out-bench"
    npx electron-vite build --outDir "$TERN_BUILD_DIR" >/dev/null
  fi
fi
# The bundle sits under node_modules so that playwright-core, left out of it, resolves.
out="$PWD/node_modules/.cache/tern-bench"
mkdir -p "$out"
npx rolldown "bench/imap/$script.ts" --platform node --format esm --external playwright-core --file "$out/$script.mjs" >/dev/null
node "$out/$script.mjs" "$PWD"
