/**
 * Tern in the real Electron app (Playwright's _electron), the flows the web-host specs
 * cover where Electron's own process model or storage could differ: the first slice (add an
 * account, list, read), a message action reaching the server, and the disconnected model
 * (an archive and a new folder made while the server is down are kept across a restart of
 * the app and sent once it is back), plus the window's lockdown. It needs the Electron
 * binary; where the binary could not be downloaded, the suite is skipped and says so plainly.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { findElectronBinary } from './harness/electron-binary';
import { serverFolders, serverSubjects } from './harness/server-mailbox';
import { addImapAccount, waitForText } from './harness/ui';

const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.log('SKIPPED: the Electron e2e spec — no Electron binary in node_modules/electron (see README, "Electron binary").');
}

describe.skipIf(!electronBinary)('first slice in the Electron app', () => {
  let dovecot: DovecotServer;
  let app: ElectronApplication;
  let page: Page;
  let profile = '';

  const launch = async () => {
    app = await _electron.launch({ executablePath: electronBinary!, args: ['.', '--profile', profile] });
    page = await app.firstWindow();
  };
  const open = async (subject: string) => {
    await page.getByRole('option', { name: new RegExp(subject) }).click();
    await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('heading', { level: 2 }), new RegExp(subject));
  };
  const waiting = () => page.getByRole('status').filter({ hasText: 'waiting for the server' });

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.seed('alice', 'INBOX', [
      { from: 'Dave <dave@example.org>', subject: 'Tickets for Saturday', body: 'I have two tickets.' },
      { from: 'Shop <shop@example.org>', subject: 'Your receipt', body: 'Thank you for your order.' },
    ]);
    profile = await mkdtemp(join(tmpdir(), 'tern-electron-'));
    await launch();
  });

  afterAll(async () => {
    await app?.close();
    await dovecot?.dispose();
  });

  it('exposes exactly the contract to the page, and no Node', async () => {
    // Page-side code is given as text: this file is compiled without the DOM library.
    expect(await page.evaluate('Object.keys(window.tern).sort()')).toEqual(['invoke', 'on']);
    expect(await page.evaluate('typeof require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
  });

  it('adds an account, lists INBOX and reads a message', async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await page.getByRole('treeitem', { name: /^Inbox/ }).click();
    await page.getByRole('option', { name: /Tickets for Saturday/ }).click();
    await waitForText(page.getByLabel('Message body'), /I have two tickets/);
  });

  it('flags a message by its shortcut, and the flag reaches the server', async () => {
    await open('Tickets for Saturday');
    await page.keyboard.press('s');
    await expect.poll(async () => (await serverSubjects(dovecot, 'INBOX')).find((m) => m.subject === 'Tickets for Saturday')?.flags, { timeout: 20_000 }).toContain('\\Flagged');
  });

  it('keeps an archive and a new folder made with the server down across a restart, and sends them when it is back', { timeout: 150_000 }, async () => {
    await dovecot.stop();
    // Dovecot ends open sessions up to 10 s after it stops.
    await waitForText(page.getByRole('status', { name: 'Work status' }), /^Offline/, 30_000);
    await open('Your receipt');
    await page.keyboard.press('e');
    await expect.poll(() => page.getByRole('option', { name: /Your receipt/ }).count(), { timeout: 5_000 }).toBe(0);
    await page.getByRole('button', { name: 'New folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill('Receipts');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await waitForText(waiting(), /\d+ changes waiting for the server/);

    await app.close();
    await launch();
    // The queue was written with strict durability before the window acknowledged it.
    await waitForText(waiting(), /\d+ changes waiting for the server/);
    expect(await page.getByRole('tree').getByRole('treeitem', { name: 'Receipts', exact: true }).count()).toBe(1);

    await dovecot.start();
    // The reconnect waits out the engine's backoff (2 s, doubling) first.
    await expect.poll(async () => (await serverSubjects(dovecot, 'Archive')).map((m) => m.subject), { timeout: 60_000, interval: 1_000 }).toEqual(['Your receipt']);
    await expect.poll(() => serverFolders(dovecot), { timeout: 20_000 }).toContain('Receipts');
    await expect.poll(() => waiting().count(), { timeout: 10_000 }).toBe(0);
  });

  it('refuses to navigate away or open windows', async () => {
    await page.evaluate("window.open('https://example.org')");
    await page.evaluate("location.href = 'https://example.org'");
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^file:/);
  });
});
