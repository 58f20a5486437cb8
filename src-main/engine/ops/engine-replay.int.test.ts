/**
 * Replay through the whole engine against a real Dovecot: operations queued one right after
 * the other both reach the server (the second pass waits for the first), and operations
 * queued while the server is down stay queued and run, in order, once it is back.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { freePort } from '../../../e2e/servers/free-port';
import { accountFor, createTestEngine, startOnlineEngine, type TestEngine } from '../testing/engine-harness';

const TIMEOUT = 60_000;
const ID = 'replay';

describe('the engine replays queued operations', { timeout: TIMEOUT }, () => {
  let server: DovecotServer;
  let test: TestEngine;

  beforeAll(async () => {
    server = await startDovecot();
    await server.seed('alice', 'INBOX', [
      { subject: 'one', messageId: '<one@tern.test>' },
      { subject: 'two', messageId: '<two@tern.test>' },
    ]);
    test = await startOnlineEngine(accountFor(server, { id: ID }));
  }, TIMEOUT);

  afterAll(async () => {
    await test?.engine.close();
    await server?.dispose();
  }, TIMEOUT);

  async function serverFlags(folder: string): Promise<Record<string, string[]>> {
    const client = new ImapFlow({ host: server.host, port: server.ports.imap, secure: false, doSTARTTLS: false, auth: { user: 'alice', pass: 'secret-alice' }, logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        const found: Record<string, string[]> = {};
        for await (const m of client.fetch('1:*', { envelope: true, flags: true })) found[m.envelope?.subject ?? ''] = [...(m.flags ?? [])].sort();
        return found;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  const inbox = () => ({ folderPath: 'INBOX', uidValidity: test.store.cursor(ID, 'INBOX')!.uidValidity });
  const replayNow = () => test.engine.handlers['ops.replayNow']({ accountId: ID });

  it('sends two operations queued back to back, and the cache follows', async () => {
    test.store.enqueue(ID, { kind: 'flag', ...inbox(), messages: [{ uid: 1, messageId: '<one@tern.test>' }], flag: '\\Flagged', value: true });
    const first = replayNow();
    test.store.enqueue(ID, { kind: 'flag', ...inbox(), messages: [{ uid: 1, messageId: '<one@tern.test>' }], flag: '\\Seen', value: true });
    await Promise.all([first, replayNow()]);
    expect(test.store.settled.map((s) => s.outcome.result)).toEqual(['done', 'done']);
    expect((await serverFlags('INBOX')).one).toEqual(['\\Flagged', '\\Seen']);
    expect(test.store.messages(ID, 'INBOX').get(1)?.flags.sort()).toEqual(['\\Flagged', '\\Seen']);
  });

  it('keeps what was queued while the server was down and sends it, in order, on reconnect', async () => {
    const from = test.statuses.length;
    await server.stop(); // Dovecot ends open sessions up to 10 s later
    await test.waitForState(ID, 'offline', { from, timeoutMs: 30_000 });
    test.store.enqueue(ID, { kind: 'move', ...inbox(), messages: [{ uid: 2, messageId: '<two@tern.test>' }], target: 'Archive' });
    test.store.enqueue(ID, { kind: 'flag', folderPath: 'Archive', uidValidity: 0, messages: [{ uid: 1, messageId: '<two@tern.test>' }], flag: '\\Flagged', value: true });
    await replayNow();
    expect(await test.store.listOperations({ accountId: ID })).toHaveLength(2);
    const back = test.statuses.length;
    await server.start();
    await test.waitForState(ID, 'online', { from: back, timeoutMs: 30_000 });
    expect(await test.store.listOperations({ accountId: ID })).toEqual([]);
    expect(await serverFlags('Archive')).toEqual({ two: ['\\Flagged'] });
    expect(Object.keys(await serverFlags('INBOX'))).toEqual(['one']);
    expect([...test.store.messages(ID, 'Archive').values()].map((m) => m.subject)).toEqual(['two']);
  });

  it('refuses, with a clear error, to act for an online-model account that is offline', async () => {
    const online = createTestEngine();
    const account = accountFor(server, { id: 'online-model', accessModel: 'online', port: await freePort() });
    try {
      await online.engine.handlers['account.save']({ account, password: 'secret-alice' });
      await online.waitForState(account.id, 'offline');
      await expect(online.engine.handlers['ops.replayNow']({ accountId: account.id })).rejects.toThrow(
        `Can't send your change to the server: ${account.name} is offline.`,
      );
    } finally {
      await online.engine.close();
    }
  });
});
