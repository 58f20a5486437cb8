/**
 * Offline policies in the UI against a real Dovecot, by role and label: the account's
 * offline settings show the disk used by bodies the background download kept (the last 90
 * days by default), a wider default brings the older bodies in, a budget below the minimum
 * is refused, and a folder's own policy is chosen from its context menu and kept.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addImapAccount, waitForText } from './harness/ui';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { startDovecot, type DovecotServer } from './servers/dovecot';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const DAY = 86_400_000;
const now = Date.now();
/** 5.6 KB of text (4.8 KB for "older"), so each body shows in the usage figure. */
const body = (word: string) => `${word} `.repeat(800);

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [
    { subject: 'Recent one', body: body('recent'), date: new Date(now - DAY) },
    { subject: 'Recent two', body: body('second'), date: new Date(now - 10 * DAY) },
    { subject: 'Last year', body: body('older'), date: new Date(now - 300 * DAY) },
  ]);
  await dovecot.seed('alice', 'Lists', [{ subject: 'Digest', body: body('digest'), date: new Date(now - 2 * DAY) }]);
  tern = await openTernInBrowser();
  page = tern.page;
}, 60_000);

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

describe('offline policy and disk budget in the UI', { timeout: 60_000 }, () => {
  it("shows the account's disk use within its budget, and a wider default downloads the older bodies", async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await waitForText(page.getByRole('status', { name: 'Work status' }), /Online/);
    await page.getByRole('button', { name: 'Offline settings for Work' }).click();
    const dialog = page.getByRole('dialog', { name: 'Offline settings for Work' });
    // The three messages of the last 90 days (two in INBOX, one in Lists), 5,601 bytes each
    // (16.4 KB); not the one of last year (4,801 bytes more).
    await waitForText(dialog.getByRole('status'), /^Using 16 KB of 2\.0 GB$/);
    expect(await dialog.getByRole('radio', { name: /^Disconnected/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Disk budget (MB)').inputValue()).toBe('2048');

    await dialog.getByLabel('Disk budget (MB)').fill('10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await waitForText(dialog.getByText(/Enter a whole number of megabytes from 50/), /50/);

    await dialog.getByLabel('Disk budget (MB)').fill('500');
    await dialog.getByRole('radio', { name: 'All messages' }).check();
    await page.screenshot({ path: 'test-results/offline-account-settings.png' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);

    await page.getByRole('button', { name: 'Offline settings for Work' }).click();
    const again = page.getByRole('dialog', { name: 'Offline settings for Work' });
    await waitForText(again.getByRole('status'), /^Using 21 KB of 500\.0 MB$/);
    expect(await again.getByRole('radio', { name: 'All messages' }).isChecked()).toBe(true);
    await again.getByRole('button', { name: 'Cancel' }).click();
    // The list shows the first words of each body downloaded in the background.
    await waitForText(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /Last year/ }), /— older older/);
  });

  it("sets a folder's own policy from its context menu, and shows the special default of Trash", async () => {
    const tree = page.getByRole('navigation', { name: 'Folders' });
    await tree.getByRole('treeitem', { name: /^Lists/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Lists' }).getByRole('menuitem', { name: 'Offline policy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Offline policy for Lists' });
    expect(await dialog.getByRole('radio', { name: 'Account default (All messages)' }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: 'Only recent messages' }).check();
    await dialog.getByLabel('Number of days').fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await waitForText(dialog.getByText(/Enter a whole number of days/), /days/);
    await dialog.getByLabel('Number of days').fill('30');
    await page.screenshot({ path: 'test-results/offline-folder-policy.png' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await waitForText(page.getByText('Lists keeps offline: Last 30 days'), /Last 30 days/);

    await tree.getByRole('treeitem', { name: /^Lists/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Lists' }).getByRole('menuitem', { name: 'Offline policy…' }).click();
    expect(await dialog.getByRole('radio', { name: 'Only recent messages' }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Number of days').inputValue()).toBe('30');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await tree.getByRole('treeitem', { name: /^Trash/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Trash' }).getByRole('menuitem', { name: 'Offline policy…' }).click();
    const trash = page.getByRole('dialog', { name: 'Offline policy for Trash' });
    expect(await trash.getByRole('radio', { name: 'Default for this kind of folder (Headers only)' }).isChecked()).toBe(true);
    await trash.getByRole('button', { name: 'Cancel' }).click();
  });
});
