/**
 * The read queries the UI runs (through dexie-react-hooks' live queries, so the UI follows
 * every delta the engine applies). Each uses an index of schema.ts; none scans a table.
 */
import Dexie from 'dexie';
import type { Account, Folder, MessageBody, MessageHeader } from '../../src-shared/model';
import type { TernDexie } from './db';
import type { StoredMessage } from './list-keys';
import { timedListQuery } from './query-timing';

export function listAccounts(db: TernDexie): Promise<Account[]> {
  return db.accounts.toArray();
}

export function listFolders(db: TernDexie, accountId: string): Promise<Folder[]> {
  return db.folders.where('accountId').equals(accountId).toArray();
}

/** Which messages the list shows: one folder, or every account's Inbox (the unified inbox). */
export type ListSource = { kind: 'folder'; accountId: string; folderPath: string } | { kind: 'unified' };
export type ListFilter = 'all' | 'unread' | 'flagged' | 'attachments';
/** Date is newest first; sender and subject are A to Z, oldest first within one. */
export type ListSort = 'date' | 'sender' | 'subject';

export interface ListView {
  source: ListSource;
  filter: ListFilter;
  sort: ListSort;
}

/**
 * Where the next page of a list starts: after the sort key `key` (its values, e.g. [date]
 * or [sender, date]), skipping the `seen` messages with exactly that key already shown.
 * IndexedDB orders equal index keys by primary key, so those ties always come in the same
 * order. This is keyset paging: a page costs the same at row 50,000 as at row 0, where an
 * offset would walk every row before it.
 */
export interface PageCursor {
  key: unknown[];
  seen: number;
}

export interface MessagePage {
  rows: StoredMessage[];
  /** Null after the last message. */
  next: PageCursor | null;
}

interface Scope {
  index: string;
  prefix: unknown[];
  /** The index's fields after the prefix: the sort key. */
  fields: (keyof StoredMessage)[];
  /** Newest first (date order) reads the index backwards. */
  reverse: boolean;
  /** A filter without an index of its own in this order, tested on each row read. */
  test?: (row: StoredMessage) => boolean;
}

const filterField = { unread: 'unread', flagged: 'flagged', attachments: 'attach' } as const;

// Every filter has its own date-ordered index in a folder, and the unread one in the
// unified inbox, so those pages are as cheap as any. The sender and subject orders, and the
// rarer unified filters, read the unfiltered order's index and test each row: still keyset
// paging, but a sparse filter reads more rows per page (docs/architecture.md).
function scope({ source, filter, sort }: ListView): Scope {
  const field = filter === 'all' ? null : filterField[filter];
  const test = field ? (row: StoredMessage) => row[field] === 1 : undefined;
  if (source.kind === 'unified') {
    if (field === 'unread') return { index: '[inbox+unread+date]', prefix: [1, 1], fields: ['date'], reverse: true };
    return { index: '[inbox+date]', prefix: [1], fields: ['date'], reverse: true, ...(test && { test }) };
  }
  const folder = [source.accountId, source.folderPath];
  if (sort === 'date') {
    if (!field) return { index: '[accountId+folderPath+date]', prefix: folder, fields: ['date'], reverse: true };
    return { index: `[accountId+folderPath+${field}+date]`, prefix: [...folder, 1], fields: ['date'], reverse: true };
  }
  const sortField = sort === 'sender' ? 'senderSort' : 'subjectSort';
  return { index: `[accountId+folderPath+${sortField}+date]`, prefix: folder, fields: [sortField, 'date'], reverse: false, ...(test && { test }) };
}

/** The rows of `scope` from `from` (inclusive) onwards in its order. */
function collection(db: TernDexie, s: Scope, from: unknown[] | null, inclusive = true) {
  const lower = [...s.prefix, Dexie.minKey];
  const upper = [...s.prefix, Dexie.maxKey];
  const range = from ? [...s.prefix, ...from] : null;
  const base = s.reverse
    ? db.messages.where(s.index).between(lower, range ?? upper, true, inclusive).reverse()
    : db.messages.where(s.index).between(range ?? lower, upper, inclusive, true);
  return s.test ? base.filter(s.test as (row: MessageHeader) => boolean) : base;
}

const keyOf = (s: Scope, row: StoredMessage): unknown[] => s.fields.map((f) => row[f]);
const sameKey = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** `count` messages of the view after `after` (from the top when null), by key: never an offset. */
export function listMessagePage(db: TernDexie, view: ListView, after: PageCursor | null, count: number): Promise<MessagePage> {
  return timedListQuery(() => readMessagePage(db, view, after, count));
}

async function readMessagePage(db: TernDexie, view: ListView, after: PageCursor | null, count: number): Promise<MessagePage> {
  const s = scope(view);
  const skip = after?.seen ?? 0;
  const found = (await collection(db, s, after?.key ?? null).limit(count + skip).toArray()) as StoredMessage[];
  const rows = found.slice(skip);
  const last = rows[rows.length - 1];
  if (!last || found.length < count + skip) return { rows, next: null };
  const lastKey = keyOf(s, last);
  let ties = 0;
  while (ties < rows.length && sameKey(keyOf(s, rows[rows.length - 1 - ties]!), lastKey)) ties += 1;
  return { rows, next: { key: lastKey, seen: after && sameKey(after.key, lastKey) ? skip + ties : ties } };
}

/**
 * The cursor of the page that starts `row` messages down the list, found without reading
 * the rows above it: for a jump (a scrollbar drag to row 50,000) where walking page by page
 * would read them all. This is the one positional skip in the list: a cursor advance
 * inside IndexedDB to just before the page (about 80 ms at 50,000 rows, where reading the
 * 50,000 keys to count them out takes 700 ms), reading the last few rows above it to see how
 * many of the boundary's same-key neighbours are above it; only a run of ties longer than
 * that is counted (a count walks the index). Paging on from there is keyset again. Null
 * for row 0 or beyond the last row.
 */
export async function findPageCursor(db: TernDexie, view: ListView, row: number, slices: readonly CountSlice[] | null = null): Promise<PageCursor | null> {
  if (row <= 0) return null;
  const s = scope(view);
  // The boundary row (row - 1) and up to `look` rows before it, read in one cursor pass.
  const look = 32;
  const from = Math.max(0, row - 1 - look);
  const rows = (await rowsFrom(db, s, from, row - from, slices)) as StoredMessage[];
  const boundary = rows[rows.length - 1];
  if (!boundary || rows.length < row - from) return null;
  const key = keyOf(s, boundary);
  let same = 0;
  while (same < rows.length && sameKey(keyOf(s, rows[rows.length - 1 - same]!), key)) same += 1;
  // A row with another key was read, or the list's start: the run of ties is all in view.
  if (same < rows.length || from === 0) return { key, seen: same };
  // A longer run of equal keys: count the rows strictly before the key, in the list's order.
  const before = s.reverse
    ? db.messages.where(s.index).between([...s.prefix, ...key], [...s.prefix, Dexie.maxKey], false, true)
    : db.messages.where(s.index).between([...s.prefix, Dexie.minKey], [...s.prefix, ...key], true, false);
  const ahead = await (s.test ? before.filter(s.test as (row: MessageHeader) => boolean) : before).count();
  // Rows 0 … row-1 hold every row before that key, then the boundary's key until row-1.
  return { key, seen: row - ahead };
}

/** Date slices a count is split into (countMessages): at 100,000 messages a slice is ~800
 *  index entries, about 5 ms, the longest a page read waits behind a count (64 slices: 11 ms). */
const COUNT_SLICES = 128;

/** One date slice of a list and how many of its messages fall in it: [lower, upper). */
export interface CountSlice {
  lower: number;
  upper: number;
  count: number;
}

/** A list's length, and for a date-ordered list its slices, oldest first (for jumps, findPageCursor). */
export interface ListCount {
  total: number;
  slices: CountSlice[] | null;
}

/**
 * How many messages a list has. IndexedDB keeps no counts: counting walks the index, about
 * 0.7 s at 100,000 entries here, and Chromium serves one IndexedDB request at a time, so
 * one long count would hold back the page or body a user asks for meanwhile. A date-ordered
 * list is therefore counted in slices of its date range, one request each, and other
 * requests are served between them; the slices are kept to place a jump far down the list.
 * When `signal` aborts (the list moved to another folder), the slices not yet asked are
 * not asked and the count rejects with an AbortError: a user going through folders
 * quickly would otherwise leave a count per folder walking ahead of every page read.
 */
export async function countList(db: TernDexie, view: ListView, signal?: AbortSignal): Promise<ListCount> {
  const s = scope(view);
  if (s.test || s.fields.length !== 1) return { total: await collection(db, s, null).count(), slices: null };
  const [oldest, newest] = await Promise.all([
    db.messages.where(s.index).between([...s.prefix, Dexie.minKey], [...s.prefix, Dexie.maxKey]).first(),
    db.messages.where(s.index).between([...s.prefix, Dexie.minKey], [...s.prefix, Dexie.maxKey]).last(),
  ]);
  if (!oldest || !newest) return { total: 0, slices: null };
  const step = (newest.date - oldest.date) / COUNT_SLICES;
  if (step === 0) return { total: await collection(db, s, null).count(), slices: null };
  const slices: CountSlice[] = [];
  for (let i = 0; i < COUNT_SLICES; i++) {
    signal?.throwIfAborted();
    const lower = i === 0 ? Number.NEGATIVE_INFINITY : oldest.date + step * i;
    const upper = i === COUNT_SLICES - 1 ? Number.POSITIVE_INFINITY : oldest.date + step * (i + 1);
    const count = await db.messages.where(s.index).between([...s.prefix, i === 0 ? Dexie.minKey : lower], [...s.prefix, i === COUNT_SLICES - 1 ? Dexie.maxKey : upper], true, false).count();
    slices.push({ lower, upper, count });
  }
  return { total: slices.reduce((sum, slice) => sum + slice.count, 0), slices };
}

/**
 * `count` rows of the list from row `from` on. With the list's date slices (countList) the
 * cursor starts at the slice that holds row `from`, so IndexedDB skips only the rows inside
 * that slice (a jump to row 50,000 of 100,000 skips a slice's ~800, not 50,000).
 */
async function rowsFrom(db: TernDexie, s: Scope, from: number, count: number, slices: readonly CountSlice[] | null): Promise<MessageHeader[]> {
  if (slices && s.reverse && !s.test && s.fields.length === 1) {
    // Newest first: the slices from the newest down, with the rows above each.
    let above = 0;
    for (let i = slices.length - 1; i >= 0; i--) {
      const slice = slices[i]!;
      if (above + slice.count > from) {
        const start = slice.upper === Number.POSITIVE_INFINITY ? null : [slice.upper];
        const found = await collection(db, s, start, false).offset(from - above).limit(count).toArray();
        // The slices are as fresh as the count (a live query, run again on every change);
        // should they still not fit, the plain skip.
        if (found.length === count) return found;
        break;
      }
      above += slice.count;
    }
  }
  return collection(db, s, null).offset(from).limit(count).toArray();
}

export async function countMessages(db: TernDexie, view: ListView): Promise<number> {
  return (await countList(db, view)).total;
}

/** Up to `limit` messages of a list, newest first, for views that need them all at once
 *  (conversation view threads the whole list). */
export async function listNewestMessages(db: TernDexie, view: ListView, limit: number): Promise<StoredMessage[]> {
  return (await collection(db, scope({ ...view, sort: 'date' }), null).limit(limit).toArray()) as StoredMessage[];
}

/** Unread messages across every account's Inbox (the unread list's own index, counted in slices). */
export function countUnifiedUnread(db: TernDexie): Promise<number> {
  return countMessages(db, { source: { kind: 'unified' }, filter: 'unread', sort: 'date' });
}

export function countUnread(db: TernDexie, accountId: string, folderPath: string): Promise<number> {
  return countMessages(db, { source: { kind: 'folder', accountId, folderPath }, filter: 'unread', sort: 'date' });
}

/** Every unread message of a folder, by key only (the unread list's index; no record is read). */
export async function listUnreadKeys(db: TernDexie, accountId: string, folderPath: string): Promise<{ accountId: string; folderPath: string; uid: number }[]> {
  const index = '[accountId+folderPath+unread+date]';
  const keys = await db.messages.where(index).between([accountId, folderPath, 1, Dexie.minKey], [accountId, folderPath, 1, Dexie.maxKey]).primaryKeys();
  return keys.map(([, , uid]) => ({ accountId, folderPath, uid }));
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
