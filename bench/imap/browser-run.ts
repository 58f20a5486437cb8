/**
 * Tern as a person runs it, for the IMAP benchmark: the built web host (a child process,
 * TERN_BUILD_DIR or out/) serving the renderer to Debian's Chromium, with the real Dexie
 * cache in IndexedDB. An IMAP account is added through the UI, then:
 *  - first rows: from "Save account" until the Messages list shows `rows` options
 *    (the viewport, 3600 px high, fits 50 rows of the regular list);
 *  - full header sync: until IndexedDB holds `expected` INBOX headers (polled every 100 ms);
 *  - renderer JS heap after a forced garbage collection (CDP), and the web host's RSS as
 *    found and after a forced garbage collection (its inspector), once the sync is done;
 *  - where the time went meanwhile: CPU seconds per process (Chromium's browser process holds
 *    IndexedDB, its renderer the page) and the renderer's own CPU profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { topSelfTime } from '../cpu-profile';
import { nodeMemory } from '../node-memory';
import { chromiumPid, cpuBetween, cpuSnapshot } from '../process-cpu';
import { cachedHeaders, inboxSyncedThrough } from './cached-count';
import { startWebHostProcess } from '../../e2e/harness/web-host-process';
import { freePort } from '../../e2e/servers/free-port';

export interface BrowserFigures {
  firstRowsMs: number;
  fullSyncMs: number;
  rendererHeapMB: number;
  /** The web host's RSS as found once the sync is done. */
  mainRssMB: number;
  /** …and after a full garbage collection, with its live JavaScript heap. */
  mainRssAfterGcMB: number;
  mainHeapAfterGcMB: number;
  /** CPU seconds per process from "Save account" to the full sync, most first. */
  cpu: string[];
  /** The renderer's functions with the most self time over the same span. */
  rendererProfile: string[];
}

export interface BrowserRunInput {
  imapPort: number;
  user: string;
  password: string;
  expected: number;
  rows: number;
}

export async function browserRun(input: BrowserRunInput): Promise<BrowserFigures> {
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-browser-'));
  const inspectPort = await freePort();
  const host = await startWebHostProcess({ port: await freePort(), profileDir: join(work, 'profile'), inspectPort });
  const browser = await chromium.launchPersistentContext(join(work, 'chromium'), {
    executablePath: process.env.TERN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 3600 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    const roots = [
      { label: 'Chromium', pid: await chromiumPid(join(work, 'chromium')) },
      { label: 'web host (engine)', pid: host.pid },
    ];
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const cpuBefore = await cpuSnapshot(roots);
    await fillAccount(page, input);
    const start = performance.now();
    const firstRowsMs = await saveUntilRows(page, input.rows).catch(async (error: unknown) => {
      const shot = join(tmpdir(), 'tern-bench-first-rows.png');
      await page.screenshot({ path: shot });
      throw new Error(`${String(error)}; the page is in ${shot}`);
    });
    await waitFor(async () => (await inboxSyncedThrough(page)) >= input.expected, 1_800_000, 'full header sync');
    const fullSyncMs = performance.now() - start;
    const cpu = cpuBetween(cpuBefore, await cpuSnapshot(roots));
    const { profile } = await cdp.send('Profiler.stop');
    const cached = await cachedHeaders(page);
    if (cached < input.expected) throw new Error(`INBOX's cursor says synced, but the cache holds ${cached} of ${input.expected} headers`);

    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    const main = await nodeMemory(inspectPort);
    return {
      firstRowsMs,
      fullSyncMs,
      rendererHeapMB: heap / 2 ** 20,
      mainRssMB: main.rssMB,
      mainRssAfterGcMB: main.rssAfterGcMB,
      mainHeapAfterGcMB: main.heapAfterGcMB,
      cpu,
      rendererProfile: topSelfTime(profile),
    };
  } finally {
    await browser.close();
    await host.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Clicks "Save account" and resolves the milliseconds until `rows` message rows are in the
 * list and painted, timed in the page (a MutationObserver, then the next frame), so the
 * figure carries no polling interval or round trip to the benchmark process. Page source:
 * this file is type-checked for Node, without the DOM's types.
 */
const saveUntilRowsSource = `(rows) => new Promise((resolve, reject) => {
  const save = [...document.querySelectorAll('dialog[open] button')].find((button) => button.textContent.trim() === 'Save account');
  if (!save) return reject(new Error('no Save account button'));
  const listed = () => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length >= rows;
  const timeout = setTimeout(() => { observer.disconnect(); reject(new Error('the first ' + rows + ' rows did not show within 120 s')); }, 120000);
  const observer = new MutationObserver(() => {
    if (!listed()) return;
    observer.disconnect();
    clearTimeout(timeout);
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const started = performance.now();
  save.click();
})`;

async function saveUntilRows(page: Page, rows: number): Promise<number> {
  return page.evaluate<number>(`(${saveUntilRowsSource})(${rows})`);
}

/** Fills the manual account form up to, not including, "Save account". */
async function fillAccount(page: Page, input: Pick<BrowserRunInput, 'imapPort' | 'user' | 'password'>): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('dialog', { name: 'Set up an account' }).getByRole('button', { name: 'Set up manually' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Account name').fill('Bench');
  await dialog.getByLabel('Email address').fill(`${input.user}@example.org`);
  await dialog.getByLabel('IMAP server').fill('127.0.0.1');
  // Exact labels: the form's SMTP section has "SMTP security", "SMTP port" and "SMTP user name".
  await dialog.getByLabel('Security', { exact: true }).selectOption({ label: 'None (plaintext)' });
  await dialog.getByLabel('Port', { exact: true }).fill(String(input.imapPort));
  await dialog.getByLabel('User name', { exact: true }).fill(input.user);
  await dialog.getByLabel('Password', { exact: true }).fill(input.password);
}

/** Fills the manual account form and presses "Save account"; returns the moment it was pressed. */
export async function addAccount(page: Page, input: Pick<BrowserRunInput, 'imapPort' | 'user' | 'password'>): Promise<number> {
  await fillAccount(page, input);
  const start = performance.now();
  await page.getByRole('dialog', { name: 'Add account' }).getByRole('button', { name: 'Save account' }).click();
  return start;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
