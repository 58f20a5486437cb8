import { describe, expect, it } from 'vitest';
import type { HeaderDelta, MessageHeader } from '../../src-shared/model';
import { createMemoryStore } from '../engine/testing/memory-store';
import { guardDiskSpace } from './disk-guard';

const ref = { accountId: 'a', folderPath: 'INBOX' };
const cursor = { ...ref, uidValidity: 7, uidNext: 3, highestModseq: null, highestUid: 2, syncedAt: 0 };
const header = (uid: number): MessageHeader => ({
  ...ref, uid, messageId: null, subject: `m${uid}`, from: [], to: [], cc: [], date: 0, internalDate: 0, size: 10, flags: [], unread: 1, inReplyTo: null,
});
const delta = (parts: Partial<HeaderDelta>): HeaderDelta => ({ ...ref, reset: false, upserts: [], flagUpdates: [], removedUids: [], cursor, ...parts });
const body = { ...ref, uid: 1, text: 'hello', html: null, problem: null, fetchedAt: 0, attachments: [] };

describe('the cache disk guard', () => {
  it('refuses what adds to the cache below the floor, saying how much is free', async () => {
    const inner = createMemoryStore();
    const store = guardDiskSpace(inner, async () => 100e6, 250e6);
    const refusal = 'only 100 MB free on the disk that holds the cache; Tern stops storing new mail below 250 MB';
    await expect(store.applyHeaderDelta(delta({ upserts: [header(1)] }))).rejects.toThrow(refusal);
    await expect(store.putBodies({ bodies: [body] })).rejects.toThrow(refusal);
    await expect(store.putBody(body)).rejects.toThrow(refusal);
    expect(inner.messages('a', 'INBOX').size).toBe(0);
    expect(inner.calls.map((c) => c.method)).toEqual([]);
  });

  it('lets removals, flag changes and reads through below the floor', async () => {
    const inner = createMemoryStore();
    await inner.applyHeaderDelta(delta({ upserts: [header(1), header(2)] }));
    const store = guardDiskSpace(inner, async () => 100e6, 250e6);
    await store.applyHeaderDelta(delta({ flagUpdates: [{ uid: 1, flags: ['\\Seen'] }], removedUids: [2] }));
    expect([...inner.messages('a', 'INBOX').keys()]).toEqual([1]);
    expect(await store.getCursor(ref)).toMatchObject({ highestUid: 2 });
  });

  it('stores as usual above the floor, or when the free space cannot be read', async () => {
    for (const reading of [300e6, null]) {
      const inner = createMemoryStore();
      const store = guardDiskSpace(inner, async () => reading, 250e6);
      await store.applyHeaderDelta(delta({ upserts: [header(1)] }));
      await store.putBodies({ bodies: [body] });
      expect(inner.messages('a', 'INBOX').size).toBe(1);
      expect(inner.body('a', 'INBOX', 1)?.text).toBe('hello');
    }
  });
});
