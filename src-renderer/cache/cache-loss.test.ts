import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, HeaderDelta, MessageHeader } from '../../src-shared/model';
import { guardAgainstCacheLoss, type CacheLoss, type CacheLossGuard } from './cache-loss';
import { createCacheStore } from './cache-store';
import { openCache, type Cache } from './db';
import { restoreSnapshot } from './durable-mirror';

const imap: Account = {
  id: 'a1', name: 'Work', email: 'alice@example.org',
  incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.org', port: 993, security: 'tls', user: 'alice' },
  smtp: null, identities: [], sendThroughRelay: false, trustedCertificates: [],
};
const pop3: Account = { ...imap, id: 'a2', name: 'Home', incoming: { protocol: 'pop3', host: 'pop.example.org', port: 995, security: 'tls', user: 'alice' } };
const flag = (uid: number) => ({ accountId: 'a1', folderPath: 'INBOX', kind: 'flag', payload: { uid }, createdAt: uid });

const header = (uid: number): MessageHeader => ({
  accountId: 'a1', folderPath: 'INBOX', uid, messageId: `<m${uid}@x>`, subject: `S${uid}`, from: [], to: [], cc: [],
  date: uid, internalDate: uid, size: 1, flags: [], unread: 1, inReplyTo: null,
});
const delta = (uid: number): HeaderDelta => ({
  accountId: 'a1', folderPath: 'INBOX', reset: false, upserts: [header(uid)], flagUpdates: [], removedUids: [],
  cursor: { accountId: 'a1', folderPath: 'INBOX', uidValidity: 7, uidNext: uid + 1, highestModseq: null, highestUid: uid, syncedAt: 1 },
});
const inbox = { accountId: 'a1', folderPath: 'INBOX' };

let name = '';
let cache: Cache;
let guard: CacheLossGuard;
let losses: CacheLoss[];

/** Waits until the guard's mirror has read what the test wrote (it follows by live query). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(async () => {
  name = `loss-${Math.random()}`;
  cache = openCache(name);
  losses = [];
  guard = guardAgainstCacheLoss(cache, (loss) => losses.push(loss));
  await cache.durable.accounts.bulkPut([imap, pop3]);
  await cache.durable.operations.bulkAdd([flag(1), flag(2)]);
  await cache.durable.drafts.put({ id: 'd1', accountId: 'a1', updatedAt: 6, draft: { subject: 'Half written' } });
  await cache.durable.remoteContentSenders.put({ address: 'news@example.org', allowedAt: 7 });
  await cache.db.messages.put(header(1));
  await settle();
});
afterEach(() => {
  guard.stop();
  cache.close();
});

describe('a cache deleted under the running window', () => {
  it('puts back the accounts, queued changes, drafts and allowed senders, and reports it', async () => {
    await Dexie.delete(name); // another connection deletes it; Chromium's own deletion closes the same way
    await expect.poll(() => losses.length).toBe(1);
    expect(losses[0]).toMatchObject({ restored: { accounts: 2, operations: 2, drafts: 1 }, pop3Accounts: ['Home'] });
    expect((await cache.db.accounts.toArray()).map((a) => a.name).sort()).toEqual(['Home', 'Work']);
    expect((await cache.db.operations.toArray()).map((o) => [o.seq, o.createdAt])).toEqual([[1, 1], [2, 2]]);
    expect(await cache.db.drafts.get('d1')).toMatchObject({ draft: { subject: 'Half written' } });
    expect(await cache.db.remoteContentSenders.count()).toBe(1);
    // Mail is not copied: the next sync brings it back from the server.
    expect(await cache.db.messages.count()).toBe(0);
  });

  it('refuses a header delta of a sync that read its cursor before the loss, and takes one that read it after', async () => {
    const store = guard.guardStore(createCacheStore(cache));
    await store.getCursor(inbox);
    await store.applyHeaderDelta(delta(1));
    await Dexie.delete(name);
    await expect.poll(() => losses.length).toBe(1);
    await expect(store.applyHeaderDelta(delta(2))).rejects.toThrow(/cache was lost after this sync of INBOX began/);
    expect(await cache.db.syncCursors.count()).toBe(0);
    expect(await store.getCursor(inbox)).toBeNull();
    await store.applyHeaderDelta(delta(2));
    expect(await cache.db.messages.count()).toBe(1);
  });

  it('refuses the engine while it checks a close, and reports nothing when the database is still there', async () => {
    const store = guard.guardStore(createCacheStore(cache));
    cache.db.close({ disableAutoOpen: false }); // what Dexie does when the browser closes the connection
    await expect(store.getCursor(inbox)).rejects.toThrow(/being checked/);
    await expect.poll(async () => store.getCursor(inbox).then(() => 'answered', () => 'refused')).toBe('answered');
    await settle();
    expect(losses).toEqual([]);
    expect(await cache.db.accounts.count()).toBe(2);
  });

  it('keeps operations queued in the new database after the restored ones, in their order', async () => {
    const known = { accounts: [imap], operations: await cache.db.operations.toArray(), drafts: [], remoteContentSenders: [] };
    await cache.durable.operations.clear();
    await cache.durable.operations.bulkAdd([flag(3), flag(4)]);
    await restoreSnapshot(cache, known);
    expect((await cache.db.operations.orderBy('seq').toArray()).map((o) => o.createdAt)).toEqual([1, 2, 3, 4]);
  });

  it('queues nothing twice when another window of the same cache restored first', async () => {
    const known = { accounts: [imap], operations: await cache.db.operations.toArray(), drafts: [], remoteContentSenders: [] };
    await cache.durable.operations.clear();
    await restoreSnapshot(cache, known); // the other window
    await cache.durable.operations.add(flag(3));
    await restoreSnapshot(cache, known); // this one
    expect((await cache.db.operations.orderBy('seq').toArray()).map((o) => o.createdAt)).toEqual([1, 2, 3]);
  });

  it('does not take its own window closing the cache for a loss', async () => {
    guard.stop();
    cache.close();
    await settle();
    expect(losses).toEqual([]);
  });
});
