/**
 * The background download's question to the cache: which messages of a folder, dated from
 * a given day on, have no cached body yet, newest first (store-port.ts listMissingBodies).
 *
 * Read page by page from the top of the folder's date index, keys only, so a batch costs
 * what it lists plus the cached messages it passes over, whatever the folder's size; with
 * `olderThan` a run's next batch starts where the last ended. Reading the whole folder's
 * keys for each batch instead made a run quadratic: 1.8 s a batch at 100,000 messages.
 */
import Dexie from 'dexie';
import type { StoreArgs, StoreResult } from '../../src-shared/store-port';
import type { Cache, TernDexie } from './db';
import { getByKeys } from './uid-reads';

type Key = [string, string, number];
type Missing = StoreResult<'listMissingBodies'>[number];

/** The largest page of keys read at once; pages start at the batch's size and double. */
const LARGEST_PAGE = 8000;

export async function listMissingBodies(cache: Cache, { accountId, folderPath, since, limit, olderThan }: StoreArgs<'listMissingBodies'>): Promise<StoreResult<'listMissingBodies'>> {
  const { db } = cache;
  return db.transaction('r', [db.messages, db.bodies, db.bodyUsage], async () => {
    const usage = await db.bodyUsage.get(accountId);
    const from = Math.max(since, (usage?.evictedThrough ?? 0) + 1);
    const byDate = () => db.messages.where('[accountId+folderPath+date]');
    const listed: Missing[] = [];
    const passed = new Set<number>();

    async function take(keys: readonly Key[], dates: { newest: unknown; oldest: unknown }): Promise<void> {
      const fresh = keys.filter((key) => !passed.has(key[2]));
      for (const key of fresh) passed.add(key[2]);
      const cached = fresh.length === 0 ? new Set<number>() : await cachedUids(db, accountId, folderPath, dates);
      // Headers (for sizes) only of the missing messages this batch still has room for.
      const wanted = fresh.filter((key) => !cached.has(key[2])).slice(0, limit - listed.length);
      for (const header of await getByKeys(db.messages, wanted)) {
        if (header !== undefined) listed.push({ uid: header.uid, size: header.size, date: header.date });
      }
    }

    /** Every message of one date at once: many can share one (a date header has whole seconds). */
    async function takeDate(date: number, below = Infinity): Promise<void> {
      // Equal dates are in key order, so by UID.
      const keys = await byDate().equals([accountId, folderPath, date]).reverse().primaryKeys();
      await take(keys.filter((key) => key[2] < below), { newest: date, oldest: date });
    }

    // A page ends at a date that may go on beyond it, so the next page starts at that date
    // again (skipping what was seen); a page of one date only has the rest of it read at once.
    let upTo: unknown = Dexie.maxKey;
    let upToIncluded = true;
    if (olderThan) {
      if (olderThan.date < from) return listed;
      // First the rest of the date the last batch ended in.
      await takeDate(olderThan.date, olderThan.uid);
      upTo = olderThan.date;
      upToIncluded = false;
    }
    for (let page = limit; listed.length < limit; page = Math.min(LARGEST_PAGE, page * 2)) {
      const keys = await byDate().between([accountId, folderPath, from], [accountId, folderPath, upTo], true, upToIncluded).reverse().limit(page).primaryKeys();
      const last = keys.at(-1);
      const lastDate = last === undefined ? undefined : (await db.messages.get(last))?.date;
      await take(keys, { newest: upTo, oldest: keys.length < page ? from : (lastDate ?? from) });
      if (keys.length < page || lastDate === undefined) break;
      if (lastDate === upTo) {
        await takeDate(lastDate);
        upToIncluded = false;
      } else {
        upTo = lastDate;
        upToIncluded = true;
      }
    }
    return listed;
  });
}

/**
 * The folder's UIDs with a cached body among messages dated `oldest` to `newest`, from the
 * bodies' date index: keys only, so no body is read, and the folder's other dates are not
 * looked at. A body stored without its date (before schema v9) is not there: it counts as
 * missing once, and is stored again with it.
 */
async function cachedUids(db: TernDexie, accountId: string, folderPath: string, dates: { newest: unknown; oldest: unknown }): Promise<Set<number>> {
  const keys = await db.bodies
    .where('[accountId+date+bytes]')
    .between([accountId, dates.oldest, -Infinity], [accountId, dates.newest, Infinity], true, true)
    .primaryKeys();
  return new Set(keys.filter((key) => key[1] === folderPath).map((key) => key[2]));
}
