/**
 * Brings one folder's cached headers up to date with the server: new messages by UID,
 * changes to cached ones by QRESYNC or CONDSTORE where offered (cached-comparison.ts).
 *
 * Order of work, and why it is crash-safe:
 * 1. A new UIDVALIDITY drops the folder's cache (RFC 4549 §4.1) in the first delta.
 * 2. New messages are fetched newest first, so the list fills from the top. These deltas
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
  /** Every later batch. */
  rest: number;
}

export const DEFAULT_BATCHES: BatchSizes = { first: 200, rest: 1000 };

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
  // Above the cursor only what a run cut short left behind: at most that run's new messages.
  const strays = new Set(reset ? [] : expand(await store.listUidRanges({ ...ref, from: known + 1 })));
  const cached: CachedView = {
    upTo: known,
    count: known === 0 ? 0 : await store.countUids({ ...ref, upTo: known }),
    ranges: () => store.listUidRanges({ ...ref, to: known }),
  };

  // UIDNEXT only moves when messages arrive (RFC 3501 §2.3.1.1): unchanged, there is nothing to list.
  const unchanged = !reset && cursor !== null && cursor.uidNext !== null && state.uidNext === cursor.uidNext;
  // `n:*` also matches the last message when every UID is below n (RFC 3501 §6.4.8), hence `> known`.
  const listed = unchanged ? [] : await mailbox.uidsFrom(known + 1);
  const newUids = listed.filter((uid) => uidOf(uid) !== null && uid > known);
  const toFetch = newUids.filter((uid) => !strays.has(uid)).sort((a, b) => b - a);

  // Until the last delta the cursor describes only what was true before this run.
  const interim: SyncCursor = {
    ...ref,
    uidValidity: state.uidValidity,
    uidNext: reset ? null : (cursor?.uidNext ?? null),
    highestModseq: reset ? null : (cursor?.highestModseq ?? null),
    highestUid: known,
    syncedAt: reset ? 0 : (cursor?.syncedAt ?? 0),
  };
  let resetPending = reset;
  let added = 0;
  let writing: Promise<unknown> = Promise.resolve();
  try {
    for (const batch of newestFirst(toFetch, batches)) {
      const upserts = await fetchBatch(ref, mailbox, batch);
      const next = delta(ref, { reset: resetPending, upserts, cursor: interim });
      await writing;
      writing = store.applyHeaderDelta(next);
      // Handled here so a write failing while the next FETCH runs is not an unhandled
      // rejection; the `await writing` before the next write still throws it.
      void writing.catch(() => undefined);
      resetPending = false;
      added += upserts.length;
    }
    await writing;
  } finally {
    // A failed fetch still lets the write under way finish before this run ends.
    await writing.catch(() => undefined);
  }

  const { flagUpdates, removedUids } = await compareCached(mailbox, cached, newUids, reset ? null : cursor);
  const highestUid = maxOf(newUids, known);
  await store.applyHeaderDelta(
    delta(ref, { reset: resetPending, flagUpdates, removedUids, cursor: { ...ref, ...finalPosition(state, highestUid), syncedAt: now() } }),
  );
  return { added, removed: removedUids.length, reset };
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
    highestUid,
  };
}

function newestFirst(uidsDescending: readonly number[], sizes: BatchSizes): number[][] {
  const batches: number[][] = [];
  let start = 0;
  while (start < uidsDescending.length) {
    const size = batches.length === 0 ? sizes.first : sizes.rest;
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
