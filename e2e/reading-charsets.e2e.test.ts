/**
 * Mail in other charsets and damaged mail, read in Chromium through the web host against a
 * real Dovecot (issue #6): RFC 2047 subjects and bodies in KOI8-R, ISO-2022-JP, Big5 and
 * Windows-1250 show as written, in the list and in the reader; a message whose MIME is
 * broken still shows its words, with a notice saying so.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

// Charset, encoded subject, base64 body in that charset, and what both must read as.
const fixtures = [
  ['KOI8-R', '=?KOI8-R?B?79Teo9Qg2sEgzsXExczA?=', '99OjIMfP1M/XzyDLINDR1M7Jw8Uu', 'Отчёт за неделю', 'Всё готово к пятнице.'],
  ['ISO-2022-JP', '=?ISO-2022-JP?B?GyRCMnE1RCRON28bKEI=?=', 'GyRCTEBGfCROMnE1RCRPPT07fiQrJGkkRyQ5ISMbKEI=', '会議の件', '明日の会議は十時からです。'],
  ['Big5', '=?Big5?B?t3zEs7Nxqr4=?=', 'vdC3x67JpViudaFD', '會議通知', '請準時出席。'],
  ['windows-1250', '=?windows-1250?B?UPjtbGmaIJ5sdZ1vdehr/SBr+fI=?=', '+nDsbCDv4WJlbHNr6SDzZHk=', 'Příliš žluťoučký kůň', 'úpěl ďábelské ódy'],
] as const;

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const day = (n: number) => `Mon, ${n} Nov 2026 09:00:00 +0000`;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [
    ...fixtures.map(([charset, subject, body], i) => ({
      raw: [`From: Sender ${i} <s${i}@example.org>`, 'To: alice@example.org', `Subject: ${subject}`, `Date: ${day(10 + i)}`, 'MIME-Version: 1.0', `Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: base64', '', body, ''].join('\r\n'),
    })),
    {
      raw: ['From: Broken <b@example.org>', 'To: alice@example.org', 'Subject: Damaged message', `Date: ${day(20)}`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed', '', 'The words are still here.', ''].join('\r\n'),
    },
  ]);
  tern = await openTernInBrowser();
  page = tern.page;
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

describe('charsets and damaged mail', () => {
  it('lists every subject as written', async () => {
    await addImapAccount(page, { name: 'Home', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    const list = page.getByRole('listbox', { name: 'Messages' });
    await expect.poll(() => list.getByRole('option').count(), { timeout: 30_000 }).toBe(fixtures.length + 1);
    for (const [, , , subject] of fixtures) expect(await list.getByRole('option', { name: new RegExp(subject) }).count()).toBe(1);
  });

  it.each(fixtures.map(([charset, , , subject, body]) => [charset, subject, body]))('reads the %s message', async (_charset, subject, body) => {
    await page.getByRole('option', { name: new RegExp(subject) }).click();
    const reader = page.getByRole('article', { name: 'Message' });
    await waitForText(reader.getByRole('heading', { level: 2 }), new RegExp(subject));
    await waitForText(reader.getByLabel('Message body'), new RegExp(body));
  });

  it('shows what a damaged message holds, with a notice', async () => {
    await page.getByRole('option', { name: /Damaged message/ }).click();
    const reader = page.getByRole('article', { name: 'Message' });
    await waitForText(reader.getByLabel('Message body'), /The words are still here\./);
    await waitForText(reader.getByRole('note'), /damaged/i);
    await page.screenshot({ path: 'test-results/reading-damaged.png' });
  });
});
