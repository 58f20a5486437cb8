/**
 * A POP3 account's mail is local (the RFC 1733 offline model): in the real UI in Chromium
 * through the web host, against Dovecot's POP3 server, read and flagged change only the
 * cache (no operation is queued for any server); a message deleted in Tern is deleted on the
 * server by the next check when the account says so (DELE, then QUIT: RFC 1939 §6); and
 * local folders are renamed and deleted with the same folder UI as IMAP ones.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  dovecot = await startDovecot({ users: [{ name: 'carol', password: 'secret-carol' }] });
  await dovecot.seed('carol', 'INBOX', [
    { from: 'Shop <shop@example.org>', subject: 'Invoice March', body: 'March: 12 EUR.', date: new Date(now - 3 * 3600_000) },
    { from: 'Shop <shop@example.org>', subject: 'Invoice April', body: 'April: 15 EUR.', date: new Date(now - 2 * 3600_000) },
    { from: 'News <news@example.org>', subject: 'Weekly newsletter', body: 'Nothing new this week.', date: new Date(now - 3600_000) },
  ]);
  tern = await openTernInBrowser();
  page = tern.page;
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

const messages = () => page.getByRole('listbox', { name: 'Messages' });
const folders = () => page.getByRole('navigation', { name: 'Folders' });
const treeItem = (name: string) => folders().getByRole('treeitem', { name: new RegExp(`^${name}(,|$)`) });
const actions = () => page.getByRole('toolbar', { name: 'Message actions' });

/** Subjects and flags of the messages Dovecot keeps for carol, read from the Maildir on disk. */
async function onServer(): Promise<{ subjects: string[]; flags: string[] }> {
  const root = dovecot.maildirPath('carol', 'INBOX');
  const subjects: string[] = [];
  const flags: string[] = [];
  for (const sub of ['cur', 'new']) {
    for (const name of await readdir(join(root, sub))) {
      const text = await readFile(join(root, sub, name), 'utf8');
      subjects.push(/^Subject: (.*)$/m.exec(text)?.[1] ?? '?');
      flags.push(name.split(':2,')[1] ?? '');
    }
  }
  return { subjects: subjects.sort(), flags };
}

/** Operations queued for the engine to replay on a server, counted in the page's IndexedDB. */
function queuedOperations(): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('tern-cache');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('operations').objectStore('operations').count();
      count.onsuccess = () => { db.close(); resolve(count.result); };
      count.onerror = () => reject(count.error);
    };
  })`);
}

async function checkNow(): Promise<void> {
  await page.getByRole('button', { name: 'Sync Local now' }).click();
  await waitForText(page.getByRole('status', { name: 'Local status' }), /Online/);
}

describe('POP3 local mail in Chromium through the web host', () => {
  it('offers the retention choices and the check interval in the add form', async () => {
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('dialog', { name: 'Set up an account' }).getByRole('button', { name: 'Set up manually' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Incoming protocol').selectOption({ label: 'POP3' });
    expect(await dialog.getByLabel('Minutes between checks').inputValue()).toBe('10');
    const retention = dialog.getByLabel('After downloading a message');
    expect(await retention.locator('option').allTextContents()).toEqual([
      'Leave it on the server', 'Delete it once downloaded', 'Delete it after some days', 'Delete it when I delete it in Tern',
    ]);
    await retention.selectOption({ label: 'Delete it after some days' });
    expect(await dialog.getByLabel('Days on the server').inputValue()).toBe('14');
    await page.screenshot({ path: 'test-results/pop3-add-form.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
  });

  it('downloads into the local Inbox of an account that deletes on the server what is deleted in Tern', async () => {
    await addPop3Account(page, {
      name: 'Local', email: 'carol@example.org', host: '127.0.0.1', port: dovecot.ports.pop3, security: 'None (plaintext)', user: 'carol', password: 'secret-carol',
      retention: 'Delete it when I delete it in Tern',
    });
    await waitForText(page.getByRole('status', { name: 'Local status' }), /Online/);
    await expect.poll(() => folders().getByRole('treeitem', { name: 'Inbox, 3 unread' }).count(), { timeout: 20_000 }).toBe(1);
    await treeItem('Inbox').click();
    await expect.poll(() => messages().getByRole('option').count(), { timeout: 20_000 }).toBe(3);
  });

  it('keeps read and flagged in the cache only, queuing nothing for a server', async () => {
    await messages().getByRole('option', { name: /Invoice April/ }).click();
    await waitForText(page.getByRole('article', { name: 'Message' }).getByLabel('Message body'), /April: 15 EUR\./);
    // Opening it marks it read, in the cache only: a POP3 account's flags are local.
    await expect.poll(() => folders().getByRole('treeitem', { name: 'Inbox, 2 unread' }).count(), { timeout: 10_000 }).toBe(1);
    await actions().getByRole('button', { name: 'Flag' }).click();
    await expect.poll(() => actions().getByRole('button', { name: 'Flag' }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await queuedOperations()).toBe(0);

    await checkNow();
    // The next check neither undoes the local state nor touches the server's copy.
    expect(await actions().getByRole('button', { name: 'Flag' }).getAttribute('aria-pressed')).toBe('true');
    expect(await folders().getByRole('treeitem', { name: 'Inbox, 2 unread' }).count()).toBe(1);
    expect(await queuedOperations()).toBe(0);
    const server = await onServer();
    expect(server.subjects).toEqual(['Invoice April', 'Invoice March', 'Weekly newsletter']);
    // Dovecot itself marks every RETRieved message seen (its pop3_no_flag_updates = no); the
    // flag set in Tern never reaches it.
    expect(server.flags.filter((f) => f.includes('F'))).toEqual([]);
  });

  it('deletes a message deleted in Tern from the server at the next check', async () => {
    await messages().getByRole('option', { name: /Weekly newsletter/ }).click();
    await actions().getByRole('button', { name: /^Delete/ }).click();
    await expect.poll(() => messages().getByRole('option', { name: /Weekly newsletter/ }).count(), { timeout: 10_000 }).toBe(0);
    expect((await onServer()).subjects).toContain('Weekly newsletter'); // not before the check

    await checkNow();
    await expect.poll(async () => (await onServer()).subjects, { timeout: 10_000 }).toEqual(['Invoice April', 'Invoice March']);
    await checkNow();
    expect(await messages().getByRole('option').count()).toBe(2);
    expect(await queuedOperations()).toBe(0);
  });

  it('renames and deletes a local folder with the folder UI, and the Inbox stays', async () => {
    await treeItem('Inbox').click({ button: 'right' });
    const inboxMenu = page.getByRole('menu', { name: 'Folder actions for Inbox' });
    expect(await inboxMenu.getByRole('menuitem', { name: 'Rename…' }).getAttribute('aria-disabled')).toBe('true');
    expect(await inboxMenu.getByRole('menuitem', { name: 'Delete…' }).getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'New folder…' }).click();
    const create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Folder name').fill('Receipts');
    await create.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => treeItem('Receipts').count(), { timeout: 10_000 }).toBe(1);
    await messages().getByRole('option', { name: /Invoice March/ }).click();
    await actions().getByRole('button', { name: 'Move to…' }).click();
    const move = page.getByRole('dialog', { name: 'Move message' });
    await move.getByLabel('Destination folder').selectOption('Receipts');
    await move.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => messages().getByRole('option', { name: /Invoice March/ }).count(), { timeout: 10_000 }).toBe(0);

    await treeItem('Receipts').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Receipts' }).getByRole('menuitem', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Receipts' });
    await rename.getByLabel('Folder name').fill('Bills');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(async () => [await treeItem('Bills').count(), await treeItem('Receipts').count()], { timeout: 10_000 }).toEqual([1, 0]);
    await treeItem('Bills').click();
    await messages().getByRole('option', { name: /Invoice March/ }).click();
    await waitForText(page.getByRole('article', { name: 'Message' }).getByLabel('Message body'), /March: 12 EUR\./);
    await page.screenshot({ path: 'test-results/pop3-local-renamed.png' });

    // From the keyboard: focus the folder, Shift+F10 opens its menu.
    await treeItem('Bills').focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu', { name: 'Folder actions for Bills' }).getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Bills?' });
    await waitForText(confirm, /deleted from this computer/);
    await confirm.getByRole('button', { name: 'Delete folder' }).click();
    await expect.poll(() => treeItem('Bills').count(), { timeout: 10_000 }).toBe(0);
    expect(await treeItem('Inbox').count()).toBe(1);

    // The folder's message was deleted in Tern, so this account deletes it on the server too.
    await checkNow();
    await expect.poll(async () => (await onServer()).subjects, { timeout: 10_000 }).toEqual(['Invoice April']);
    expect(await queuedOperations()).toBe(0);
  });
});
