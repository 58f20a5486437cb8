/**
 * Both machines offline, conflicting changes on each, both reconnect: the server and the
 * two caches converge to the same state, with no message lost or duplicated (docs/sync.md,
 * "Conflicts"). A archives a message that B deletes; both flag or read the same message;
 * each makes changes the other does not. A is back first and replays its queue; B is
 * switched on later and replays its own, so B's move of the message A archived is the later
 * one and becomes B's sync issue. (Two moves of one message in the very same instant from
 * two sessions are a race inside the server; docs/sync.md says what Tern can and cannot
 * promise there.)
 */
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMachine, type Machine } from './harness/machine';
import { addImapAccount, chooseMarkRead, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

const SUBJECTS = ['Alpha', 'Bravo', 'Charlie', 'Delta'];
const FOLDERS = ['INBOX', 'Archive', 'Trash', 'Junk'];

let dovecot: DovecotServer;
let a: Machine;
let b: Machine;

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

/** Every message of the account on the server, as "folder: subject [flags]", sorted. */
async function serverState(): Promise<string[]> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.ports.imap, secure: false, doSTARTTLS: false, auth: { user: 'alice', pass: 'secret-alice' }, logger: false });
  await client.connect();
  try {
    const found: string[] = [];
    for (const folder of FOLDERS) {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        if (client.mailbox && client.mailbox.exists > 0) {
          for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
            const flags = [...(m.flags ?? [])].filter((f) => f === '\\Seen' || f === '\\Flagged').sort();
            found.push(`${folder}: ${m.envelope?.subject ?? ''} [${flags.join(' ')}]`);
          }
        }
      } finally {
        lock.release();
      }
    }
    return found.sort();
  } finally {
    await client.logout();
  }
}

/** The same, as a machine's cache shows it: each folder's list, read from the rows' names. */
async function machineState(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const folder of FOLDERS) {
    const item = page.getByRole('tree').getByRole('treeitem', { name: new RegExp(`^${folder === 'INBOX' ? 'Inbox' : folder}`) });
    await item.click();
    // A list still loading reads as empty; the caller polls until the whole state matches.
    await expect.poll(() => item.getAttribute('aria-selected')).toBe('true');
    const labels = await page
      .getByRole('listbox', { name: 'Messages' })
      .getByRole('option')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))
      .catch(() => [] as string[]);
    for (const label of labels) {
      const [, subject = ''] = label.split(', ');
      const flags = [label.includes(', unread') ? '' : '\\Seen', label.includes('flagged') ? '\\Flagged' : ''].filter(Boolean).sort();
      found.push(`${folder}: ${subject} [${flags.join(' ')}]`);
    }
  }
  return found.sort();
}

const row = (page: Page, subject: string) => page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: new RegExp(`, ${subject}, `) });

async function act(page: Page, subject: string, key: string): Promise<void> {
  await page.getByRole('tree').getByRole('treeitem', { name: /^Inbox/ }).click();
  await row(page, subject).click();
  await waitForText(page.getByRole('article', { name: 'Message' }).getByRole('heading', { level: 2 }), new RegExp(subject));
  await page.keyboard.press(key);
}

describe('both machines offline with conflicting changes', { timeout: 240_000 }, () => {
  it('converges on the server and in both caches once both reconnect', async () => {
    for (const [machine, name] of [[a, 'Machine A'], [b, 'Machine B']] as const) {
      await addImapAccount(machine.page, { name, email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
      await expect.poll(() => machine.page.getByRole('listbox', { name: 'Messages' }).getByRole('option').count(), { timeout: 30_000 }).toBe(SUBJECTS.length);
    }
    // The conflicts below are the explicit actions of each key, u reading: opening a message
    // leaves it as it is (by default it would become read, on both machines alike).
    for (const machine of [a, b]) await chooseMarkRead(machine.page, 'Only with Mark as read (u)');
    await dovecot.stop();
    for (const [machine, name] of [[a, 'Machine A'], [b, 'Machine B']] as const) {
      await waitForText(machine.page.getByRole('status', { name: `${name} status` }), /^Offline/, 30_000);
    }

    await act(a.page, 'Alpha', 's'); // A flags Alpha
    await act(a.page, 'Bravo', 'e'); // A archives Bravo…
    await act(b.page, 'Bravo', '#'); // …which B deletes (to Trash)
    await act(b.page, 'Alpha', 'u'); // B reads Alpha
    await act(b.page, 'Charlie', 's'); // B flags Charlie
    await act(a.page, 'Charlie', 'u'); // A reads Charlie
    await act(b.page, 'Delta', '#'); // B deletes Delta
    for (const machine of [a, b]) await waitForText(machine.page.getByRole('status').filter({ hasText: 'waiting for the server' }), /changes waiting for the server/);

    await b.switchOff();
    await dovecot.start();
    await expect.poll(() => a.page.getByText('waiting for the server').count(), { timeout: 90_000, interval: 1_000 }).toBe(0);
    await b.switchOn();
    // A page just loaded shows no count yet, so first see B's last change on the server.
    await expect.poll(async () => (await serverState()).includes('Trash: Delta []'), { timeout: 90_000, interval: 1_000 }).toBe(true);
    await expect.poll(() => b.page.getByText('waiting for the server').count(), { timeout: 90_000, interval: 1_000 }).toBe(0);
    const server = await serverState();
    // Nothing lost or duplicated: each message once, in one of the folders.
    expect(server.map((line) => line.replace(/^\w+: (\w+).*$/, '$1')).sort()).toEqual(SUBJECTS);
    expect(server).toEqual(
      expect.arrayContaining(['INBOX: Alpha [\\Flagged \\Seen]', 'INBOX: Charlie [\\Flagged \\Seen]', 'Trash: Delta []']),
    );
    // A's archive came first; B's delete (a move to Trash) found Bravo gone from the Inbox.
    expect(server.filter((line) => line.includes('Bravo'))).toEqual([expect.stringMatching(/^Archive: Bravo \[/)]);
    // Both caches show exactly the server's state (other folders follow at their next poll).
    for (const machine of [a, b]) await expect.poll(() => machineState(machine.page), { timeout: 60_000, interval: 2_000 }).toEqual(server);
    // B's move of Bravo came second: B lists it as a sync issue; nothing vanished silently.
    expect(await a.page.getByRole('button', { name: /^Sync issues \(/ }).count()).toBe(0);
    await b.page.getByRole('button', { name: /^Sync issues \(1\)$/ }).click();
    const issues = b.page.getByRole('dialog', { name: 'Sync issues' }).getByRole('list', { name: 'Sync issues' });
    await waitForText(issues, /Move 1 message from INBOX to Trash.*no longer on the server/);
    await b.page.screenshot({ path: 'test-results/offline-convergence-issues.png' });
  });
});
