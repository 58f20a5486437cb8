/**
 * UIDs for local folders (a POP3 account's folders live only in the cache). Each folder
 * hands out increasing numbers and never reuses one, so a reference to a deleted message
 * (a download record, a queued view) can never point at a different message later.
 * Called inside the caller's transaction, which must include `localFolderUids` and `messages`.
 */
import type { TernDexie } from './db';

/** Takes `count` new UIDs of the folder and returns the first. */
export async function takeLocalUids(db: TernDexie, accountId: string, folderPath: string, count: number): Promise<number> {
  const record = await db.localFolderUids.get([accountId, folderPath]);
  const first = record?.nextUid ?? (await highestCachedUid(db, accountId, folderPath)) + 1;
  await db.localFolderUids.put({ accountId, folderPath, nextUid: first + count });
  return first;
}

async function highestCachedUid(db: TernDexie, accountId: string, folderPath: string): Promise<number> {
  const last = await db.messages.where('[accountId+folderPath+uid]').between([accountId, folderPath, 0], [accountId, folderPath, Infinity], true, true).last();
  return last?.uid ?? 0;
}
