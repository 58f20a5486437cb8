/**
 * Offline bodies against a real Dovecot: the per-folder policy (last N days, all, headers
 * only, the Trash default), a run cut short and resumed, the disk budget evicting the
 * oldest bodies, and the online model's bounded cache of opened bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Account } from '../../../src-shared/model';
import { DEFAULT_TIMEOUTS } from '../imap/connection-options';
import { connectImap, type ImapConnection } from '../imap/imap-connection';
import { accountFor, createTestEngine } from '../testing/engine-harness';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { syncAccount } from './account-sync';
import { downloadPolicyBodies } from './body-background';
import { DEFAULT_BATCHES } from './folder-sync';

const TIMEOUT = 90_000;
const DAY = 86_400_000;
const now = Date.now();

let server: DovecotServer;

const ages = (days: number[]) => days.map((d, i) => ({ subject: `${d} days old (${i})`, body: `Body of a message ${d} days old, number ${i}.\n`, date: new Date(now - d * DAY) }));

beforeAll(async () => {
  server = await startDovecot();
  await server.seed('alice', 'INBOX', ages([1, 5, 30, 89, 120, 400]));
  await server.seed('alice', 'Trash', ages([1, 2]));
  await server.seed('alice', 'Keep', ages([700, 800]));
  await server.seed('alice', 'Skim', ages([1]));
}, TIMEOUT);

afterAll(() => server?.dispose(), TIMEOUT);

function account(overrides: Partial<Account> = {}): Account {
  return { ...accountFor(server, { security: 'none' }), ...overrides };
}

async function withSynced<T>(store: MemoryStore, acc: Account, use: (connection: ImapConnection) => Promise<T>): Promise<T> {
  const connection = await connectImap({ server: acc.incoming, password: 'secret-alice', trustedCertificates: [] }, DEFAULT_TIMEOUTS);
  try {
    const { failures } = await syncAccount(connection, store, acc.id, DEFAULT_BATCHES);
    expect(failures).toEqual([]);
    return await use(connection);
  } finally {
    await connection.logout();
  }
}

/** Subjects of the cached bodies' messages in a folder, sorted. */
function bodiesIn(store: MemoryStore, acc: Account, folderPath: string): string[] {
  return [...store.messages(acc.id, folderPath).values()]
    .filter((h) => store.body(acc.id, folderPath, h.uid) !== null)
    .map((h) => h.subject)
    .sort();
}

describe('offline bodies per folder policy', { timeout: TIMEOUT }, () => {
  it('downloads the last 90 days by default, all or none where a folder says so, and nothing of Trash', async () => {
    const store = createMemoryStore();
    const acc = account({ offline: { folderPolicies: { Keep: { kind: 'all' }, Skim: { kind: 'headers' } } } });
    const result = await withSynced(store, acc, (connection) => downloadPolicyBodies(connection, store, acc, new AbortController().signal, { now }));
    expect(bodiesIn(store, acc, 'INBOX')).toEqual(['1 days old (0)', '30 days old (2)', '5 days old (1)', '89 days old (3)']);
    expect(bodiesIn(store, acc, 'Keep')).toEqual(['700 days old (0)', '800 days old (1)']);
    expect(bodiesIn(store, acc, 'Skim')).toEqual([]);
    expect(bodiesIn(store, acc, 'Trash')).toEqual([]);
    expect(store.messages(acc.id, 'Trash').size).toBe(2);
    expect(result.stored).toBe(6);
    expect(store.body(acc.id, 'INBOX', 1)?.text).toContain('Body of a message 1 days old');
  });

  it('downloads newest first, and a run cut short resumes where it stopped without fetching anything twice', async () => {
    const store = createMemoryStore();
    const acc = account({ offline: { defaultPolicy: { kind: 'all' }, folderPolicies: { Keep: { kind: 'headers' }, Skim: { kind: 'headers' } } } });
    await withSynced(store, acc, async (connection) => {
      const cut = new AbortController();
      // Bodies come two per UID FETCH here; abort once the first two are fetched: the run
      // stores those two and stops.
      const withMailbox = connection.withMailbox.bind(connection);
      let fetches = 0;
      const counting: ImapConnection = Object.assign(Object.create(connection) as ImapConnection, {
        withMailbox: async (...args: Parameters<ImapConnection['withMailbox']>) => {
          const answer: unknown = await withMailbox(...args);
          if (++fetches === 1) cut.abort();
          return answer;
        },
      });
      const first = await downloadPolicyBodies(counting, store, acc, cut.signal, { now, fetchBatch: 2 });
      expect(first.stored).toBe(2);
      expect(bodiesIn(store, acc, 'INBOX')).toEqual(['1 days old (0)', '5 days old (1)']);
      const second = await downloadPolicyBodies(connection, store, acc, new AbortController().signal, { now });
      expect(second.stored).toBe(4);
    });
    expect(bodiesIn(store, acc, 'INBOX')).toHaveLength(6);
    const stored = store.calls.filter((c) => c.method === 'putBodies').flatMap((c) => (c.args as { bodies: { uid: number }[] }).bodies.map((b) => b.uid));
    expect(new Set(stored).size).toBe(stored.length);
  });

  it('stops before the disk holding the cache runs low on free space, and says how low', async () => {
    const acc = account({ offline: { folderPolicies: { Keep: { kind: 'all' }, Skim: { kind: 'headers' } } } });
    const full = createMemoryStore();
    const none = await withSynced(full, acc, (connection) =>
      downloadPolicyBodies(connection, full, acc, new AbortController().signal, { now, diskFree: async () => 200e6, diskFloorBytes: 1e9 }),
    );
    expect(none).toMatchObject({ stored: 0, stoppedForDisk: 200e6 });
    expect(bodiesIn(full, acc, 'INBOX')).toEqual([]);

    // Space runs out after INBOX, the first folder: its bodies are kept, the next folder's are not fetched.
    const filling = createMemoryStore();
    const readings = [5e9];
    const some = await withSynced(filling, acc, (connection) =>
      downloadPolicyBodies(connection, filling, acc, new AbortController().signal, { now, diskFree: async () => readings.shift() ?? 300e6, diskFloorBytes: 1e9 }),
    );
    expect(some).toMatchObject({ stored: 4, stoppedForDisk: 300e6 });
    expect(bodiesIn(filling, acc, 'INBOX')).toHaveLength(4);
    expect(bodiesIn(filling, acc, 'Keep')).toEqual([]);

    // A host that cannot tell (null) does not stop the download.
    const unknown = createMemoryStore();
    const all = await withSynced(unknown, acc, (connection) => downloadPolicyBodies(connection, unknown, acc, new AbortController().signal, { now, diskFree: async () => null }));
    expect(all).toMatchObject({ stored: 6, stoppedForDisk: null });
  });

  it('keeps to the disk budget by evicting the oldest bodies, and does not fetch them again', async () => {
    const store = createMemoryStore();
    // Each seeded body is about 45 bytes; room for three of them. (The settings schema asks
    // for at least 50 MB; the engine takes the number as given.)
    const acc = account({ offline: { defaultPolicy: { kind: 'all' }, folderPolicies: { Keep: { kind: 'headers' }, Skim: { kind: 'headers' } }, budgetBytes: 150 } });
    const result = await withSynced(store, acc, (connection) => downloadPolicyBodies(connection, store, acc, new AbortController().signal, { now }));
    expect(bodiesIn(store, acc, 'INBOX')).toEqual(['1 days old (0)', '30 days old (2)', '5 days old (1)']);
    expect(store.messages(acc.id, 'INBOX').size).toBe(6);
    expect(result.usedBytes).toBeLessThanOrEqual(150);
    const again = await withSynced(store, acc, (connection) => downloadPolicyBodies(connection, store, acc, new AbortController().signal, { now }));
    expect(again.stored).toBe(0);
  });
});

describe('a cache disk running low', { timeout: TIMEOUT }, () => {
  it('says on the account why offline downloads stopped, and keeps the account online', async () => {
    const { engine, store, statuses, waitForState } = createTestEngine(undefined, async () => 200e6);
    const acc = account({ id: 'low-disk' });
    await engine.handlers['account.save']({ account: acc, password: 'secret-alice' });
    await waitForState(acc.id, 'online');
    await expect
      .poll(() => statuses.filter((s) => s.accountId === acc.id).at(-1), { timeout: 10_000 })
      .toMatchObject({ state: 'online', detail: 'Stopped downloading messages for offline use: only 200 MB free on the disk that holds the cache (Tern keeps 1.0 GB free)' });
    expect(store.messages(acc.id, 'INBOX').size).toBe(6);
    expect(bodiesIn(store, acc, 'INBOX')).toEqual([]);
    await engine.close();
  });
});

describe('online access model', { timeout: TIMEOUT }, () => {
  it('downloads no bodies ahead, and keeps opened ones in a cache bounded by bytes, least recently fetched out first', async () => {
    const { engine, store, waitForState } = createTestEngine();
    const base = account();
    if (base.incoming.protocol !== 'imap') throw new Error('IMAP account expected');
    const acc: Account = { ...base, incoming: { ...base.incoming, accessModel: 'online' }, offline: { budgetBytes: 100 } };
    try {
      await engine.handlers['account.save']({ account: acc, password: 'secret-alice' });
      await waitForState(acc.id, 'online');
      const inbox = [...store.messages(acc.id, 'INBOX').values()].sort((a, b) => b.date - a.date);
      expect(inbox).toHaveLength(6);
      expect(inbox.filter((h) => store.body(acc.id, 'INBOX', h.uid) !== null)).toEqual([]);
      for (const header of inbox.slice(0, 3)) await engine.handlers['message.loadBody']({ accountId: acc.id, folderPath: 'INBOX', uid: header.uid });
      // About 45 bytes each: the two fetched last fit in 100 bytes, the first one left.
      expect(inbox.map((h) => store.body(acc.id, 'INBOX', h.uid) !== null)).toEqual([false, true, true, false, false, false]);
    } finally {
      await engine.close();
    }
  });
});
