/**
 * A POP3 account end to end, as a person would use it: the real UI in Chromium through the
 * web host, against Dovecot's POP3 server. Add the account by the manual form, see its mail
 * in the local Inbox, "check now" brings new mail, a local folder takes mail moved into it,
 * a larger first download shows progress.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPop3Account, waitForText } from './harness/ui';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { startDovecot, type DovecotServer } from './servers/dovecot';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const now = Date.now();

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ name: 'alice', password: 'secret-alice' }, { name: 'bob', password: 'secret-bob' }] });
  await dovecot.seed('alice', 'INBOX', [
    { from: 'Bob Example <bob@example.org>', subject: 'Lunch on Friday', body: 'Shall we meet at noon?', date: new Date(now - 7200_000) },
    { from: 'Carol <carol@example.org>', subject: 'Quarterly report', body: 'The numbers are in.', date: new Date(now - 3600_000) },
  ]);
  await dovecot.seed('bob', 'INBOX', Array.from({ length: 500 }, (_, i) => ({ subject: `Bulk ${i + 1}`, body: `message ${i + 1}\n${'x'.repeat(500)}`, date: new Date(now - i * 60_000) })));
  tern = await openTernInBrowser();
  page = tern.page;
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

const messages = () => page.getByRole('listbox', { name: 'Messages' });

describe('POP3 account in Chromium through the web host', () => {
  it('adds a POP3 account by the manual form and shows its mail in the local Inbox', async () => {
    await addPop3Account(page, { name: 'Home', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.pop3, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await waitForText(page.getByRole('status', { name: 'Home status' }), /Online/);
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await expect.poll(() => folders.getByRole('treeitem', { name: 'Inbox, 2 unread' }).count(), { timeout: 20_000 }).toBe(1);
    await folders.getByRole('treeitem', { name: /^Inbox/ }).click();
    await expect.poll(() => messages().getByRole('option').count(), { timeout: 20_000 }).toBe(2);
    await page.getByRole('option', { name: /Quarterly report/ }).click();
    const reader = page.getByRole('article', { name: 'Message' });
    await waitForText(reader.getByLabel('Message body'), /The numbers are in\./);
    await page.screenshot({ path: 'test-results/pop3-account.png' });
  });

  it('brings new mail on "check now"', async () => {
    await dovecot.seed('alice', 'INBOX', [{ from: 'Dave <dave@example.org>', subject: 'Tickets for Saturday', body: 'I have two.', date: new Date(now) }]);
    await page.getByRole('button', { name: 'Sync Home now' }).click();
    await expect.poll(() => messages().getByRole('option', { name: /Tickets for Saturday/ }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => messages().getByRole('option').count()).toBe(3);
  });

  it('creates a local folder and moves a message into it, which the next check does not bring back', async () => {
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await page.getByRole('button', { name: 'New folder…' }).click();
    const create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Folder name').fill('Receipts');
    await create.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => folders.getByRole('treeitem', { name: 'Receipts', exact: true }).count(), { timeout: 10_000 }).toBe(1);

    await page.getByRole('option', { name: /Lunch on Friday/ }).click();
    await page.getByRole('button', { name: 'Move to…' }).click();
    const move = page.getByRole('dialog', { name: 'Move message' });
    await move.getByLabel('Destination folder').selectOption('Receipts');
    await move.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => messages().getByRole('option', { name: /Lunch on Friday/ }).count(), { timeout: 10_000 }).toBe(0);

    await folders.getByRole('treeitem', { name: /^Receipts/ }).click();
    await page.getByRole('option', { name: /Lunch on Friday/ }).click();
    await waitForText(page.getByRole('article', { name: 'Message' }).getByLabel('Message body'), /Shall we meet at noon\?/);
    await page.screenshot({ path: 'test-results/pop3-local-folder.png' });

    // Left on the server, but recorded as downloaded: "check now" fetches nothing again.
    await page.getByRole('button', { name: 'Sync Home now' }).click();
    await waitForText(page.getByRole('status', { name: 'Home status' }), /Online/);
    await folders.getByRole('treeitem', { name: /^Inbox/ }).click();
    await expect.poll(() => messages().getByRole('option').count(), { timeout: 10_000 }).toBe(2);
    expect(await messages().getByRole('option', { name: /Lunch on Friday/ }).count()).toBe(0);
  });

  it('shows progress during a larger first download', async () => {
    await addPop3Account(page, { name: 'Bulk', email: 'bob@example.org', host: '127.0.0.1', port: dovecot.ports.pop3, security: 'None (plaintext)', user: 'bob', password: 'secret-bob' });
    const status = page.getByRole('status', { name: 'Bulk status' });
    await waitForText(status, /Downloading \d+ of 500 messages/, 60_000);
    await page.screenshot({ path: 'test-results/pop3-progress.png' });
    await waitForText(status, /Online/, 120_000);
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await expect.poll(() => folders.getByRole('treeitem', { name: 'Inbox, 500 unread' }).count(), { timeout: 20_000 }).toBe(1);
  });
});
