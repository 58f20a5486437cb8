import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCache, type Cache } from './db';
import { getByKeys } from './uid-reads';

let cache: Cache;
type Key = [string, string, number];
const key = (folderPath: string, uid: number): Key => ['a1', folderPath, uid];
const snippet = (folderPath: string, uid: number) => ({ accountId: 'a1', folderPath, uid, text: `preview ${uid}` });

beforeEach(async () => {
  cache = openCache(`uid-reads-${Math.random()}`);
  await cache.db.snippets.bulkPut([...[1, 2, 3, 4, 6, 100].map((uid) => snippet('INBOX', uid)), snippet('Sent', 2)]);
});
afterEach(() => {
  cache.close();
  vi.restoreAllMocks();
});

describe('reading records by [account, folder, uid]', () => {
  it('reads a run of UIDs as one range, in the order asked, with gaps as undefined', async () => {
    const bulk = vi.spyOn(cache.db.snippets, 'bulkGet');
    const found = await getByKeys(cache.db.snippets, [key('INBOX', 6), key('INBOX', 4), key('INBOX', 5), key('INBOX', 3)]);
    expect(found.map((r) => r?.uid)).toEqual([6, 4, undefined, 3]);
    expect(bulk).not.toHaveBeenCalled();
  });

  it('gets scattered UIDs, or UIDs of several folders, one by one', async () => {
    const bulk = vi.spyOn(cache.db.snippets, 'bulkGet');
    expect((await getByKeys(cache.db.snippets, [key('INBOX', 100), key('INBOX', 1)])).map((r) => r?.uid)).toEqual([100, 1]);
    expect((await getByKeys(cache.db.snippets, [key('INBOX', 2), key('Sent', 2)])).map((r) => r?.folderPath)).toEqual(['INBOX', 'Sent']);
    expect(bulk).toHaveBeenCalledTimes(2);
    expect(await getByKeys(cache.db.snippets, [])).toEqual([]);
  });
});
