/**
 * The header sync through a fault-injecting proxy in front of a real Dovecot: a connection
 * cut in the middle of a FETCH, a server that stops answering, a server restart and a
 * garbage line. Each time the faulty run ends (or copes), a clean run follows, and then the
 * cache equals the server: no message missing, none fetched and stored twice, flags right.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { connectImap, type ImapConnection } from '../imap/imap-connection';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy';
import { cachedFlags, serverFlags, type ImapLogin } from '../testing/imap-truth';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { syncAccount } from './account-sync';
import { DEFAULT_BATCHES } from './folder-sync';

const TIMEOUT = 120_000;
const MESSAGES = 2500;
const ACCOUNT = 'acc';
// Short enough that a stalled server is given up on quickly.
const TIMEOUTS = { connectMs: 5_000, greetingMs: 5_000, socketMs: 2_000 };

let server: DovecotServer;
let proxy: FaultProxy;
let login: ImapLogin;

beforeAll(async () => {
  server = await startDovecot();
  login = { port: server.ports.imap, user: 'alice', password: 'secret-alice' };
  const flags = (i: number) => (i % 7 === 0 ? (['\\Seen'] as const) : i % 11 === 0 ? (['\\Flagged', '\\Seen'] as const) : []);
  for (let i = 0; i < MESSAGES; i += 500) {
    await server.seed('alice', 'INBOX', Array.from({ length: 500 }, (_, j) => ({ subject: `Message ${i + j + 1}`, flags: [...flags(i + j)] })));
  }
  proxy = await startFaultProxy(server.ports.imap);
}, TIMEOUT);

afterAll(async () => {
  await proxy?.close();
  await server?.dispose();
}, TIMEOUT);

let open: ImapConnection[] = [];
afterEach(async () => {
  await Promise.all(open.map((c) => c.logout()));
  open = [];
});

async function connect(): Promise<ImapConnection> {
  const settings = { host: '127.0.0.1', port: proxy.port, security: 'none' as const, user: 'alice' };
  const connection = await connectImap({ server: settings, password: 'secret-alice', trustedCertificates: [] }, TIMEOUTS);
  open.push(connection);
  return connection;
}

async function syncInbox(store: MemoryStore): Promise<void> {
  const connection = await connect();
  await syncAccount(connection, store, ACCOUNT, DEFAULT_BATCHES, new Set(['INBOX']));
}

/** After a clean run the cache equals the server, and no header was stored twice over both runs. */
async function expectRecovered(store: MemoryStore): Promise<void> {
  await syncInbox(store);
  const onServer = await serverFlags(login, 'INBOX');
  expect(cachedFlags(store, ACCOUNT, 'INBOX')).toEqual(onServer);
  const stored = store.deltas().filter((d) => d.folderPath === 'INBOX').flatMap((d) => d.upserts.map((h) => h.uid));
  expect(stored).toHaveLength(Object.keys(onServer).length);
  expect(new Set(stored).size).toBe(stored.length);
}

describe('header sync through faults', { timeout: TIMEOUT }, () => {
  it('recovers from a connection cut in the middle of a FETCH', async () => {
    const store = createMemoryStore();
    // Past the first batches of headers, inside a later FETCH response.
    proxy.cutAfter(' FETCH (', 150_000);
    await expect(syncInbox(store)).rejects.toThrow();
    expect(proxy.fired).toBe(true);
    const partial = store.messages(ACCOUNT, 'INBOX').size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(MESSAGES);
    await expectRecovered(store);
  });

  it('gives up on a server that stops answering, then recovers', async () => {
    const store = createMemoryStore();
    await syncInbox(store);
    proxy.stallAfter(' FETCH (');
    await server.seed('alice', 'INBOX', Array.from({ length: 300 }, (_, i) => ({ subject: `Late ${i + 1}` })));
    await expect(syncInbox(store)).rejects.toThrow();
    expect(proxy.fired).toBe(true);
    await expectRecovered(store);
  });

  it('survives a garbage line in the middle of FETCH responses without storing anything wrong', async () => {
    const store = createMemoryStore();
    proxy.garbageAfter(' FETCH (', '* )) \u0000\u00ff garbage (( {x}');
    // imapflow either drops the connection on the line or skips it; both are fine, a wrong cache is not.
    await syncInbox(store).catch(() => undefined);
    expect(proxy.fired).toBe(true);
    const onServer = await serverFlags(login, 'INBOX');
    for (const [uid, flags] of Object.entries(cachedFlags(store, ACCOUNT, 'INBOX'))) expect(onServer[Number(uid)]).toEqual(flags);
    await expectRecovered(store);
  });

  it('recovers from a server restart in the middle of the sync', async () => {
    const store = createMemoryStore();
    const connection = await connect();
    const closed = new Promise<void>((resolve) => connection.onClose(() => resolve()));
    const apply = store.applyHeaderDelta.bind(store);
    let restarted = false;
    store.applyHeaderDelta = async (delta) => {
      const result = await apply(delta);
      if (!restarted) {
        restarted = true;
        // The first batch is in; the server goes away while the rest is being fetched. Its
        // sessions end with it (Dovecot's own take up to 10 s, hence the proxy's drop).
        await server.stop();
        proxy.dropAll();
        await closed;
      }
      return result;
    };
    await expect(syncAccount(connection, store, ACCOUNT, DEFAULT_BATCHES, new Set(['INBOX']))).rejects.toThrow();
    await server.start();
    expect(store.messages(ACCOUNT, 'INBOX').size).toBeLessThan(Object.keys(await serverFlags(login, 'INBOX')).length);
    await expectRecovered(store);
  });
});
