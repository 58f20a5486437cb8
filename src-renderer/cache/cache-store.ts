/**
 * The renderer side of the store port: the engine's deltas land in Dexie here. A header
 * delta and the cursor it advances are written in one transaction, so a crash can never
 * leave a cursor ahead of the content it describes (DESIGN.md).
 */
import Dexie from 'dexie';
import type { StorePort } from '../../src-shared/store-port';
import type { Cache } from './db';

const minKey = Dexie.minKey;
const maxKey = Dexie.maxKey;

function folderRange(accountId: string, folderPath: string): [unknown[], unknown[]] {
  return [
    [accountId, folderPath, minKey],
    [accountId, folderPath, maxKey],
  ];
}

export function createCacheStore({ db }: Cache): StorePort {
  return {
    async getCursor({ accountId, folderPath }) {
      return (await db.syncCursors.get([accountId, folderPath])) ?? null;
    },

    async listUids({ accountId, folderPath }) {
      const [lo, hi] = folderRange(accountId, folderPath);
      const keys = await db.messages.where('[accountId+folderPath+uid]').between(lo, hi, true, true).primaryKeys();
      return keys.map((key) => key[2]);
    },

    async replaceFolders({ accountId, folders }) {
      await db.transaction('rw', [db.folders, db.messages, db.bodies, db.syncCursors], async () => {
        const keep = new Set(folders.map((f) => f.path));
        const existing = await db.folders.where('accountId').equals(accountId).toArray();
        for (const gone of existing.filter((f) => !keep.has(f.path))) {
          const [lo, hi] = folderRange(accountId, gone.path);
          await db.messages.where('[accountId+folderPath+uid]').between(lo, hi, true, true).delete();
          await db.bodies.where('[accountId+folderPath+uid]').between(lo, hi, true, true).delete();
          await db.syncCursors.delete([accountId, gone.path]);
          await db.folders.delete([accountId, gone.path]);
        }
        await db.folders.bulkPut(folders);
      });
      return null;
    },

    async applyHeaderDelta(delta) {
      const { accountId, folderPath } = delta;
      const strays = [delta.cursor, ...delta.upserts].filter((r) => r.accountId !== accountId || r.folderPath !== folderPath);
      if (strays.length > 0) throw new Error(`header delta for ${folderPath} carries records of another folder`);
      await db.transaction('rw', [db.messages, db.bodies, db.syncCursors], async () => {
        const [lo, hi] = folderRange(accountId, folderPath);
        if (delta.reset) {
          await db.messages.where('[accountId+folderPath+uid]').between(lo, hi, true, true).delete();
          await db.bodies.where('[accountId+folderPath+uid]').between(lo, hi, true, true).delete();
        }
        if (delta.removedUids.length > 0) {
          const keys = delta.removedUids.map((uid) => [accountId, folderPath, uid] as [string, string, number]);
          await db.messages.bulkDelete(keys);
          await db.bodies.bulkDelete(keys);
        }
        if (delta.flagUpdates.length > 0) {
          const keys = delta.flagUpdates.map((u) => [accountId, folderPath, u.uid] as [string, string, number]);
          const current = await db.messages.bulkGet(keys);
          const updated = current.flatMap((header, i) => {
            const update = delta.flagUpdates[i]!;
            if (!header) return [];
            return [{ ...header, flags: update.flags, unread: update.flags.includes('\\Seen') ? (0 as const) : (1 as const) }];
          });
          await db.messages.bulkPut(updated);
        }
        await db.messages.bulkPut(delta.upserts);
        await db.syncCursors.put(delta.cursor);
      });
      return null;
    },

    async putBody(body) {
      await db.bodies.put(body);
      return null;
    },
  };
}
