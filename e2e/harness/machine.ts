/**
 * One "machine" for multi-instance specs: its own web host, Tern profile and Chromium
 * profile, so two of them share nothing but the mail server. `restart` is the machine's next
 * start: the web host comes back on the same port and profile, and the browser finds its
 * cache again (IndexedDB is per origin).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort } from '../servers/free-port';
import { launchBrowser } from './browser';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

/** One machine: its own web host, profile and browser profile; `restart` is its next start. */
export interface Machine {
  page: Page;
  restart(): Promise<void>;
  /** The machine is switched off: its web host stops (the page stays, disconnected). */
  switchOff(): Promise<void>;
  /** Its next start after `switchOff`: the web host comes back and the page reloads. */
  switchOn(): Promise<void>;
  close(): Promise<void>;
}

export async function openMachine(): Promise<Machine> {
  const port = await freePort();
  const profileDir = await mkdtemp(join(tmpdir(), 'tern-e2e-profile-'));
  let host: WebHostProcess | null = await startWebHostProcess({ port, profileDir });
  const browser: BrowserContext = await launchBrowser(await mkdtemp(join(tmpdir(), 'tern-e2e-chromium-')));
  const page = await browser.newPage();
  await page.goto(host.url);
  const switchOff = async () => {
    await host?.stop();
    host = null;
  };
  const switchOn = async () => {
    // Same port and profile: the browser finds its cache (IndexedDB is per origin) again.
    host = await startWebHostProcess({ port, profileDir });
    await page.goto(host.url);
  };
  return {
    page,
    async restart() {
      await switchOff();
      await switchOn();
    },
    switchOff,
    switchOn,
    async close() {
      await browser.close();
      await host?.stop();
    },
  };
}
