import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { HeaderDelta, MessageHeader } from '../../../src-shared/model';
import { parseSearchQuery } from '../../../src-shared/search-query';
import { createCacheStore } from '../../cache/cache-store';
import { openCache } from '../../cache/db';
import { searchIndexFor } from './index-feed';
import { SearchIndex } from './search-index';

function header(uid: number, extra: Partial<MessageHeader> = {}): MessageHeader {
  return {
    accountId: 'a1', folderPath: 'INBOX', uid, messageId: null, subject: `Message ${uid}`,
    from: [{ name: 'Bob Builder', address: 'bob@example.org' }], to: [{ name: '', address: 'alice@example.org' }], cc: [],
    date: uid * 1000, internalDate: uid * 1000, size: 1, flags: [], unread: 1, inReplyTo: null, ...extra,
  };
}

const find = (index: SearchIndex, input: string): number[] => index.search(parseSearchQuery(input), input).map((hit) => hit.ref.uid);

describe('the search index', () => {
  const index = new SearchIndex();
  index.addHeader(header(1, { subject: 'Quarterly report draft' }));
  index.addHeader(header(2, { subject: 'Lunch on Friday', from: [{ name: 'Carol', address: 'carol@example.net' }], flags: ['\\Seen', '\\Flagged'], unread: 0 }));
  index.addHeader(header(3, { subject: 'Re: Quarterly report draft', hasAttachments: 1, folderPath: 'INBOX/Archive' }));
  index.addHeader(header(4, { subject: 'Holiday', to: [{ name: 'Quarterly Team', address: 'team@example.org' }] }));
  index.addBody({ accountId: 'a1', folderPath: 'INBOX', uid: 2, text: 'Shall we try the new ramen place?\n> old quoted report' });

  it('finds every word in any field, ranking subject over recipients, newest first on ties', () => {
    expect(find(index, 'quarterly')).toEqual([3, 1, 4]);
    expect(find(index, 'quarterly report')).toEqual([3, 1]);
    expect(find(index, 'ramen')).toEqual([2]);
    expect(find(index, 'nothing-like-this')).toEqual([]);
  });

  it('restricts words to a field', () => {
    expect(find(index, 'from:carol')).toEqual([2]);
    expect(find(index, 'from:bob subject:quarterly')).toEqual([3, 1]);
    expect(find(index, 'to:quarterly')).toEqual([4]);
    expect(find(index, 'subject:ramen')).toEqual([]);
  });

  it('filters by state, attachment, date and folder', () => {
    expect(find(index, 'is:flagged')).toEqual([2]);
    expect(find(index, 'is:unread report')).toEqual([3, 1]);
    expect(find(index, 'has:attachment')).toEqual([3]);
    expect(find(index, 'after:1970-01-01 before:1970-01-01')).toEqual([]);
    expect(find(index, 'in:archive')).toEqual([3]);
    expect(find(index, 'in:INBOX quarterly')).toEqual([1, 4]);
  });

  it('matches the word being typed as a prefix, and only that word', () => {
    expect(find(index, 'quart')).toEqual([3, 1, 4]);
    expect(find(index, 'from:car')).toEqual([2]);
    expect(find(index, 'quart ')).toEqual([]);
  });
});

describe('the best results of many', () => {
  it('keeps the highest scores, newest first among equals, whatever order they were indexed in', () => {
    const index = new SearchIndex();
    for (const uid of [5, 9, 1, 7, 3, 8, 2, 6, 4]) index.addHeader(header(uid, { subject: uid === 2 ? 'Common word' : 'Other', to: [{ name: 'common', address: 'x@example.org' }] }));
    const query = parseSearchQuery('common');
    expect(index.search(query, 'common ', 3).map((hit) => hit.ref.uid)).toEqual([2, 9, 8]);
    expect(index.search(query, 'common ', 100)).toHaveLength(9);
  });
});

describe('the index follows the cache', () => {
  it('indexes what is cached, then every delta, body, flag change and removal', async () => {
    const cache = openCache(`search-${Math.random()}`);
    await cache.db.messages.bulkPut([header(1, { subject: 'Kick-off meeting' }), header(2, { subject: 'Budget' })]);
    const handle = searchIndexFor(cache.db);
    await handle.built;
    expect(handle.progress()).toEqual({ indexed: 2, done: true });
    expect(find(handle.index, 'kick')).toEqual([1]);

    const store = createCacheStore(cache);
    const cursor = { accountId: 'a1', folderPath: 'INBOX', uidValidity: 1, uidNext: 4, highestModseq: null, highestUid: 3, syncedAt: 0 };
    const delta = (extra: Partial<HeaderDelta>): HeaderDelta => ({ accountId: 'a1', folderPath: 'INBOX', reset: false, upserts: [], flagUpdates: [], removedUids: [], cursor, ...extra });
    await store.applyHeaderDelta(delta({ upserts: [header(3, { subject: 'Offsite agenda' })] }));
    expect(find(handle.index, 'offsite')).toEqual([3]);

    await store.putBody({ accountId: 'a1', folderPath: 'INBOX', uid: 2, text: 'Numbers for the spreadsheet', html: null, problem: null, fetchedAt: 0 });
    expect(find(handle.index, 'spreadsheet')).toEqual([2]);

    await store.applyHeaderDelta(delta({ flagUpdates: [{ uid: 1, flags: ['\\Flagged'] }] }));
    expect(find(handle.index, 'is:flagged')).toEqual([1]);
    // A user action written straight to the cache is followed as well.
    await cache.durable.messages.update(['a1', 'INBOX', 1], { flags: ['\\Seen'], unread: 0 });
    expect(find(handle.index, 'is:flagged')).toEqual([]);
    expect(find(handle.index, 'is:read')).toEqual([1]);

    await store.applyHeaderDelta(delta({ removedUids: [2] }));
    expect(find(handle.index, 'spreadsheet budget')).toEqual([]);
    // A folder reset deletes the folder's key range (as the store's reset does).
    await cache.db.messages.where('[accountId+folderPath+uid]').between(['a1', 'INBOX', Dexie.minKey], ['a1', 'INBOX', Dexie.maxKey]).delete();
    expect(find(handle.index, 'offsite')).toEqual([]);
    expect(handle.index.size).toBe(0);
    cache.close();
  });
});
