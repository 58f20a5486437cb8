/**
 * What the test Dovecot holds for alice, read over a fresh IMAP session of its own: the
 * truth a spec compares the app's cache and its queued changes against.
 */
import { ImapFlow } from 'imapflow';
import type { DovecotServer } from '../servers/dovecot';

/** Runs `read` on a fresh session as alice, logged out afterwards. */
export async function withAlice<T>(dovecot: DovecotServer, read: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.ports.imap, secure: false, doSTARTTLS: false, auth: { user: 'alice', pass: 'secret-alice' }, logger: false });
  await client.connect();
  try {
    return await read(client);
  } finally {
    await client.logout();
  }
}

/** Every folder path of the account, sorted. */
export function serverFolders(dovecot: DovecotServer): Promise<string[]> {
  return withAlice(dovecot, async (client) => (await client.list()).map((f) => f.path).sort());
}

/** The messages of one folder as subject and sorted flags (without \Recent), by subject. */
export function serverSubjects(dovecot: DovecotServer, folder: string): Promise<{ subject: string; flags: string[] }[]> {
  return withAlice(dovecot, async (client) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const found: { subject: string; flags: string[] }[] = [];
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
          // \Recent says only that this session is the first to see the message (RFC 3501 §2.3.2).
          found.push({ subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() });
        }
      }
      return found.sort((x, y) => x.subject.localeCompare(y.subject));
    } finally {
      lock.release();
    }
  });
}
