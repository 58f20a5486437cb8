#!/usr/bin/env bash
# IMAP header sync benchmark: bundles bench.ts with rolldown (Node 20 cannot run TypeScript)
# and runs it against the test Dovecot. MESSAGES=N overrides the default 10,000.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v mbsync >/dev/null || { echo "mbsync missing: apt-get install isync" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx rolldown bench/imap/bench.ts --platform node --format esm --file "$out/bench.mjs" >/dev/null
node "$out/bench.mjs" "$PWD"
