/**
 * What happened to the previously cached messages of a folder: their changed flags, and
 * which of them the server no longer has. Two ways, the cheapest the server allows:
 *
 * - CONDSTORE (RFC 7162 §3.1): with the HIGHESTMODSEQ stored at the last sync, only the
 *   messages whose flags changed since are fetched (UID FETCH … (CHANGEDSINCE m)), and none
 *   at all when HIGHESTMODSEQ has not moved. Expunges do not show in CHANGEDSINCE without
 *   QRESYNC's VANISHED, so they are found by counting: when EXISTS equals the cached
 *   messages plus the new ones that existed at SELECT, nothing cached was expunged;
 *   otherwise one UID SEARCH over the cached range names the survivors (RFC 7162 §3.1.4
 *   leaves this to the client; RFC 4549 §4.3 describes the comparison).
 * - Without CONDSTORE: the flags of every cached message are fetched and compared as a
 *   UID set (RFC 4549 §4.3). The store does not hand back cached flags, so every flag goes
 *   into the delta.
 */
import type { SyncCursor } from '../../../src-shared/model';
import type { MailboxState, OpenMailbox } from '../imap/imap-connection';
import { flagsOf, uidOf } from '../imap/untrusted';

export interface CachedComparison {
  flagUpdates: { uid: number; flags: string[] }[];
  removedUids: number[];
  /** The highest cached UID still on the server, or 0. */
  highestSurviving: number;
}

const NOTHING: CachedComparison = { flagUpdates: [], removedUids: [], highestSurviving: 0 };

/**
 * `cached` ascending; `newUids` are the UIDs above the cursor that the server listed during
 * this run. `previous` is the cursor of the last completed sync with the same UIDVALIDITY.
 */
export async function compareCached(
  mailbox: OpenMailbox,
  cached: readonly number[],
  newUids: readonly number[],
  previous: SyncCursor | null,
): Promise<CachedComparison> {
  const upTo = cached.at(-1);
  if (upTo === undefined) return NOTHING;
  const since = previous?.highestModseq ?? null;
  const now = mailbox.state.highestModseq;
  if (since === null || now === null || !modseqUsable(since, now)) return compareAll(mailbox, cached, upTo);

  const cachedSet = new Set(cached);
  const flagUpdates: CachedComparison['flagUpdates'] = [];
  if (now !== since) {
    for (const fetched of await mailbox.flagsChangedSince(upTo, since)) {
      const uid = uidOf(fetched.uid);
      if (uid !== null && cachedSet.has(uid)) flagUpdates.push({ uid, flags: flagsOf(fetched.flags) });
    }
  }
  if (nothingExpunged(mailbox.state, cached.length, newUids)) return { flagUpdates, removedUids: [], highestSurviving: upTo };

  const onServer = new Set((await mailbox.uidsUpTo(upTo)).filter((uid) => cachedSet.has(uid)));
  const removedUids = cached.filter((uid) => !onServer.has(uid));
  const gone = new Set(removedUids);
  return { flagUpdates: flagUpdates.filter((u) => !gone.has(u.uid)), removedUids, highestSurviving: highestIn(onServer) };
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

async function compareAll(mailbox: OpenMailbox, cached: readonly number[], upTo: number): Promise<CachedComparison> {
  const cachedSet = new Set(cached);
  const onServer = new Map<number, string[]>();
  for (const fetched of await mailbox.flagsUpTo(upTo)) {
    const uid = uidOf(fetched.uid);
    if (uid !== null && cachedSet.has(uid)) onServer.set(uid, flagsOf(fetched.flags));
  }
  return {
    flagUpdates: [...onServer].map(([uid, flags]) => ({ uid, flags })),
    removedUids: cached.filter((uid) => !onServer.has(uid)),
    highestSurviving: highestIn(onServer.keys()),
  };
}

function highestIn(uids: Iterable<number>): number {
  let max = 0;
  for (const uid of uids) if (uid > max) max = uid;
  return max;
}
