import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Folder, MessageHeader } from '../../src-shared/model';
import { createCacheStore } from './cache-store';
import { openCache, type Cache } from './db';
import { enqueueOperation } from './operation-log';

let cache: Cache;

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

function header(folderPath: string, uid: number, ageDays: number): MessageHeader {
  const date = NOW - ageDays * DAY;
  return {
    accountId: 'a1', folderPath, uid, messageId: `<m${uid}@x>`, subject: `S${uid}`, from: [], to: [], cc: [],
    date, internalDate: date, size: 1000, flags: [], unread: 1, inReplyTo: null,
  };
}

function folder(path: string, specialUse: Folder['specialUse'] = null): Folder {
  return { accountId: 'a1', path, name: path, delimiter: '/', parentPath: null, specialUse, subscribed: true, selectable: true };
}

/** A body of exactly `bytes` counted bytes (text characters). */
function body(folderPath: string, uid: number, bytes: number, fetchedAt = NOW) {
  return { accountId: 'a1', folderPath, uid, text: 'x'.repeat(bytes), html: null, problem: null, fetchedAt };
}

async function seed(store: ReturnType<typeof createCacheStore>, folderPath: string, ages: number[]) {
  const upserts = ages.map((age, i) => header(folderPath, i + 1, age));
  const cursor = { accountId: 'a1', folderPath, uidValidity: 1, uidNext: ages.length + 1, highestModseq: null, highestUid: ages.length, syncedAt: 1 };
  await store.applyHeaderDelta({ accountId: 'a1', folderPath, reset: false, upserts, flagUpdates: [], removedUids: [], cursor });
}

const usage = async () => (await cache.db.bodyUsage.get('a1'))?.usedBytes ?? 0;

beforeEach(() => {
  cache = openCache(`budget-test-${Math.random()}`);
});
afterEach(() => cache.close());

describe('body budget in the cache', () => {
  it('keeps a running total as bodies and attachments are stored, replaced and dropped with their messages', async () => {
    const store = createCacheStore(cache);
    await store.replaceFolders({ accountId: 'a1', folders: [folder('INBOX'), folder('Old')] });
    await seed(store, 'INBOX', [1, 2, 3]);
    await seed(store, 'Old', [4]);
    await store.putBody(body('INBOX', 1, 100));
    const part = { accountId: 'a1', folderPath: 'INBOX', uid: 2, partId: '2', filename: 'a.bin', contentType: 'application/octet-stream', size: 6, contentId: null, inline: false };
    await store.putBody({ ...body('INBOX', 2, 10), attachments: [{ ...part, dataBase64: btoa('abcdef') }] });
    await store.putBody(body('Old', 1, 1000));
    expect(await usage()).toBe(100 + 16 + 1000);
    await store.putBody(body('INBOX', 1, 40));
    expect(await usage()).toBe(40 + 16 + 1000);
    const cursor = { accountId: 'a1', folderPath: 'INBOX', uidValidity: 1, uidNext: 4, highestModseq: null, highestUid: 3, syncedAt: 2 };
    await store.applyHeaderDelta({ accountId: 'a1', folderPath: 'INBOX', reset: false, upserts: [], flagUpdates: [], removedUids: [2], cursor });
    expect(await usage()).toBe(40 + 1000);
    await store.replaceFolders({ accountId: 'a1', folders: [folder('INBOX')] });
    expect(await usage()).toBe(40);
  });

  it('stores a batch of bodies in one call: the same accounting, attachments and list previews as one by one', async () => {
    const store = createCacheStore(cache);
    await seed(store, 'INBOX', [1, 2]);
    const part = { accountId: 'a1', folderPath: 'INBOX', uid: 2, partId: '2', filename: 'a.bin', contentType: 'application/octet-stream', size: 6, contentId: null, inline: false };
    await store.putBodies({ bodies: [body('INBOX', 1, 100), { ...body('INBOX', 2, 10), attachments: [{ ...part, dataBase64: btoa('abcdef') }] }] });
    expect(await usage()).toBe(100 + 16);
    expect((await cache.db.attachmentData.toArray()).map((a) => a.data.length)).toEqual([6]);
    expect((await cache.db.snippets.toArray()).map((s) => [s.uid, s.text.slice(0, 3)])).toEqual([
      [1, 'xxx'],
      [2, 'xxx'],
    ]);
    expect(await cache.db.messages.get(['a1', 'INBOX', 1])).not.toHaveProperty('snippet');
    expect((await cache.db.bodies.toArray()).map((b) => b.date)).toEqual([NOW - DAY, NOW - 2 * DAY]);
  });

  it('lists the messages without a body newest first, from the given date on', async () => {
    const store = createCacheStore(cache);
    await seed(store, 'INBOX', [50, 1, 200, 10]);
    await store.putBody(body('INBOX', 2, 10));
    const missing = await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: NOW - 90 * DAY, limit: 10 });
    expect(missing.map((m) => m.uid)).toEqual([4, 1]);
    expect(await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: 0, limit: 1 })).toEqual([{ uid: 4, size: 1000, date: NOW - 10 * DAY }]);
  });

  it('goes on after the last batch, batch by batch, with each missing message listed once across shared dates and cached ones', async () => {
    const store = createCacheStore(cache);
    // Runs of equal dates longer than a batch, cached bodies between them, and UIDs out of date order.
    const ages = [3, 1, 1, 1, 1, 1, 0, 2, 2, 1, 5, 4, 1, 0, 2];
    await seed(store, 'INBOX', ages);
    for (const uid of [2, 5, 8, 14]) await store.putBody(body('INBOX', uid, 10));
    const everything = await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: 0, limit: 100 });
    expect(everything.map((m) => m.uid)).toEqual([7, 13, 10, 6, 4, 3, 15, 9, 1, 12, 11]);
    for (const limit of [1, 2, 3]) {
      const batches: number[] = [];
      let olderThan: { date: number; uid: number } | undefined;
      for (;;) {
        const batch = await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: 0, limit, olderThan });
        if (batch.length === 0) break;
        expect(batch.length).toBeLessThanOrEqual(limit);
        batches.push(...batch.map((m) => m.uid));
        olderThan = { date: batch.at(-1)!.date, uid: batch.at(-1)!.uid };
      }
      expect(batches).toEqual(everything.map((m) => m.uid));
    }
    // Nothing after a message older than the first date asked for.
    expect(await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: NOW - DAY, limit: 5, olderThan: { date: NOW - 2 * DAY, uid: 9 } })).toEqual([]);
  });

  it('evicts the oldest messages first until the bodies fit, never headers, and keeps Drafts and folders with queued operations', async () => {
    const store = createCacheStore(cache);
    await store.replaceFolders({ accountId: 'a1', folders: [folder('INBOX'), folder('Drafts', 'drafts'), folder('Work')] });
    await seed(store, 'INBOX', [5, 30, 60, 90]);
    await seed(store, 'Drafts', [400]);
    await seed(store, 'Work', [300]);
    for (const uid of [1, 2, 3, 4]) await store.putBody(body('INBOX', uid, 100));
    await store.putBody(body('Drafts', 1, 100));
    await store.putBody(body('Work', 1, 100));
    await enqueueOperation(cache, 'a1', { kind: 'flag', folderPath: 'Work', uidValidity: 1, messages: [{ uid: 1, messageId: null }], flag: '\\Seen', value: true });

    const result = await store.enforceBodyBudget({ accountId: 'a1', limitBytes: 350, order: 'oldest' });

    // 600 bytes; the oldest evictable are INBOX 4 (90 days) and 3 (60 days): 400 left is still
    // over, so INBOX 2 (30 days) goes too. Drafts (400 days) and Work (queued flag) stay.
    expect(result).toEqual({ usedBytes: 300, evicted: 3 });
    expect((await cache.db.bodies.toArray()).map((b) => `${b.folderPath}/${b.uid}`).sort()).toEqual(['Drafts/1', 'INBOX/1', 'Work/1']);
    expect(await cache.db.messages.count()).toBe(6);
    expect(await usage()).toBe(300);
    // What was just evicted is not downloaded again while the budget stays as it is …
    expect(await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: 0, limit: 10 })).toEqual([]);
    // … and comes back once the budget grows.
    await store.enforceBodyBudget({ accountId: 'a1', limitBytes: 10_000, order: 'oldest' });
    expect((await store.listMissingBodies({ accountId: 'a1', folderPath: 'INBOX', since: 0, limit: 10 })).map((m) => m.uid)).toEqual([2, 3, 4]);
  });

  it('evicts the least recently fetched bodies first for the online bounded cache', async () => {
    const store = createCacheStore(cache);
    await seed(store, 'INBOX', [1, 2, 3]);
    await store.putBody(body('INBOX', 1, 100, NOW - 10));
    await store.putBody(body('INBOX', 2, 100, NOW - 30));
    await store.putBody(body('INBOX', 3, 100, NOW - 20));
    expect(await store.enforceBodyBudget({ accountId: 'a1', limitBytes: 150, order: 'least-recent' })).toEqual({ usedBytes: 100, evicted: 2 });
    expect((await cache.db.bodies.toArray()).map((b) => b.uid)).toEqual([1]);
  });
});
