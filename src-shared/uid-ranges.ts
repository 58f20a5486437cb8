/**
 * UID runs: ascending UIDs as [first, last] pairs, the way the store port hands cached UIDs
 * to the engine. A folder whose UIDs are mostly consecutive (the usual case: UIDs are
 * assigned in order, RFC 3501 §2.3.1.1) is a handful of pairs whatever its size.
 */
export type UidRange = readonly [number, number];

/** Runs of `uids`, which must be ascending (as an IndexedDB key range yields them). */
export function toUidRanges(uids: Iterable<number>): [number, number][] {
  const ranges: [number, number][] = [];
  let last: [number, number] | undefined;
  for (const uid of uids) {
    if (last && uid === last[1] + 1) last[1] = uid;
    else if (!last || uid > last[1]) ranges.push((last = [uid, uid]));
  }
  return ranges;
}

/** How many UIDs the runs hold. */
export function countInRanges(ranges: readonly UidRange[]): number {
  return ranges.reduce((sum, [first, last]) => sum + (last - first + 1), 0);
}

/** The UIDs of `ranges` that `present` (ascending) lacks, walking both once without expanding `present` into a set. */
export function missingFromRanges(ranges: readonly UidRange[], present: readonly number[]): number[] {
  const missing: number[] = [];
  let at = 0;
  for (const [first, last] of ranges) {
    for (let uid = first; uid <= last; uid++) {
      while (at < present.length && present[at]! < uid) at++;
      if (present[at] !== uid) missing.push(uid);
    }
  }
  return missing;
}
