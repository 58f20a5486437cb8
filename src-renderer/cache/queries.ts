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

/**
 * Where the next page of a folder's list starts, newest first: below `date`, skipping the
 * `seenAtDate` messages of exactly that date already shown. IndexedDB orders equal index
 * keys by primary key, so those ties always come in the same order. This is keyset
 * paging: a page costs the same at row 50,000 as at row 0, where an offset would walk
 * every row before it.
 */
export interface PageCursor {
  date: number;
  seenAtDate: number;
}

export interface MessagePage {
  rows: MessageHeader[];
  /** Null after the oldest message. */
  next: PageCursor | null;
}

/** Which messages of a folder the list shows. */
export type ListFilter = 'all' | 'unread';

// Each filter reads its own date-ordered index, so a filtered page is as cheap as any.
function scope(accountId: string, folderPath: string, filter: ListFilter): { index: string; prefix: unknown[] } {
  return filter === 'unread'
    ? { index: '[accountId+folderPath+unread+date]', prefix: [accountId, folderPath, 1] }
    : { index: '[accountId+folderPath+date]', prefix: [accountId, folderPath] };
}

export async function listMessagePage(
  db: TernDexie,
  accountId: string,
  folderPath: string,
  after: PageCursor | null,
  count: number,
  filter: ListFilter = 'all',
): Promise<MessagePage> {
  const { index, prefix } = scope(accountId, folderPath, filter);
  const skip = after?.seenAtDate ?? 0;
  const found = await db.messages
    .where(index)
    .between([...prefix, Dexie.minKey], [...prefix, after ? after.date : Dexie.maxKey], true, true)
    .reverse()
    .limit(count + skip)
    .toArray();
  const rows = found.slice(skip);
  const last = rows[rows.length - 1];
  if (!last || found.length < count + skip) return { rows, next: null };
  let ties = 0;
  while (ties < rows.length && rows[rows.length - 1 - ties]!.date === last.date) ties += 1;
  return { rows, next: { date: last.date, seenAtDate: after?.date === last.date ? skip + ties : ties } };
}

/**
 * The cursor of the page that starts `row` messages down from the newest, found without
 * reading the rows above it: for a jump (a scrollbar drag to row 50,000) where walking
 * page by page would read them all. This is the one positional skip in the list: a
 * cursor advance inside IndexedDB to the row before the page (about 80 ms at 50,000 rows,
 * where reading the 50,000 keys to count them out takes 700 ms), then one count of the
 * newer messages to know how many of the boundary's same-date neighbours are above it.
 * Paging on from there is keyset again. Null for row 0 or beyond the last row.
 */
export async function findPageCursor(
  db: TernDexie,
  accountId: string,
  folderPath: string,
  row: number,
  filter: ListFilter = 'all',
): Promise<PageCursor | null> {
  if (row <= 0) return null;
  const { index, prefix } = scope(accountId, folderPath, filter);
  const [boundary] = await db.messages
    .where(index)
    .between([...prefix, Dexie.minKey], [...prefix, Dexie.maxKey])
    .reverse()
    .offset(row - 1)
    .limit(1)
    .toArray();
  if (!boundary) return null;
  const newer = await db.messages.where(index).between([...prefix, boundary.date], [...prefix, Dexie.maxKey], false, true).count();
  // Rows 0 … row-1 hold every newer message, then the boundary's date until row-1.
  return { date: boundary.date, seenAtDate: row - newer };
}

export function countMessages(db: TernDexie, accountId: string, folderPath: string, filter: ListFilter = 'all'): Promise<number> {
  const { index, prefix } = scope(accountId, folderPath, filter);
  return db.messages
    .where(index)
    .between([...prefix, Dexie.minKey], [...prefix, Dexie.maxKey])
    .count();
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

/** Sender addresses are compared without case: the domain is case-insensitive, and in
 *  practice so is the local part. */
const senderKey = (address: string): string => address.trim().toLowerCase();

export async function isRemoteContentAllowed(db: TernDexie, address: string): Promise<boolean> {
  if (!address.trim()) return false;
  return (await db.remoteContentSenders.get(senderKey(address))) !== undefined;
}

/** A choice the user made, so written with strict durability (the `durable` handle). */
export async function allowRemoteContent(durable: TernDexie, address: string): Promise<void> {
  await durable.remoteContentSenders.put({ address: senderKey(address), allowedAt: Date.now() });
}
