/**
 * The first slice in the real Electron app (Playwright's _electron): the same flow as the
 * web-host spec, plus the window's lockdown. It needs the Electron binary; where the
 * binary could not be downloaded, the suite is skipped and says so plainly.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { findElectronBinary } from './harness/electron-binary';
import { addImapAccount, waitForText } from './harness/ui';

const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.log('SKIPPED: the Electron e2e spec — no Electron binary in node_modules/electron (see README, "Electron binary").');
}

describe.skipIf(!electronBinary)('first slice in the Electron app', () => {
  let dovecot: DovecotServer;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.seed('alice', 'INBOX', [{ from: 'Dave <dave@example.org>', subject: 'Tickets for Saturday', body: 'I have two tickets.' }]);
    const profile = await mkdtemp(join(tmpdir(), 'tern-electron-'));
    app = await _electron.launch({ executablePath: electronBinary!, args: ['.', '--profile', profile] });
    page = await app.firstWindow();
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

  it('refuses to navigate away or open windows', async () => {
    await page.evaluate("window.open('https://example.org')");
    await page.evaluate("location.href = 'https://example.org'");
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^file:/);
  });
});
