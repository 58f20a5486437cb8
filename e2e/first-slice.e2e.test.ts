/**
 * The first slice end to end, as a person would do it: the real UI in Chromium, served by
 * the web host, against a real Dovecot. Add an IMAP account, see folders and messages,
 * read one; close everything, stop the server, reopen: the cache still shows it all and
 * the account says it is offline. A wrong password and an unreachable host give a clear
 * error on their own account while the rest keeps working.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { freePort } from './servers/free-port';
import { launchBrowser } from './harness/browser';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let host: WebHostProcess;
let browser: BrowserContext;
let page: Page;
let port = 0;
let profileDir = '';
let browserDir = '';

const day = 24 * 3600 * 1000;
const now = Date.now();

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [
    { from: 'Bob Example <bob@example.org>', subject: 'Lunch on Friday', body: 'Shall we meet at noon?\nBob', date: new Date(now - 2 * day), flags: ['\\Seen'] },
    { from: 'Carol <carol@example.org>', subject: 'Quarterly report', body: 'The report is attached in spirit.', date: new Date(now - day) },
    { from: 'Dave <dave@example.org>', subject: 'Tickets for Saturday', body: 'I have two tickets.\nDave', date: new Date(now - 3600_000) },
    // Older than the default offline policy (bodies of the last 90 days): only its header is kept.
    { from: 'Frank <frank@example.org>', subject: 'Minutes from last spring', body: 'Nothing was decided.', date: new Date(now - 200 * day), flags: ['\\Seen'] },
  ]);
  await dovecot.seed('alice', 'Work/Projects', [{ from: 'Erin <erin@example.org>', subject: 'Kick-off', body: 'Monday 9:00', date: new Date(now - 3 * day) }]);
  port = await freePort();
  profileDir = await mkdtemp(join(tmpdir(), 'tern-e2e-profile-'));
  browserDir = await mkdtemp(join(tmpdir(), 'tern-e2e-chromium-'));
  host = await startWebHostProcess({ port, profileDir });
  browser = await launchBrowser(browserDir);
  page = await browser.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await dovecot?.dispose();
});

describe('first slice in Chromium through the web host', () => {
  it('adds an IMAP account and shows its folders, with INBOX unread counts', async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await expect.poll(() => folders.getByRole('treeitem', { name: 'Inbox, 2 unread' }).count(), { timeout: 20_000 }).toBe(1);
    for (const name of ['Sent', 'Drafts', 'Trash', 'Projects']) {
      await expect.poll(() => folders.getByRole('treeitem', { name, exact: true }).count()).toBe(1);
    }
    await waitForText(page.getByRole('status', { name: 'Work status' }), /Online/);
  });

  it('lists INBOX newest first with sender, subject, date and unread state', async () => {
    await page.getByRole('treeitem', { name: /^Inbox/ }).click();
    const list = page.getByRole('listbox', { name: 'Messages' });
    await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBe(4);
    const names = await list.getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
    expect(names[0]).toMatch(/^Dave, Tickets for Saturday, .+, unread$/);
    expect(names[1]).toMatch(/^Carol, Quarterly report, .+, unread$/);
    expect(names[2]).toMatch(/^Bob Example, Lunch on Friday, .+[^d]$/);
    expect(names[3]).toMatch(/^Frank, Minutes from last spring, .+[^d]$/);
  });

  it('opens a message, shows its plain-text body and marks it read', async () => {
    await page.getByRole('option', { name: /Tickets for Saturday/ }).click();
    const reader = page.getByRole('article', { name: 'Message' });
    await waitForText(reader.getByRole('heading', { level: 2 }), /Tickets for Saturday/);
    await waitForText(reader.getByLabel('Message body'), /I have two tickets\.\s+Dave/);
    await expect.poll(() => page.getByRole('option', { name: /Tickets for Saturday/ }).getAttribute('aria-label')).not.toMatch(/unread/);
    await expect.poll(() => page.getByRole('tree', { name: 'Work' }).getByRole('treeitem', { name: /^Inbox, 1 unread/ }).count()).toBe(1);
    await page.screenshot({ path: 'test-results/first-slice.png' });
  });

  it('shows the account’s other folders’ messages too', async () => {
    await page.getByRole('treeitem', { name: /^Projects, 1 unread$/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /Kick-off/ }).count(), { timeout: 20_000 }).toBe(1);
  });

  it('gives a wrong password and an unreachable host a clear error on their own account only', async () => {
    await addImapAccount(page, { name: 'Typo', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'wrong' });
    await waitForText(page.getByRole('status', { name: 'Typo status' }), /Error.*(auth|login|password)/i);
    const closedPort = await freePort();
    await addImapAccount(page, { name: 'Nowhere', email: 'n@example.org', host: '127.0.0.1', port: closedPort, security: 'None (plaintext)', user: 'n', password: 'x' });
    await waitForText(page.getByRole('status', { name: 'Nowhere status' }), /Offline.*(refused|reach)/i);
    await waitForText(page.getByRole('status', { name: 'Work status' }), /Online/);
    await page.screenshot({ path: 'test-results/account-errors.png' });
  });

  it('connects over STARTTLS to a server whose self-signed certificate the user trusts', async () => {
    await addImapAccount(page, {
      name: 'Secure', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'STARTTLS',
      user: 'alice', password: 'secret-alice', trustedCertificate: dovecot.caCertPem,
    });
    await waitForText(page.getByRole('status', { name: 'Secure status' }), /Online/);
    // The same mailbox as Work's, where Dave's message was read.
    await expect.poll(() => page.getByRole('tree', { name: 'Secure' }).getByRole('treeitem', { name: 'Inbox, 1 unread' }).count(), { timeout: 20_000 }).toBe(1);
  });

  it('reopened with the server stopped, still shows cached folders, messages and bodies', async () => {
    await dovecot.stop();
    await browser.close();
    await host.stop();
    host = await startWebHostProcess({ port, profileDir });
    browser = await launchBrowser(browserDir);
    page = await browser.newPage();
    await page.goto(host.url);

    await waitForText(page.getByRole('status', { name: 'Work status' }), /Offline/);
    await page.getByRole('tree', { name: 'Work' }).getByRole('treeitem', { name: /^Inbox, 1 unread/ }).click();
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages' }).getByRole('option').count()).toBe(4);
    await page.getByRole('option', { name: /Tickets for Saturday/ }).click();
    await waitForText(page.getByLabel('Message body'), /I have two tickets/);
    // A body outside the offline policy was never downloaded and cannot be shown offline: a
    // clear error, nothing else breaks.
    await page.getByRole('option', { name: /Minutes from last spring/ }).click();
    await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('alert'), /offline/i);
    await page.screenshot({ path: 'test-results/reopened-offline.png' });
  });
});
