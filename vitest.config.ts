import { defineConfig } from 'vitest/config';

// One run covers unit tests (beside the code), integration tests against real servers
// (*.int.test.ts, e2e/servers) and the browser end-to-end specs (e2e/*.e2e.test.ts).
// scripts/test.mjs builds the app first and turns the report into the closing
// `N passed, N failed` line.
export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Servers and browsers are heavy on a 2-core machine.
    maxWorkers: 2,
    // expect.poll waits 1 s by default: too short for a UI catching up with a server on a
    // loaded 2-core machine. A poll that fails still fails, only later.
    expect: { poll: { timeout: 15_000 } },
  },
});
