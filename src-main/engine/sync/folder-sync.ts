/**
 * Brings one folder's cached headers up to date with the server: new messages by UID,
 * changes to cached ones by CONDSTORE where offered (cached-comparison.ts).
 *
 * Order of work, and why it is crash-safe:
 * 1. A new UIDVALIDITY drops the folder's cache (RFC 4549 §4.1) in the first delta.
 * 2. New messages are fetched newest first, so the list fills from the top. These deltas
 *    keep the cursor's `highestUid` where it was, because older new UIDs are not cached
 *    yet: after a crash the next run asks again for everything above it and skips what
 *    `listUids` shows is already there. No gap can hide behind the cursor.
 * 3. One last delta carries the flags of the previously cached messages, the UIDs the
 *    server no longer has, and the new cursor.
 */
import type { HeaderDelta, MessageHeader, SyncCursor } from '../../../src-shared/model';
import type { StorePort } from '../../../src-shared/store-port';
import { toMessageHeader, type FetchedMessage } from '../imap/header-fetch';
import type { MailboxState, OpenMailbox } from '../imap/imap-connection';
import { uidOf } from '../imap/untrusted';
import { compareCached } from './cached-comparison';

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
  const cached = reset ? [] : await store.listUids(ref);
  const cachedSet = new Set(cached);

  // UIDNEXT only moves when messages arrive (RFC 3501 §2.3.1.1): unchanged, there is nothing to list.
  const unchanged = !reset && cursor !== null && cursor.uidNext !== null && state.uidNext === cursor.uidNext;
  // `n:*` also matches the last message when every UID is below n (RFC 3501 §6.4.8), hence `> known`.
  const listed = unchanged ? [] : await mailbox.uidsFrom(known + 1);
  const newUids = listed.filter((uid) => uidOf(uid) !== null && uid > known);
  const toFetch = newUids.filter((uid) => !cachedSet.has(uid)).sort((a, b) => b - a);

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
  for (const batch of newestFirst(toFetch, batches)) {
    const upserts = headersOf(ref, await mailbox.fetchHeaders(batch));
    await store.applyHeaderDelta(delta(ref, { reset: resetPending, upserts, cursor: interim }));
    resetPending = false;
    added += upserts.length;
  }

  const { flagUpdates, removedUids, highestSurviving } = await compareCached(mailbox, cached, newUids, reset ? null : cursor);
  const highestUid = maxOf(newUids, Math.max(highestSurviving, known));
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

function headersOf(ref: FolderRef, fetched: readonly FetchedMessage[]): MessageHeader[] {
  return fetched.flatMap((message) => toMessageHeader(ref.accountId, ref.folderPath, message) ?? []);
}

/** Math.max without spreading: folders hold more UIDs than a call may take arguments. */
function maxOf(values: readonly number[], floor: number): number {
  return values.reduce((max, value) => (value > max ? value : max), floor);
}

function delta(ref: FolderRef, parts: Partial<HeaderDelta> & Pick<HeaderDelta, 'cursor'>): HeaderDelta {
  return { ...ref, reset: false, upserts: [], flagUpdates: [], removedUids: [], ...parts };
}
