#!/usr/bin/env bash
# Relay benchmark: builds the app (for out/main/relay.js), bundles bench.ts with rolldown
# (Node 20 cannot run TypeScript) and runs it. MESSAGES=N overrides the default 1000.
# Postfix needs root; without it the Postfix rows are left out.
# `run.sh crash` runs crash.ts instead: SIGKILL half-way, restart, count what arrives.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=bench/relay/bench.ts
if [ "${1:-}" = crash ]; then
  script=bench/relay/crash.ts
else
  command -v smtp-source >/dev/null || { echo "smtp-source missing: run scripts/setup-bench-deps.sh" >&2; exit 1; }
fi
npx electron-vite build >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx rolldown "$script" --platform node --format esm --file "$out/bench.mjs" >/dev/null
node "$out/bench.mjs" "$PWD"
