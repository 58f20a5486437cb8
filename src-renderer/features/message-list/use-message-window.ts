/**
 * The rows of a list (a folder or the unified inbox, in one sort and filter) that the virtual list needs now: pages of `pageSize` around the
 * visible range, fetched by keyset (cache/queries.ts). The cursor where each page starts is
 * remembered, so scrolling on reads one page more; a jump far past anything read finds
 * the first wanted page's cursor directly (findPageCursor, from the date slice the count
 * found it in) instead of walking to it.
 *
 * It is a live query: the engine's deltas re-run it. When the folder's size or newest
 * message changes, every remembered cursor may sit at another row index, so they are
 * forgotten and found again.
 */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { countList, findPageCursor, listMessagePage, type ListView, type PageCursor } from '../../cache/queries';
import type { TernDexie } from '../../cache/db';
import type { StoredMessage } from '../../cache/list-keys';

// A window of rows in view (about 15–25) and overscan spans one or two pages. Smaller pages
// answer sooner (per row, not per request: 2 ms for 50 rows, 6 ms for 200 in a bare page at
// 100,000 messages) and a scroll re-reads at most 100 rows, not 400.
export const pageSize = 50;
// Walking this many pages (600 rows) costs about what finding a cursor directly does.
const walkLimit = 12;

export interface MessageWindow {
  /** The view these rows are of. */
  viewKey: string;
  total: number;
  /** Row index of rows[0]. */
  start: number;
  rows: StoredMessage[];
}

export function useMessageWindow(db: TernDexie, view: ListView, firstRow: number, lastRow: number): MessageWindow | undefined {
  const viewKey = JSON.stringify(view);
  // cursors.get(p) starts page p; page 0 starts at the newest message.
  const known = useRef({ signature: '', cursors: new Map<number, PageCursor | null>([[0, null]]) });
  const firstPage = Math.floor(Math.max(0, firstRow) / pageSize);
  const lastPage = Math.floor(Math.max(0, lastRow) / pageSize);
  const latest = useRef<MessageWindow | undefined>(undefined);

  // Counting walks the whole index (IndexedDB has no stored counts), which at 100,000
  // messages takes far longer than a page: the rows are shown first, the size follows. The
  // count is asked only once this view's first rows are read: Chromium's IndexedDB serves
  // one request at a time, so a count asked first holds the page back behind it.
  // A count still walking when its view is left, or when a change starts the next one, stops.
  const [rowsReadFor, setRowsReadFor] = useState<string | null>(null);
  const firstRowsRead = rowsReadFor === viewKey;
  const counting = useRef<AbortController | null>(null);
  useEffect(() => () => counting.current?.abort(), [viewKey]);
  const counted = useLiveQuery(() => {
    if (!firstRowsRead) return undefined;
    counting.current?.abort();
    counting.current = new AbortController();
    return countList(db, view, counting.current.signal);
  }, [db, viewKey, firstRowsRead]);
  const found = useLiveQuery(async () => {
    const newest = await listMessagePage(db, view, null, 1);
    const first = newest.rows[0];
    const signature = JSON.stringify([viewKey, counted?.total, first?.accountId, first?.folderPath, first?.uid, first?.date]);
    if (signature !== known.current.signature) known.current = { signature, cursors: new Map([[0, null]]) };
    const { cursors } = known.current;

    const rows: StoredMessage[] = [];
    // Start from the nearest page whose cursor is known at or before the first page wanted.
    let page = firstPage;
    while (!cursors.has(page)) page -= 1;
    if (firstPage - page > walkLimit) {
      const cursor = await findPageCursor(db, view, firstPage * pageSize, counted?.slices ?? null);
      if (cursor) {
        cursors.set(firstPage, cursor);
        page = firstPage;
      }
    }
    while (page <= lastPage) {
      const cursor = cursors.get(page);
      if (cursor === undefined) break;
      const result = await listMessagePage(db, view, cursor, pageSize);
      if (page >= firstPage) rows.push(...result.rows);
      if (result.next === null) break;
      cursors.set(page + 1, result.next);
      page += 1;
    }
    const start = firstPage * pageSize;
    // Until the count arrives, the list is as long as what was read; and a count taken
    // before new mail arrived does not hide the rows already read past it.
    return { viewKey, total: Math.max(counted?.total ?? 0, start + rows.length), start, rows };
    // The view is compared by value (viewKey): a new object for the same view re-reads nothing.
  }, [db, viewKey, counted, firstPage, lastPage]);

  useEffect(() => {
    if (found?.viewKey === viewKey) setRowsReadFor(viewKey);
  }, [found, viewKey]);

  // While the next window loads, the previous one stays on screen instead of blank rows.
  if (found) latest.current = found;
  return latest.current;
}
