import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncCursor } from '../../../src-shared/model';
import { fakeMailbox, messageRange, type FakeMessage } from '../testing/fake-mailbox';
import { compareCached, type CachedView } from './cached-comparison';

const cursor = (highestModseq: string | null): SyncCursor => ({
  accountId: 'acc',
  folderPath: 'INBOX',
  uidValidity: 7,
  uidNext: 11,
  highestModseq,
  highestUid: 10,
  syncedAt: 1,
});
/** UIDs 1…10 cached; records whether the comparison asked the store for the UID runs. */
function cachedView(): CachedView & { listed: number } {
  const view = { upTo: 10, count: 10, listed: 0, ranges: async () => (view.listed++, [[1, 10] as const]) };
  return view;
}
let cached = cachedView();
beforeEach(() => {
  cached = cachedView();
});

describe('compareCached with CONDSTORE', () => {
  it('asks nothing when HIGHESTMODSEQ, UIDNEXT and EXISTS are unchanged', async () => {
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 11, highestModseq: '50' }, messageRange(1, 10));
    expect(await compareCached(mailbox, cached, [], cursor('50'))).toEqual({ flagUpdates: [], removedUids: [] });
    expect(mailbox.calls).toEqual([]);
    expect(cached.listed).toBe(0);
  });

  it('fetches only the flags changed since the stored mod-sequence', async () => {
    const messages: FakeMessage[] = [...messageRange(1, 10), { uid: 11, flags: ['\\Seen'], modseq: 60 }];
    messages[2] = { uid: 3, flags: ['\\Flagged'], modseq: 55 };
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 12, highestModseq: '60' }, messages);
    const result = await compareCached(mailbox, cached, [11], cursor('50'));
    // UID 11 is new: its flags come with its headers, not in the comparison.
    expect(result).toEqual({ flagUpdates: [{ uid: 3, flags: ['\\Flagged'] }], removedUids: [] });
    expect(cached.listed).toBe(0);
    expect(mailbox.calls).toEqual(['flagsChangedSince']);
  });

  it('finds expunges with one UID SEARCH when EXISTS does not add up', async () => {
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 11, highestModseq: '51' }, messageRange(1, 8));
    const result = await compareCached(mailbox, cached, [], cursor('50'));
    expect(result).toEqual({ flagUpdates: [], removedUids: [9, 10] });
    expect(mailbox.calls).toEqual(['flagsChangedSince', 'uidsUpTo']);
  });

  it('counts a message that arrived after SELECT as a reason to look, not as a survivor', async () => {
    // EXISTS 9 at SELECT (uidNext 11): one of 1…10 is gone; UID 11 arrived afterwards.
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 11, highestModseq: '51', exists: 9 }, [...messageRange(2, 10), { uid: 11 }]);
    const result = await compareCached(mailbox, cached, [11], cursor('50'));
    expect(result.removedUids).toEqual([1]);
  });

  it('falls back to the full comparison when the mod-sequence went down or is not a number', async () => {
    for (const [stored, now] of [['50', '40'], ['50', '1e3'], ['x', '50']]) {
      const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 11, highestModseq: now }, messageRange(1, 10, ['\\Seen']));
      const result = await compareCached(mailbox, cached, [], cursor(stored ?? null));
      expect(result.flagUpdates).toHaveLength(10);
      expect(mailbox.calls).toEqual(['flagsUpTo']);
    }
  });
});

describe('compareCached with QRESYNC', () => {
  it('takes expunges from VANISHED (EARLIER) in the same FETCH, with no UID SEARCH and no cached UID list', async () => {
    const messages: FakeMessage[] = [...messageRange(1, 8), { uid: 10, flags: ['\\Seen'], modseq: 57 }];
    const expunged = [{ uid: 9, modseq: 56 }, { uid: 4, modseq: 40 }];
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 11, highestModseq: '57' }, messages, { qresyncExpunged: expunged });
    const result = await compareCached(mailbox, cached, [], cursor('50'));
    // UID 4 vanished before the stored mod-sequence: the previous sync already removed it.
    expect(result).toEqual({ flagUpdates: [{ uid: 10, flags: ['\\Seen'] }], removedUids: [9] });
    expect(mailbox.calls).toEqual(['flagsChangedSince']);
    expect(cached.listed).toBe(0);
  });
});

describe('compareCached without CONDSTORE', () => {
  it('compares every cached UID and its flags (RFC 4549 §4.3)', async () => {
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 11 }, messageRange(2, 10, ['\\Seen']));
    const result = await compareCached(mailbox, cached, [], cursor(null));
    expect(result.removedUids).toEqual([1]);
    expect(result.flagUpdates).toHaveLength(9);
  });

  it('has nothing to compare in an empty cache', async () => {
    const mailbox = fakeMailbox({ uidValidity: 7 }, messageRange(1, 3));
    expect(await compareCached(mailbox, { upTo: 0, count: 0, ranges: async () => [] }, [1, 2, 3], null)).toEqual({ flagUpdates: [], removedUids: [] });
    expect(mailbox.calls).toEqual([]);
  });
});
