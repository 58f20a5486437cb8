/**
 * Reading untrusted mail safely, in Chromium through the web host against a real Dovecot:
 * a hostile newsletter fetches nothing (no tracker, font, stylesheet, preconnect) until the
 * reader allows remote content, runs no script, and its links say where they go and open
 * outside the app. A plain-text reply gets clickable links and its quote folded.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { startRequestLog, type RequestLog } from './harness/request-log';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;
let web: RequestLog;
const requested: string[] = [];
let consoleLines: string[] = [];

function newsletter(subject: string, day: number, origin: string): string {
  return [
    'From: Shop News <news@shop.example>',
    'To: alice@example.org',
    `Subject: ${subject}`,
    `Date: Mon, ${day} Nov 2026 09:00:00 +0000`,
    `Message-ID: <${day}@shop.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><head><style>@import "${origin}/import.css"; body { background: url(${origin}/bg.png) }`,
    `@font-face { font-family: Shop; src: url(${origin}/font.woff) } h1 { font-family: Shop; color: #1b6b4a }</style>`,
    `<link rel="preconnect" href="${origin}/preconnect"><link rel="prefetch" href="${origin}/prefetch"><link rel="stylesheet" href="${origin}/sheet.css">`,
    `<meta http-equiv="refresh" content="0;url=${origin}/refresh"></head><body>`,
    `<h1>${subject}</h1><p>Hello <b>Alice</b>, our new arrivals are in.</p>`,
    `<img src="${origin}/pixel.gif" alt="tracker" width="40" height="40"><img srcset="${origin}/srcset.png 2x" alt="hi-dpi">`,
    `<div style="background-image:url('${origin}/inline-bg.png')">Styled block</div>`,
    `<table background="${origin}/table-bg.png"><tr><td>Cell</td></tr></table>`,
    "<script>console.log('tern-marker-script')</script>",
    `<img src="nowhere" onerror="console.log('tern-marker-onerror')" alt="broken">`,
    `<svg width="10" height="10"><image href="${origin}/svg.png" width="10" height="10"/></svg>`,
    `<p><a href="${origin}/page?from=link">Read online</a> · <a href="javascript:console.log('tern-marker-js')">Unsubscribe</a></p>`,
    `<iframe src="${origin}/nested"></iframe><form action="${origin}/form"><input name="q"></form>`,
    '</body></html>',
  ].join('\n');
}

beforeAll(async () => {
  web = await startRequestLog();
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [
    { raw: newsletter('Spring arrivals', 20, web.origin) },
    { raw: newsletter('Summer sale', 21, web.origin) },
    {
      from: 'Bob Example <bob@example.org>',
      subject: 'Re: Agenda',
      body: 'Agreed, see https://example.org/agenda. Thanks!\n\nOn Monday Alice wrote:\n> Shall we use the usual agenda?\n> It is on the wiki.\n',
      date: new Date(Date.UTC(2026, 10, 22, 9)),
    },
  ]);
  tern = await openTernInBrowser((browser) => browser.on('request', (request) => requested.push(request.url())));
  ({ page, consoleLines } = tern);
});

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
  await web?.close();
});

const frame = () => page.frameLocator('iframe[title="Message body"]');
const banner = () => page.getByRole('region', { name: 'Remote content' });
const fromOutside = () => requested.filter((url) => url.startsWith(web.origin));

describe('reading HTML mail safely', () => {
  it('lists the seeded mail once the account is added', async () => {
    await addImapAccount(page, { name: 'Home', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages' }).getByRole('option').count(), { timeout: 30_000 }).toBe(3);
  });

  it('fetches nothing remote and runs no script while a hostile newsletter is open', async () => {
    await page.getByRole('option', { name: /Spring arrivals/ }).click();
    await waitForText(frame().getByRole('heading', { level: 1 }), /Spring arrivals/);
    await waitForText(banner(), /Remote content in this message is blocked/);
    // Give late fetches (fonts, prefetch, a meta refresh) time to show up if they were going to.
    await page.waitForTimeout(2_000);
    expect(web.paths).toEqual([]);
    expect(fromOutside()).toEqual([]);
    expect(consoleLines.filter((line) => line.includes('tern-marker'))).toEqual([]);
    for (const selector of ['script', '[onerror]', 'form', 'iframe', 'link', 'meta[http-equiv="refresh"]', 'img[src^="http"]', 'img[srcset]']) {
      expect(await frame().locator(selector).count(), selector).toBe(0);
    }
    await page.screenshot({ path: 'test-results/reading-html-blocked.png' });
  });

  it('shows each link’s real target and opens it outside the app, without an opener', async () => {
    const link = frame().getByRole('link', { name: 'Read online' });
    expect(await link.getAttribute('title')).toBe(`${web.origin}/page?from=link`);
    expect(await frame().getByText('Unsubscribe').getAttribute('href')).toBeNull();
    const appUrl = page.url();
    const opened = tern.browser.waitForEvent('page', { timeout: 20_000 });
    await link.click();
    const popup = await opened;
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${web.origin}/page?from=link`);
    // A string, not a function: the e2e tsconfig has no DOM types.
    expect(await popup.evaluate('window.opener === null')).toBe(true);
    await popup.close();
    expect(page.url()).toBe(appUrl);
    expect(consoleLines.filter((line) => line.includes('tern-marker'))).toEqual([]);
  });

  it('loads remote content for one message only when asked', async () => {
    await page.getByRole('button', { name: 'Load remote content for this message' }).click();
    await expect.poll(() => banner().count()).toBe(0);
    // The frame now asks for the tracker, and it arrives: the host's header is the page's own policy.
    await expect.poll(() => frame().locator(`img[src="${web.origin}/pixel.gif"]`).count()).toBe(1);
    await expect.poll(() => web.paths.filter((path) => path === '/pixel.gif').length, { timeout: 10_000 }).toBeGreaterThan(0);

    await page.getByRole('option', { name: /Summer sale/ }).click();
    await waitForText(frame().getByRole('heading', { level: 1 }), /Summer sale/);
    await waitForText(banner(), /blocked/);
    expect(await frame().locator('img[src^="http"]').count()).toBe(0);
  });

  it('remembers "always for this sender" across messages and reloads', async () => {
    await page.getByRole('button', { name: 'Always for news@shop.example' }).click();
    await expect.poll(() => banner().count()).toBe(0);
    await page.reload();
    await page.getByRole('option', { name: /Spring arrivals/ }).click();
    await waitForText(frame().getByRole('heading', { level: 1 }), /Spring arrivals/);
    await expect.poll(() => frame().locator(`img[src="${web.origin}/pixel.gif"]`).count()).toBe(1);
    expect(await banner().count()).toBe(0);
    expect(consoleLines.filter((line) => line.includes('tern-marker'))).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/reading-html-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('reading plain-text mail', () => {
  it('links web addresses and folds the quoted text behind a toggle', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('option', { name: /Re: Agenda/ }).click();
    const body = page.getByRole('article', { name: 'Message' }).getByLabel('Message body');
    const link = body.getByRole('link', { name: 'https://example.org/agenda' });
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await body.textContent()).not.toContain('usual agenda');
    const toggle = body.getByRole('button', { name: 'Show quoted text (2 lines)' });
    await toggle.click();
    await waitForText(body, /Shall we use the usual agenda\?\s+> It is on the wiki\./);
    expect(await body.getByRole('button', { name: 'Hide quoted text' }).getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: 'test-results/reading-text-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
