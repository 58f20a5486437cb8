#!/usr/bin/env bash
# Sending benchmark: bundles bench.ts with rolldown (Node 20 cannot run TypeScript) and runs
# it. MESSAGES=N overrides the default 1000. Needs Postfix's smtp-sink and smtp-source.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v smtp-source >/dev/null || { echo "smtp-source missing: run scripts/setup-bench-deps.sh" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx rolldown bench/send/bench.ts --platform node --format esm --file "$out/bench.mjs" >/dev/null
node "$out/bench.mjs" "$PWD"
