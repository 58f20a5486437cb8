/**
 * Keeps one SearchIndex per cache database in step with it: it listens to the cache's
 * writes first (cache/write-feed.ts), then reads every cached header and body in chunks of
 * keys, yielding between chunks so the window stays responsive while 100,000 messages
 * are indexed. A write that lands during the build is applied at once and found again by
 * the build, which indexing tolerates (a header is indexed once, a body once).
 */
import Dexie from 'dexie';
import type { MessageBody, MessageHeader } from '../../../src-shared/model';
import type { TernDexie } from '../../cache/db';
import { onCacheWrites, type CacheWrite } from '../../cache/write-feed';
import { SearchIndex } from './search-index';

const chunk = 2000;

export interface IndexHandle {
  index: SearchIndex;
  /** Resolves when every message cached at start is indexed. */
  built: Promise<void>;
  /** Messages indexed by the build so far, and whether it is done. */
  progress(): { indexed: number; done: boolean };
  /** Called (at most once per animation frame's worth of writes) after the index changes. */
  onChange(listener: () => void): () => void;
}

const handles = new WeakMap<TernDexie, IndexHandle>();

const isHeader = (value: unknown): value is MessageHeader => {
  const v = value as Partial<MessageHeader> | null;
  return typeof v === 'object' && v !== null && typeof v.uid === 'number' && typeof v.subject === 'string' && Array.isArray(v.from) && Array.isArray(v.to) && Array.isArray(v.flags);
};
const isBody = (value: unknown): value is MessageBody => {
  const v = value as Partial<MessageBody> | null;
  return typeof v === 'object' && v !== null && typeof v.uid === 'number' && typeof v.text === 'string';
};
const asKey = (key: unknown): { accountId: string; folderPath: string; uid: number } | null =>
  Array.isArray(key) && key.length === 3 ? { accountId: String(key[0]), folderPath: String(key[1]), uid: Number(key[2]) } : null;

function inRange(key: unknown[], range: { lower: unknown; upper: unknown; lowerOpen?: boolean; upperOpen?: boolean }): boolean {
  const lower = indexedDB.cmp(key, range.lower);
  const upper = indexedDB.cmp(key, range.upper);
  return (range.lowerOpen ? lower > 0 : lower >= 0) && (range.upperOpen ? upper < 0 : upper <= 0);
}

export function apply(index: SearchIndex, write: CacheWrite): void {
  if (write.type === 'put') {
    for (const value of write.values) {
      if (write.table === 'messages' && isHeader(value)) index.addHeader(value);
      if (write.table === 'bodies' && isBody(value)) index.addBody(value);
    }
    return;
  }
  // A body removed alone leaves its words until the next build: the message is still there.
  if (write.table !== 'messages') return;
  if (write.type === 'delete') {
    for (const key of write.keys) {
      const ref = asKey(key);
      if (ref) index.remove(ref);
    }
    return;
  }
  const range = write.range;
  index.removeWhere((ref) => inRange([ref.accountId, ref.folderPath, ref.uid], range));
}

async function build(db: TernDexie, index: SearchIndex, progress: { indexed: number; done: boolean }, changed: () => void): Promise<void> {
  // The build's duration is a performance measure, which the reading benchmark reads.
  const started = performance.now();
  for (const table of [db.messages, db.bodies] as const) {
    let after: unknown = Dexie.minKey;
    for (;;) {
      const rows: unknown[] = await table.where(':id').above(after).limit(chunk).toArray();
      if (rows.length === 0) break;
      for (const row of rows) {
        if (table === db.messages && isHeader(row)) {
          index.addHeader(row);
          progress.indexed += 1;
        } else if (isBody(row)) index.addBody(row);
      }
      const last = rows[rows.length - 1] as MessageHeader;
      after = [last.accountId, last.folderPath, last.uid];
      changed();
      // Let the window paint and handle input between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  progress.done = true;
  performance.measure('tern-index-build', { start: started });
  changed();
}

export function searchIndexFor(db: TernDexie): IndexHandle {
  const known = handles.get(db);
  if (known) return known;
  const index = new SearchIndex();
  const listeners = new Set<() => void>();
  let scheduled = false;
  const changed = (): void => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      for (const listener of listeners) listener();
    }, 50);
  };
  onCacheWrites(db.name, (write) => {
    apply(index, write);
    changed();
  });
  const progress = { indexed: 0, done: false };
  const handle: IndexHandle = {
    index,
    built: build(db, index, progress, changed),
    progress: () => ({ ...progress }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  handles.set(db, handle);
  return handle;
}
