/**
 * Tern opened as a new user would: a web host with a fresh profile on a free port, a fresh
 * Chromium profile, and one page showing the app. `beforePage` sees the browser before the
 * page opens, to listen to its requests.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort } from '../servers/free-port';
import { launchBrowser } from './browser';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

export interface TernInBrowser {
  host: WebHostProcess;
  browser: BrowserContext;
  page: Page;
  /** Every console message of the page, in order. */
  consoleLines: string[];
  close(): Promise<void>;
}

export async function openTernInBrowser(beforePage: (browser: BrowserContext) => void = () => undefined): Promise<TernInBrowser> {
  const host = await startWebHostProcess({ port: await freePort(), profileDir: await mkdtemp(join(tmpdir(), 'tern-e2e-profile-')) });
  const browser = await launchBrowser(await mkdtemp(join(tmpdir(), 'tern-e2e-chromium-')));
  beforePage(browser);
  const page = await browser.newPage();
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.goto(host.url);
  return {
    host,
    browser,
    page,
    consoleLines,
    async close() {
      await browser.close();
      await host.stop();
    },
  };
}
