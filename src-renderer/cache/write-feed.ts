/**
 * A feed of the writes to the messages and bodies tables, for state kept outside IndexedDB
 * that must follow the cache incrementally (the search index). A DBCore middleware sees
 * every write through either cache handle, whoever makes it (a sync delta, a user action,
 * a migration), so no writer has to remember to report.
 *
 * Listeners hear of a write once IndexedDB has accepted the request, which is before its
 * transaction commits: a transaction that then aborts leaves a listener ahead of the
 * cache. Consumers therefore treat what they hold as a hint and check the cache before
 * showing it (the search results are read back from the messages table).
 */
import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, Middleware } from 'dexie';

export type CacheWrite =
  | { table: 'messages' | 'bodies'; type: 'put'; values: readonly unknown[] }
  | { table: 'messages' | 'bodies'; type: 'delete'; keys: readonly unknown[] }
  | { table: 'messages' | 'bodies'; type: 'deleteRange'; range: DBCoreKeyRange };

type Listener = (write: CacheWrite) => void;

// By database name: both handles of one cache share one database, and so one feed.
const listeners = new Map<string, Set<Listener>>();

/** Calls `listener` with every later write to the database `name`; returns the unsubscribe. */
export function onCacheWrites(name: string, listener: Listener): () => void {
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

function describe(table: 'messages' | 'bodies', request: DBCoreMutateRequest): CacheWrite {
  if (request.type === 'put' || request.type === 'add') return { table, type: 'put', values: request.values };
  if (request.type === 'delete') return { table, type: 'delete', keys: request.keys };
  return { table, type: 'deleteRange', range: request.range };
}

export const writeFeedMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'tern-write-feed',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (name !== 'messages' && name !== 'bodies') return table;
      return {
        ...table,
        mutate: async (request: DBCoreMutateRequest) => {
          const result = await table.mutate(request);
          const set = listeners.get(down.schema.name);
          if (set?.size) {
            const write = describe(name, request);
            for (const listener of set) listener(write);
          }
          return result;
        },
      };
    },
  }),
};
