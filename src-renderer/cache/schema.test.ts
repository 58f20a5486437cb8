import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openCache } from './db';
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
      ['accounts', 'attachments', 'bodies', 'drafts', 'folders', 'messages', 'operations', 'outbox', 'syncCursors'].sort(),
    );
    expect(tables.messages).toEqual(
      expect.arrayContaining(['[accountId+folderPath+date]', '[accountId+folderPath+unread]', '[accountId+messageId]']),
    );
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

  it('the strict-durability handle reads what the default handle wrote', async () => {
    const cache = openCache(`durable-${Math.random()}`);
    await cache.db.drafts.put({ id: 'd1', accountId: 'a1', updatedAt: 1, draft: {} });
    expect(await cache.durable.drafts.get('d1')).toBeDefined();
    cache.close();
  });
});
