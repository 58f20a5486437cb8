/**
 * How many records the renderer's IndexedDB cache holds, as the benchmarks poll it while the
 * app syncs. The count walks an index or a table of small records: IndexedDB keeps no counts,
 * and walking the messages or bodies table reads every stored value, so a poll every 100 ms
 * took the browser process (where IndexedDB runs) most of a core away from the sync it measures.
 * Passed as source text: it runs in the page, and the Node typecheck has no DOM types.
 */
import type { Page } from 'playwright-core';

/** What to count: headers by their folder-and-date index; bodies by their size records, written with them. */
const counted = {
  headers: { store: 'messages', index: '[accountId+folderPath+date]' },
  bodies: { store: 'bodySizes', index: null },
} as const;

export function cachedCount(page: Page, what: keyof typeof counted): Promise<number> {
  const { store, index } = counted[what];
  const source = index === null ? `tx.objectStore('${store}')` : `tx.objectStore('${store}').index('${index}')`;
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('tern-cache');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('${store}')) return resolve(0);
      const tx = db.transaction('${store}');
      const count = ${source}.count();
      count.onsuccess = () => { db.close(); resolve(count.result); };
      count.onerror = () => reject(count.error);
    };
  })`);
}
