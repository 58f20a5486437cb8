/**
 * Brings one folder's cached headers up to date with the server: new messages by UID,
 * changes to cached ones by QRESYNC or CONDSTORE where offered (cached-comparison.ts).
 *
 * Order of work, and why it is crash-safe:
 * 1. A new UIDVALIDITY drops the folder's cache (RFC 4549 §4.1) in the first delta.
 * 2. New messages are fetched newest first, so the list fills from the top: in a folder
 *    never synced by windows of sequence numbers (no UID list first, however big the
 *    folder), otherwise by the UIDs listed above the cursor. These deltas
 *    keep the cursor's `highestUid` where it was, because older new UIDs are not cached
 *    yet: after a crash the next run asks again for everything above it and skips what the
 *    store shows is already there. No gap can hide behind the cursor.
 * 3. One last delta carries the flags of the previously cached messages, the UIDs the
 *    server no longer has, and the new cursor.
 *
 * Fetching and writing overlap: while the store writes one batch the next is already on the
 * wire, and deltas still reach the store one at a time, in order. A resync asks the store for
 * a count and the few UIDs above the cursor, never for the whole folder's UIDs.
 */
import type { HeaderDelta, MessageHeader, SyncCursor } from '../../../src-shared/model';
import type { StorePort } from '../../../src-shared/store-port';
import { toMessageHeader, type FetchedMessage } from '../imap/header-fetch';
import type { MailboxState, OpenMailbox } from '../imap/imap-connection';
import { uidOf } from '../imap/untrusted';
import { compareCached, type CachedView } from './cached-comparison';

export interface BatchSizes {
  /** The newest messages, in a small first batch so the list appears fast. */
  first: number;
  /** The second batch; each later one is twice the one before, up to `largest`. */
  rest: number;
  /** The cap on that growth (default: `rest`, so every later batch is `rest`). */
  largest?: number;
}

/**
 * Every delta the cache commits makes the UI's live queries run again, and the list's
 * counts walk the whole folder's index (IndexedDB stores no counts): with batches of one
 * size a big folder costs commits × folder size. Batches that double keep the number of
 * commits near log2 of the folder until the cap, and the cap bounds what one delta holds
 * in memory on both sides of the store port (docs/benchmarks.md). With 8,000 the web host
 * was found at 273 MB RSS after a 100,000-message sync, most of it garbage of the big
 * deltas that V8 had not yet collected (132 MB after a collection); with 4,000, 197 MB, at
 * no cost in sync time that one run could show, the list's counts having since been moved
 * out of the deltas' way.
 */
export const DEFAULT_BATCHES: BatchSizes = { first: 200, rest: 1000, largest: 4000 };

/** The size of batch number `index` (0 is the first). */
export function batchSize(index: number, sizes: BatchSizes): number {
  if (index === 0) return sizes.first;
  const largest = Math.max(sizes.rest, sizes.largest ?? sizes.rest);
  return Math.min(largest, sizes.rest * 2 ** Math.min(index - 1, 30));
}

export interface FolderSyncResult {
  added: number;
  removed: number;
  reset: boolean;
}

interface FolderRef {
  accountId: string;
  folderPath: string;
}

export async function syncFolderHeaders(
  store: StorePort,
  ref: FolderRef,
  mailbox: OpenMailbox,
  batches: BatchSizes = DEFAULT_BATCHES,
  now: () => number = Date.now,
): Promise<FolderSyncResult> {
  const cursor = await store.getCursor(ref);
  const state = mailbox.state;
  const reset = cursor !== null && cursor.uidValidity !== state.uidValidity;
  const known = reset || cursor === null ? 0 : cursor.highestUid;
  const cached: CachedView = {
    upTo: known,
    count: known === 0 ? 0 : await store.countUids({ ...ref, upTo: known }),
    ranges: () => store.listUidRanges({ ...ref, to: known }),
  };

  // Until the last delta the cursor describes only what was true before this run.
  const interim: SyncCursor = {
    ...ref,
    uidValidity: state.uidValidity,
    uidNext: reset ? null : (cursor?.uidNext ?? null),
    highestModseq: reset ? null : (cursor?.highestModseq ?? null),
    exists: reset ? null : (cursor?.exists ?? null),
    highestUid: known,
    syncedAt: reset ? 0 : (cursor?.syncedAt ?? 0),
  };
  const writer = deltaWriter(store, ref, interim, reset);

  let windows: SequenceWindows | null = null;
  let newUids: number[] = [];
  try {
    // A folder never synced: windows of sequence numbers from the top, so the newest headers
    // arrive without first listing every UID in the folder.
    if ((cursor === null || reset) && state.exists > 0) windows = await fetchBySequence(mailbox, ref, state.exists, batches, writer);
    if (windows === null || !windows.complete) {
      await writer.flush();
      // Above the cursor only what a run cut short (or the windows above) left behind; while
      // the reset is still to be written, what the store holds is the old UIDVALIDITY's.
      const strays = new Set(writer.resetPending() ? [] : expand(await store.listUidRanges({ ...ref, from: known + 1 })));
      // UIDNEXT only moves when messages arrive (RFC 3501 §2.3.1.1): unchanged, there is nothing to list.
      const unchanged = !reset && cursor !== null && cursor.uidNext !== null && state.uidNext === cursor.uidNext;
      // `n:*` also matches the last message when every UID is below n (RFC 3501 §6.4.8), hence `> known`.
      const listed = unchanged ? [] : await mailbox.uidsFrom(known + 1);
      newUids = listed.filter((uid) => uidOf(uid) !== null && uid > known);
      const toFetch = newUids.filter((uid) => !strays.has(uid)).sort((a, b) => b - a);
      for (const batch of newestFirst(toFetch, batches)) await writer.write(await fetchBatch(ref, mailbox, batch));
    }
    await writer.flush();
  } finally {
    // A failed fetch still lets the write under way finish before this run ends.
    await writer.settle();
  }

  const { flagUpdates, removedUids } = await compareCached(mailbox, cached, newUids, reset ? null : cursor);
  const highestUid = maxOf(newUids, Math.max(known, windows?.highestUid ?? 0));
  await store.applyHeaderDelta(
    delta(ref, { reset: writer.resetPending(), flagUpdates, removedUids, cursor: { ...ref, ...finalPosition(state, highestUid), syncedAt: now() } }),
  );
  return { added: writer.added(), removed: removedUids.length, reset };
}

interface SequenceWindows {
  /** Whether every window brought as many messages as it spans. */
  complete: boolean;
  highestUid: number;
}

/**
 * FETCH by sequence number, newest window first. An expunge while this runs only moves
 * messages down into a window still to come (fetched twice, stored once); new arrivals
 * land above the top window and are found by the next sync. A window that brings fewer
 * messages than it spans (an expunge, or a response lost to a garbled stream) makes the
 * caller list UIDs afterwards, so nothing is left behind the cursor.
 */
async function fetchBySequence(
  mailbox: OpenMailbox,
  ref: FolderRef,
  exists: number,
  sizes: BatchSizes,
  writer: DeltaWriter,
): Promise<SequenceWindows> {
  let complete = true;
  let highestUid = 0;
  let top = exists;
  for (let index = 0; top >= 1; index++) {
    const bottom = Math.max(1, top - batchSize(index, sizes) + 1);
    const headers = headersOf(ref, await mailbox.fetchHeadersBySequence(bottom, top));
    if (headers.length !== top - bottom + 1) complete = false;
    for (const header of headers) highestUid = Math.max(highestUid, header.uid);
    await writer.write(headers);
    top = bottom - 1;
  }
  return { complete, highestUid };
}

interface DeltaWriter {
  /** Queues a delta; the next one waits until this one is written, so order is kept. */
  write(upserts: MessageHeader[]): Promise<void>;
  /** Waits for the write under way, and throws its failure. */
  flush(): Promise<void>;
  /** Waits for the write under way, whatever its outcome. */
  settle(): Promise<void>;
  added(): number;
  /** True while no delta has yet carried the UIDVALIDITY reset. */
  resetPending(): boolean;
}

/**
 * Writes batches as deltas with the interim cursor. The write of one batch runs while the
 * next is fetched; a failed write is thrown at the next write or flush.
 */
function deltaWriter(store: StorePort, ref: FolderRef, interim: SyncCursor, reset: boolean): DeltaWriter {
  let pendingReset = reset;
  let count = 0;
  let writing: Promise<unknown> = Promise.resolve();
  return {
    async write(upserts) {
      const next = delta(ref, { reset: pendingReset, upserts, cursor: interim });
      await writing;
      writing = store.applyHeaderDelta(next);
      // Handled here so a write failing while the next FETCH runs is not an unhandled
      // rejection; the `await writing` of the next write or flush still throws it.
      void writing.catch(() => undefined);
      pendingReset = false;
      count += upserts.length;
    },
    flush: async () => void (await writing),
    settle: async () => void (await writing.catch(() => undefined)),
    added: () => count,
    resetPending: () => pendingReset,
  };
}

/**
 * HIGHESTMODSEQ is the one read at SELECT; changes made while this run fetched are then
 * seen again by the next CONDSTORE sync rather than missed. Without UIDNEXT (RFC 3501
 * servers may omit it) the next UID is at least one above the highest one seen.
 */
function finalPosition(state: MailboxState, highestUid: number): Omit<SyncCursor, 'accountId' | 'folderPath' | 'syncedAt'> {
  return {
    uidValidity: state.uidValidity,
    uidNext: Math.max(state.uidNext ?? 0, highestUid + 1),
    highestModseq: state.highestModseq,
    exists: state.exists,
    highestUid,
  };
}

function newestFirst(uidsDescending: readonly number[], sizes: BatchSizes): number[][] {
  const batches: number[][] = [];
  let start = 0;
  while (start < uidsDescending.length) {
    const size = batchSize(batches.length, sizes);
    batches.push(uidsDescending.slice(start, start + size));
    start += size;
  }
  return batches;
}

/**
 * The headers of one batch. A UID that did not come back was either expunged meanwhile or
 * its response was lost to a garbled stream that the parser skipped; the two look alike, so
 * the missing ones are asked for once more, and only what is still missing counts as
 * expunged. Without this, a lost response would hide behind the cursor for good.
 */
async function fetchBatch(ref: FolderRef, mailbox: OpenMailbox, batch: readonly number[]): Promise<MessageHeader[]> {
  const asked = new Set(batch);
  // A response for a UID not asked for is not trusted into the cache.
  const headers = headersOf(ref, await mailbox.fetchHeaders(batch)).filter((h) => asked.has(h.uid));
  const returned = new Set(headers.map((h) => h.uid));
  const missing = batch.filter((uid) => !returned.has(uid));
  if (missing.length === 0) return headers;
  const again = headersOf(ref, await mailbox.fetchHeaders(missing)).filter((h) => asked.has(h.uid) && !returned.has(h.uid));
  return [...headers, ...again];
}

function headersOf(ref: FolderRef, fetched: readonly FetchedMessage[]): MessageHeader[] {
  return fetched.flatMap((message) => toMessageHeader(ref.accountId, ref.folderPath, message) ?? []);
}

/** The UIDs of a few runs (only ever those above the cursor, bounded by one run's new messages). */
function expand(ranges: readonly (readonly [number, number])[]): number[] {
  const uids: number[] = [];
  for (const [first, last] of ranges) for (let uid = first; uid <= last; uid++) uids.push(uid);
  return uids;
}

/** Math.max without spreading: folders hold more UIDs than a call may take arguments. */
function maxOf(values: readonly number[], floor: number): number {
  return values.reduce((max, value) => (value > max ? value : max), floor);
}

function delta(ref: FolderRef, parts: Partial<HeaderDelta> & Pick<HeaderDelta, 'cursor'>): HeaderDelta {
  return { ...ref, reset: false, upserts: [], flagUpdates: [], removedUids: [], ...parts };
}
