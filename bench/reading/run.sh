#!/usr/bin/env bash
# Reading benchmark: builds the app, bundles the benchmark (Node 20 cannot run TypeScript)
# and the index comparison page with rolldown, and runs them in Debian's Chromium.
# MESSAGES=N overrides the default 100,000; TERN_BUILD_DIR=dir reuses an existing build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The build stays inside the project, where the web host resolves its packages.
if [ -z "${TERN_BUILD_DIR:-}" ]; then
  export TERN_BUILD_DIR="$PWD/out-bench"
  npx electron-vite build --outDir "$TERN_BUILD_DIR" >/dev/null
fi
# playwright-core stays outside the bundle (it finds its own files at run time), resolved
# from the project through NODE_PATH, which CommonJS honours.
npx rolldown bench/reading/bench.ts --platform node --format cjs --external playwright-core --file "$out/bench.cjs" >/dev/null
npx rolldown bench/reading/index-page.ts --platform browser --format iife --file "$out/index-page.js" >/dev/null 2>&1
NODE_PATH="$PWD/node_modules" node "$out/bench.cjs" "$PWD" "$out/index-page.js"
