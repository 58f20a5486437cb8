/**
 * Opens the cache database. Two Dexie handles share one IndexedDB database:
 * - `db` commits with the browser's default ("relaxed" in Chromium) durability, for data
 *   that can always be fetched from the server again (headers, bodies, folders);
 * - `durable` commits with "strict" durability, for whatever is acknowledged to the user
 *   or to a server (accounts, and later the operation log, outbox and drafts), so an
 *   acknowledged write survives a power cut.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Account, Folder, MessageBody, MessageHeader, SyncCursor } from '../../src-shared/model';
import type { AttachmentDataRecord, AttachmentRecord, DraftRecord, OperationRecord, OutboxRecord, RemoteContentSender, SyncIssueRecord } from './records';
import { listKeysMiddleware } from './list-keys';
import { declareSchema } from './schema';
import { writeFeedMiddleware } from './write-feed';

export type TernDexie = Dexie & {
  accounts: EntityTable<Account, 'id'>;
  folders: Dexie.Table<Folder, [string, string]>;
  messages: Dexie.Table<MessageHeader, [string, string, number]>;
  bodies: Dexie.Table<MessageBody, [string, string, number]>;
  attachments: Dexie.Table<AttachmentRecord, [string, string, number, string]>;
  attachmentData: Dexie.Table<AttachmentDataRecord, [string, string, number, string]>;
  operations: EntityTable<OperationRecord, 'seq'>;
  outbox: EntityTable<OutboxRecord, 'id'>;
  drafts: EntityTable<DraftRecord, 'id'>;
  syncCursors: Dexie.Table<SyncCursor, [string, string]>;
  remoteContentSenders: EntityTable<RemoteContentSender, 'address'>;
  syncIssues: EntityTable<SyncIssueRecord, 'id'>;
};

export interface Cache {
  db: TernDexie;
  durable: TernDexie;
  close(): void;
}

export const defaultCacheName = 'tern-cache';

export function openCache(name: string = defaultCacheName): Cache {
  const db = new Dexie(name) as TernDexie;
  const durable = new Dexie(name, { chromeTransactionDurability: 'strict' }) as TernDexie;
  declareSchema(db);
  declareSchema(durable);
  // Every message write derives the list's sort and filter keys (list-keys.ts), and is
  // reported to the search index (write-feed.ts).
  for (const handle of [db, durable]) handle.use(listKeysMiddleware).use(writeFeedMiddleware);
  return {
    db,
    durable,
    close() {
      db.close();
      durable.close();
    },
  };
}
