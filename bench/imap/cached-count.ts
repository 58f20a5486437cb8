/**
 * What the benchmarks poll in the renderer's IndexedDB cache while the app syncs, chosen to
 * cost the browser process (where IndexedDB runs, beside the sync being measured) next to
 * nothing: IndexedDB keeps no counts, and a count walks every record of a table or index.
 * Walking the messages or bodies table ten times a second read every stored value; walking
 * an index of 100,000 headers checks each entry against its record, which slowed a 100k
 * header sync down more than the table walk. Passed as source text: it runs in the page, and
 * the Node typecheck has no DOM types.
 */
import type { Page } from 'playwright-core';

/**
 * Runs `body` (source: a function of the object store that returns a request) against the
 * cache and resolves what `pick` (source: a function of the request's result) makes of its
 * result, or resolves `empty` before the store exists.
 */
function withCache<T>(page: Page, store: string, empty: T, body: string, pick = '(result) => result'): Promise<T> {
  return page.evaluate<T>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('tern-cache');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('${store}')) { db.close(); return resolve(${JSON.stringify(empty)}); }
      const request = (${body})(db.transaction('${store}').objectStore('${store}'));
      request.onsuccess = () => { db.close(); resolve((${pick})(request.result)); };
      request.onerror = () => reject(request.error);
    };
  })`);
}

/**
 * Cached bodies, counted by their list previews: small records written in the same
 * transaction (they outlive an evicted body, but a benchmark's download evicts nothing).
 * A walk of every preview: for a check once the download looks done.
 */
export const cachedBodies = (page: Page): Promise<number> => withCache(page, 'snippets', 0, '(store) => store.count()');

/**
 * The UID of the first list preview in key order, or null before any: one key read, so it
 * can be polled ten times a second. With one folder holding mail, it is that folder's
 * lowest cached UID; the download goes newest first, so UID 1 is the last body to arrive.
 * (Counting at every poll walked the previews ten times a second, which took about a
 * second of the browser process's CPU from a 10,000-body download.)
 */
export const lowestCachedBodyUid = (page: Page): Promise<number | null> =>
  withCache<number | null>(page, 'snippets', null, '(store) => store.openKeyCursor()', '(cursor) => (cursor ? cursor.key[2] : null)');

/** Cached headers, walking the whole messages table: for a check once the sync is over. */
export const cachedHeaders = (page: Page): Promise<number> => withCache(page, 'messages', 0, '(store) => store.count()');

/**
 * The highest UID up to which INBOX's headers are all cached: its sync cursor, which the
 * first sync leaves at 0 until its final delta (folder-sync.ts), written with those headers.
 */
export async function inboxSyncedThrough(page: Page): Promise<number> {
  const cursors = await withCache<{ folderPath: string; highestUid: number }[]>(page, 'syncCursors', [], '(store) => store.getAll()');
  return cursors.find((cursor) => cursor.folderPath === 'INBOX')?.highestUid ?? 0;
}
