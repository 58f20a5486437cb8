/**
 * The reader against a corpus of 100+ hostile messages (e2e/harness/hostile-html.ts), in
 * Chromium through the web host: while each one is opened, nothing is fetched from outside
 * the app's own origin and no script runs, and none of the dangerous elements survive
 * into the frame.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { hostileMessage, hostileVectors } from './harness/hostile-html';
import { startRequestLog, type RequestLog } from './harness/request-log';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import type { WebHostProcess } from './harness/web-host-process';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let host: WebHostProcess;
let tern: TernInBrowser;
let page: Page;
let web: RequestLog;
let vectors: string[] = [];
const requested: string[] = []; // completed requests only
let consoleLines: string[] = [];

beforeAll(async () => {
  web = await startRequestLog();
  vectors = hostileVectors(web.origin);
  dovecot = await startDovecot();
  const start = Date.UTC(2026, 5, 1);
  await dovecot.seed('alice', 'Hostile', vectors.map((vector, n) => ({ raw: hostileMessage(n, vector, new Date(start + n * 60_000)) })));
  // Only requests that completed: one the frame's CSP refuses (a CSS-escaped url() the
  // sanitiser cannot see, say) fails in the browser and never reaches the network.
  tern = await openTernInBrowser((browser) => browser.on('requestfinished', (request) => requested.push(request.url())));
  ({ host, page, consoleLines } = tern);
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
  await web?.close();
});

const list = () => page.getByRole('listbox', { name: 'Messages' });
const frame = () => page.frameLocator('iframe[title="Message body"]');
const dangerous = 'script, iframe, frame, object, embed, portal, form, input, button, link, base, meta[http-equiv="refresh"], [onerror], [onload], [onfocus], [ping]';

describe('a corpus of hostile HTML mail', () => {
  it('has at least 100 vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(100);
  });

  it('opens every message without a remote request, a script or a dangerous element', async () => {
    await addImapAccount(page, { name: 'Home', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await page.getByRole('treeitem', { name: /^Hostile/ }).click({ timeout: 30_000 });
    await expect.poll(() => list().getByRole('option').first().getAttribute('aria-setsize'), { timeout: 60_000 }).toBe(String(vectors.length));
    await list().focus();
    await page.keyboard.press('Home');
    for (let n = vectors.length - 1; n >= 0; n -= 1) {
      // A message's frame must never keep the keyboard; focus the list as a person would click it.
      await list().focus();
      await page.keyboard.press('Enter');
      await waitForText(frame().getByRole('heading', { level: 1 }), new RegExp(`^Vector ${n}$`));
      expect(await frame().locator(dangerous).count(), `vector ${n}: ${vectors[n]}`).toBe(0);
      await page.keyboard.press('j');
    }
    // Late fetches (fonts, lazy images, refreshes) get time to show up.
    await page.waitForTimeout(2_000);
    const appOrigin = new URL(host.url).origin;
    expect(requested.filter((url) => !url.startsWith(appOrigin) && !/^(data|blob|about|cid):/.test(url))).toEqual([]);
    expect(web.paths).toEqual([]);
    expect(consoleLines.filter((line) => line.includes('tern-marker'))).toEqual([]);
  }, 300_000);
});
