/**
 * The cache's IndexedDB schema and its versions. Every version ever shipped stays listed:
 * Dexie replays them to upgrade an older database, and a new version adds a `version(n)`
 * entry (with an `upgrade` when data must change) instead of editing an old one.
 *
 * Keys and indexes are chosen for the list queries: messages by folder and date, by folder
 * and unread state, and by Message-ID (threading). Compound keys start with accountId so
 * that removing an account is a range delete.
 */
import type Dexie from 'dexie';

export const schemaVersions: ReadonlyArray<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      accounts: 'id',
      folders: '[accountId+path], accountId',
      messages:
        '[accountId+folderPath+uid], [accountId+folderPath+date], [accountId+folderPath+unread], [accountId+messageId], [accountId+inReplyTo]',
      bodies: '[accountId+folderPath+uid]',
      attachments: '[accountId+folderPath+uid+partId], [accountId+folderPath+uid]',
      operations: '++seq, accountId, [accountId+folderPath]',
      outbox: 'id, accountId, sendAt',
      drafts: 'id, accountId, updatedAt',
      syncCursors: '[accountId+folderPath], accountId',
    },
  },
  {
    // Senders whose remote content (images, fonts, styles) the reader always loads; the
    // unread filter of the list, newest first, by keyset (folder + unread + date).
    version: 2,
    stores: {
      messages:
        '[accountId+folderPath+uid], [accountId+folderPath+date], [accountId+folderPath+unread], [accountId+folderPath+unread+date], [accountId+messageId], [accountId+inReplyTo]',
      remoteContentSenders: 'address',
    },
  },
];

export const latestSchemaVersion = schemaVersions[schemaVersions.length - 1]!.version;

export function declareSchema(db: Dexie): void {
  // Each version lists only the tables it adds or changes; Dexie carries the rest forward.
  for (const { version, stores } of schemaVersions) db.version(version).stores(stores);
}
