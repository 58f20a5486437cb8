/**
 * Coalesces the live-query refreshes that the engine's header deltas cause.
 *
 * Dexie re-runs every live query that reads a table as soon as a transaction writing it
 * commits. The message list's counts (folder size, unread, unified unread) walk a whole
 * index, because IndexedDB keeps no counts, and a readwrite transaction waits for the
 * reads before it: during the first sync of a 100,000-message folder, refreshing after
 * every delta made the cache spend more time counting than writing (docs/benchmarks.md).
 *
 * A transaction marked with `deferMessageRefresh` therefore does not announce its changes
 * to the messages table (nor the snippets table) when it commits; they are announced (Dexie's public
 * `storagemutated` event) at most once per `intervalMs`: at once when none was announced
 * in the last interval, so a first batch or a lone new message shows without delay, and
 * otherwise at the end of the interval, so the last write is always shown. Other tables
 * written by the same transaction (the sync cursor) are announced as usual.
 *
 * The handles using this are opened with Dexie's query cache disabled (db.ts): a cached
 * result would not know of the changes held back here.
 */
import Dexie, { RangeSet, type DBCore, type DBCoreMutateRequest, type DBCoreTransaction, type Middleware, type ObservabilitySet } from 'dexie';

const deferred = new WeakSet<DBCoreTransaction>();
/** The tables whose changes a deferring transaction holds back: the headers, and the list's preview lines. */
const coalescedTables = new Set(['messages', 'snippets']);

/** Called inside a Dexie transaction: its changes to `messages` and `snippets` are announced by the coalescer. */
export function deferMessageRefresh(): void {
  // The DBCore transaction that every request of this Dexie transaction carries.
  const idbtrans = (Dexie.currentTransaction as { idbtrans?: DBCoreTransaction } | null)?.idbtrans;
  if (idbtrans) deferred.add(idbtrans);
}

export interface RefreshCoalescer {
  middleware: Middleware<DBCore>;
  /** Announces what is held back now (tests, and a window about to close). */
  flush(): void;
}

export function createRefreshCoalescer(intervalMs: number): RefreshCoalescer {
  // The observability-set keys (idb://db/table/index) held back, announced as full ranges.
  let held = new Set<string>();
  let lastAnnounced = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (held.size === 0) return;
    const parts: ObservabilitySet = {};
    for (const key of held) parts[key] = new RangeSet(Dexie.minKey, Dexie.maxKey);
    held = new Set();
    lastAnnounced = performance.now();
    Dexie.on.storagemutated.fire(parts);
  }

  function schedule(): void {
    if (timer !== null) return;
    const wait = lastAnnounced + intervalMs - performance.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  }

  /** Moves one table's parts out of what the transaction will announce when it commits. */
  function holdBack(trans: DBCoreTransaction & { mutatedParts?: ObservabilitySet }, prefix: string, pending: Set<string>): void {
    const parts = trans.mutatedParts;
    if (!parts) return;
    for (const key of Object.keys(parts)) {
      if (!key.startsWith(prefix)) continue;
      pending.add(key);
      delete parts[key];
    }
  }

  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'tern-live-refresh',
    create: (down) => {
      const pendingOf = new WeakMap<DBCoreTransaction, Set<string>>();
      return {
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (!coalescedTables.has(name)) return table;
          const prefix = `idb://${down.schema.name}/${name}/`;
          return {
            ...table,
            mutate: async (request: DBCoreMutateRequest) => {
              const result = await table.mutate(request);
              const trans = request.trans;
              if (!deferred.has(trans)) return result;
              let pending = pendingOf.get(trans);
              if (!pending) {
                const created = new Set<string>();
                pendingOf.set(trans, (pending = created));
                // Held back until the commit; an aborted transaction changed nothing to announce.
                (trans as unknown as IDBTransaction).addEventListener('complete', () => {
                  for (const key of created) held.add(key);
                  schedule();
                });
              }
              holdBack(trans, prefix, pending);
              return result;
            },
          };
        },
      };
    },
  };
  return { middleware, flush };
}
