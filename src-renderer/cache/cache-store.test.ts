import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeaderDelta, MessageHeader, SyncCursor } from '../../src-shared/model';
import { openCache, type Cache } from './db';
import { createCacheStore } from './cache-store';

let cache: Cache;
let dbName = '';

function header(uid: number, overrides: Partial<MessageHeader> = {}): MessageHeader {
  return {
    accountId: 'a1', folderPath: 'INBOX', uid, messageId: `<m${uid}@x>`, subject: `S${uid}`,
    from: [{ name: 'Bob', address: 'bob@example.org' }], to: [], cc: [],
    date: 1_700_000_000_000 + uid, internalDate: 1_700_000_000_000 + uid, size: 100,
    flags: [], unread: 1, inReplyTo: null, ...overrides,
  };
}

function cursor(highestUid: number, uidValidity = 7): SyncCursor {
  return { accountId: 'a1', folderPath: 'INBOX', uidValidity, uidNext: highestUid + 1, highestModseq: null, highestUid, syncedAt: 1 };
}

function delta(overrides: Partial<HeaderDelta>): HeaderDelta {
  return { accountId: 'a1', folderPath: 'INBOX', reset: false, upserts: [], flagUpdates: [], removedUids: [], cursor: cursor(0), ...overrides };
}

beforeEach(() => {
  dbName = `store-test-${Math.random()}`;
  cache = openCache(dbName);
});
afterEach(() => cache.close());

describe('cache store port', () => {
  it('applies upserts with their cursor, and counts and lists UIDs as runs in order', async () => {
    const store = createCacheStore(cache);
    await store.applyHeaderDelta(delta({ upserts: [header(3), header(1), header(2), header(7), header(9), header(8)], cursor: cursor(3) }));
    const inbox = { accountId: 'a1', folderPath: 'INBOX' };
    expect(await store.listUidRanges(inbox)).toEqual([[1, 3], [7, 9]]);
    expect(await store.listUidRanges({ ...inbox, from: 3, to: 8 })).toEqual([[3, 3], [7, 8]]);
    expect(await store.countUids({ ...inbox, upTo: 7 })).toBe(4);
    expect(await store.countUids({ accountId: 'a1', folderPath: 'Other', upTo: 9 })).toBe(0);
    expect((await store.getCursor({ accountId: 'a1', folderPath: 'INBOX' }))?.highestUid).toBe(3);
  });

  it('updates flags, recomputes unread and removes expunged messages with their bodies and previews', async () => {
    const store = createCacheStore(cache);
    await store.applyHeaderDelta(delta({ upserts: [header(1), header(2)], cursor: cursor(2) }));
    await store.putBody({ accountId: 'a1', folderPath: 'INBOX', uid: 2, text: 'hi', html: null, problem: null, fetchedAt: 1 });
    await store.applyHeaderDelta(delta({ flagUpdates: [{ uid: 1, flags: ['\\Seen'] }], removedUids: [2], cursor: cursor(2) }));
    const one = await cache.db.messages.get(['a1', 'INBOX', 1]);
    expect(one?.unread).toBe(0);
    expect(await cache.db.messages.get(['a1', 'INBOX', 2])).toBeUndefined();
    expect(await cache.db.bodies.get(['a1', 'INBOX', 2])).toBeUndefined();
    expect(await cache.db.snippets.count()).toBe(0);
  });

  it('a reset drops the folder (UIDVALIDITY change) but leaves other folders alone', async () => {
    const store = createCacheStore(cache);
    await store.applyHeaderDelta(delta({ upserts: [header(1), header(2)], cursor: cursor(2) }));
    await store.applyHeaderDelta({ ...delta({ upserts: [header(1, { folderPath: 'Work' })] }), folderPath: 'Work', cursor: { ...cursor(1), folderPath: 'Work' } });
    await store.applyHeaderDelta(delta({ reset: true, upserts: [header(5)], cursor: cursor(5, 8) }));
    expect(await store.listUidRanges({ accountId: 'a1', folderPath: 'INBOX' })).toEqual([[5, 5]]);
    expect(await store.listUidRanges({ accountId: 'a1', folderPath: 'Work' })).toEqual([[1, 1]]);
  });

  it('never advances a cursor without its content: a failing delta rolls back entirely', async () => {
    const store = createCacheStore(cache);
    await store.applyHeaderDelta(delta({ upserts: [header(1)], cursor: cursor(1) }));
    const bad = delta({ upserts: [header(2), header(3, { folderPath: 'Elsewhere' })], cursor: cursor(3) });
    await expect(store.applyHeaderDelta(bad)).rejects.toThrow(/another folder/);
    // A write that fails inside the transaction (an invalid key) rolls back the cursor too.
    const invalid = delta({ upserts: [header(2), { ...header(4), uid: Number.NaN }], cursor: cursor(4) });
    await expect(store.applyHeaderDelta(invalid)).rejects.toThrow();
    expect(await store.listUidRanges({ accountId: 'a1', folderPath: 'INBOX' })).toEqual([[1, 1]]);
    expect((await store.getCursor({ accountId: 'a1', folderPath: 'INBOX' }))?.highestUid).toBe(1);
  });

  it('replacing the folder list drops vanished folders with their messages and cursors', async () => {
    const store = createCacheStore(cache);
    const folder = (path: string) => ({ accountId: 'a1', path, name: path, delimiter: '/', parentPath: null, specialUse: null, subscribed: true, selectable: true });
    await store.replaceFolders({ accountId: 'a1', folders: [folder('INBOX'), folder('Old')] });
    await store.applyHeaderDelta({ ...delta({ upserts: [header(1, { folderPath: 'Old' })] }), folderPath: 'Old', cursor: { ...cursor(1), folderPath: 'Old' } });
    await store.replaceFolders({ accountId: 'a1', folders: [folder('INBOX'), folder('New')] });
    expect((await cache.db.folders.toArray()).map((f) => f.path).sort()).toEqual(['INBOX', 'New']);
    expect(await store.listUidRanges({ accountId: 'a1', folderPath: 'Old' })).toEqual([]);
    expect(await store.getCursor({ accountId: 'a1', folderPath: 'Old' })).toBeNull();
  });
});
