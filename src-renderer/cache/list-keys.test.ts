import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageHeader } from '../../src-shared/model';
import { openCache, type Cache } from './db';

let cache: Cache;
beforeEach(() => {
  cache = openCache(`list-keys-${Math.random()}`);
});
afterEach(() => cache.close());

function header(folderPath: string, uid: number, overrides: Partial<MessageHeader> = {}): MessageHeader {
  return {
    accountId: 'a1', folderPath, uid, messageId: null, subject: 'Re: Hello', from: [{ name: 'Ann', address: 'ann@example.org' }], to: [], cc: [],
    date: uid, internalDate: uid, size: 1, flags: [], unread: 1, inReplyTo: null, ...overrides,
  };
}

const flaggedIn = (folderPath: string) =>
  cache.db.messages.where('[accountId+folderPath+flagged+date]').between(['a1', folderPath, 1, Dexie.minKey], ['a1', folderPath, 1, Dexie.maxKey]).primaryKeys();

describe('list keys', () => {
  it('stores the rare flags only when set, so their indexes hold only what they list', async () => {
    await cache.db.messages.bulkPut([header('INBOX', 1, { flags: ['\\Flagged'], hasAttachments: 1 }), header('Archive', 2)]);
    expect(await cache.db.messages.get(['a1', 'INBOX', 1])).toMatchObject({ flagged: 1, attach: 1, inbox: 1, senderSort: 'ann', subjectSort: 'hello' });
    const plain = await cache.db.messages.get(['a1', 'Archive', 2]);
    for (const key of ['flagged', 'attach', 'inbox']) expect(plain).not.toHaveProperty(key);
    expect(await cache.db.messages.where('[inbox+date]').between([1, Dexie.minKey], [1, Dexie.maxKey]).count()).toBe(1);
  });

  it('drops a key that is no longer set when a message is written again', async () => {
    await cache.db.messages.put(header('INBOX', 1, { flags: ['\\Flagged'] }));
    expect(await flaggedIn('INBOX')).toEqual([['a1', 'INBOX', 1]]);
    const stored = await cache.db.messages.get(['a1', 'INBOX', 1]);
    await cache.db.messages.put({ ...stored!, flags: [] });
    expect(await cache.db.messages.get(['a1', 'INBOX', 1])).not.toHaveProperty('flagged');
    expect(await flaggedIn('INBOX')).toEqual([]);
    await cache.db.messages.update(['a1', 'INBOX', 1], { flags: ['\\Flagged', '\\Seen'] });
    expect(await flaggedIn('INBOX')).toEqual([['a1', 'INBOX', 1]]);
  });
});
