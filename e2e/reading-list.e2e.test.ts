/**
 * The message list at scale, in Chromium through the web host against a real Dovecot: a
 * 5,000-message folder is listed newest first, scrolls to its oldest message, and keeps
 * only a window of rows in the DOM; the keyboard moves through it and opens a message.
 * The window's shortcuts, density toggle and keyboard-resizable panes work on top of it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { freePort } from './servers/free-port';
import { launchBrowser } from './harness/browser';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { addImapAccount, waitForText } from './harness/ui';

const size = 5_000;
let dovecot: DovecotServer;
let host: WebHostProcess;
let browser: BrowserContext;
let page: Page;

const number = (i: number): string => String(i).padStart(4, '0');
const list = () => page.getByRole('listbox', { name: 'Messages' });

beforeAll(async () => {
  dovecot = await startDovecot();
  const start = Date.UTC(2026, 0, 1);
  await dovecot.seed(
    'alice',
    'INBOX',
    Array.from({ length: size }, (_, i) => ({
      from: `Sender ${i % 40} <sender${i % 40}@example.org>`,
      subject: `Message ${number(i)}`,
      body: `Body of message ${i}`,
      date: new Date(start + i * 60_000),
      flags: i % 3 === 0 ? (i % 9 === 0 ? ['\\Seen' as const, '\\Flagged' as const] : ['\\Seen' as const]) : [],
    })),
  );
  host = await startWebHostProcess({ port: await freePort(), profileDir: await mkdtemp(join(tmpdir(), 'tern-e2e-profile-')) });
  browser = await launchBrowser(await mkdtemp(join(tmpdir(), 'tern-e2e-chromium-')));
  page = await browser.newPage();
  await page.goto(host.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await dovecot?.dispose();
});

const renderedRows = () => list().getByRole('option').count();

describe('a 5,000-message folder', () => {
  it('lists the newest first, with the whole folder’s size, rendering only a window of rows', async () => {
    await addImapAccount(page, { name: 'Big', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await expect.poll(() => list().getByRole('option').first().getAttribute('aria-setsize'), { timeout: 180_000, interval: 1_000 }).toBe(String(size));
    await waitForText(list().getByRole('option').first(), /Message 4999/);
    expect(await list().getByRole('option').first().getAttribute('aria-label')).toMatch(/^Sender 39, Message 4999, .+, unread$/);
    expect(await renderedRows()).toBeLessThan(60);
    expect(await list().getByRole('option', { name: /Message 4995, .+, flagged$/ }).count()).toBe(1);
    await page.screenshot({ path: 'test-results/reading-list-top.png' });
  }, 240_000);

  it('scrolls to the oldest message with the DOM still holding only a window', async () => {
    await list().evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect.poll(() => list().getByRole('option', { name: /Message 0000/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await list().getByRole('option', { name: /Message 0000/ }).getAttribute('aria-posinset')).toBe(String(size));
    expect(await renderedRows()).toBeLessThan(60);
    await list().evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
    await expect.poll(() => list().getByRole('option', { name: /Message 25\d\d/ }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await renderedRows()).toBeLessThan(60);
  });

  it('moves with Home, j, k and End, and opens the active message with Enter', async () => {
    const active = async () => {
      const id = await list().getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"]`).getAttribute('aria-label') : null;
    };
    await list().focus();
    await page.keyboard.press('Home');
    await expect.poll(active).toMatch(/Message 4999/);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect.poll(active).toMatch(/Message 4998/);
    await page.keyboard.press('Enter');
    const reader = page.getByRole('article', { name: 'Message' });
    await waitForText(reader.getByRole('heading', { level: 2 }), /Message 4998/);
    await waitForText(reader.getByLabel('Message body'), /Body of message 4998/);
    await page.keyboard.press('End');
    await expect.poll(active, { timeout: 20_000 }).toMatch(/Message 0000/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/reading-list-bottom-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('the unread filter', () => {
  it('lists only the unread messages, newest first, and back', async () => {
    const filter = page.getByLabel('Show');
    await filter.selectOption({ label: 'Unread' });
    // Every third message was seeded as read.
    await expect.poll(() => list().getByRole('option').first().getAttribute('aria-setsize')).toBe('3333');
    const names = await list().getByRole('option').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    expect(names[0]).toMatch(/Message 4999/);
    expect(names[1]).toMatch(/Message 4997/);
    expect(names.every((name) => /, unread/.test(name))).toBe(true);
    await filter.selectOption({ label: 'All messages' });
    await expect.poll(() => list().getByRole('option').first().getAttribute('aria-setsize')).toBe(String(size));
  });
});

describe('keyboard shortcuts and layout', () => {
  it('shows the shortcuts with ?, closes them with Escape, and closes the message with Escape', async () => {
    await list().focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await waitForText(help, /g then i.*Go to Inbox/);
    await page.screenshot({ path: 'test-results/reading-shortcuts.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => page.getByRole('article', { name: 'Message' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('article', { name: 'Message' }).count()).toBe(0);
  });

  it('goes back to the Inbox with g then i', async () => {
    await page.getByRole('treeitem', { name: 'Drafts' }).click();
    await waitForText(page.locator('.pane-title-folder'), /Drafts/);
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await waitForText(page.locator('.pane-title-folder'), /Inbox/);
    await waitForText(list().getByRole('option').first(), /Message 4999/);
  });

  it('keeps a key pressed at once after choosing a message, even on a slow machine', async () => {
    // A renderer slowed twentyfold: the message's actions are still reading it from the
    // cache when the key comes.
    const devtools = await browser.newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    const row = list().getByRole('option').nth(1);
    await row.click();
    await page.keyboard.press('s');
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect.poll(() => row.getAttribute('aria-label')).toMatch(/flagged/);
    await page.keyboard.press('s');
    await expect.poll(() => row.getAttribute('aria-label')).not.toMatch(/flagged/);
  });

  it('switches to a compact list and resizes the panes from the keyboard', async () => {
    const rowsBefore = await renderedRows();
    const toggle = page.getByRole('button', { name: 'Compact list' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(renderedRows).toBeGreaterThan(rowsBefore);
    expect(await renderedRows()).toBeLessThan(80);

    const separator = page.getByRole('separator', { name: 'Resize message list' });
    const before = Number(await separator.getAttribute('aria-valuenow'));
    const listBox = async () => (await page.locator('.list-pane').boundingBox())?.width ?? 0;
    const widthBefore = await listBox();
    await separator.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(Number(await separator.getAttribute('aria-valuenow'))).toBe(before + 80);
    expect(await listBox()).toBeCloseTo(widthBefore + 80, 0);
    await page.keyboard.press('Home');
    expect(await separator.getAttribute('aria-valuenow')).toBe(await separator.getAttribute('aria-valuemin'));
    await page.keyboard.press('End');
    await page.screenshot({ path: 'test-results/reading-compact.png' });
  });
});

