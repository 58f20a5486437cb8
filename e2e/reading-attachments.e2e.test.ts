/**
 * A message's parts in the reader, in Chromium through the web host against a real Dovecot:
 * an inline (cid:) image shown from the cache inside the sandboxed frame, attachments listed
 * with type and size and saved byte for byte under a sanitised name, an attached message
 * opened as a message, and "View source" showing the raw message.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
// Every byte value, so a text conversion anywhere on the way would show.
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));

function newsletterWithParts(): string {
  const date = new Date(Date.now() - 3600_000).toUTCString().replace('GMT', '+0000');
  return [
    'From: Carol <carol@example.org>',
    'To: alice@example.org',
    'Subject: Plans with pictures',
    `Date: ${date}`,
    'Message-ID: <plans-with-parts@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<h1>Site plan</h1><p><img alt="logo" src="cid:logo%40example.org"> <img alt="missing" src="cid:nowhere@example.org"></p>',
    '--related',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo@example.org>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    PNG,
    '--related--',
    '--outer',
    'Content-Type: application/octet-stream',
    'Content-Transfer-Encoding: base64',
    // A path and a right-to-left override, as an attacker would name "…exe" to look like "…txt".
    "Content-Disposition: attachment; filename*=UTF-8''..%2F..%2Finvoice%E2%80%AEtxt.exe",
    '',
    BINARY.toString('base64').replace(/.{76}/g, '$&\n'),
    '--outer',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Disposition: attachment; filename="notes.txt"',
    '',
    'Parking is behind the hall.',
    '--outer',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="minutes.eml"',
    '',
    'From: Dave <dave@example.org>',
    'To: carol@example.org',
    'Subject: Minutes of Monday',
    'Date: Mon, 2 Nov 2026 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'We agreed on the north entrance.',
    '--outer--',
    '',
  ].join('\r\n');
}

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [{ raw: newsletterWithParts() }]);
  tern = await openTernInBrowser();
  page = tern.page;
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

const frame = () => page.frameLocator('iframe[title="Message body"]');
const attachments = () => page.getByRole('region', { name: 'Attachments' });

describe('message parts in the reader', () => {
  it('lists the message once the account is added', async () => {
    await addImapAccount(page, { name: 'Home', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages' }).getByRole('option').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('option', { name: /Plans with pictures/ }).click();
  });

  it('shows an inline image from the cache and drops a cid: reference to nothing', async () => {
    await waitForText(frame().getByRole('heading', { level: 1 }), /Site plan/);
    const logo = frame().getByRole('img', { name: 'logo' });
    await expect.poll(() => logo.getAttribute('src')).toBe(`data:image/png;base64,${PNG}`);
    await expect.poll(() => logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    expect(await frame().getByRole('img', { name: 'missing' }).getAttribute('src')).toBeNull();
  });

  it('lists the attachments, not the inline image, with type, size and the name they are saved under', async () => {
    await expect.poll(() => attachments().getByRole('listitem').count()).toBe(3);
    await waitForText(attachments(), /invoicetxt\.exe\s*application\/octet-stream · 4\.0 KB/);
    await waitForText(attachments(), /minutes\.eml\s*message\/rfc822/);
    expect(await attachments().getByText('logo.png').count()).toBe(0);
    await page.screenshot({ path: 'test-results/reading-attachments.png' });
  });

  it('saves an attachment byte for byte under a name without path or direction tricks', async () => {
    const save = attachments().getByRole('button', { name: 'Save invoicetxt.exe' });
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe('invoicetxt.exe');
    expect(Buffer.compare(await readFile(await download.path()), BINARY)).toBe(0);
  });

  it('opens a plain-text attachment in a window of its own, and offers no Open for a binary', async () => {
    const opened = tern.browser.waitForEvent('page', { timeout: 20_000 });
    await attachments().getByRole('button', { name: 'Open notes.txt' }).click();
    const viewer = await opened;
    await viewer.waitForLoadState();
    expect(viewer.url()).toMatch(/^blob:/);
    expect(await viewer.evaluate('document.body.innerText')).toContain('Parking is behind the hall.');
    await viewer.close();
    expect(await attachments().getByRole('button', { name: 'Open invoicetxt.exe' }).count()).toBe(0);
  });

  it('opens an attached message as a message', async () => {
    await attachments().getByRole('button', { name: 'Open minutes.eml' }).click();
    const dialog = page.getByRole('dialog', { name: 'Minutes of Monday' });
    await waitForText(dialog.getByRole('article', { name: 'Attached message' }), /Dave <dave@example\.org>/);
    await waitForText(dialog.getByLabel('Message body'), /We agreed on the north entrance\./);
    await page.screenshot({ path: 'test-results/reading-attached-message.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('shows the raw message with "View source"', async () => {
    await page.getByRole('article', { name: 'Message' }).getByRole('button', { name: 'View source' }).click();
    const source = page.getByRole('dialog', { name: 'Message source' }).getByLabel('Raw message');
    await waitForText(source, /Message-ID: <plans-with-parts@example\.org>[\s\S]*Content-Type: multipart\/related/);
    await page.screenshot({ path: 'test-results/reading-view-source.png' });
    await page.getByRole('dialog', { name: 'Message source' }).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
});
