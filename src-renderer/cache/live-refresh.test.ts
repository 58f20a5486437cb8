import 'fake-indexeddb/auto';
import Dexie, { liveQuery, type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createRefreshCoalescer, deferMessageRefresh, type RefreshCoalescer } from './live-refresh';

interface Row {
  accountId: string;
  folderPath: string;
  uid: number;
}
type TestDb = Dexie & { messages: Table<Row, [string, string, number]>; syncCursors: Table<{ accountId: string; folderPath: string; at: number }, [string, string]> };

const open: Dexie[] = [];
const subscriptions: { unsubscribe(): void }[] = [];
afterEach(() => {
  for (const s of subscriptions.splice(0)) s.unsubscribe();
  for (const db of open.splice(0)) db.close();
});

function testDb(coalescer: RefreshCoalescer): TestDb {
  const db = new Dexie(`live-refresh-${Math.random()}`, { cache: 'disabled' }) as TestDb;
  db.version(1).stores({ messages: '[accountId+folderPath+uid]', syncCursors: '[accountId+folderPath]' });
  db.use(coalescer.middleware);
  open.push(db);
  return db;
}

/** The latest value of a live query, as it is announced. */
function watch<T>(query: () => Promise<T>): { latest: () => T | undefined; runs: () => number } {
  let latest: T | undefined;
  let runs = 0;
  subscriptions.push(
    liveQuery(query).subscribe({
      next: (value) => {
        latest = value;
        runs += 1;
      },
    }),
  );
  return { latest: () => latest, runs: () => runs };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

const rows = (from: number, to: number): Row[] => Array.from({ length: to - from + 1 }, (_, i) => ({ accountId: 'a', folderPath: 'INBOX', uid: from + i }));

async function deferredWrite(db: TestDb, put: Row[], at = 0): Promise<void> {
  await db.transaction('rw', [db.messages, db.syncCursors], async () => {
    deferMessageRefresh();
    await db.messages.bulkPut(put);
    await db.syncCursors.put({ accountId: 'a', folderPath: 'INBOX', at });
  });
}

describe('live-query refresh coalescing', () => {
  it('announces a deferred write at once when none was announced lately, then holds the next ones back', async () => {
    const coalescer = createRefreshCoalescer(60_000);
    const db = testDb(coalescer);
    const count = watch(() => db.messages.count());
    const cursor = watch(async () => (await db.syncCursors.toArray())[0]?.at ?? null);
    await until(() => count.latest() === 0);

    await deferredWrite(db, rows(1, 200), 1);
    await until(() => count.latest() === 200);

    await deferredWrite(db, rows(201, 1200), 2);
    await deferredWrite(db, rows(1201, 3200), 3);
    // The cursor, written by the same transactions, is announced as usual.
    await until(() => cursor.latest() === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(count.latest()).toBe(200);

    const runs = count.runs();
    coalescer.flush();
    await until(() => count.latest() === 3200);
    // Both held-back writes cost the count one run.
    expect(count.runs()).toBe(runs + 1);
  });

  it('announces held-back writes at the end of the interval without being asked', async () => {
    const coalescer = createRefreshCoalescer(300);
    const db = testDb(coalescer);
    const count = watch(() => db.messages.count());
    await deferredWrite(db, rows(1, 10));
    await deferredWrite(db, rows(11, 20));
    await deferredWrite(db, rows(21, 30));
    await until(() => count.latest() === 30);
  });

  it('announces an ordinary write at once, even while deferred ones are held back', async () => {
    const coalescer = createRefreshCoalescer(60_000);
    const db = testDb(coalescer);
    const count = watch(() => db.messages.count());
    await deferredWrite(db, rows(1, 10));
    await until(() => count.latest() === 10);
    await deferredWrite(db, rows(11, 20));
    await db.messages.put({ accountId: 'a', folderPath: 'INBOX', uid: 100 });
    await until(() => count.latest() === 21);
  });

  it('announces nothing for a deferred transaction that aborts', async () => {
    const coalescer = createRefreshCoalescer(0);
    const db = testDb(coalescer);
    const count = watch(() => db.messages.count());
    await until(() => count.latest() === 0);
    const runs = count.runs();
    await expect(
      db.transaction('rw', db.messages, async () => {
        deferMessageRefresh();
        await db.messages.bulkPut(rows(1, 5));
        throw new Error('cut');
      }),
    ).rejects.toThrow('cut');
    coalescer.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count.runs()).toBe(runs);
    expect(await db.messages.count()).toBe(0);
  });
});
