import { describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { fakeMailbox, messageRange, type FakeMessage } from '../testing/fake-mailbox';
import { batchSize, syncFolderHeaders, type BatchSizes } from './folder-sync';

const ref = { accountId: 'acc', folderPath: 'INBOX' };
const batches: BatchSizes = { first: 200, rest: 100 };
const NOW = 1_700_000_000_000;

function sync(store: MemoryStore, mailbox: ReturnType<typeof fakeMailbox>) {
  return syncFolderHeaders(store, ref, mailbox, batches, () => NOW);
}

const uidsOf = (store: MemoryStore) => [...store.messages('acc', 'INBOX').keys()].sort((a, b) => a - b);
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe('syncFolderHeaders', () => {
  it('fetches a new folder newest first, the newest 200 in the first delta, and sets the cursor last', async () => {
    const store = createMemoryStore();
    const result = await sync(store, fakeMailbox({ uidValidity: 7, uidNext: 451, highestModseq: '99' }, messageRange(1, 450)));

    expect(result).toEqual({ added: 450, removed: 0, reset: false });
    const deltas = store.deltas();
    expect(deltas.map((d) => d.upserts.length)).toEqual([200, 100, 100, 50, 0]);
    expect(deltas[0]?.upserts.map((h) => h.uid).sort((a, b) => a - b)).toEqual(range(251, 450));
    expect(deltas[3]?.upserts.map((h) => h.uid).sort((a, b) => a - b)).toEqual(range(1, 50));
    // No delta but the last claims more than was cached before the run.
    expect(deltas.slice(0, -1).every((d) => d.cursor.highestUid === 0 && d.cursor.uidNext === null)).toBe(true);
    expect(store.cursor('acc', 'INBOX')).toEqual({ ...ref, uidValidity: 7, uidNext: 451, highestModseq: '99', exists: 450, highestUid: 450, syncedAt: NOW });
    expect(uidsOf(store)).toEqual(range(1, 450));
  });

  it('doubles the batches after the first up to the largest, so a big folder costs few commits', async () => {
    const store = createMemoryStore();
    const grow: BatchSizes = { first: 2, rest: 3, largest: 10 };
    await syncFolderHeaders(store, ref, fakeMailbox({ uidValidity: 7 }, messageRange(1, 40)), grow, () => NOW);

    expect(store.deltas().map((d) => d.upserts.length)).toEqual([2, 3, 6, 10, 10, 9, 0]);
    expect(uidsOf(store)).toEqual(range(1, 40));
    expect([0, 1, 2, 3, 4].map((i) => batchSize(i, grow))).toEqual([2, 3, 6, 10, 10]);
    expect([0, 1, 2, 40].map((i) => batchSize(i, batches))).toEqual([200, 100, 100, 100]);
  });

  it('resumes after a connection loss without a gap and without fetching twice', async () => {
    const store = createMemoryStore();
    const broken = fakeMailbox({ uidValidity: 7 }, messageRange(1, 450));
    broken.failHeaderFetch(2);
    await expect(sync(store, broken)).rejects.toThrow('connection lost');
    expect(uidsOf(store)).toEqual(range(251, 450));
    expect(store.cursor('acc', 'INBOX')?.highestUid).toBe(0);

    const again = fakeMailbox({ uidValidity: 7 }, messageRange(1, 450));
    await sync(store, again);
    expect(again.headerFetches.flat().sort((a, b) => a - b)).toEqual(range(1, 250));
    expect(uidsOf(store)).toEqual(range(1, 450));
    expect(store.cursor('acc', 'INBOX')?.highestUid).toBe(450);
  });

  it('adds new messages, updates flags and drops expunged ones on a resync', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 5)));
    const changed: FakeMessage[] = [
      { uid: 1, flags: ['\\Seen'] },
      { uid: 2 },
      { uid: 4, flags: ['\\Flagged'] },
      { uid: 5 },
      { uid: 6, subject: 'new one' },
    ];
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 7 }, changed);
    const result = await sync(store, mailbox);

    expect(result).toEqual({ added: 1, removed: 1, reset: false });
    expect(mailbox.headerFetches).toEqual([[6]]);
    const cached = store.messages('acc', 'INBOX');
    expect([...cached.keys()].sort()).toEqual([1, 2, 4, 5, 6]);
    expect(cached.get(1)).toMatchObject({ flags: ['\\Seen'], unread: 0 });
    expect(cached.get(4)).toMatchObject({ flags: ['\\Flagged'], unread: 1 });
    expect(cached.get(6)?.subject).toBe('new one');
    const last = store.deltas().at(-1);
    expect(last?.removedUids).toEqual([3]);
    expect(last?.cursor).toMatchObject({ highestUid: 6, uidNext: 7 });
  });

  it('drops the cache when UIDVALIDITY changed (RFC 4549 §4.1)', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 5)));
    const result = await sync(store, fakeMailbox({ uidValidity: 8 }, [{ uid: 1, subject: 'reborn' }, { uid: 2 }]));

    expect(result.reset).toBe(true);
    const resetDeltas = store.deltas().slice(-2);
    expect(resetDeltas.map((d) => d.reset)).toEqual([true, false]);
    expect(resetDeltas[0]?.cursor).toMatchObject({ uidValidity: 8, highestUid: 0, highestModseq: null });
    expect(uidsOf(store)).toEqual([1, 2]);
    expect(store.messages('acc', 'INBOX').get(1)?.subject).toBe('reborn');
    expect(store.cursor('acc', 'INBOX')).toMatchObject({ uidValidity: 8, highestUid: 2 });
  });

  it('resets in the final delta when the folder came back empty', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 3)));
    await sync(store, fakeMailbox({ uidValidity: 9 }, []));
    expect(store.deltas().at(-1)).toMatchObject({ reset: true, upserts: [] });
    expect(uidsOf(store)).toEqual([]);
    expect(store.cursor('acc', 'INBOX')).toMatchObject({ uidValidity: 9, highestUid: 0, uidNext: 1 });
  });

  it('computes UIDNEXT from the highest UID when the server did not send it', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7, uidNext: null }, [{ uid: 3 }, { uid: 9 }]));
    expect(store.cursor('acc', 'INBOX')).toMatchObject({ highestUid: 9, uidNext: 10, highestModseq: null });
  });

  it('does not refetch the last message that `n:*` matches when nothing is new', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 3)));
    const mailbox = fakeMailbox({ uidValidity: 7 }, messageRange(1, 3));
    expect(await sync(store, mailbox)).toEqual({ added: 0, removed: 0, reset: false });
    expect(mailbox.headerFetches).toEqual([]);
    expect(store.deltas().at(-1)?.flagUpdates.map((u) => u.uid)).toEqual([1, 2, 3]);
  });

  it('keeps a message with malformed header fields, with what can be shown', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7 }, [{ uid: 1, headers: 'garbage' }, { uid: 2, headers: Buffer.from('Subject: =?x?Q?\r\nFrom: <<<\r\n\r\n') }]));
    expect(uidsOf(store)).toEqual([1, 2]);
    expect(store.messages('acc', 'INBOX').get(2)).toMatchObject({ subject: '=?x?Q?', from: [] });
  });

  it('leaves the cache untouched when the cache refuses a delta, and catches up next time', async () => {
    const store = createMemoryStore();
    store.failNext('applyHeaderDelta', new Error('no window holds the cache'));
    await expect(sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 3)))).rejects.toThrow('no window');
    expect(uidsOf(store)).toEqual([]);
    await sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 3)));
    expect(uidsOf(store)).toEqual([1, 2, 3]);
  });

  it('costs nothing beyond SELECT when a CONDSTORE folder did not change (RFC 7162 §3.1)', async () => {
    const store = createMemoryStore();
    const state = { uidValidity: 7, uidNext: 4, highestModseq: '12' };
    await sync(store, fakeMailbox(state, messageRange(1, 3)));
    const mailbox = fakeMailbox(state, messageRange(1, 3));
    expect(await sync(store, mailbox)).toEqual({ added: 0, removed: 0, reset: false });
    expect(mailbox.calls).toEqual([]);
    expect(mailbox.headerFetches).toEqual([]);
    expect(store.deltas().at(-1)).toMatchObject({ upserts: [], flagUpdates: [], removedUids: [] });
    expect(store.cursor('acc', 'INBOX')).toMatchObject({ highestUid: 3, uidNext: 4, highestModseq: '12' });
  });

  it('resyncs a CONDSTORE folder with only the new messages, changed flags and expunges', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7, uidNext: 6, highestModseq: '12' }, messageRange(1, 5)));
    const changed: FakeMessage[] = [{ uid: 1 }, { uid: 2, flags: ['\\Seen'], modseq: 14 }, { uid: 4 }, { uid: 5 }, { uid: 6, modseq: 15 }];
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 7, highestModseq: '15' }, changed);
    expect(await sync(store, mailbox)).toEqual({ added: 1, removed: 1, reset: false });
    expect(mailbox.headerFetches).toEqual([[6]]);
    const last = store.deltas().at(-1);
    expect(last).toMatchObject({ flagUpdates: [{ uid: 2, flags: ['\\Seen'] }], removedUids: [3] });
    expect(last?.cursor).toMatchObject({ highestUid: 6, uidNext: 7, highestModseq: '15' });
  });

  it('asks the store for a count and the UIDs above the cursor only, never the whole folder, when counts agree', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7, uidNext: 451, highestModseq: '12' }, messageRange(1, 450)));
    const before = store.calls.length;
    const changed = [...messageRange(1, 450), { uid: 451, modseq: 13 }];
    await sync(store, fakeMailbox({ uidValidity: 7, uidNext: 452, highestModseq: '13' }, changed));
    const listings = store.calls.slice(before).filter((c) => c.method === 'listUidRanges');
    expect(listings.map((c) => c.args)).toEqual([{ ...ref, from: 451 }]);
    expect(store.calls.slice(before).filter((c) => c.method === 'countUids').map((c) => c.args)).toEqual([{ ...ref, upTo: 450 }]);
    expect(uidsOf(store)).toEqual(range(1, 451));
  });

  it('removes what QRESYNC reports as VANISHED without listing UIDs', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7, uidNext: 6, highestModseq: '12' }, messageRange(1, 5)));
    const before = store.calls.length;
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 6, highestModseq: '14' }, [{ uid: 1 }, { uid: 2 }, { uid: 4, flags: ['\\Seen'], modseq: 13 }], {
      qresyncExpunged: [{ uid: 3, modseq: 14 }, { uid: 5, modseq: 14 }],
    });
    expect(await sync(store, mailbox)).toEqual({ added: 0, removed: 2, reset: false });
    expect(mailbox.calls).toEqual(['flagsChangedSince']);
    expect(uidsOf(store)).toEqual([1, 2, 4]);
    expect(store.messages('acc', 'INBOX').get(4)?.unread).toBe(0);
    expect(store.calls.slice(before).filter((c) => c.method === 'listUidRanges').map((c) => c.args)).toEqual([{ ...ref, from: 6 }]);
  });

  it('fetches the next batch while the store writes the previous one, and writes in order', async () => {
    const store = createMemoryStore();
    const mailbox = fakeMailbox({ uidValidity: 7 }, messageRange(1, 400));
    const events: string[] = [];
    const fetchBySequence = mailbox.fetchHeadersBySequence.bind(mailbox);
    mailbox.fetchHeadersBySequence = async (first, last) => {
      events.push(`fetch ${last}`);
      return fetchBySequence(first, last);
    };
    const apply = store.applyHeaderDelta.bind(store);
    store.applyHeaderDelta = async (delta) => {
      events.push(`write ${delta.upserts[0]?.uid ?? 'last'} begins`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`write ${delta.upserts[0]?.uid ?? 'last'} ends`);
      return apply(delta);
    };
    await sync(store, mailbox);
    expect(events).toEqual([
      'fetch 400', 'write 201 begins', 'fetch 200', 'write 201 ends', 'write 101 begins', 'fetch 100', 'write 101 ends', 'write 1 begins', 'write 1 ends',
      'write last begins', 'write last ends',
    ]);
  });

  it('lets a write under way finish when the next FETCH fails, and reports the failure', async () => {
    const store = createMemoryStore();
    const mailbox = fakeMailbox({ uidValidity: 7 }, messageRange(1, 400));
    mailbox.failHeaderFetch(2);
    await expect(sync(store, mailbox)).rejects.toThrow('connection lost');
    expect(uidsOf(store)).toEqual(range(201, 400));
  });

  it('asks once more for UIDs whose responses did not come back, and stores nothing not asked for', async () => {
    const store = createMemoryStore();
    await sync(store, fakeMailbox({ uidValidity: 7 }, messageRange(1, 2)));
    const mailbox = fakeMailbox({ uidValidity: 7 }, messageRange(1, 5));
    const fetchHeaders = mailbox.fetchHeaders.bind(mailbox);
    let first = true;
    mailbox.fetchHeaders = async (uids) => {
      const fetched = await fetchHeaders(uids);
      if (!first) return fetched;
      first = false;
      // A garbled stream swallowed UID 3's response; UID 99 was never asked for.
      return [...fetched.filter((m) => m.uid !== 3), { uid: 99, flags: new Set() }];
    };
    await sync(store, mailbox);
    expect(mailbox.headerFetches).toEqual([[5, 4, 3], [3]]);
    expect(uidsOf(store)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists UIDs after the sequence windows when a window came back short, so no message is left out', async () => {
    const store = createMemoryStore();
    const mailbox = fakeMailbox({ uidValidity: 7 }, messageRange(1, 450));
    const fetchBySequence = mailbox.fetchHeadersBySequence.bind(mailbox);
    mailbox.fetchHeadersBySequence = async (first, last) => (await fetchBySequence(first, last)).filter((m) => m.uid !== 300);
    await sync(store, mailbox);
    expect(mailbox.calls).toContain('uidsFrom');
    expect(mailbox.headerFetches.at(-1)).toEqual([300]);
    expect(uidsOf(store)).toEqual(range(1, 450));
    expect(store.cursor('acc', 'INBOX')?.highestUid).toBe(450);
  });

  it('syncs a folder never seen by sequence windows, without listing its UIDs', async () => {
    const store = createMemoryStore();
    const mailbox = fakeMailbox({ uidValidity: 7, uidNext: 900 }, [...messageRange(1, 100), ...messageRange(500, 649)]);
    await sync(store, mailbox);
    expect(mailbox.calls).toEqual([]);
    expect(store.deltas()[0]?.upserts.map((h) => h.uid).sort((a, b) => a - b)).toEqual([...range(51, 100), ...range(500, 649)]);
    expect(store.cursor('acc', 'INBOX')).toMatchObject({ highestUid: 649, uidNext: 900 });
  });
});
