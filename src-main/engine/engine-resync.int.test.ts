/**
 * Resynchronisation against a real Dovecot whose state a second client (imapflow, as
 * another mail program would) changes between syncs: new mail, flags, expunges, and a
 * folder recreated with a new UIDVALIDITY. The same suite runs against a Dovecot with its
 * full capabilities (CONDSTORE/QRESYNC, RFC 7162) and one that offers plain IMAP4rev1 only,
 * where the engine falls back to RFC 4549 §4.3's UID-set comparison.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../e2e/servers/dovecot';
import { accountFor, startOnlineEngine, type TestEngine } from './testing/engine-harness';

const TIMEOUT = 60_000;

const SERVERS = [
  { name: 'full capabilities', imapCapability: undefined, condstore: true },
  { name: 'IMAP4rev1 only', imapCapability: 'IMAP4rev1 LITERAL+', condstore: false },
];

describe.each(SERVERS)('resync against Dovecot with $name', { timeout: TIMEOUT }, ({ imapCapability, condstore }) => {
  let server: DovecotServer;
  let test: TestEngine;
  const account = () => accountFor(server, { id: 'resync' });

  async function otherClient<T>(use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: server.host,
      port: server.ports.imap,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'alice', pass: 'secret-alice' },
      logger: false,
      disableAutoIdle: true,
    });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.logout();
    }
  }

  async function inOtherClient(folder: string, change: (client: ImapFlow) => Promise<unknown>): Promise<void> {
    await otherClient(async (client) => {
      const lock = await client.getMailboxLock(folder);
      try {
        await change(client);
      } finally {
        lock.release();
      }
    });
  }

  const subjects = (folder: string) =>
    [...test.store.messages(account().id, folder).values()].sort((a, b) => a.uid - b.uid).map((m) => m.subject);
  const byUid = (folder: string, uid: number) => test.store.messages(account().id, folder).get(uid);
  const syncNow = () => test.engine.handlers['account.syncNow']({ accountId: account().id });

  beforeAll(async () => {
    server = await startDovecot({ imapCapability });
    await server.seed('alice', 'INBOX', [{ subject: 'one' }, { subject: 'two' }, { subject: 'three' }]);
    await server.seed('alice', 'Lists', [{ subject: 'old list mail' }]);
    test = await startOnlineEngine(account());
  }, TIMEOUT);

  afterAll(async () => {
    await test?.engine.close();
    await server?.dispose();
  }, TIMEOUT);

    it('picks up a message that arrived since', async () => {
      await server.seed('alice', 'INBOX', [{ subject: 'four' }]);
      await syncNow();
      expect(subjects('INBOX')).toEqual(['one', 'two', 'three', 'four']);
      expect(byUid('INBOX', 4)?.unread).toBe(1);
    });

    it('follows flag changes made by another client', async () => {
      await inOtherClient('INBOX', async (client) => {
        await client.messageFlagsAdd('2', ['\\Seen', '\\Flagged'], { uid: true });
        await client.messageFlagsAdd('4', ['$Important'], { uid: true });
      });
      await syncNow();
      expect(byUid('INBOX', 2)).toMatchObject({ unread: 0 });
      expect(byUid('INBOX', 2)?.flags.sort()).toEqual(['\\Flagged', '\\Seen']);
      expect(byUid('INBOX', 4)).toMatchObject({ unread: 1, flags: ['$Important'] });
    });

    it('drops a message another client expunged', async () => {
      await inOtherClient('INBOX', (client) => client.messageDelete('1', { uid: true }));
      await syncNow();
      expect(subjects('INBOX')).toEqual(['two', 'three', 'four']);
      const inboxDeltas = test.store.deltas().filter((d) => d.folderPath === 'INBOX');
      expect(inboxDeltas.at(-1)?.removedUids).toEqual([1]);
    });

    it('starts over when the folder comes back with a new UIDVALIDITY (RFC 4549 §4.1)', async () => {
      const before = test.store.cursor(account().id, 'Lists')?.uidValidity;
      expect(subjects('Lists')).toEqual(['old list mail']);
      // Dovecot takes UIDVALIDITY from the clock; a new second makes the new value differ.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await otherClient(async (client) => {
        await client.mailboxDelete('Lists');
        await client.mailboxCreate('Lists');
        await client.append('Lists', 'Subject: new list mail\r\n\r\nhello\r\n');
      });
      await syncNow();

      const cursor = test.store.cursor(account().id, 'Lists');
      expect(cursor?.uidValidity).not.toBe(before);
      expect(subjects('Lists')).toEqual(['new list mail']);
      const listsDeltas = test.store.deltas().filter((d) => d.folderPath === 'Lists');
      expect(listsDeltas.at(-2)?.reset).toBe(true);
    });

    it('leaves a folder where nothing changed as it is, where CONDSTORE allows, and else sends only its flags', async () => {
      const inboxDeltas = () => test.store.deltas().filter((d) => d.folderPath === 'INBOX');
      const before = inboxDeltas().length;
      await syncNow();
      // With CONDSTORE one STATUS shows the folder unchanged since its last sync: no delta at all.
      expect(inboxDeltas().length).toBe(condstore ? before : before + 1);
      const last = inboxDeltas().at(-1);
      if (!condstore) expect(last).toMatchObject({ upserts: [], removedUids: [] });
      if (!condstore) expect(last?.flagUpdates.length).toBe(3);
      expect(last?.cursor.highestModseq === null).toBe(!condstore);
    });
});
