/**
 * Search, in Chromium through the web host against a real Dovecot: `/` focuses the
 * search field, results appear as a word is typed (as a prefix), field terms, state and
 * folder terms narrow them, the server finds (and labels) what the cache has no body for,
 * a body's words become searchable locally once it is cached, mail that
 * arrives later is found without a rebuild (and announced by a notification), and Escape
 * returns to the folder.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const day = (d: number): Date => new Date(Date.UTC(2026, 9, d, 9));

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed('alice', 'INBOX', [
    { from: 'Carol Jones <carol@example.org>', subject: 'Quarterly report draft', body: 'Numbers attached.', date: day(1) },
    { from: 'Dave Smith <dave@example.org>', subject: 'Re: Quarterly report draft', body: 'Looks good.', date: day(2), flags: ['\\Seen'] },
    // Older than the default offline policy (bodies of the last 90 days), so its body is cached
    // only when it is opened.
    { from: 'Carol Jones <carol@example.org>', subject: 'Lunch on Friday', body: 'The ramen place on the corner?', date: new Date(Date.UTC(2025, 0, 3, 9)), flags: ['\\Flagged'] },
    { from: 'Newsletter <news@shop.example>', subject: 'Autumn quarterly sale', body: 'Everything must go.', date: day(4), flags: ['\\Seen'] },
    ...Array.from({ length: 20 }, (_, i) => ({ from: `Sender ${i} <s${i}@example.net>`, subject: `Filler ${i}`, body: `Nothing to see ${i}.`, date: day(5 + (i % 20)) })),
  ]);
  await dovecot.seed('alice', 'Archive', [{ from: 'Carol Jones <carol@example.org>', subject: 'Old quarterly plans', body: 'From last year.', date: day(1) }]);
  tern = await openTernInBrowser((browser) => {
    void browser.grantPermissions(['notifications']);
    // Records the notifications the page shows, and plays a window in the background
    // (Tern announces new mail only while its window is not focused).
    void browser.addInitScript({
      content: `window.shownNotifications = [];
        const Shown = window.Notification;
        window.Notification = class extends Shown {
          constructor(title, options) { super(title, options); window.shownNotifications.push({ title, body: options && options.body }); }
        };
        document.hasFocus = () => false;`,
    });
  });
  page = tern.page;
}, 120_000);

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

const field = () => page.getByRole('searchbox', { name: 'Search mail' });
const results = () => page.getByRole('listbox', { name: 'Search results' });
const resultSubjects = () => results().getByRole('option').evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').split(', ')[1]));

describe('searching the cache', () => {
  it('syncs an account with an Inbox and an Archive', async () => {
    await addImapAccount(page, { name: 'Alice', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages' }).getByRole('option').first().getAttribute('aria-setsize'), { timeout: 60_000 }).toBe('24');
    await expect.poll(() => page.getByRole('treeitem', { name: /^Archive/ }).count(), { timeout: 30_000 }).toBe(1);
  }, 90_000);

  it('focuses the field with / and shows ranked results as a word is typed', async () => {
    await page.getByRole('listbox', { name: 'Messages' }).focus();
    await page.keyboard.press('/');
    await expect.poll(() => page.locator(':focus').getAttribute('aria-label')).toBe('Search mail');
    await page.keyboard.type('quart');
    // Subject matches rank above the rest; ties newest first. The Archive copy is found too.
    await expect.poll(resultSubjects, { timeout: 20_000 }).toEqual([
      'Autumn quarterly sale', 'Re: Quarterly report draft', 'Quarterly report draft', 'Old quarterly plans',
    ]);
    await waitForText(page.getByRole('status', { name: 'Search status' }), /^4 results/);
    // Results come from every folder: each says where it lives, in its name and on screen.
    const archived = results().getByRole('option', { name: /Old quarterly plans/ });
    expect(await archived.getAttribute('aria-label')).toMatch(/, in Archive$/);
    expect(await archived.innerText()).toContain('Archive');
    expect(await results().getByRole('option', { name: /Autumn quarterly sale/ }).getAttribute('aria-label')).toMatch(/, in Inbox$/);
    await page.screenshot({ path: 'test-results/reading-search.png' });
  });

  it('narrows by field, state and folder terms', async () => {
    await field().fill('from:carol quarterly');
    await expect.poll(resultSubjects).toEqual(['Quarterly report draft', 'Old quarterly plans']);
    await field().fill('quarterly is:unread in:inbox');
    await expect.poll(resultSubjects).toEqual(['Quarterly report draft']);
    await field().fill('is:flagged');
    await expect.poll(resultSubjects).toEqual(['Lunch on Friday']);
    await field().fill('quarterly before:2026-10-02');
    await expect.poll(resultSubjects).toEqual(['Quarterly report draft', 'Old quarterly plans']);
    await field().fill('nothing-matches-this');
    await waitForText(page.getByText('No messages match'), /No messages match/);
  });

  it('finds on the server what the cache has no body for, labelled so', async () => {
    await field().fill('ramen');
    const row = results().getByRole('option', { name: /Lunch on Friday/ });
    await expect.poll(() => row.getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/, found on the server$/);
    await waitForText(page.getByRole('status', { name: 'Search status' }), /^1 result, found on the server$/);
    await page.screenshot({ path: 'test-results/reading-search-server.png' });
  });

  it('finds words of a body once it is cached, and opens a result with Enter', async () => {
    await field().fill('lunch');
    await expect.poll(resultSubjects).toEqual(['Lunch on Friday']);
    await results().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await waitForText(page.getByRole('article', { name: 'Message' }).getByLabel('Message body'), /ramen place/);
    await field().fill('ramen');
    await expect.poll(resultSubjects).toEqual(['Lunch on Friday']);
    // Now the cache has it: a local result, no longer marked as the server's alone.
    await expect.poll(() => results().getByRole('option').first().getAttribute('aria-label'), { timeout: 20_000 }).not.toMatch(/found on the server/);
  });

  it('finds mail that arrives after the index was built', async () => {
    await dovecot.seed('alice', 'INBOX', [{ from: 'Zoë Müller <zoe@example.org>', subject: 'Offsite agenda', body: 'See you there.', date: day(28) }]);
    await page.getByRole('button', { name: 'Sync Alice now' }).click();
    await field().fill('zoe offsite');
    await expect.poll(resultSubjects, { timeout: 30_000 }).toEqual(['Offsite agenda']);
    // New mail in the Inbox was announced, and nothing else (the first sync was not news).
    expect(await page.evaluate('window.shownNotifications')).toEqual([{ title: 'Zoë Müller', body: 'Offsite agenda' }]);
  });

  it('returns to the folder with Escape', async () => {
    await field().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => field().inputValue()).toBe('');
    await expect.poll(() => page.getByRole('listbox', { name: 'Messages' }).count()).toBe(1);
  });
});
