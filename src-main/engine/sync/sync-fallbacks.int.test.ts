/**
 * The header sync against a real Dovecot, once with everything it offers (QRESYNC), once
 * with CONDSTORE but not QRESYNC, and once as a plain RFC 3501 server (imap_capability hiding
 * CONDSTORE, QRESYNC, ENABLE, MOVE, UIDPLUS, IDLE, NOTIFY, SPECIAL-USE and LIST-STATUS).
 * Each time: the initial sync (newest 200 INBOX headers first, with References, List-Id and
 * the attachment indicator), a resync after new mail, flag changes and expunges made by
 * another client, and a UIDVALIDITY change; afterwards the cache equals the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { DEFAULT_TIMEOUTS } from '../imap/connection-options';
import { connectImap } from '../imap/imap-connection';
import { cachedFlags, rawClient, serverFlags, type ImapLogin } from '../testing/imap-truth';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { syncAccount } from './account-sync';
import { DEFAULT_BATCHES } from './folder-sync';

const TIMEOUT = 90_000;
const ACCOUNT = 'acc';

const SERVERS = [
  // Whether finding the expunges needs the cached UIDs: QRESYNC names them (VANISHED).
  { name: 'full capabilities (QRESYNC)', imapCapability: undefined, listsCachedUids: false },
  { name: 'CONDSTORE without QRESYNC', imapCapability: 'IMAP4rev1 LITERAL+ ENABLE CONDSTORE', listsCachedUids: true },
  { name: 'RFC 3501 alone', imapCapability: 'IMAP4rev1 LITERAL+', listsCachedUids: true },
];

const THREADED = [
  'From: "List, Poster" <poster@example.org>',
  'To: dev@lists.example.org',
  'Subject: =?UTF-8?Q?R=C3=A9:_plans?=',
  'Date: Tue, 02 Jan 2024 10:00:00 +0000',
  'Message-ID: <reply@example.org>',
  'In-Reply-To: <root@example.org>',
  'References: <root@example.org>',
  'List-Id: Developers <dev.lists.example.org>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'See attached.',
  '--b',
  'Content-Type: application/pdf; name="plan.pdf"',
  'Content-Disposition: attachment; filename="plan.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--b--',
  '',
].join('\r\n');

describe.each(SERVERS)('header sync against Dovecot with $name', { timeout: TIMEOUT }, ({ imapCapability, listsCachedUids }) => {
  let server: DovecotServer;
  let login: ImapLogin;
  const store: MemoryStore = createMemoryStore();

  async function syncOnce(): Promise<void> {
    const settings = { host: '127.0.0.1', port: server.ports.imap, security: 'none' as const, user: 'alice' };
    const connection = await connectImap({ server: settings, password: 'secret-alice', trustedCertificates: [] }, DEFAULT_TIMEOUTS);
    try {
      const { failures } = await syncAccount(connection, store, ACCOUNT, DEFAULT_BATCHES);
      expect(failures).toEqual([]);
    } finally {
      await connection.logout();
    }
  }

  beforeAll(async () => {
    server = await startDovecot({ imapCapability });
    login = { port: server.ports.imap, user: 'alice', password: 'secret-alice' };
    await server.seed('alice', 'INBOX', Array.from({ length: 449 }, (_, i) => ({ subject: `Message ${i + 1}` })));
    await server.seed('alice', 'INBOX', [{ raw: THREADED }]);
    await server.seed('alice', 'Archive', [{ subject: 'archived 1' }, { subject: 'archived 2' }]);
  }, TIMEOUT);

  afterAll(() => server?.dispose(), TIMEOUT);

  it('syncs INBOX newest first, 200 headers in the first delta, with the header fields the list needs', async () => {
    await syncOnce();
    const inboxDeltas = store.deltas().filter((d) => d.folderPath === 'INBOX');
    expect(inboxDeltas[0]?.upserts.map((h) => h.uid).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => 251 + i));
    expect(store.deltas()[0]?.folderPath).toBe('INBOX');
    expect(cachedFlags(store, ACCOUNT, 'INBOX')).toEqual(await serverFlags(login, 'INBOX'));
    expect(cachedFlags(store, ACCOUNT, 'Archive')).toEqual(await serverFlags(login, 'Archive'));
    expect(store.messages(ACCOUNT, 'INBOX').get(450)).toMatchObject({
      subject: 'Ré: plans',
      from: [{ name: 'List, Poster', address: 'poster@example.org' }],
      messageId: '<reply@example.org>',
      inReplyTo: '<root@example.org>',
      references: ['<root@example.org>'],
      listId: 'dev.lists.example.org',
      hasAttachments: 1,
    });
    expect(store.messages(ACCOUNT, 'INBOX').get(1)).toMatchObject({ subject: 'Message 1', hasAttachments: 0, listId: null });
  });

  it('resyncs new mail, flag changes and expunges made by another client', async () => {
    const client = await rawClient(login);
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd('1:3', ['\\Flagged'], { uid: true });
        await client.messageFlagsAdd('10', ['\\Seen'], { uid: true });
        await client.messageDelete('5:7,450', { uid: true });
      } finally {
        lock.release();
      }
      await client.append('INBOX', 'Subject: new one\r\n\r\nhello\r\n', ['\\Seen']);
    } finally {
      await client.logout();
    }
    const callsBefore = store.calls.length;
    await syncOnce();
    const listings = store.calls.slice(callsBefore).filter((c) => c.method === 'listUidRanges' && (c.args as { to?: number }).to !== undefined);
    expect(listings.length > 0).toBe(listsCachedUids);
    const expected = await serverFlags(login, 'INBOX');
    expect(Object.keys(expected)).toHaveLength(447);
    expect(cachedFlags(store, ACCOUNT, 'INBOX')).toEqual(expected);
    expect(store.messages(ACCOUNT, 'INBOX').get(451)?.subject).toBe('new one');
  });

  it('drops a folder’s cache and refetches when its UIDVALIDITY changes', async () => {
    const before = store.cursor(ACCOUNT, 'Archive')?.uidValidity;
    const client = await rawClient(login);
    try {
      await client.mailboxDelete('Archive');
      await client.mailboxCreate('Archive');
      await client.mailboxSubscribe('Archive');
      await client.append('Archive', 'Subject: reborn\r\n\r\nhello\r\n');
    } finally {
      await client.logout();
    }
    await syncOnce();
    expect(store.cursor(ACCOUNT, 'Archive')?.uidValidity).not.toBe(before);
    expect(cachedFlags(store, ACCOUNT, 'Archive')).toEqual(await serverFlags(login, 'Archive'));
    expect([...store.messages(ACCOUNT, 'Archive').values()].map((m) => m.subject)).toEqual(['reborn']);
  });
});
