#!/usr/bin/env node
// `npm test`: every check of the project in one run — test dependencies, typecheck (both
// sides), lint, the production build, then vitest (unit, integration against real servers,
// and end-to-end in Chromium). Ends with one line `N passed, N failed` over all of it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const startedAt = Date.now();
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, command, args, options = {}) {
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', ...options });
  const ok = run.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(name, command, args) {
  if (step(name, command, args)) results.passed++;
  else {
    results.failed++;
    failures.push(name);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

check('test dependencies (Debian packages)', 'bash', ['scripts/setup-test-deps.sh']);
check('typecheck node side', npx, ['tsc', '-p', 'tsconfig.node.json']);
check('typecheck web side', npx, ['tsc', '-p', 'tsconfig.web.json']);
check('lint', npx, ['eslint', '.', '--max-warnings=0']);
check('build (electron-vite)', npx, ['electron-vite', 'build']);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const vitestOk = step('vitest (unit, integration, e2e)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += json.numPassedTests;
  results.failed += json.numFailedTests;
  results.skipped += json.numPendingTests + json.numTodoTests;
  // A file that failed to load has no failed test in it, but it is a failure all the same.
  for (const file of json.testResults) {
    const failedInside = file.assertionResults.some((a) => a.status === 'failed');
    if (file.status === 'failed' && !failedInside) {
      results.failed++;
      failures.push(`${file.name}: ${String(file.message).split('\n')[0]}`);
    }
    for (const a of file.assertionResults) if (a.status === 'failed') failures.push(a.fullName);
  }
  // Errors outside any test (an unhandled rejection, say) fail the run without failing a test.
  if (!vitestOk && json.numFailedTests === 0 && !json.testResults.some((file) => file.status === 'failed')) {
    results.failed++;
    failures.push('vitest reported errors outside the tests (see its output above)');
  }
} else {
  results.failed++;
  failures.push('vitest produced no report');
}

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\nnpm test wall time: ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
const skipped = results.skipped > 0 ? `, ${results.skipped} skipped` : '';
console.log(`\n${results.passed} passed, ${results.failed} failed${skipped}`);
process.exit(results.failed === 0 ? 0 : 1);
