/**
 * Sorting, filters, conversations and the unified inbox, in Chromium through the web host
 * against a real Dovecot: messages sort by sender and subject, the flagged filter shows
 * only flagged mail, conversation view groups a reply chain (In-Reply-To) and a reply that
 * lost its headers (same subject) into threads the keyboard expands and opens, and "All
 * inboxes" lists two accounts' Inboxes together.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';

let dovecot: DovecotServer;
let tern: TernInBrowser;
let page: Page;

function mail(id: string, from: string, subject: string, day: number, inReplyTo?: string): { raw: string; flags?: ['\\Flagged'] } {
  return {
    raw: [
      `From: ${from}`,
      'To: alice@example.org',
      `Subject: ${subject}`,
      `Date: ${day} Nov 2026 09:00:00 +0000`,
      `Message-ID: <${id}@example.org>`,
      ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}@example.org>`] : []),
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Text of ${id}.`,
    ].join('\n'),
  };
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ name: 'alice', password: 'secret-alice' }, { name: 'bob', password: 'secret-bob' }] });
  await dovecot.seed('alice', 'INBOX', [
    mail('trip1', 'Carol Jones <carol@example.org>', 'Trip planning', 2),
    mail('trip2', 'Alice <alice@example.org>', 'Re: Trip planning', 3, 'trip1'),
    mail('trip3', 'Carol Jones <carol@example.org>', 'Re: Trip planning', 5, 'trip2'),
    mail('budget1', 'Dave Smith <dave@example.org>', 'Budget 2027', 4),
    // A reply whose client dropped In-Reply-To: grouped by its subject.
    mail('budget2', 'Erin Park <erin@example.org>', 'RE: Budget 2027', 6),
    { ...mail('welcome', 'Bea Admin <bea@example.org>', 'Welcome aboard', 1), flags: ['\\Flagged'] },
  ]);
  await dovecot.seed('bob', 'INBOX', [mail('bob1', 'Frank <frank@example.org>', 'Hello Bob', 7)]);
  tern = await openTernInBrowser();
  page = tern.page;
}, 120_000);

afterAll(async () => {
  await tern?.close();
  await dovecot?.dispose();
});

const list = () => page.getByRole('listbox', { name: 'Messages' });
const optionNames = () => list().getByRole('option').evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').split(',').slice(0, 2).join(',')));

describe('sorting and filters', () => {
  it('lists newest first, then by sender and by subject', async () => {
    await addImapAccount(page, { name: 'Alice', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    await expect.poll(() => list().getByRole('option').count(), { timeout: 60_000 }).toBe(6);
    expect((await optionNames())[0]).toBe('Erin Park, RE: Budget 2027');

    await page.getByLabel('Sort by').selectOption({ label: 'Sender' });
    await expect.poll(optionNames).toEqual([
      'Alice, Re: Trip planning',
      'Bea Admin, Welcome aboard',
      'Carol Jones, Trip planning',
      'Carol Jones, Re: Trip planning',
      'Dave Smith, Budget 2027',
      'Erin Park, RE: Budget 2027',
    ]);
    await page.getByLabel('Sort by').selectOption({ label: 'Subject' });
    await expect.poll(async () => (await optionNames()).map((name) => name.split(', ')[1])).toEqual([
      'Budget 2027', 'RE: Budget 2027', 'Trip planning', 'Re: Trip planning', 'Re: Trip planning', 'Welcome aboard',
    ]);
    await page.screenshot({ path: 'test-results/reading-sorted-by-subject.png' });
    await page.getByLabel('Sort by').selectOption({ label: 'Date' });
  }, 90_000);

  it('shows only flagged messages, marked as such, and all of them again', async () => {
    await page.getByLabel('Show').selectOption({ label: 'Flagged' });
    await expect.poll(() => list().getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))).toEqual([
      expect.stringMatching(/^Bea Admin, Welcome aboard, .+, unread, flagged$/),
    ]);
    await page.getByLabel('Show').selectOption({ label: 'Unread' });
    await expect.poll(() => list().getByRole('option').count()).toBe(6);
    await page.getByLabel('Show').selectOption({ label: 'All messages' });
    await expect.poll(() => list().getByRole('option').count()).toBe(6);
  });
});

describe('conversation view', () => {
  const tree = () => page.getByRole('tree', { name: 'Conversations' });
  const threads = () => tree().locator('[role="treeitem"][aria-level="1"]');

  it('groups replies by In-Reply-To and by subject, newest activity first', async () => {
    await page.getByRole('button', { name: 'Conversations' }).click();
    await expect.poll(() => threads().count()).toBe(3);
    const names = await threads().evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
    expect(names[0]).toMatch(/^Erin Park, Budget 2027, .+, 2 messages, 2 unread$/);
    expect(names[1]).toMatch(/^Carol Jones, Trip planning, .+, 3 messages, 3 unread$/);
    expect(names[2]).toMatch(/^Bea Admin, Welcome aboard, .+, unread, flagged$/);
  });

  it('expands a thread from the keyboard and opens its messages', async () => {
    await tree().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowRight');
    const trip = threads().nth(1);
    await expect.poll(() => trip.getAttribute('aria-expanded')).toBe('true');
    const replies = tree().locator('[role="treeitem"][aria-level="2"]');
    await expect.poll(() => replies.evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').split(',')[0]))).toEqual([
      'Carol Jones', 'Alice', 'Carol Jones',
    ]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const reader = page.getByRole('article', { name: 'Message' });
    await waitForText(reader.getByLabel('Message body'), /Text of trip2\./);
    await page.screenshot({ path: 'test-results/reading-conversations.png' });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => trip.getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('button', { name: 'Conversations' }).click();
    await expect.poll(() => list().getByRole('option').count()).toBe(6);
  });
});

describe('the unified inbox', () => {
  it('lists every account’s Inbox together under “All inboxes”', async () => {
    await addImapAccount(page, { name: 'Bob', email: 'bob@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'bob', password: 'secret-bob' });
    const all = page.getByRole('tree', { name: 'All accounts' }).getByRole('treeitem');
    await expect.poll(() => page.getByRole('tree', { name: 'Bob' }).getByRole('treeitem', { name: 'Inbox, 1 unread' }).count(), { timeout: 60_000 }).toBe(1);
    // Alice's unread count may have dropped when a message was opened; the sum must hold.
    const aliceUnread = Number(/(\d+) unread/.exec((await page.getByRole('tree', { name: 'Alice' }).getByRole('treeitem', { name: /^Inbox/ }).getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    await expect.poll(() => all.getAttribute('aria-label')).toBe(`All inboxes, ${aliceUnread + 1} unread`);
    await all.click();
    await waitForText(page.locator('.pane-title-folder'), /All inboxes/);
    // No one account is in view, yet new mail can be written (from the first account).
    expect(await page.getByRole('button', { name: 'New message' }).isDisabled()).toBe(false);
    await expect.poll(optionNames, { timeout: 30_000 }).toEqual([
      'Frank, Hello Bob',
      'Erin Park, RE: Budget 2027',
      'Carol Jones, Re: Trip planning',
      'Dave Smith, Budget 2027',
      'Alice, Re: Trip planning',
      'Carol Jones, Trip planning',
      'Bea Admin, Welcome aboard',
    ]);
    // Two accounts' mail mixed: each row names its account.
    expect(await list().getByRole('option', { name: /^Frank, Hello Bob/ }).getAttribute('aria-label')).toMatch(/, in Bob$/);
    expect(await list().getByRole('option', { name: /^Bea Admin, Welcome aboard/ }).getAttribute('aria-label')).toMatch(/, in Alice$/);
    await list().getByRole('option', { name: /^Frank, Hello Bob/ }).click();
    await waitForText(page.getByRole('article', { name: 'Message' }).getByLabel('Message body'), /Text of bob1\./);
    await page.screenshot({ path: 'test-results/reading-unified-inbox.png' });
  }, 90_000);
});
