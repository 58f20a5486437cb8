/**
 * Several messages picked in the list and handled at once, as a person does it: Shift+click
 * for a run, Ctrl+click for single ones, Shift+Down from the keyboard, Escape to let go; then
 * archive by its key, mark read and flag from the toolbar, move with "Move to…", drag them
 * all onto a folder, and flag every search result (four folders) after Ctrl+A; and a whole
 * folder marked read from its menu. Each
 * reaches the server as one operation per folder, read back by another IMAP client.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { serverSubjects } from './harness/server-mailbox';
import { addImapAccount, chooseMarkRead, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

const SUBJECTS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

const list = () => page.getByRole('listbox', { name: 'Messages' });
const row = (subject: string) => list().getByRole('option', { name: new RegExp(`, ${subject}, `) });
const selectedSubjects = async () =>
  (await list().locator('[role="option"][aria-selected="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))).map((label) => label.split(', ')[1]);
const selection = () => page.getByRole('toolbar', { name: 'Actions for the selected messages' });
const onServer = async (folder: string) => (await serverSubjects(dovecot, folder)).map((m) => `${m.subject}${m.flags.length ? ` ${m.flags.join(' ')}` : ''}`);

beforeAll(async () => {
  dovecot = await startDovecot();
  // Newest first in the list: Alpha on top.
  await dovecot.seed('alice', 'INBOX', SUBJECTS.map((subject, i) => ({ subject, from: 'Sam <sam@example.org>', body: `About ${subject}`, date: new Date(Date.UTC(2026, 5, 10 - i)) })));
  await dovecot.createFolder('alice', 'Work');
  tern = await openTernInBrowser();
  page = tern.page;
}, 60_000);

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

describe('several messages at once', { timeout: 60_000 }, () => {
  it('lists the folder', async () => {
    await addImapAccount(page, { name: 'Work', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    // Opening a message leaves it unread here, so what the toolbar marks read is what the test sees.
    await chooseMarkRead(page, 'Only with Mark as read (u)');
    await page.getByRole('treeitem', { name: /^Inbox/ }).click();
    await expect.poll(() => list().getByRole('option').count(), { timeout: 20_000 }).toBe(8);
    expect(await list().getAttribute('aria-multiselectable')).toBe('true');
  });

  it('picks a run with Shift+click and archives it by its key', async () => {
    await row('Alpha').click();
    await row('Charlie').click({ modifiers: ['Shift'] });
    await waitForText(page.getByRole('heading', { level: 2, name: /selected/ }), /^3 messages selected$/);
    expect(await selectedSubjects()).toEqual(['Alpha', 'Bravo', 'Charlie']);
    await page.screenshot({ path: 'test-results/multi-select.png' });
    await page.keyboard.press('e');
    await expect.poll(() => list().getByRole('option').count(), { timeout: 5_000 }).toBe(5);
    await waitForText(page.getByRole('status').filter({ hasText: 'Archived' }), /Archived 3 messages to Archive/);
    await expect.poll(() => onServer('Archive'), { timeout: 20_000 }).toEqual(['Alpha', 'Bravo', 'Charlie']);
  });

  it('picks single messages with Ctrl+click, marks them read and flags them from the toolbar', async () => {
    await row('Delta').click();
    await row('Foxtrot').click({ modifiers: ['Control'] });
    expect(await selectedSubjects()).toEqual(['Delta', 'Foxtrot']);
    await selection().getByRole('button', { name: 'Mark as read' }).click();
    await selection().getByRole('button', { name: 'Flag' }).click();
    await expect.poll(() => onServer('INBOX'), { timeout: 20_000 }).toEqual(['Delta \\Flagged \\Seen', 'Echo', 'Foxtrot \\Flagged \\Seen', 'Golf', 'Hotel']);
    // The toolbar now offers the opposite, for all of them.
    await waitForText(selection().getByRole('button', { name: /Mark as/ }), /Mark as unread/);
    expect(await selection().getByRole('button', { name: 'Flag' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('extends with Shift+Down, lets go with Escape, and moves the pick with Move to…', async () => {
    await row('Echo').click();
    await page.keyboard.press('Shift+ArrowDown');
    expect(await selectedSubjects()).toEqual(['Echo', 'Foxtrot']);
    await page.keyboard.press('Escape');
    await expect.poll(() => selection().count()).toBe(0);
    await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('heading', { level: 2 }), /Echo/);

    // The keyboard is still on Foxtrot: Shift+Up picks it and Echo again.
    await list().focus();
    await page.keyboard.press('Shift+ArrowUp');
    await waitForText(page.getByRole('heading', { level: 2, name: /selected/ }), /^2 messages selected$/);
    await selection().getByRole('button', { name: 'Move to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move message' });
    await dialog.getByLabel('Destination folder').selectOption({ label: 'Work' });
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => onServer('Work'), { timeout: 20_000 }).toEqual(['Echo', 'Foxtrot \\Flagged \\Seen']);
    expect(await onServer('INBOX')).toEqual(['Delta \\Flagged \\Seen', 'Golf', 'Hotel']);
    await expect.poll(() => list().getByRole('option').count(), { timeout: 5_000 }).toBe(3);
  });

  it('moves every picked message when one of them is dragged onto a folder', async () => {
    await row('Golf').click();
    await row('Hotel').click({ modifiers: ['Control'] });
    await row('Hotel').dragTo(page.getByRole('tree').getByRole('treeitem', { name: /^Junk/ }));
    await expect.poll(() => onServer('Junk'), { timeout: 20_000 }).toEqual(['Golf', 'Hotel']);
    expect(await onServer('INBOX')).toEqual(['Delta \\Flagged \\Seen']);
    // The picked messages left the list, and with them the bar that acted on them.
    await expect.poll(() => selection().count(), { timeout: 5_000 }).toBe(0);
  });

  it('picks every search result with Ctrl+A and flags them all, one operation per folder', async () => {
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('from:sam');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await expect.poll(() => results.getByRole('option').count(), { timeout: 20_000 }).toBe(8);
    await results.focus();
    await page.keyboard.press('Control+a');
    await waitForText(page.getByRole('heading', { level: 2, name: /selected/ }), /^8 messages selected$/);
    await page.keyboard.press('s');
    const unflagged = async () =>
      (await Promise.all(['INBOX', 'Archive', 'Work', 'Junk'].map(async (folder) => (await serverSubjects(dovecot, folder)).map((m) => ({ folder, ...m })))))
        .flat()
        .filter((m) => !m.flags.includes('\\Flagged'))
        .map((m) => `${m.folder}: ${m.subject}`);
    await expect.poll(unflagged, { timeout: 20_000 }).toEqual([]);
    // Said once for the four folders' operations.
    await waitForText(page.getByRole('status').filter({ hasText: /^Flagged/ }), /^Flagged 8 messages$/);
    await page.screenshot({ path: 'test-results/multi-select-search.png' });
  });

  it('marks a whole folder read from its menu', async () => {
    await page.getByRole('searchbox', { name: 'Search mail' }).fill('');
    const archive = page.getByRole('tree').getByRole('treeitem', { name: /^Archive/ });
    await archive.click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Archive' }).getByRole('menuitem', { name: 'Mark all as read' }).click();
    await expect.poll(async () => (await serverSubjects(dovecot, 'Archive')).map((m) => m.flags.includes('\\Seen')), { timeout: 20_000 }).toEqual([true, true, true]);
    await expect.poll(() => archive.getAttribute('aria-label'), { timeout: 5_000 }).not.toMatch(/unread/);
  });
});
