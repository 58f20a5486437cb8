/**
 * Two Tern instances ("machines" A and B: each its own web host, profile and Chromium
 * profile) on the same Dovecot account. What A does through its message actions (flag,
 * read, archive, delete, by toolbar and by shortcut) reaches the server and shows on B
 * while B stays online; an action A takes while the server is down is kept, shown as
 * waiting, and reaches the server once it is back. Both run the engine's default timing:
 * B notices INBOX changes through IDLE, and folders created, renamed or deleted on A through
 * its folder-list poll.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMachine, type Machine } from './harness/machine';
import { serverFolders as serverFoldersOf, serverSubjects as serverSubjectsOf } from './harness/server-mailbox';
import { addImapAccount, chooseMarkRead, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

const SUBJECTS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
/** The bound for a change made on A to show on B while B is online. */
const ACROSS_MS = 5_000;
/**
 * Folder-list changes reach B by polling (FOLDER_LIST_POLL_MS, 4 s) and then a sync pass;
 * the 5 s bound is for arriving mail. A wider bound here keeps a loaded machine from
 * failing a test whose point is that B follows at all, live and without a restart. Folder
 * operations reaching the server from A get it too: one that meets a passing failure is
 * sent again after the engine's backoff (2 s, doubling).
 */
const FOLDERS_ACROSS_MS = 15_000;

let dovecot: DovecotServer;
let a: Machine;
let b: Machine;

const list = (page: Page) => page.getByRole('listbox', { name: 'Messages' });
const row = (page: Page, subject: string) => list(page).getByRole('option', { name: new RegExp(`, ${subject}, `) });
/** The row's accessible name, or '<absent>'; read in one step, so a row leaving the list cannot stall it. */
async function rowLabel(page: Page, subject: string): Promise<string> {
  const labels = await list(page)
    .getByRole('option')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  return labels.find((label) => label.includes(`, ${subject}, `)) ?? '<absent>';
}
/** Runs a check of what reached the server; when it fails, says what A's window showed (status lines, sync issues). */
async function onServer(check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const shown = await a.page.getByRole('status').allInnerTexts();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nMachine A showed: ${shown.join(' | ')}`, { cause: error });
  }
}
/** How long a change may take to show in the window that made it (the cache is written at once). */
const LOCAL = { timeout: 5_000 };

const treeItem = (page: Page, name: string) => page.getByRole('tree').getByRole('treeitem', { name, exact: true });

const serverFolders = () => serverFoldersOf(dovecot);
const serverSubjects = (folder: string) => serverSubjectsOf(dovecot, folder);

async function open(page: Page, subject: string): Promise<void> {
  await row(page, subject).click();
  await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('heading', { level: 2 }), new RegExp(subject));
}

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.seed(
    'alice',
    'INBOX',
    SUBJECTS.map((subject, i) => ({ subject, from: 'Sam <sam@example.org>', body: `About ${subject}`, messageId: `<${subject.toLowerCase()}@tern.test>`, date: new Date(Date.UTC(2026, 5, 1 + i)) })),
  );
  [a, b] = await Promise.all([openMachine(), openMachine()]);
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await dovecot?.dispose();
});

describe('changes made on one machine', { timeout: 60_000 }, () => {
  it('shows the same Inbox on both machines', async () => {
    for (const [machine, name] of [[a, 'Machine A'], [b, 'Machine B']] as const) {
      await addImapAccount(machine.page, { name, email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
      await expect.poll(() => list(machine.page).getByRole('option').count(), { timeout: 30_000 }).toBe(SUBJECTS.length);
    }
  });

  it('marks a message read as it opens and flags it with s; the server and machine B follow', async () => {
    await open(a.page, 'Alpha');
    await expect.poll(() => rowLabel(a.page, 'Alpha'), LOCAL).not.toMatch(/unread/);
    expect(await a.page.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Mark as unread' }).count()).toBe(1);
    await a.page.keyboard.press('s');
    await expect.poll(() => rowLabel(a.page, 'Alpha'), LOCAL).toMatch(/flagged/);
    await expect.poll(() => serverSubjects('INBOX'), { timeout: ACROSS_MS }).toContainEqual({ subject: 'Alpha', flags: ['\\Flagged', '\\Seen'] });
    // Read (no "unread" marker) and flagged.
    await expect.poll(() => rowLabel(b.page, 'Alpha'), { timeout: ACROSS_MS }).toBe('Sam, Alpha, Jun 1, 2026, flagged');
    await a.page.screenshot({ path: 'test-results/sync-across-machines-a.png' });
  });

  it('marks unread again with u, and the message stays unread while it is open', async () => {
    await a.page.keyboard.press('u');
    await expect.poll(() => serverSubjects('INBOX'), { timeout: ACROSS_MS }).toContainEqual({ subject: 'Alpha', flags: ['\\Flagged'] });
    await expect.poll(() => rowLabel(b.page, 'Alpha'), { timeout: ACROSS_MS }).toMatch(/unread/);
    expect(await rowLabel(a.page, 'Alpha')).toMatch(/unread/);
  });

  it('leaves an opened message unread, or marks it read after 3 s, as Settings say', async () => {
    await chooseMarkRead(a.page, 'Only with Mark as read (u)', 'test-results/settings-reading.png');
    await open(a.page, 'Bravo');
    // Long enough for a mark-as-read to reach the cache and the server, were one made.
    await a.page.waitForTimeout(1_500);
    expect(await rowLabel(a.page, 'Bravo')).toMatch(/unread/);
    expect(await serverSubjects('INBOX')).toContainEqual({ subject: 'Bravo', flags: [] });

    await chooseMarkRead(a.page, 'After it has been open 3 seconds');
    await open(a.page, 'Charlie');
    const openedAt = Date.now();
    await expect.poll(() => rowLabel(a.page, 'Charlie'), { timeout: 10_000 }).not.toMatch(/unread/);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(2_500);
    await chooseMarkRead(a.page, 'When it is opened');
  });

  it('archives with e and deletes with #: moved on the server, gone from B’s Inbox', async () => {
    await open(a.page, 'Bravo');
    await a.page.keyboard.press('e');
    await expect.poll(() => rowLabel(a.page, 'Bravo'), LOCAL).toBe('<absent>');
    await open(a.page, 'Charlie');
    await a.page.keyboard.press('#');
    await expect.poll(() => rowLabel(a.page, 'Charlie'), LOCAL).toBe('<absent>');
    await expect.poll(async () => (await serverSubjects('Archive')).map((m) => m.subject), { timeout: ACROSS_MS }).toEqual(['Bravo']);
    await expect.poll(async () => (await serverSubjects('Trash')).map((m) => m.subject), { timeout: ACROSS_MS }).toEqual(['Charlie']);
    await expect.poll(() => list(b.page).getByRole('option').count(), { timeout: ACROSS_MS }).toBe(SUBJECTS.length - 2);
    expect(await rowLabel(b.page, 'Bravo')).toBe('<absent>');
    expect(await rowLabel(b.page, 'Charlie')).toBe('<absent>');
    expect((await serverSubjects('INBOX')).map((m) => m.subject)).toEqual(['Alpha', 'Delta', 'Echo']);
  });

  it('moves through the Move to… dialog', async () => {
    await open(a.page, 'Delta');
    await a.page.getByRole('button', { name: 'Move to…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Move message' });
    await dialog.getByLabel('Destination folder').selectOption('Junk');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect.poll(async () => (await serverSubjects('Junk')).map((m) => m.subject), { timeout: ACROSS_MS }).toEqual(['Delta']);
    await expect.poll(() => rowLabel(b.page, 'Delta'), { timeout: ACROSS_MS }).toBe('<absent>');
  });

  it('copies through the Copy to… dialog, keeping the original', async () => {
    await open(a.page, 'Alpha');
    await a.page.getByRole('button', { name: 'Copy to…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Copy message' });
    await dialog.getByLabel('Destination folder').selectOption('Drafts');
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(async () => (await serverSubjects('Drafts')).map((m) => m.subject), { timeout: ACROSS_MS }).toEqual(['Alpha']);
    expect((await serverSubjects('INBOX')).map((m) => m.subject)).toContain('Alpha');
    // The copy is filed in A's cache under the UID the server gave it.
    await a.page.getByRole('tree').getByRole('treeitem', { name: /^Drafts/ }).click();
    await expect.poll(() => rowLabel(a.page, 'Alpha'), LOCAL).toMatch(/^Sam, Alpha, /);
    await a.page.getByRole('tree').getByRole('treeitem', { name: /^Inbox/ }).click();
  });

  it('keeps an action taken while the server is down, says it waits, and sends it on reconnect', { timeout: 150_000 }, async () => {
    await dovecot.stop();
    // Dovecot ends open sessions up to 10 s after it stops.
    await waitForText(a.page.getByRole('status', { name: 'Machine A status' }), /^Offline/, 30_000);
    await open(a.page, 'Echo');
    await a.page.keyboard.press('e');
    await expect.poll(() => rowLabel(a.page, 'Echo'), LOCAL).toBe('<absent>');
    // The archive, and the mark as read if the key came more than half a second after opening.
    await waitForText(a.page.getByRole('status').filter({ hasText: 'waiting for the server' }), /(1 change|2 changes) waiting for the server/);
    await a.page.screenshot({ path: 'test-results/sync-across-machines-waiting.png' });
    await dovecot.start();
    // The reconnect waits out the engine's backoff (2 s, doubling) first.
    await expect.poll(async () => (await serverSubjects('Archive')).map((m) => m.subject), { timeout: 60_000, interval: 1_000 }).toEqual(['Bravo', 'Echo']);
    await expect.poll(() => a.page.getByText('waiting for the server').count(), { timeout: 10_000 }).toBe(0);
    expect((await serverSubjects('INBOX')).map((m) => m.subject)).toEqual(['Alpha']);
    await expect.poll(() => list(b.page).getByRole('option').count(), { timeout: 60_000 }).toBe(1);
  });
});

describe('folders managed on one machine', { timeout: 90_000 }, () => {
  it('creates, renames and moves folders on the server; B shows them live and at its next start', async () => {
    const page = a.page;
    await page.getByRole('button', { name: 'New folder…' }).click();
    let dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill('Projects');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => treeItem(page, 'Projects').count(), LOCAL).toBe(1);
    await onServer(() => expect.poll(serverFolders, { timeout: FOLDERS_ACROSS_MS }).toContain('Projects'));
    // B, online meanwhile, notices the new folder by its folder-list poll (change-watch.ts).
    await expect.poll(() => treeItem(b.page, 'Projects').count(), { timeout: FOLDERS_ACROSS_MS }).toBe(1);

    await treeItem(page, 'Projects').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Projects' }).getByRole('menuitem', { name: 'Rename…' }).click();
    dialog = page.getByRole('dialog', { name: 'Rename Projects' });
    await dialog.getByLabel('Folder name').fill('Clients');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await onServer(() => expect.poll(serverFolders, { timeout: FOLDERS_ACROSS_MS }).toContain('Clients'));
    expect(await serverFolders()).not.toContain('Projects');
    await expect.poll(async () => [await treeItem(b.page, 'Clients').count(), await treeItem(b.page, 'Projects').count()], { timeout: FOLDERS_ACROSS_MS }).toEqual([1, 0]);

    await page.getByRole('button', { name: 'New folder…' }).click();
    dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill('Old');
    await dialog.getByRole('button', { name: 'Create' }).click();
    // From the keyboard this time: focus the folder, Shift+F10 opens its menu.
    await treeItem(page, 'Old').focus();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu', { name: 'Folder actions for Old' }).getByRole('menuitem', { name: 'Move to…' }).click();
    dialog = page.getByRole('dialog', { name: 'Move Old' });
    await dialog.getByLabel('New parent folder').selectOption('Clients');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await onServer(() => expect.poll(serverFolders, { timeout: FOLDERS_ACROSS_MS }).toContain('Clients/Old'));
    await page.screenshot({ path: 'test-results/sync-across-machines-folders.png' });

    await b.restart();
    // B opens on its cached tree; if it had not yet seen the move before it stopped, Old
    // stands at the top level until the LIST of its start-up sync re-files it.
    const levelOf = async (name: string) => ((await treeItem(b.page, name).count()) === 1 ? treeItem(b.page, name).getAttribute('aria-level', { timeout: 1_000 }) : null);
    const bTree = async () => [await levelOf('Clients'), await levelOf('Old'), await treeItem(b.page, 'Projects').count()];
    await expect.poll(bTree, { timeout: 30_000 }).toEqual(['1', '2', 0]);
  });

  it('will not delete or rename a special-use folder, and deletes others after confirmation', async () => {
    const page = a.page;
    await page.getByRole('tree').getByRole('treeitem', { name: /^Trash/ }).click({ button: 'right' });
    const trashMenu = page.getByRole('menu', { name: 'Folder actions for Trash' });
    expect(await trashMenu.getByRole('menuitem', { name: 'Delete…' }).getAttribute('aria-disabled')).toBe('true');
    expect(await trashMenu.getByRole('menuitem', { name: 'Rename…' }).getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => trashMenu.count(), LOCAL).toBe(0);

    await treeItem(page, 'Clients').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Folder actions for Clients' }).getByRole('menuitem', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete Clients?' }).getByRole('button', { name: 'Delete folder' }).click();
    await onServer(() => expect.poll(async () => (await serverFolders()).filter((f) => f.startsWith('Clients')), { timeout: FOLDERS_ACROSS_MS }).toEqual([]));
    expect(await serverFolders()).toContain('Trash');
    await expect.poll(() => treeItem(b.page, 'Clients').count(), { timeout: FOLDERS_ACROSS_MS }).toBe(0);

    await b.restart();
    await expect.poll(() => treeItem(b.page, 'Clients').count(), { timeout: 30_000 }).toBe(0);
  });

  it('moves a message and a folder by drag and drop', async () => {
    const page = a.page;
    await row(page, 'Alpha').dragTo(page.getByRole('tree').getByRole('treeitem', { name: /^Junk/ }));
    await expect.poll(async () => (await serverSubjects('Junk')).map((m) => m.subject), { timeout: ACROSS_MS }).toEqual(['Alpha', 'Delta']);
    await expect.poll(() => rowLabel(b.page, 'Alpha'), { timeout: ACROSS_MS }).toBe('<absent>');

    await page.getByRole('button', { name: 'New folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill('Drop');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await onServer(() => expect.poll(serverFolders, { timeout: FOLDERS_ACROSS_MS }).toContain('Drop'));
    await treeItem(page, 'Drop').dragTo(page.getByRole('tree').getByRole('treeitem', { name: /^Archive/ }));
    await onServer(() => expect.poll(serverFolders, { timeout: FOLDERS_ACROSS_MS }).toContain('Archive/Drop'));
    expect(await serverFolders()).not.toContain('Drop');
  });
});
