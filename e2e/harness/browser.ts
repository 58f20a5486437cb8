/**
 * Debian's Chromium driven by playwright-core (no browser download), headless, with a
 * profile directory the test owns so that "closing and reopening the app" keeps the
 * IndexedDB cache, exactly as a person's browser would.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.TERN_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(userDataDir: string): Promise<BrowserContext> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: run scripts/setup-test-deps.sh (as root) or set TERN_CHROMIUM`);
  }
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Without the background-networking flags Chromium keeps trying to reach Google's
    // hosts, which this closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
