/**
 * An account that is online but could not sync everything says so: a folder the server
 * refuses (here, a Maildir the server may not read) shows on the account's status line
 * with the server's words, the other folders are listed as usual, and the next pass that
 * goes through clears it. "Online" alone would hide that part of the mailbox is stale.
 */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const brokenDirs = () => ['cur', 'new'].map((sub) => join(dovecot.maildirPath('alice', 'Broken'), sub));

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [{ from: 'Bob <bob@example.org>', subject: 'Still here', body: 'INBOX syncs.' }]);
  await dovecot.seed('alice', 'Broken', [{ from: 'Carol <carol@example.org>', subject: 'Behind a refusal', body: 'Unreadable for now.' }]);
  for (const dir of brokenDirs()) await chmod(dir, 0o000);
  tern = await openTernInBrowser();
  page = tern.page;
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

describe('an online account with a folder it could not sync', () => {
  const status = () => page.getByRole('status', { name: 'Work status' });

  it('says which folder and why next to "Online", and lists the rest', async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await waitForText(status(), /^Online — Could not sync Broken \(.+\)/);
    await expect.poll(() => status().getAttribute('class')).toContain('tone-warn');
    await page.getByRole('treeitem', { name: /^Inbox/ }).click();
    await expect.poll(() => page.getByRole('option', { name: /Still here/ }).count(), { timeout: 20_000 }).toBe(1);
    await page.screenshot({ path: 'test-results/account-status-partial.png' });
  });

  it('goes back to plain "Online" once a pass goes through, with the folder’s mail', async () => {
    for (const dir of brokenDirs()) await chmod(dir, 0o700);
    await page.getByRole('button', { name: 'Sync Work now' }).click();
    await waitForText(status(), /^Online$/);
    await page.getByRole('treeitem', { name: /^Broken/ }).click();
    await expect.poll(() => page.getByRole('option', { name: /Behind a refusal/ }).count(), { timeout: 20_000 }).toBe(1);
  });
});
