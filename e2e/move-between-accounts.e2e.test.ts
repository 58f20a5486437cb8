/**
 * Mail moved and copied between two accounts on two servers, as a person does it: a message
 * dragged onto the other account's folder, "Copy to…" from the keyboard, and a move made
 * while the other account's server is down, which waits and goes once it is back. The
 * servers are read by another IMAP client to see that each message arrived once and left
 * (or stayed) where it should.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { serverSubjects } from './harness/server-mailbox';
import { addImapAccount, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

let work: DovecotServer;
let personal: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const subjectsOn = async (server: DovecotServer, folder: string) => (await serverSubjects(server, folder)).map((m) => m.subject);
const tree = (account: string) => page.getByRole('tree', { name: account });
const row = (subject: string) => page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: new RegExp(subject) });

async function open(subject: string): Promise<void> {
  await row(subject).click();
  await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('heading', { level: 2 }), new RegExp(subject));
}

beforeAll(async () => {
  [work, personal] = await Promise.all([startDovecot(), startDovecot()]);
  await work.seed('alice', 'INBOX', [
    { from: 'Shop <shop@example.org>', subject: 'Invoice March', body: 'Your invoice for March.', flags: ['\\Seen'] },
    { from: 'Mum <mum@example.org>', subject: 'Trip photos', body: 'The photos from the trip.' },
    { from: 'News <news@example.org>', subject: 'Old newsletter', body: 'Issue 12.' },
  ]);
  await personal.createFolder('alice', 'Receipts');
  tern = await openTernInBrowser();
  page = tern.page;
}, 90_000);

afterAll(async () => {
  await tern?.close();
  await work?.dispose();
  await personal?.dispose();
});

describe('mail between two accounts', { timeout: 90_000 }, () => {
  it('has both accounts online', async () => {
    for (const [name, server] of [['Work', work], ['Personal', personal]] as const) {
      await addImapAccount(page, { name, email: 'alice@example.org', host: '127.0.0.1', port: server.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
      await waitForText(page.getByRole('status', { name: `${name} status` }), /Online/);
    }
  });

  it('moves a message dragged onto the other account’s folder, flags and all', async () => {
    await tree('Work').getByRole('treeitem', { name: /^Inbox/ }).click();
    await expect.poll(() => row('Invoice March').count(), { timeout: 20_000 }).toBe(1);
    await row('Invoice March').dragTo(tree('Personal').getByRole('treeitem', { name: /^Receipts/ }));
    await expect.poll(() => row('Invoice March').count(), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => serverSubjects(personal, 'Receipts'), { timeout: 20_000 }).toEqual([{ subject: 'Invoice March', flags: ['\\Seen'] }]);
    expect(await subjectsOn(work, 'INBOX')).toEqual(['Old newsletter', 'Trip photos']);
    await tree('Personal').getByRole('treeitem', { name: /^Receipts/ }).click();
    await expect.poll(() => row('Invoice March').count(), { timeout: 20_000 }).toBe(1);
  });

  it('copies the open message to the other account from the keyboard, leaving the original', async () => {
    await tree('Work').getByRole('treeitem', { name: /^Inbox/ }).click();
    await open('Trip photos');
    await page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Copy to…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Copy message' });
    await dialog.getByLabel('Destination folder').selectOption({ label: 'INBOX (Personal)' });
    await page.screenshot({ path: 'test-results/move-between-accounts-dialog.png' });
    await dialog.getByRole('button', { name: 'Copy' }).press('Enter');
    await waitForText(page.getByRole('status').filter({ hasText: 'Copied to' }), /Copied to INBOX in Personal/);
    await expect.poll(() => subjectsOn(personal, 'INBOX'), { timeout: 20_000 }).toEqual(['Trip photos']);
    expect(await subjectsOn(work, 'INBOX')).toEqual(['Old newsletter', 'Trip photos']);
  });

  it('keeps a move to an account whose server is down waiting, and sends it once the server is back', async () => {
    await personal.stop();
    await waitForText(page.getByRole('status', { name: 'Personal status' }), /^Offline/, 30_000);
    await open('Old newsletter');
    await page.getByRole('button', { name: 'Move to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move message' });
    await dialog.getByLabel('Destination folder').selectOption({ label: 'Receipts (Personal)' });
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => row('Old newsletter').count(), { timeout: 5_000 }).toBe(0);
    // Work's own server is up: the move waits for Personal's, and Work's status says why.
    await waitForText(page.getByRole('status', { name: 'Work status' }), /Personal cannot be reached/, 30_000);
    await page.screenshot({ path: 'test-results/move-between-accounts-waiting.png' });
    expect(await subjectsOn(work, 'INBOX')).toEqual(['Old newsletter', 'Trip photos']);

    await personal.start();
    await expect.poll(() => subjectsOn(personal, 'Receipts'), { timeout: 60_000, interval: 1_000 }).toEqual(['Invoice March', 'Old newsletter']);
    await expect.poll(() => subjectsOn(work, 'INBOX'), { timeout: 10_000 }).toEqual(['Trip photos']);
  });
});
