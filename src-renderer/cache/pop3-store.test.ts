import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreArgs } from '../../src-shared/store-port';
import { createCacheStore } from './cache-store';
import { openCache, type Cache } from './db';

let cache: Cache;
beforeEach(() => {
  cache = openCache(`pop3-store-${Math.random()}`);
});
afterEach(() => cache.close());

type Download = StoreArgs<'applyPop3Download'>['downloads'][number];

function download(uidl: string, overrides: Partial<Download> = {}): Download {
  return {
    uidl,
    downloadedAt: 1000,
    header: { messageId: `<${uidl}@x>`, subject: `S ${uidl}`, from: [], to: [], cc: [], date: 5, internalDate: 5, size: 10, flags: [], unread: 1, inReplyTo: null },
    body: { text: `text of ${uidl}`, html: null, problem: null },
    attachments: [{ partId: '2', filename: 'a.txt', contentType: 'text/plain', size: 2, contentId: null, inline: false, dataBase64: 'aGk=' }],
    ...overrides,
  };
}

const apply = (...downloads: Download[]) => createCacheStore(cache).applyPop3Download({ accountId: 'p1', downloads });

describe('POP3 downloads in the cache', () => {
  it('creates the local Inbox and gives each new message the next local UID, with its body and record', async () => {
    const store = createCacheStore(cache);
    expect(await store.pop3Records({ accountId: 'p1' })).toEqual([]);
    expect(await cache.db.folders.get(['p1', 'INBOX'])).toMatchObject({ name: 'Inbox', specialUse: 'inbox' });
    expect(await apply(download('u1'))).toEqual([{ folderPath: 'INBOX', uid: 1 }]);
    expect(await apply(download('u2'), download('u3'))).toEqual([{ folderPath: 'INBOX', uid: 2 }, { folderPath: 'INBOX', uid: 3 }]);
    expect(await cache.db.messages.get(['p1', 'INBOX', 2])).toMatchObject({ subject: 'S u2', inbox: 1 });
    expect(await cache.db.snippets.get(['p1', 'INBOX', 2])).toMatchObject({ text: 'text of u2' });
    expect(await cache.db.bodies.get(['p1', 'INBOX', 1])).toMatchObject({ text: 'text of u1' });
    expect(await cache.db.attachments.where('[accountId+folderPath+uid]').equals(['p1', 'INBOX', 1]).count()).toBe(1);
    expect((await store.pop3Records({ accountId: 'p1' })).map((r) => [r.uidl, r.uid, r.partial])).toEqual([['u1', 1, false], ['u2', 2, false], ['u3', 3, false]]);
  });

  it('stores a UIDL once: a retry answers the first UID and writes nothing new', async () => {
    await apply(download('u1'));
    expect(await apply(download('u1', { header: { ...download('u1').header, subject: 'changed' } }))).toEqual([{ folderPath: 'INBOX', uid: 1 }]);
    expect(await cache.db.messages.count()).toBe(1);
    expect((await cache.db.messages.get(['p1', 'INBOX', 1]))?.subject).toBe('S u1');
  });

  it('completes a header-only download with the full body later', async () => {
    const store = createCacheStore(cache);
    await apply(download('big', { body: null, attachments: [] }));
    expect(await cache.db.bodies.count()).toBe(0);
    expect((await store.pop3Records({ accountId: 'p1' }))[0]?.partial).toBe(true);
    await apply(download('big'));
    expect(await cache.db.bodies.get(['p1', 'INBOX', 1])).toMatchObject({ text: 'text of big' });
    expect((await store.pop3Records({ accountId: 'p1' }))[0]?.partial).toBe(false);
  });

  it('never reuses a UID after the last message is gone, and forgets records on request', async () => {
    const store = createCacheStore(cache);
    await apply(download('u1'));
    await cache.db.messages.delete(['p1', 'INBOX', 1]);
    expect(await apply(download('u2'))).toEqual([{ folderPath: 'INBOX', uid: 2 }]);
    await store.forgetPop3Uidls({ accountId: 'p1', uidls: ['u1'] });
    expect((await store.pop3Records({ accountId: 'p1' })).map((r) => r.uidl)).toEqual(['u2']);
  });
});
