import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openCache } from './db';
import { accountSchema } from '../../src-shared/model';
import { latestSchemaVersion, schemaVersions } from './schema';

describe('cache schema and migrations', () => {
  it('lists versions in increasing order, never editing an old one in place', () => {
    const numbers = schemaVersions.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('creates every table of the latest version with the list-query indexes', async () => {
    const cache = openCache(`schema-${Math.random()}`);
    await cache.db.open();
    expect(cache.db.verno).toBe(latestSchemaVersion);
    const tables = Object.fromEntries(cache.db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name)]));
    expect(Object.keys(tables).sort()).toEqual(
      ['accounts', 'attachmentData', 'attachments', 'bodies', 'bodyUsage', 'drafts', 'folders', 'localFolderUids', 'messages', 'operations', 'pop3Uidls', 'remoteContentSenders', 'snippets', 'syncCursors', 'syncIssues'].sort(),
    );
    expect(tables.messages).toEqual(
      expect.arrayContaining(['[accountId+folderPath+date]', '[accountId+folderPath+unread+date]', '[inbox+date]']),
    );
    expect(tables.messages).not.toContain('[accountId+messageId]');
    cache.close();
  });

  it('upgrades a database created by an older Tern without losing its rows', async () => {
    // A database written by a build that knew only the first version, opened by this one.
    const name = `upgrade-${Math.random()}`;
    const first = schemaVersions[0]!;
    const old = new Dexie(name);
    old.version(first.version).stores(first.stores);
    await old.table('accounts').put({ id: 'a1', name: 'Old', email: 'o@example.org' });
    old.close();

    const cache = openCache(name);
    expect((await cache.db.accounts.get('a1'))?.name).toBe('Old');
    expect(cache.db.verno).toBe(latestSchemaVersion);
    cache.close();
  });

  it('upgrades a version 1 database to version 2, adding the remote-content senders', async () => {
    const name = `v1-to-v2-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(schemaVersions[0]!.stores);
    await old.table('messages').put({ accountId: 'a1', folderPath: 'INBOX', uid: 7, date: 1, unread: 1 });
    old.close();

    const cache = openCache(name);
    await cache.durable.remoteContentSenders.put({ address: 'news@example.org', allowedAt: 1 });
    expect(await cache.db.remoteContentSenders.get('news@example.org')).toBeDefined();
    expect(await cache.db.messages.where('[accountId+folderPath+unread+date]').equals(['a1', 'INBOX', 1, 1]).count()).toBe(1);
    cache.close();
  });

  it('upgrades a version 2 IMAP account to the incoming-protocol shape of version 3', async () => {
    const name = `v2-to-v3-${Math.random()}`;
    const old = new Dexie(name);
    for (const v of schemaVersions.filter((s) => s.version <= 2)) old.version(v.version).stores(v.stores);
    const imap = { host: 'imap.example.org', port: 993, security: 'tls', user: 'me' };
    await old.table('accounts').put({ id: 'a1', name: 'Old', email: 'me@example.org', imap, trustedCertificates: [] });
    old.close();

    const cache = openCache(name);
    const upgraded = accountSchema.parse(await cache.db.accounts.get('a1'));
    expect(upgraded.incoming).toEqual({ protocol: 'imap', accessModel: 'disconnected', ...imap });
    expect(upgraded).toMatchObject({ smtp: null, identities: [] });
    expect(upgraded).not.toHaveProperty('imap');
    cache.close();
  });

  it('upgrades messages stored before version 7 with the list’s sort and filter keys', async () => {
    const name = `v3-to-v7-${Math.random()}`;
    const old = new Dexie(name);
    for (const v of schemaVersions.filter((s) => s.version <= 3)) old.version(v.version).stores(v.stores);
    const from = [{ name: 'Zoe', address: 'zoe@example.org' }];
    await old.table('messages').put({ accountId: 'a1', folderPath: 'INBOX', uid: 7, date: 5, unread: 0, flags: ['\\Flagged'], from, subject: 'Re: Plans', hasAttachments: 1 });
    old.close();

    const cache = openCache(name);
    expect(await cache.db.messages.where('[accountId+folderPath+flagged+date]').equals(['a1', 'INBOX', 1, 5]).count()).toBe(1);
    expect(await cache.db.messages.where('[accountId+folderPath+attach+date]').equals(['a1', 'INBOX', 1, 5]).count()).toBe(1);
    expect(await cache.db.messages.where('[accountId+folderPath+senderSort+date]').equals(['a1', 'INBOX', 'zoe', 5]).count()).toBe(1);
    expect(await cache.db.messages.where('[accountId+folderPath+subjectSort+date]').equals(['a1', 'INBOX', 'plans', 5]).count()).toBe(1);
    expect(await cache.db.messages.where('[inbox+date]').equals([1, 5]).count()).toBe(1);
    cache.close();
  });

  it('upgrades messages stored before version 10 to sparse flag keys, still listed by every filter', async () => {
    const name = `v9-to-v10-${Math.random()}`;
    const old = new Dexie(name);
    for (const v of schemaVersions.filter((s) => s.version <= 9)) old.version(v.version).stores(v.stores);
    const row = { accountId: 'a1', from: [], subject: 'S', hasAttachments: 0, senderSort: '', subjectSort: 's' };
    await old.table('messages').bulkPut([
      { ...row, folderPath: 'INBOX', uid: 1, date: 1, unread: 1, flags: ['\\Flagged'], flagged: 1, attach: 0, inbox: 1 },
      { ...row, folderPath: 'Sent', uid: 2, date: 2, unread: 0, flags: ['\\Seen'], flagged: 0, attach: 0, inbox: 0 },
    ]);
    old.close();

    const cache = openCache(name);
    const sent = await cache.db.messages.get(['a1', 'Sent', 2]);
    expect(sent).not.toHaveProperty('flagged');
    expect(sent).not.toHaveProperty('attach');
    expect(sent).not.toHaveProperty('inbox');
    expect(await cache.db.messages.where('[accountId+folderPath+flagged+date]').between(['a1', 'INBOX', 1, Dexie.minKey], ['a1', 'Sent', 1, Dexie.maxKey]).primaryKeys()).toEqual([['a1', 'INBOX', 1]]);
    expect(await cache.db.messages.where('[inbox+date]').between([0, Dexie.minKey], [9, Dexie.maxKey]).primaryKeys()).toEqual([['a1', 'INBOX', 1]]);
    expect(await cache.db.messages.where('[accountId+folderPath+unread+date]').equals(['a1', 'INBOX', 1, 1]).count()).toBe(1);
    cache.close();
  });

  it('moves the list previews stored on message rows before version 11 into their own table', async () => {
    const name = `v10-to-v11-${Math.random()}`;
    const old = new Dexie(name);
    for (const v of schemaVersions.filter((s) => s.version <= 10)) old.version(v.version).stores(v.stores);
    const row = { accountId: 'a1', folderPath: 'INBOX', from: [], subject: 'S', hasAttachments: 0, senderSort: '', subjectSort: 's', date: 1, unread: 0, flags: [] };
    await old.table('messages').bulkPut([
      { ...row, uid: 1, snippet: 'first words' },
      { ...row, uid: 2 },
    ]);
    old.close();

    const cache = openCache(name);
    expect(await cache.db.messages.get(['a1', 'INBOX', 1])).not.toHaveProperty('snippet');
    expect(await cache.db.snippets.toArray()).toEqual([{ accountId: 'a1', folderPath: 'INBOX', uid: 1, text: 'first words' }]);
    expect(await cache.db.messages.count()).toBe(2);
    cache.close();
  });

  it('moves the bodies’ budget records of version 9 onto the bodies, into the eviction indexes', async () => {
    const name = `v12-to-v13-${Math.random()}`;
    const old = new Dexie(name);
    for (const v of schemaVersions.filter((s) => s.version <= 12)) old.version(v.version).stores(v.stores);
    const body = { accountId: 'a1', folderPath: 'INBOX', text: 'hello', html: null, problem: null, fetchedAt: 50 };
    await old.table('bodies').bulkPut([{ ...body, uid: 1 }, { ...body, uid: 2 }]);
    await old.table('bodySizes').put({ accountId: 'a1', folderPath: 'INBOX', uid: 1, bytes: 5, date: 40, fetchedAt: 50 });
    old.close();

    const cache = openCache(name);
    expect(cache.db.tables.map((t) => t.name)).not.toContain('bodySizes');
    expect(await cache.db.bodies.get(['a1', 'INBOX', 1])).toMatchObject({ text: 'hello', bytes: 5, date: 40 });
    // Cached before the size records: out of the eviction orders, as it was uncounted.
    expect(await cache.db.bodies.get(['a1', 'INBOX', 2])).not.toHaveProperty('bytes');
    expect(await cache.db.bodies.where('[accountId+date+bytes]').between(['a1', Dexie.minKey, -Infinity], ['a1', Dexie.maxKey, Infinity]).primaryKeys()).toEqual([['a1', 'INBOX', 1]]);
    expect(await cache.db.bodies.where('[accountId+fetchedAt+bytes]').equals(['a1', 50, 5]).count()).toBe(1);
    cache.close();
  });

  it('the strict-durability handle reads what the default handle wrote', async () => {
    const cache = openCache(`durable-${Math.random()}`);
    await cache.db.drafts.put({ id: 'd1', accountId: 'a1', updatedAt: 1, draft: {} });
    expect(await cache.durable.drafts.get('d1')).toBeDefined();
    cache.close();
  });
});
