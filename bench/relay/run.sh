#!/usr/bin/env bash
# Relay benchmark: builds the app (for out/main/relay.js), bundles bench.ts with rolldown
# (Node 20 cannot run TypeScript) and runs it. MESSAGES=N overrides the default 1000.
# Postfix needs root; without it the Postfix rows are left out.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v smtp-source >/dev/null || { echo "smtp-source missing: run scripts/setup-bench-deps.sh" >&2; exit 1; }
npx electron-vite build >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx rolldown bench/relay/bench.ts --platform node --format esm --file "$out/bench.mjs" >/dev/null
node "$out/bench.mjs" "$PWD"
