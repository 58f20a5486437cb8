/**
 * Both machines offline, conflicting changes on each, both reconnect: the server and the
 * two caches converge to the same state, with no message lost or duplicated (docs/sync.md,
 * "Conflicts"). A archives a message that B deletes; both flag or read the same message;
 * each makes changes the other does not. Each machine replays its own queue when its
 * reconnect succeeds, so which of two conflicting moves wins depends on that order; the
 * test checks what must hold either way.
 */
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMachine, type Machine } from './harness/machine';
import { addImapAccount, waitForText } from './harness/ui';
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
    await dovecot.stop();
    for (const machine of [a, b]) await expect.poll(() => machine.page.getByText(/^Offline/).count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await act(a.page, 'Alpha', 's'); // A flags Alpha
    await act(a.page, 'Bravo', 'e'); // A archives Bravo…
    await act(b.page, 'Bravo', '#'); // …which B deletes (to Trash)
    await act(b.page, 'Alpha', 'u'); // B reads Alpha
    await act(b.page, 'Charlie', 's'); // B flags Charlie
    await act(a.page, 'Charlie', 'u'); // A reads Charlie
    await act(b.page, 'Delta', '#'); // B deletes Delta
    for (const machine of [a, b]) await waitForText(machine.page.getByRole('status').filter({ hasText: 'waiting for the server' }), /changes waiting for the server/);

    await dovecot.start();
    for (const machine of [a, b]) {
      await expect.poll(() => machine.page.getByText('waiting for the server').count(), { timeout: 90_000, interval: 1_000 }).toBe(0);
    }
    const server = await serverState();
    // Nothing lost or duplicated: each message once, in one of the folders.
    expect(server.map((line) => line.replace(/^\w+: (\w+).*$/, '$1')).sort()).toEqual(SUBJECTS);
    expect(server).toEqual(
      expect.arrayContaining(['INBOX: Alpha [\\Flagged \\Seen]', 'INBOX: Charlie [\\Flagged \\Seen]', 'Trash: Delta []']),
    );
    expect(server.filter((line) => line.includes('Bravo')).map((line) => line.split(':')[0])).toEqual([expect.stringMatching(/^(Archive|Trash)$/)]);
    // Both caches show exactly the server's state (other folders follow at their next poll).
    for (const machine of [a, b]) await expect.poll(() => machineState(machine.page), { timeout: 60_000, interval: 2_000 }).toEqual(server);
    // The machine whose move of Bravo came second lists it as a sync issue; nothing vanished silently.
    const loser = (await a.page.getByRole('button', { name: /^Sync issues \(/ }).count()) > 0 ? a : b;
    await loser.page.getByRole('button', { name: /^Sync issues \(1\)$/ }).click();
    const issues = loser.page.getByRole('dialog', { name: 'Sync issues' }).getByRole('list', { name: 'Sync issues' });
    await waitForText(issues, /Move 1 message from INBOX to (Archive|Trash).*no longer on the server/);
    await loser.page.screenshot({ path: 'test-results/offline-convergence-issues.png' });
  });
});
