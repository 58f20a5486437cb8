import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MessageHeader } from '../../src-shared/model';
import { openCache } from './db';
import { countMessages, findPageCursor, listMessagePage, type PageCursor } from './queries';

function header(uid: number, date: number, folderPath = 'INBOX'): MessageHeader {
  return {
    accountId: 'a1', folderPath, uid, messageId: null, subject: `m${uid}`, from: [], to: [], cc: [],
    date, internalDate: date, size: 1, flags: [], unread: 0, inReplyTo: null,
  };
}

async function readAll(cache: ReturnType<typeof openCache>, size: number): Promise<number[]> {
  const uids: number[] = [];
  let cursor: PageCursor | null = null;
  do {
    const page = await listMessagePage(cache.db, 'a1', 'INBOX', cursor, size);
    uids.push(...page.rows.map((r) => r.uid));
    cursor = page.next;
  } while (cursor);
  return uids;
}

describe('keyset paging of the message list', () => {
  it('pages a folder newest first, without gaps or repeats, across runs of equal dates', async () => {
    const cache = openCache(`pages-${Math.random()}`);
    // 23 messages: dates with many ties (uid % 4 shares a date), plus another folder's mail.
    await cache.db.messages.bulkPut(Array.from({ length: 23 }, (_, i) => header(i + 1, 1000 + Math.floor(i / 4))));
    await cache.db.messages.bulkPut([header(99, 5000, 'Other')]);
    const expected = Array.from({ length: 23 }, (_, i) => i + 1).sort((a, b) => Math.floor((b - 1) / 4) - Math.floor((a - 1) / 4) || b - a);
    for (const size of [1, 3, 4, 5, 23, 50]) expect(await readAll(cache, size), `page size ${size}`).toEqual(expected);
    expect(await countMessages(cache.db, 'a1', 'INBOX')).toBe(23);
    cache.close();
  });

  it('pages only the unread messages when filtered, newest first', async () => {
    const cache = openCache(`unread-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 12 }, (_, i) => ({ ...header(i + 1, 100 + i), unread: (i % 3 === 0 ? 1 : 0) as 0 | 1 })));
    const first = await listMessagePage(cache.db, 'a1', 'INBOX', null, 3, 'unread');
    const second = await listMessagePage(cache.db, 'a1', 'INBOX', first.next, 3, 'unread');
    expect([...first.rows, ...second.rows].map((r) => r.uid)).toEqual([10, 7, 4, 1]);
    expect(second.next).toBeNull();
    expect(await countMessages(cache.db, 'a1', 'INBOX', 'unread')).toBe(4);
    cache.close();
  });

  it('finds any page’s cursor directly, the same as walking to it', async () => {
    const cache = openCache(`jump-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 23 }, (_, i) => header(i + 1, 1000 + Math.floor(i / 4))));
    const size = 3;
    let walked: PageCursor | null = null;
    for (let row = size; row < 23; row += size) {
      walked = (await listMessagePage(cache.db, 'a1', 'INBOX', walked, size)).next;
      expect(await findPageCursor(cache.db, 'a1', 'INBOX', row), `row ${row}`).toEqual(walked);
    }
    expect(await findPageCursor(cache.db, 'a1', 'INBOX', 0)).toBeNull();
    expect(await findPageCursor(cache.db, 'a1', 'INBOX', 24)).toBeNull();
    cache.close();
  });

  it('handles a page made only of messages sharing one date', async () => {
    const cache = openCache(`ties-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 10 }, (_, i) => header(i + 1, 7)));
    expect(await readAll(cache, 3)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await listMessagePage(cache.db, 'a1', 'Empty', null, 5))).toEqual({ rows: [], next: null });
    cache.close();
  });
});
