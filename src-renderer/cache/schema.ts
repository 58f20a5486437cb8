/**
 * The cache's IndexedDB schema and its versions. Every version ever shipped stays listed:
 * Dexie replays them to upgrade an older database, and a new version adds a `version(n)`
 * entry (with an `upgrade` when data must change) instead of editing an old one.
 *
 * Keys and indexes are chosen for the list queries: messages by folder and date, and by
 * folder, filter or sort key and date (versions 7–12 below); bodies by the disk budget's
 * eviction orders (13). Compound keys start with accountId so that removing an account is
 * a range delete.
 */
import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { storedListKeys } from './list-keys';

interface SchemaVersion {
  version: number;
  /** Table declarations; null deletes a table (after the upgrade, which can still read it). */
  stores: Record<string, string | null>;
  /** Rewrites rows stored by the previous version, inside Dexie's upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: readonly SchemaVersion[] = [
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
  {
    // Accounts name their incoming protocol (IMAP or POP3) and gain an SMTP server and
    // identities; an account stored by version 2 was IMAP-only, under the key `imap`.
    version: 3,
    stores: {},
    upgrade: async (tx) => {
      await tx
        .table('accounts')
        .toCollection()
        .modify((account: Record<string, unknown>) => {
          if (account.incoming === undefined && typeof account.imap === 'object' && account.imap !== null) {
            account.incoming = { protocol: 'imap', ...account.imap };
            delete account.imap;
          }
          account.smtp ??= null;
          account.identities ??= [];
        });
    },
  },
  {
    // Problems met while replaying queued operations (the "Sync issues" view), newest last.
    version: 4,
    stores: { syncIssues: '++id, accountId' },
  },
  {
    // The bytes of downloaded attachments and inline (cid:) parts, apart from their
    // metadata in `attachments`, so that listing a message's attachments reads no bytes.
    version: 6,
    stores: {
      attachmentData: '[accountId+folderPath+uid+partId]',
    },
  },
  {
    // The message list's sorts and filters (issue 6): flagged and has-attachment filters
    // newest first, sender and subject sorts, and the unified inbox across accounts, each
    // by keyset on its own index. The keyed fields are derived on every write
    // (list-keys.ts); messages stored before this version get them here.
    version: 7,
    stores: {
      messages:
        '[accountId+folderPath+uid], [accountId+folderPath+date], [accountId+folderPath+unread], [accountId+folderPath+unread+date], [accountId+messageId], [accountId+inReplyTo], [accountId+folderPath+flagged+date], [accountId+folderPath+attach+date], [accountId+folderPath+senderSort+date], [accountId+folderPath+subjectSort+date], [inbox+date], [inbox+unread+date]',
    },
    upgrade: async (tx) => {
      await tx
        .table('messages')
        .toCollection()
        .modify((message: Record<string, unknown>) => {
          Object.assign(message, storedListKeys(message));
        });
    },
  },
  {
    // POP3 accounts (issue 7): which server UIDLs are downloaded and where each message went,
    // and the next local UID of each local folder (UIDs are never reused within a folder).
    version: 8,
    stores: {
      pop3Uidls: '[accountId+uidl], [accountId+folderPath+uid], accountId',
      localFolderUids: '[accountId+folderPath]',
    },
  },
  {
    // The disk budget (issue 3): each cached body's bytes with its message date and fetch
    // time (the two eviction orders), and each account's running total, so usage is kept
    // up to date write by write instead of summed over every body.
    version: 9,
    stores: {
      bodySizes: '[accountId+folderPath+uid], [accountId+date], [accountId+fetchedAt]',
      bodyUsage: 'accountId',
    },
  },
  {
    // Cheaper header writes (issue 3's sync speed): each index is a LevelDB write per
    // message. The unread count reads the unread-and-date index's prefix, so the
    // unread-only index goes; flagged, attachment and Inbox keys are stored only when set
    // (list-keys.ts), so their indexes hold only the messages they list. Rows stored
    // before lose their unset keys here.
    version: 10,
    stores: {
      messages:
        '[accountId+folderPath+uid], [accountId+folderPath+date], [accountId+folderPath+unread+date], [accountId+messageId], [accountId+inReplyTo], [accountId+folderPath+flagged+date], [accountId+folderPath+attach+date], [accountId+folderPath+senderSort+date], [accountId+folderPath+subjectSort+date], [inbox+date], [inbox+unread+date]',
    },
    upgrade: async (tx) => {
      await tx
        .table('messages')
        .toCollection()
        .modify((message: Record<string, unknown>) => {
          for (const key of ['flagged', 'attach', 'inbox']) if (message[key] === 0) delete message[key];
        });
    },
  },
  {
    // The list's preview lines in their own table (records.ts SnippetRecord); those stored
    // on message rows before move there.
    version: 11,
    stores: { snippets: '[accountId+folderPath+uid]' },
    upgrade: async (tx) => {
      const withSnippet = () => tx.table('messages').filter((message: Record<string, unknown>) => 'snippet' in message);
      const moved: Record<string, unknown>[] = [];
      await withSnippet().each(({ accountId, folderPath, uid, snippet }: Record<string, unknown>) => {
        if (typeof snippet === 'string') moved.push({ accountId, folderPath, uid, text: snippet });
      });
      await tx.table('snippets').bulkPut(moved);
      await withSnippet().modify((message: Record<string, unknown>) => {
        delete message.snippet;
      });
    },
  },
  {
    // Cheaper header writes again: the Message-ID and In-Reply-To indexes go. Threading is
    // built in memory from the listed messages, and the composer's address suggestions walk
    // the account by primary key, so nothing reads them, while every message synced wrote
    // an entry in each.
    version: 12,
    stores: {
      messages:
        '[accountId+folderPath+uid], [accountId+folderPath+date], [accountId+folderPath+unread+date], [accountId+folderPath+flagged+date], [accountId+folderPath+attach+date], [accountId+folderPath+senderSort+date], [accountId+folderPath+subjectSort+date], [inbox+date], [inbox+unread+date]',
    },
  },
  {
    // One record per cached body instead of two: its bytes and date move onto the body row
    // from bodySizes, and the budget's two eviction orders become indexes of the bodies
    // with the bytes in the key, so walking them reads no body. A body without a size
    // record (cached before version 9, or POP3's) stays out of them, as it stayed uncounted.
    version: 13,
    stores: {
      bodies: '[accountId+folderPath+uid], [accountId+date+bytes], [accountId+fetchedAt+bytes]',
      bodySizes: null,
    },
    upgrade: async (tx) => {
      const sizes = new Map<string, { bytes: unknown; date: unknown }>();
      await tx.table('bodySizes').each(({ accountId, folderPath, uid, bytes, date }: Record<string, unknown>) => {
        sizes.set(JSON.stringify([accountId, folderPath, uid]), { bytes, date });
      });
      await tx
        .table('bodies')
        .toCollection()
        .modify((body: Record<string, unknown>) => {
          const size = sizes.get(JSON.stringify([body.accountId, body.folderPath, body.uid]));
          if (size) Object.assign(body, size);
        });
    },
  },
  {
    // The outbox table of version 1 was never written: the outbox became the host's spool on
    // disk (engine/outbox), where a window need not be open for mail to go.
    version: 14,
    stores: { outbox: null },
  },
];

export const latestSchemaVersion = schemaVersions[schemaVersions.length - 1]!.version;

export function declareSchema(db: Dexie): void {
  // Each version lists only the tables it adds or changes; Dexie carries the rest forward.
  for (const { version, stores, upgrade } of schemaVersions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}
