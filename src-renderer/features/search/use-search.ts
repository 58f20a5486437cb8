/**
 * Runs a query against the local index as it is typed, and again whenever the index
 * changes (mail synced, a body cached, a flag changed); then reads the hits' headers back
 * from the cache, which also drops any hit the cache no longer holds.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { isEmptyQuery, parseSearchQuery } from '../../../src-shared/search-query';
import type { TernDexie } from '../../cache/db';
import type { StoredMessage } from '../../cache/list-keys';
import { searchIndexFor } from './index-feed';

export const resultLimit = 200;

export interface LocalResults {
  messages: StoredMessage[];
  indexing: { indexed: number; done: boolean };
}

export function useLocalSearch(db: TernDexie, input: string): LocalResults | undefined {
  const handle = searchIndexFor(db);
  const [version, setVersion] = useState(0);
  useEffect(() => handle.onChange(() => setVersion((v) => v + 1)), [handle]);
  const hits = useMemo(() => {
    const query = parseSearchQuery(input);
    if (isEmptyQuery(query)) return [];
    performance.mark('tern-search-start');
    const found = handle.index.search(query, input, resultLimit);
    performance.measure('tern-search', 'tern-search-start');
    return found;
    // version: the index changed under the same query.
  }, [handle, input, version]);
  return useLiveQuery(async () => {
    const rows = await db.messages.bulkGet(hits.map((hit) => [hit.ref.accountId, hit.ref.folderPath, hit.ref.uid] as [string, string, number]));
    return { messages: rows.filter((row): row is StoredMessage => row !== undefined), indexing: handle.progress() };
  }, [db, hits, handle]);
}
