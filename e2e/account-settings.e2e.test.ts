/**
 * Editing an account after it was added, in Chromium through the web host, by role and
 * label: name, signature and a second identity saved at once and used by the composer;
 * a new outgoing server checked before saving, with its certificate trusted and a wrong
 * password named; a changed incoming port checked with the saved password; and the saved
 * password never sent to a changed host (the engine refuses until it is typed).
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubmissionServer, type SubmissionServer } from '../src-main/engine/autoconfig/discovery-test-kit';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

const TIMEOUT = 120_000;
let dovecot: DovecotServer;
let smtp: SubmissionServer;
let tern: TernInBrowser;
let page: Page;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [{ from: 'Bob <bob@example.org>', subject: 'Hello', body: 'Hi Alice' }]);
  const certPath = join(dovecot.dir, 'tls', 'cert.pem');
  const fingerprint = new X509Certificate(await readFile(certPath)).fingerprint256;
  smtp = await startSubmissionServer({ certPath, keyPath: join(dovecot.dir, 'tls', 'key.pem'), pem: dovecot.caCertPem, fingerprint }, new Map([['alice', 'secret-alice']]));
  tern = await openTernInBrowser();
  page = tern.page;
}, TIMEOUT);

afterAll(async () => {
  await tern?.close();
  await smtp?.close();
  await dovecot?.dispose();
});

const settings = (name: string) => page.getByRole('dialog', { name: `Settings for ${name}` });

async function openSettings(name: string) {
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const dialog = settings(name);
  await expect.poll(() => dialog.count()).toBe(1);
  return dialog;
}

describe('editing an account', () => {
  it('adds the account to edit', async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await waitForText(page.getByRole('status', { name: 'Work status' }), /Online/);
    await page.screenshot({ path: 'test-results/account-header.png' });
  }, TIMEOUT);

  it('saves a name, a signature and a second identity at once, and the composer uses them', async () => {
    const dialog = await openSettings('Work');
    await dialog.getByLabel('Your name').fill('Alice Example');
    await dialog.getByLabel('Signature', { exact: true }).fill('Alice Example\nExample Ltd');
    await dialog.getByRole('button', { name: 'Add an address' }).click();
    await dialog.getByLabel('Identity 2 name').fill('Help desk');
    await dialog.getByLabel('Identity 2 address').fill('help@example.org');
    await dialog.getByLabel('Identity 2 Reply-To').fill('tickets@example.org');
    await dialog.getByLabel('Identity 2 signature').fill('The help desk');
    await dialog.screenshot({ path: 'test-results/account-settings.png' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // Nothing about the servers changed, so none was contacted to check.
    expect(smtp.logins).toEqual([]);

    await page.getByRole('button', { name: 'New message' }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    const from = composer.getByLabel('From');
    await expect.poll(() => from.locator('option').allTextContents()).toEqual(['Alice Example <alice@example.org>', 'Help desk <help@example.org>']);
    const body = composer.getByRole('textbox', { name: 'Message body' });
    await waitForText(body, /Alice Example\s*Example Ltd/);
    // The signature follows the From address.
    await from.selectOption({ label: 'Help desk <help@example.org>' });
    await waitForText(body, /^--\s*The help desk$/);
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => composer.count()).toBe(0);

    const again = await openSettings('Alice Example');
    expect(await again.getByLabel('Identity 2 Reply-To').inputValue()).toBe('tickets@example.org');
    await again.getByRole('button', { name: 'Cancel' }).click();
  }, TIMEOUT);

  it('checks a new outgoing server before saving: its password typed, its certificate trusted, a wrong password named', async () => {
    const dialog = await openSettings('Alice Example');
    await dialog.getByLabel('Outgoing server', { exact: true }).fill('localhost');
    await dialog.getByLabel('Outgoing security').selectOption({ label: 'STARTTLS' });
    await dialog.getByLabel('Outgoing port').fill(String(smtp.port));
    await dialog.getByLabel('Outgoing user name').fill('alice');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The saved password is not sent to a server it was not saved for.
    await waitForText(dialog.getByRole('alert'), /Enter the password for the new outgoing server/);
    expect(smtp.logins).toEqual([]);

    await dialog.getByLabel('New outgoing password').fill('wrong');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const outgoingCheck = dialog.getByRole('region', { name: 'Outgoing server check' });
    await waitForText(outgoingCheck.getByRole('alert'), /Certificate not trusted/, 30_000);
    await outgoingCheck.getByRole('button', { name: 'Trust this certificate (outgoing server)' }).click();
    await waitForText(outgoingCheck.getByRole('alert'), /Wrong user name or password/, 30_000);
    expect(smtp.logins).toEqual([]);

    await dialog.getByLabel('New outgoing password').fill('secret-alice');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    expect(smtp.logins).toEqual(['alice']);
  }, TIMEOUT);

  it('checks a changed incoming port with the saved password, then syncs over it', async () => {
    const dialog = await openSettings('Alice Example');
    await dialog.getByLabel('Incoming security').selectOption({ label: 'TLS' });
    await dialog.getByLabel('Incoming port').fill(String(dovecot.ports.imaps));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await waitForText(page.getByRole('status', { name: 'Alice Example status' }), /Online/, 30_000);
    const saved = await openSettings('Alice Example');
    expect(await saved.getByLabel('Incoming port').inputValue()).toBe(String(dovecot.ports.imaps));
    expect(await saved.getByLabel('Incoming security').inputValue()).toBe('tls');
    await saved.getByRole('button', { name: 'Cancel' }).click();
  }, TIMEOUT);

  it('refuses to send the saved password to a changed incoming host', async () => {
    const dialog = await openSettings('Alice Example');
    await dialog.getByLabel('Incoming server', { exact: true }).fill('localhost');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await waitForText(dialog.getByRole('alert'), /Enter the password for the new incoming server/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  }, TIMEOUT);
});
