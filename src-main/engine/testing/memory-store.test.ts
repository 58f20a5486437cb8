import { describe, expect, it } from 'vitest';
import type { HeaderDelta, MessageHeader } from '../../../src-shared/model';
import { createMemoryStore } from './memory-store';

const ref = { accountId: 'acc', folderPath: 'INBOX' };
const cursor = { ...ref, uidValidity: 1, uidNext: null, highestModseq: null, highestUid: 0, syncedAt: 0 };
const header = (uid: number): MessageHeader => ({
  ...ref,
  uid,
  messageId: null,
  subject: `m${uid}`,
  from: [],
  to: [],
  cc: [],
  date: 0,
  internalDate: 0,
  size: 0,
  flags: [],
  unread: 1,
  inReplyTo: null,
});
const delta = (parts: Partial<HeaderDelta>): HeaderDelta => ({ ...ref, reset: false, upserts: [], flagUpdates: [], removedUids: [], cursor, ...parts });

describe('createMemoryStore', () => {
  it('applies a delta and its cursor together', async () => {
    const store = createMemoryStore();
    await store.applyHeaderDelta(delta({ upserts: [header(1), header(2)], cursor: { ...cursor, highestUid: 2 } }));
    await store.applyHeaderDelta(delta({ removedUids: [1], flagUpdates: [{ uid: 2, flags: ['\\Seen'] }], cursor: { ...cursor, highestUid: 2 } }));
    expect(await store.listUidRanges(ref)).toEqual([[2, 2]]);
    expect(await store.countUids({ ...ref, upTo: 1 })).toBe(0);
    expect(store.messages('acc', 'INBOX').get(2)).toMatchObject({ flags: ['\\Seen'], unread: 0 });
    expect((await store.getCursor(ref))?.highestUid).toBe(2);
  });

  it('refuses a delta the cache schema refuses, leaving content and cursor as they were', async () => {
    const store = createMemoryStore();
    await store.applyHeaderDelta(delta({ upserts: [header(1)] }));
    const invalid = delta({ reset: true, upserts: [{ ...header(2), uid: -1 }], cursor: { ...cursor, highestUid: 9 } });
    await expect(store.applyHeaderDelta(invalid)).rejects.toThrow();
    expect(await store.listUidRanges(ref)).toEqual([[1, 1]]);
    expect((await store.getCursor(ref))?.highestUid).toBe(0);
  });

  it('drops bodies with their messages on reset and removal', async () => {
    const store = createMemoryStore();
    await store.applyHeaderDelta(delta({ upserts: [header(1), header(2)] }));
    for (const uid of [1, 2]) await store.putBody({ ...ref, uid, text: 't', html: null, problem: null, fetchedAt: 0 });
    await store.applyHeaderDelta(delta({ removedUids: [1] }));
    expect(store.body('acc', 'INBOX', 1)).toBeNull();
    expect(store.body('acc', 'INBOX', 2)).not.toBeNull();
    await store.applyHeaderDelta(delta({ reset: true }));
    expect(store.body('acc', 'INBOX', 2)).toBeNull();
  });
});
