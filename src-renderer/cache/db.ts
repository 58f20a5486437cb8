/**
 * Opens the cache database. Two Dexie handles share one IndexedDB database:
 * - `db` commits with the browser's default ("relaxed" in Chromium) durability, for data
 *   that can always be fetched from the server again (headers, bodies, folders);
 * - `durable` commits with "strict" durability, for whatever is acknowledged to the user
 *   or to a server (accounts, the operation log and drafts), so an acknowledged write
 *   survives a power cut.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Account, Folder, MessageHeader, SyncCursor } from '../../src-shared/model';
import type { Pop3Record } from '../../src-shared/store-port';
import type { AttachmentDataRecord, AttachmentRecord, BodyUsageRecord, DraftRecord, LocalFolderUidRecord, OperationRecord, RemoteContentSender, SnippetRecord, StoredBody, SyncIssueRecord } from './records';
import { listKeysMiddleware } from './list-keys';
import { createRefreshCoalescer } from './live-refresh';
import { declareSchema } from './schema';
import { writeFeedMiddleware } from './write-feed';

export type TernDexie = Dexie & {
  accounts: EntityTable<Account, 'id'>;
  folders: Dexie.Table<Folder, [string, string]>;
  messages: Dexie.Table<MessageHeader, [string, string, number]>;
  bodies: Dexie.Table<StoredBody, [string, string, number]>;
  attachments: Dexie.Table<AttachmentRecord, [string, string, number, string]>;
  attachmentData: Dexie.Table<AttachmentDataRecord, [string, string, number, string]>;
  operations: EntityTable<OperationRecord, 'seq'>;
  drafts: EntityTable<DraftRecord, 'id'>;
  syncCursors: Dexie.Table<SyncCursor, [string, string]>;
  remoteContentSenders: EntityTable<RemoteContentSender, 'address'>;
  syncIssues: EntityTable<SyncIssueRecord, 'id'>;
  pop3Uidls: Dexie.Table<Pop3Record, [string, string]>;
  localFolderUids: Dexie.Table<LocalFolderUidRecord, [string, string]>;
  bodyUsage: EntityTable<BodyUsageRecord, 'accountId'>;
  snippets: Dexie.Table<SnippetRecord, [string, string, number]>;
};

export interface Cache {
  db: TernDexie;
  durable: TernDexie;
  close(): void;
}

export const defaultCacheName = 'tern-cache';
const liveRefreshIntervalMs = 2000;

export function openCache(name: string = defaultCacheName): Cache {
  // Dexie's query cache is off: it would serve live queries results that miss the
  // changes whose announcement live-refresh.ts holds back.
  const db = new Dexie(name, { cache: 'disabled' }) as TernDexie;
  const durable = new Dexie(name, { chromeTransactionDurability: 'strict', cache: 'disabled' }) as TernDexie;
  declareSchema(db);
  declareSchema(durable);
  // Every message write derives the list's sort and filter keys (list-keys.ts), and is
  // reported to the search index (write-feed.ts).
  for (const handle of [db, durable]) handle.use(listKeysMiddleware).use(writeFeedMiddleware);
  // The engine's header deltas refresh the live queries at most every 2 s (live-refresh.ts).
  db.use(createRefreshCoalescer(liveRefreshIntervalMs).middleware);
  return {
    db,
    durable,
    close() {
      db.close();
      durable.close();
    },
  };
}
