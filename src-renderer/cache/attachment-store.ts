/**
 * Writes and removes a message's attachments: their metadata in `attachments` and their
 * bytes in `attachmentData`. Called inside the cache store's transactions, so a body and
 * its attachments, or a removed message and its attachments, change together.
 */
import Dexie from 'dexie';
import { fromBase64 } from '../../src-shared/base64';
import type { StoreArgs } from '../../src-shared/store-port';
import type { TernDexie } from './db';

type WireAttachment = NonNullable<StoreArgs<'putBody'>['attachments']>[number];

const { minKey, maxKey } = Dexie;

/** The tables a transaction that calls these functions must include. */
export const attachmentTables = (db: TernDexie) => [db.attachments, db.attachmentData];

/** Replaces the message's attachments (a body downloaded again replaces the old parts). */
export async function putAttachments(db: TernDexie, ref: { accountId: string; folderPath: string; uid: number }, parts: readonly WireAttachment[]): Promise<void> {
  await dropAttachments(db, ref.accountId, ref.folderPath, [ref.uid]);
  if (parts.length === 0) return;
  await db.attachments.bulkPut(parts.map(({ dataBase64: _bytes, ...meta }) => ({ ...meta, ...ref })));
  await db.attachmentData.bulkPut(parts.map(({ partId, dataBase64 }) => ({ ...ref, partId, data: fromBase64(dataBase64) })));
}

/** Drops the attachments of the given UIDs, or of the whole folder when `uids` is 'all'. */
export async function dropAttachments(db: TernDexie, accountId: string, folderPath: string, uids: readonly number[] | 'all'): Promise<void> {
  const ranges: [unknown[], unknown[]][] =
    uids === 'all'
      ? // A shorter array sorts before every longer one it prefixes (IndexedDB key order),
        // so [account, folder] … [account, folder, maxKey] spans the whole folder.
        [[[accountId, folderPath], [accountId, folderPath, maxKey]]]
      : uids.map((uid) => [[accountId, folderPath, uid, minKey], [accountId, folderPath, uid, maxKey]]);
  for (const [lo, hi] of ranges) {
    await db.attachments.where('[accountId+folderPath+uid+partId]').between(lo, hi, true, true).delete();
    await db.attachmentData.where('[accountId+folderPath+uid+partId]').between(lo, hi, true, true).delete();
  }
}
