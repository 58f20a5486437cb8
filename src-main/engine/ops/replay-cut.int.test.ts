/**
 * A connection cut in the middle of a move, through the fault-injecting proxy: the server
 * has carried out the MOVE (or, without MOVE, the COPY) but the client never hears its
 * answer. The operation stays queued, runs again after the reconnect, and the message ends
 * in the target exactly once and gone from the source (docs/sync.md).
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { accountFor, startOnlineEngine, type TestEngine } from '../testing/engine-harness';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy';

const TIMEOUT = 60_000;
const ID = 'cut';

const SERVERS = [
  // UID MOVE answers "* OK [COPYUID …]" before its EXPUNGE and tagged OK (RFC 6851 §4.3).
  { name: 'MOVE', imapCapability: undefined, cutAt: '[COPYUID' },
  // UID COPY answers "tag OK [COPYUID …] Copy completed": cut before the expunge is sent.
  { name: 'UIDPLUS but no MOVE', imapCapability: 'IMAP4rev1 LITERAL+ UIDPLUS', cutAt: '[COPYUID' },
  { name: 'IMAP4rev1 only', imapCapability: 'IMAP4rev1 LITERAL+', cutAt: 'Copy completed' },
];

describe.each(SERVERS)('a move cut short on a server with $name', { timeout: TIMEOUT }, ({ imapCapability, cutAt }) => {
  let server: DovecotServer;
  let proxy: FaultProxy;
  let test: TestEngine;

  beforeAll(async () => {
    server = await startDovecot({ imapCapability });
    await server.seed('alice', 'INBOX', [
      { subject: 'one', messageId: '<one@tern.test>' },
      { subject: 'two', messageId: '<two@tern.test>' },
    ]);
    proxy = await startFaultProxy(server.ports.imap);
    test = await startOnlineEngine(accountFor(server, { id: ID, port: proxy.port }));
  }, TIMEOUT);

  afterAll(async () => {
    await test?.engine.close();
    await proxy?.close();
    await server?.dispose();
  }, TIMEOUT);

  async function subjects(folder: string): Promise<string[]> {
    const client = new ImapFlow({ host: server.host, port: server.ports.imap, secure: false, doSTARTTLS: false, auth: { user: 'alice', pass: 'secret-alice' }, logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        const found: string[] = [];
        if (client.mailbox && client.mailbox.exists > 0) for await (const m of client.fetch('1:*', { envelope: true })) found.push(m.envelope?.subject ?? '');
        return found.sort();
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  it('moves the message exactly once after the reconnect', async () => {
    const uidValidity = test.store.cursor(ID, 'INBOX')!.uidValidity;
    const seq = test.store.enqueue(ID, { kind: 'move', folderPath: 'INBOX', uidValidity, messages: [{ uid: 2, messageId: '<two@tern.test>' }], target: 'Archive' });
    const from = test.statuses.length;
    proxy.cutAfter(cutAt, 0);
    await test.engine.handlers['ops.replayNow']({ accountId: ID });
    expect(proxy.fired).toBe(true);
    // The cut is seen, the engine reconnects, and the reconnect's pass replays the move again.
    await test.waitForState(ID, 'offline', { from });
    await expect.poll(() => test.store.settled.find((s) => s.seq === seq)?.outcome.result, { timeout: 20_000 }).toBe('done');
    expect(proxy.connections).toBeGreaterThan(1);
    expect(await subjects('Archive')).toEqual(['two']);
    expect(await subjects('INBOX')).toEqual(['one']);
    await expect.poll(() => [...test.store.messages(ID, 'Archive').values()].map((m) => m.subject), { timeout: 10_000 }).toEqual(['two']);
  });
});
