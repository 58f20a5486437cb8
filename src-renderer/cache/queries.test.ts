import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MessageHeader } from '../../src-shared/model';
import { openCache } from './db';
import { countList, countMessages, findPageCursor, listMessagePage, type ListView, type PageCursor } from './queries';

const inbox = (filter: ListView['filter'] = 'all', sort: ListView['sort'] = 'date', folderPath = 'INBOX'): ListView => ({
  source: { kind: 'folder', accountId: 'a1', folderPath },
  filter,
  sort,
});

function header(uid: number, date: number, folderPath = 'INBOX'): MessageHeader {
  return {
    accountId: 'a1', folderPath, uid, messageId: null, subject: `m${uid}`, from: [], to: [], cc: [],
    date, internalDate: date, size: 1, flags: [], unread: 0, inReplyTo: null,
  };
}

async function readAll(cache: ReturnType<typeof openCache>, size: number, view: ListView = inbox()): Promise<number[]> {
  const uids: number[] = [];
  let cursor: PageCursor | null = null;
  do {
    const page = await listMessagePage(cache.db, view, cursor, size);
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
    expect(await countMessages(cache.db, inbox())).toBe(23);
    cache.close();
  });

  it('pages only the unread messages when filtered, newest first', async () => {
    const cache = openCache(`unread-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 12 }, (_, i) => ({ ...header(i + 1, 100 + i), unread: (i % 3 === 0 ? 1 : 0) as 0 | 1 })));
    const first = await listMessagePage(cache.db, inbox('unread'), null, 3);
    const second = await listMessagePage(cache.db, inbox('unread'), first.next, 3);
    expect([...first.rows, ...second.rows].map((r) => r.uid)).toEqual([10, 7, 4, 1]);
    expect(second.next).toBeNull();
    expect(await countMessages(cache.db, inbox('unread'))).toBe(4);
    cache.close();
  });

  it('finds any page’s cursor directly, the same as walking to it', async () => {
    const cache = openCache(`jump-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 23 }, (_, i) => header(i + 1, 1000 + Math.floor(i / 4))));
    const size = 3;
    let walked: PageCursor | null = null;
    for (let row = size; row < 23; row += size) {
      walked = (await listMessagePage(cache.db, inbox(), walked, size)).next;
      expect(await findPageCursor(cache.db, inbox(), row), `row ${row}`).toEqual(walked);
    }
    expect(await findPageCursor(cache.db, inbox(), 0)).toBeNull();
    expect(await findPageCursor(cache.db, inbox(), 24)).toBeNull();
    cache.close();
  });

  it('finds the same cursors from the count’s date slices, skipping only inside one slice', async () => {
    const cache = openCache(`jump-slices-${Math.random()}`);
    // Skewed dates with ties, so slices hold very different numbers of messages.
    await cache.db.messages.bulkPut(Array.from({ length: 400 }, (_, i) => header(i + 1, 1000 + Math.floor((i * i) / 50))));
    const { total, slices } = await countList(cache.db, inbox());
    expect(total).toBe(400);
    expect(slices?.length).toBe(128);
    let walked: PageCursor | null = null;
    for (let row = 7; row < 400; row += 7) {
      walked = (await listMessagePage(cache.db, inbox(), walked, 7)).next;
      expect(await findPageCursor(cache.db, inbox(), row, slices), `row ${row}`).toEqual(walked);
    }
    cache.close();
  });

  it('stops counting when its signal aborts, and counts in full when it does not', async () => {
    const cache = openCache(`count-abort-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 300 }, (_, i) => header(i + 1, 1000 + i)));
    const left = new AbortController();
    const abandoned = countList(cache.db, inbox(), left.signal);
    left.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    expect((await countList(cache.db, inbox(), new AbortController().signal)).total).toBe(300);
    cache.close();
  });

  it('finds a cursor inside a run of equal dates longer than it looks back over', async () => {
    const cache = openCache(`long-ties-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 90 }, (_, i) => header(i + 1, i < 80 ? 7 : 9)));
    let walked: PageCursor | null = null;
    for (let row = 5; row < 90; row += 5) {
      walked = (await listMessagePage(cache.db, inbox(), walked, 5)).next;
      expect(await findPageCursor(cache.db, inbox(), row), `row ${row}`).toEqual(walked);
    }
    cache.close();
  });

  it('handles a page made only of messages sharing one date', async () => {
    const cache = openCache(`ties-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 10 }, (_, i) => header(i + 1, 7)));
    expect(await readAll(cache, 3)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await listMessagePage(cache.db, inbox('all', 'date', 'Empty'), null, 5))).toEqual({ rows: [], next: null });
    cache.close();
  });
});

describe('sorts, filters and the unified inbox', () => {
  function mail(uid: number, date: number, extra: Partial<MessageHeader> = {}): MessageHeader {
    return { ...header(uid, date), ...extra };
  }
  const from = (name: string): Pick<MessageHeader, 'from'> => ({ from: [{ name, address: `${name.toLowerCase()}@example.org` }] });

  it('filters flagged and attachment mail by their own indexes, following flag changes', async () => {
    const cache = openCache(`flagged-${Math.random()}`);
    await cache.db.messages.bulkPut([
      mail(1, 10, { flags: ['\\Flagged'] }),
      mail(2, 20, { hasAttachments: 1 }),
      mail(3, 30, { flags: ['\\Seen', '\\Flagged'], hasAttachments: 1 }),
      mail(4, 40),
    ]);
    expect(await readAll(cache, 1, inbox('flagged'))).toEqual([3, 1]);
    expect(await readAll(cache, 1, inbox('attachments'))).toEqual([3, 2]);
    // A write that changes only the flags (a user action, a sync) moves the message between views.
    await cache.db.messages.update(['a1', 'INBOX', 4], { flags: ['\\Flagged'] });
    await cache.db.messages.update(['a1', 'INBOX', 1], { flags: [] });
    expect(await readAll(cache, 2, inbox('flagged'))).toEqual([4, 3]);
    expect(await countMessages(cache.db, inbox('flagged'))).toBe(2);
    cache.close();
  });

  it('sorts by sender and by base subject, A to Z, with keyset pages and direct jumps', async () => {
    const cache = openCache(`sorted-${Math.random()}`);
    const names = ['carol', 'Alice', 'bob', 'alice', 'Bob', 'dave', 'alice'];
    await cache.db.messages.bulkPut(names.map((name, i) => mail(i + 1, 100 + (i % 3), { ...from(name), subject: `Re: topic ${6 - i}`, unread: (i % 2) as 0 | 1 })));
    // Case-folded sender, then date (100 + i % 3), then uid: IndexedDB's order for equal keys.
    const expectedSender = [1, 2, 3, 4, 5, 6, 7].sort((a, b) => {
      const na = names[a - 1]!.toLowerCase();
      const nb = names[b - 1]!.toLowerCase();
      return na.localeCompare(nb) || (100 + ((a - 1) % 3)) - (100 + ((b - 1) % 3)) || a - b;
    });
    for (const size of [1, 2, 3, 7]) expect(await readAll(cache, size, inbox('all', 'sender')), `page ${size}`).toEqual(expectedSender);
    expect(await readAll(cache, 2, inbox('all', 'subject'))).toEqual([7, 6, 5, 4, 3, 2, 1]);
    // A filter without its own index in this order is tested row by row, still by keyset.
    expect(await readAll(cache, 1, inbox('unread', 'sender'))).toEqual(expectedSender.filter((uid) => (uid - 1) % 2 === 1));
    expect(await countMessages(cache.db, inbox('unread', 'sender'))).toBe(3);
    let walked: PageCursor | null = null;
    for (let row = 2; row < 7; row += 2) {
      walked = (await listMessagePage(cache.db, inbox('all', 'sender'), walked, 2)).next;
      expect(await findPageCursor(cache.db, inbox('all', 'sender'), row), `row ${row}`).toEqual(walked);
    }
    cache.close();
  });

  it('lists every account’s Inbox together, newest first, and nothing from other folders', async () => {
    const cache = openCache(`unified-${Math.random()}`);
    await cache.db.messages.bulkPut([
      mail(1, 10),
      { ...mail(1, 30), accountId: 'a2' },
      { ...mail(2, 20), accountId: 'a2', folderPath: 'Inbox', unread: 1 },
      mail(3, 40, { folderPath: 'Archive' }),
    ]);
    const unified = (filter: ListView['filter']): ListView => ({ source: { kind: 'unified' }, filter, sort: 'date' });
    const page = await listMessagePage(cache.db, unified('all'), null, 10);
    expect(page.rows.map((r) => [r.accountId, r.uid])).toEqual([['a2', 1], ['a2', 2], ['a1', 1]]);
    expect((await listMessagePage(cache.db, unified('unread'), null, 10)).rows.map((r) => [r.accountId, r.uid])).toEqual([['a2', 2]]);
    expect(await countMessages(cache.db, unified('all'))).toBe(3);
    cache.close();
  });
});

describe('countMessages', () => {
  it('counts a list in date slices exactly as a whole count would, for every filter', async () => {
    const cache = openCache(`count-${Math.random()}`);
    // Skewed dates, many ties, a few flagged and unread, and another folder beside it.
    const rows = Array.from({ length: 500 }, (_, i) => ({
      ...header(i + 1, 1_000 + Math.floor((i * i) / 37)),
      unread: (i % 3 === 0 ? 1 : 0) as 0 | 1,
      flags: i % 7 === 0 ? ['\\Flagged'] : [],
    }));
    await cache.db.messages.bulkPut(rows);
    await cache.db.messages.bulkPut([header(999, 5, 'Other')]);
    expect(await countMessages(cache.db, inbox())).toBe(500);
    expect(await countMessages(cache.db, inbox('unread'))).toBe(rows.filter((r) => r.unread === 1).length);
    expect(await countMessages(cache.db, inbox('flagged'))).toBe(rows.filter((r) => r.flags.length > 0).length);
    expect(await countMessages(cache.db, inbox('all', 'sender'))).toBe(500);
    expect(await countMessages(cache.db, inbox('all', 'date', 'Empty'))).toBe(0);
    cache.close();
  });

  it('counts a list whose messages all share one date', async () => {
    const cache = openCache(`count-same-${Math.random()}`);
    await cache.db.messages.bulkPut(Array.from({ length: 40 }, (_, i) => header(i + 1, 7)));
    expect(await countMessages(cache.db, inbox())).toBe(40);
    cache.close();
  });
});
