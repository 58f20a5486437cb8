/**
 * The read queries the UI runs (through dexie-react-hooks' live queries, so the UI follows
 * every delta the engine applies). Each uses an index of schema.ts; none scans a table.
 */
import Dexie from 'dexie';
import type { Account, Folder, MessageBody, MessageHeader } from '../../src-shared/model';
import type { TernDexie } from './db';

export function listAccounts(db: TernDexie): Promise<Account[]> {
  return db.accounts.toArray();
}

export function listFolders(db: TernDexie, accountId: string): Promise<Folder[]> {
  return db.folders.where('accountId').equals(accountId).toArray();
}

/** A window of a folder, newest first: skip `offset` rows, take `count` (the list is
 *  windowed, never loaded whole). */
export function listMessageWindow(db: TernDexie, accountId: string, folderPath: string, offset: number, count: number): Promise<MessageHeader[]> {
  return db.messages
    .where('[accountId+folderPath+date]')
    .between([accountId, folderPath, Dexie.minKey], [accountId, folderPath, Dexie.maxKey])
    .reverse()
    .offset(offset)
    .limit(count)
    .toArray();
}

export function countUnread(db: TernDexie, accountId: string, folderPath: string): Promise<number> {
  return db.messages.where('[accountId+folderPath+unread]').equals([accountId, folderPath, 1]).count();
}

export async function getMessage(
  db: TernDexie,
  key: [string, string, number],
): Promise<{ header: MessageHeader | undefined; body: MessageBody | undefined }> {
  const [header, body] = await Promise.all([db.messages.get(key), db.bodies.get(key)]);
  return { header, body };
}
