/**
 * The renderer side of the store port: the engine's deltas land in Dexie here. A header
 * delta and the cursor it advances are written in one transaction, so a crash can never
 * leave a cursor ahead of the content it describes (DESIGN.md).
 */
import Dexie from 'dexie';
import type { StorePort } from '../../src-shared/store-port';
import { toUidRanges } from '../../src-shared/uid-ranges';
import { attachmentTables, dropAttachments } from './attachment-store';
import { bodyBudgetTables, dropBodies, enforceBodyBudget, storeBodyBatch } from './body-budget';
import type { Cache } from './db';
import { deferMessageRefresh } from './live-refresh';
import { listMissingBodies } from './missing-bodies';
import { listOperations, settleOperation, withPendingFlags } from './operation-log';
import { applyPop3Download, forgetPop3Uidls, pop3Records } from './pop3-store';
import { dropSnippets, snippetTables } from './snippet-store';

const minKey = Dexie.minKey;
const maxKey = Dexie.maxKey;

function folderRange(accountId: string, folderPath: string): [unknown[], unknown[]] {
  return [
    [accountId, folderPath, minKey],
    [accountId, folderPath, maxKey],
  ];
}

export function createCacheStore(cache: Cache): StorePort {
  const { db } = cache;

  /** Drops messages with all that is cached of them; inside a transaction over their tables. */
  async function dropMessages(accountId: string, folderPath: string, uids: readonly number[] | 'all'): Promise<void> {
    if (uids === 'all') {
      const [lo, hi] = folderRange(accountId, folderPath);
      await db.messages.where('[accountId+folderPath+uid]').between(lo, hi, true, true).delete();
    } else {
      await db.messages.bulkDelete(uids.map((uid): [string, string, number] => [accountId, folderPath, uid]));
    }
    await dropBodies(db, accountId, folderPath, uids);
    await dropAttachments(db, accountId, folderPath, uids);
    await dropSnippets(db, accountId, folderPath, uids);
  }

  return {
    async getCursor({ accountId, folderPath }) {
      return (await db.syncCursors.get([accountId, folderPath])) ?? null;
    },

    async countUids({ accountId, folderPath, upTo }) {
      return db.messages.where('[accountId+folderPath+uid]').between([accountId, folderPath, 0], [accountId, folderPath, upTo], true, true).count();
    },

    async listUidRanges({ accountId, folderPath, from = 0, to = 0xffff_ffff }) {
      // Only the runs cross to the engine; the keys themselves stay in this process.
      const keys = await db.messages.where('[accountId+folderPath+uid]').between([accountId, folderPath, from], [accountId, folderPath, to], true, true).primaryKeys();
      return toUidRanges(keys.map((key) => key[2]));
    },

    async replaceFolders({ accountId, folders }) {
      await db.transaction('rw', [db.folders, db.messages, db.bodies, db.syncCursors, ...attachmentTables(db), ...bodyBudgetTables(db), ...snippetTables(db)], async () => {
        const keep = new Set(folders.map((f) => f.path));
        const existing = await db.folders.where('accountId').equals(accountId).toArray();
        for (const gone of existing.filter((f) => !keep.has(f.path))) {
          await dropMessages(accountId, gone.path, 'all');
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
      await db.transaction('rw', [db.messages, db.bodies, db.syncCursors, db.operations, ...attachmentTables(db), ...bodyBudgetTables(db), ...snippetTables(db)], async () => {
        // A first sync writes delta after delta: the list follows them every few seconds, not each one.
        deferMessageRefresh();
        if (delta.reset) await dropMessages(accountId, folderPath, 'all');
        if (delta.removedUids.length > 0) await dropMessages(accountId, folderPath, delta.removedUids);
        if (delta.flagUpdates.length > 0) {
          const keys = delta.flagUpdates.map((u) => [accountId, folderPath, u.uid] as [string, string, number]);
          const current = await db.messages.bulkGet(keys);
          const updated = current.flatMap((header, i) => {
            const update = delta.flagUpdates[i]!;
            if (!header) return [];
            return [{ ...header, flags: update.flags, unread: update.flags.includes('\\Seen') ? (0 as const) : (1 as const) }];
          });
          // A flag change still queued for the server wins over the server's older state.
          await db.messages.bulkPut(await withPendingFlags(db, accountId, folderPath, updated));
        }
        await db.messages.bulkPut(await withPendingFlags(db, accountId, folderPath, delta.upserts));
        await db.syncCursors.put(delta.cursor);
      });
      return null;
    },

    async putBody(args) {
      await db.transaction('rw', [db.bodies, db.messages, ...attachmentTables(db), ...bodyBudgetTables(db), ...snippetTables(db)], () => storeBodyBatch(db, [args], { knownNew: false }));
      return null;
    },

    async putBodies({ bodies }) {
      await db.transaction('rw', [db.bodies, db.messages, ...attachmentTables(db), ...bodyBudgetTables(db), ...snippetTables(db)], () => {
        // The background download writes batch after batch; their previews need not redraw the list each time.
        deferMessageRefresh();
        return storeBodyBatch(db, bodies, { knownNew: true });
      });
      return null;
    },

    listMissingBodies: (args) => listMissingBodies(cache, args),

    enforceBodyBudget: (args) => enforceBodyBudget(cache, args),

    pop3Records: ({ accountId }) => pop3Records(cache, accountId),

    applyPop3Download: (args) => applyPop3Download(cache, args),

    async forgetPop3Uidls({ accountId, uidls }) {
      await forgetPop3Uidls(cache, accountId, uidls);
      return null;
    },

    listOperations: ({ accountId }) => listOperations(cache, accountId),

    async settleOperation({ accountId, seq, outcome }) {
      await settleOperation(cache, accountId, seq, outcome);
      return null;
    },
  };
}
