/**
 * The browser deletes Tern's IndexedDB while Tern runs (Chromium does so when the disk that
 * holds it fills up; here the DevTools protocol's "clear site data" does the same, closing
 * every open connection first). Tern says so, puts back the account and the change the user
 * queued offline, and downloads the mail again: the queued flag still reaches the server.
 * Deleted while no window was open, the next window puts the account back from the host's
 * own list (host/account-list-file.ts) instead of greeting the user as new.
 */
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, chooseMarkRead, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

const SUBJECTS = ['Alpha', 'Bravo', 'Charlie'];

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', SUBJECTS.map((subject, i) => ({ subject, from: 'Sam <sam@example.org>', body: `About ${subject}`, date: new Date(Date.UTC(2026, 5, 1 + i)) })));
  tern = await openTernInBrowser();
  page = tern.page;
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

const rows = () => page.getByRole('listbox', { name: 'Messages' }).getByRole('option');

async function flaggedOnServer(): Promise<string[]> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.ports.imap, secure: false, doSTARTTLS: false, auth: { user: 'alice', pass: 'secret-alice' }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const flagged: string[] = [];
      for await (const m of client.fetch('1:*', { envelope: true, flags: true })) if (m.flags?.has('\\Flagged')) flagged.push(m.envelope?.subject ?? '');
      return flagged;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe('the cache deleted under the running app', { timeout: 180_000 }, () => {
  it('is announced, its account and queued change are put back, and the mail comes back from the server', async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(SUBJECTS.length);
    // The one queued change is the flag below: opening a message leaves it unread.
    await chooseMarkRead(page, 'Only with Mark as read (u)');

    await dovecot.stop();
    await waitForText(page.getByRole('status', { name: 'Work status' }), /^Offline/, 30_000);
    await rows().filter({ hasText: 'Bravo' }).click();
    // The message's actions take keys once it is shown.
    await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('heading', { level: 2 }), /Bravo/);
    await page.keyboard.press('s');
    await expect.poll(() => rows().filter({ hasText: 'Bravo' }).getAttribute('aria-label')).toMatch(/flagged/);
    await waitForText(page.getByRole('status').filter({ hasText: 'waiting for the server' }), /^1 change waiting for the server/);

    const devtools = await tern.browser.newCDPSession(page);
    await devtools.send('Storage.clearDataForOrigin', { origin: new URL(tern.host.url).origin, storageTypes: 'indexeddb' });

    const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'The local cache was deleted' }) });
    await waitForText(notice, /Put back from this window’s memory: 1 account, 1 change waiting for the server\. The mail itself comes back from the server/);
    await expect.poll(() => page.getByRole('status', { name: 'Work status' }).count()).toBe(1);
    // The open message is not in the new cache yet: its actions wait for it.
    const flag = page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Flag' });
    await expect.poll(() => flag.isDisabled()).toBe(true);
    await page.screenshot({ path: 'test-results/cache-loss-notice.png' });

    await dovecot.start();
    await expect.poll(() => rows().count(), { timeout: 60_000, interval: 500 }).toBe(SUBJECTS.length);
    await expect.poll(() => flaggedOnServer(), { timeout: 60_000, interval: 1_000 }).toEqual(['Bravo']);
    await expect.poll(() => flag.isDisabled()).toBe(false);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'waiting for the server' }).count(), { timeout: 30_000 }).toBe(0);

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
  });

  it('keeps what it put back across a reload', async () => {
    await page.reload();
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(SUBJECTS.length);
    await expect.poll(() => rows().filter({ hasText: 'Bravo' }).getAttribute('aria-label')).toMatch(/flagged/);
  });

  it('found gone at the next start, puts the account back from the host’s list and syncs the mail again', async () => {
    await page.goto('about:blank');
    const devtools = await tern.browser.newCDPSession(page);
    await devtools.send('Storage.clearDataForOrigin', { origin: new URL(tern.host.url).origin, storageTypes: 'indexeddb' });
    await page.goto(tern.host.url);
    const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'The local cache was deleted' }) });
    await waitForText(notice, /^The local cache was deleted\s*Tern’s local cache was gone when this window opened\..*Put back from Tern’s own list: 1 account\./);
    await expect.poll(() => rows().count(), { timeout: 60_000, interval: 500 }).toBe(SUBJECTS.length);
    await expect.poll(() => rows().filter({ hasText: 'Bravo' }).getAttribute('aria-label')).toMatch(/flagged/);
    await page.screenshot({ path: 'test-results/cache-loss-at-start.png' });
  });
});
