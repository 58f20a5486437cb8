/**
 * What happened to the previously cached messages of a folder: their changed flags, and
 * which of them the server no longer has. Three ways, the cheapest the server allows, and
 * none of them moves the folder's UIDs between cache and engine unless counts disagree:
 *
 * - QRESYNC (RFC 7162 §3.2): with the HIGHESTMODSEQ stored at the last sync, one
 *   UID FETCH 1:n (FLAGS) (CHANGEDSINCE m VANISHED) names the changed flags and the UIDs
 *   expunged since (VANISHED (EARLIER), §3.2.6). Nothing at all is asked when HIGHESTMODSEQ
 *   has not moved and the counts agree.
 * - CONDSTORE (RFC 7162 §3.1): the same FETCH without VANISHED. Expunges are found by
 *   counting: when EXISTS equals the cached messages plus the new ones that existed at
 *   SELECT, nothing cached was expunged; otherwise one UID SEARCH over the cached range is
 *   compared with the cached UID runs (RFC 7162 §3.1.4 leaves this to the client).
 * - Without CONDSTORE: the flags of every cached message are fetched and compared as a UID
 *   set (RFC 4549 §4.3). The store does not hand back cached flags, so every flag goes into
 *   the delta; the store ignores flags for UIDs it does not hold.
 */
import type { SyncCursor } from '../../../src-shared/model';
import { missingFromRanges, type UidRange } from '../../../src-shared/uid-ranges';
import type { MailboxState, OpenMailbox } from '../imap/imap-connection';
import { flagsOf, uidOf } from '../imap/untrusted';

export interface CachedComparison {
  flagUpdates: { uid: number; flags: string[] }[];
  removedUids: number[];
}

/** The cached messages at or below the cursor's highest UID, as the store describes them. */
export interface CachedView {
  /** The cursor's highest UID: every cached message compared is at or below it. */
  upTo: number;
  /** How many messages the cache holds up to `upTo`. */
  count: number;
  /** The cached UIDs up to `upTo` as runs, asked of the store only when needed. */
  ranges(): Promise<readonly UidRange[]>;
}

const NOTHING: CachedComparison = { flagUpdates: [], removedUids: [] };

/**
 * `newUids` are the UIDs above the cursor that the server listed during this run.
 * `previous` is the cursor of the last completed sync with the same UIDVALIDITY.
 */
export async function compareCached(
  mailbox: OpenMailbox,
  cached: CachedView,
  newUids: readonly number[],
  previous: SyncCursor | null,
): Promise<CachedComparison> {
  if (cached.count === 0 || cached.upTo < 1) return NOTHING;
  const since = previous?.highestModseq ?? null;
  const now = mailbox.state.highestModseq;
  if (since === null || now === null || !modseqUsable(since, now)) return compareAll(mailbox, cached);

  const flagUpdates: CachedComparison['flagUpdates'] = [];
  let vanished: number[] | null = null;
  if (now !== since) {
    const result = await mailbox.flagsChangedSince(cached.upTo, since);
    for (const fetched of result.changed) {
      const uid = uidOf(fetched.uid);
      if (uid !== null && uid <= cached.upTo) flagUpdates.push({ uid, flags: flagsOf(fetched.flags) });
    }
    vanished = result.vanished;
  }
  if (vanished === null && nothingExpunged(mailbox.state, cached.count, newUids)) return { flagUpdates, removedUids: [] };

  const removedUids = vanished ?? missingFromRanges(await cached.ranges(), await mailbox.uidsUpTo(cached.upTo));
  const gone = new Set(removedUids);
  return { flagUpdates: flagUpdates.filter((u) => !gone.has(u.uid)), removedUids };
}

/**
 * Messages that arrived after SELECT have UIDs ≥ its UIDNEXT and are not in its EXISTS;
 * an expunge after SELECT leaves EXISTS too high. Either way the count can only come out
 * unequal, and unequal means the UID SEARCH, so the shortcut errs on the safe side.
 */
function nothingExpunged(state: MailboxState, cachedCount: number, newUids: readonly number[]): boolean {
  const uidNext = state.uidNext;
  if (uidNext === null) return false;
  const newAtSelect = newUids.reduce((count, uid) => (uid < uidNext ? count + 1 : count), 0);
  return state.exists === cachedCount + newAtSelect;
}

/** Mod-sequences never go down for one UIDVALIDITY (RFC 7162 §3.1.2.1); a server that says otherwise gets the full comparison. */
function modseqUsable(since: string, now: string): boolean {
  if (!/^\d{1,20}$/.test(since) || !/^\d{1,20}$/.test(now)) return false;
  return BigInt(now) >= BigInt(since);
}

async function compareAll(mailbox: OpenMailbox, cached: CachedView): Promise<CachedComparison> {
  const onServer = new Map<number, string[]>();
  for (const fetched of await mailbox.flagsUpTo(cached.upTo)) {
    const uid = uidOf(fetched.uid);
    if (uid !== null && uid <= cached.upTo) onServer.set(uid, flagsOf(fetched.flags));
  }
  const present = [...onServer.keys()].sort((a, b) => a - b);
  return {
    flagUpdates: [...onServer].map(([uid, flags]) => ({ uid, flags })),
    removedUids: missingFromRanges(await cached.ranges(), present),
  };
}
