/**
 * Tern as a person runs it, for the POP3 benchmark: the built web host (TERN_BUILD_DIR or
 * out/) serving Debian's Chromium, with the real Dexie cache in IndexedDB. A POP3 account is
 * added through the manual form; the time runs from "Save account" until the account's
 * status says Online with every message in the cache (each batch written with strict
 * durability, as the engine waits for that before it may delete anything on the server).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/harness/browser';
import { startWebHostProcess } from '../../e2e/harness/web-host-process';
import { freePort } from '../../e2e/servers/free-port';

export interface Pop3BrowserInput {
  pop3Port: number;
  user: string;
  password: string;
  expected: number;
}

export async function browserRun(input: Pop3BrowserInput): Promise<{ ms: number }> {
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-pop3-browser-'));
  const host = await startWebHostProcess({ port: await freePort(), profileDir: join(work, 'profile') });
  const browser = await launchBrowser(join(work, 'chromium'));
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('dialog', { name: 'Set up an account' }).getByRole('button', { name: 'Set up manually' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Account name').fill('Bench');
    await dialog.getByLabel('Email address').fill(`${input.user}@example.org`);
    await dialog.getByLabel('Incoming protocol').selectOption({ label: 'POP3' });
    await dialog.getByLabel('POP3 server').fill('127.0.0.1');
    await dialog.getByLabel('Security', { exact: true }).selectOption({ label: 'None (plaintext)' });
    await dialog.getByLabel('Port', { exact: true }).fill(String(input.pop3Port));
    await dialog.getByLabel('User name', { exact: true }).fill(input.user);
    await dialog.getByLabel('Password', { exact: true }).fill(input.password);
    const start = performance.now();
    await dialog.getByRole('button', { name: 'Save account' }).click();
    const status = page.getByRole('status', { name: 'Bench status' });
    for (;;) {
      const text = (await status.count()) > 0 ? ((await status.textContent()) ?? '') : '';
      if (/^Online/.test(text) && (await cachedMessages(page)) >= input.expected) break;
      if (/^Error/.test(text)) throw new Error(`the account failed: ${text}`);
      if (performance.now() - start > 1_800_000) throw new Error('the download did not finish within 30 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { ms: performance.now() - start };
  } finally {
    await browser.close();
    await host.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** Messages in the page's IndexedDB cache, read with the plain IndexedDB API (source text: it runs in the page). */
function cachedMessages(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('tern-cache');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('messages').objectStore('messages').count();
      count.onsuccess = () => { db.close(); resolve(count.result); };
      count.onerror = () => reject(count.error);
    };
  })`);
}
