/**
 * The disk budget of cached bodies (issue 3): every stored body's bytes are recorded beside
 * it (bodySizes) and added to its account's running total (bodyUsage) in the transaction
 * that stores or drops it, so the total is known without summing every body. Eviction
 * walks bodySizes in eviction order and drops bodies (never headers) until the account fits.
 *
 * Bytes are counted as the characters of the text and HTML plus the decoded bytes of the
 * attachments: IndexedDB's own overhead is not visible to a page, and this is the part that
 * grows with the mail.
 */
import Dexie from 'dexie';
import type { MessageBody } from '../../src-shared/model';
import type { StoreArgs, StoreResult } from '../../src-shared/store-port';
import { dropAttachments, putAttachments } from './attachment-store';
import type { Cache, TernDexie } from './db';
import type { StoredMessage } from './list-keys';
import type { BodySizeRecord, BodyUsageRecord } from './records';
import { putSnippets } from './snippet-store';
import { getByKeys } from './uid-reads';

type WireAttachment = NonNullable<StoreArgs<'putBody'>['attachments']>[number];
type BodyKey = [string, string, number];

const { minKey, maxKey } = Dexie;

/** The tables a transaction that calls storeBodyBatch (with snippetTables) or dropBodyBytes must include. */
export const bodyBudgetTables = (db: TernDexie) => [db.bodySizes, db.bodyUsage];

/** Bytes of a body as the budget counts them. */
export function bodyBytes(body: Pick<MessageBody, 'text' | 'html'>, attachments: readonly Pick<WireAttachment, 'dataBase64'>[]): number {
  const attached = attachments.reduce((sum, part) => sum + Math.floor((part.dataBase64.length * 3) / 4), 0);
  return body.text.length + (body.html?.length ?? 0) + attached;
}

function emptyUsage(accountId: string): BodyUsageRecord {
  return { accountId, usedBytes: 0, evictedThrough: 0, limitBytes: 0 };
}

async function addUsage(db: TernDexie, accountId: string, delta: number): Promise<void> {
  if (delta === 0) return;
  const usage = (await db.bodyUsage.get(accountId)) ?? emptyUsage(accountId);
  await db.bodyUsage.put({ ...usage, usedBytes: Math.max(0, usage.usedBytes + delta) });
}

/**
 * Stores a batch of newly downloaded bodies (the background download's) with their
 * attachments, budget records and list previews, in bulk requests inside the caller's
 * transaction: per body one at a time this is ten requests, and IndexedDB's cost is per
 * request. A body's stored attachments are replaced where it has some or parts are stored
 * for it (a body downloaded again may have fewer); with `knownNew` (bodies the cache listed
 * as missing) stored parts are looked for only where a body was counted before.
 */
export async function storeBodyBatch(db: TernDexie, batch: readonly StoreArgs<'putBody'>[], { knownNew }: { knownNew: boolean }): Promise<void> {
  const keys = batch.map((b): BodyKey => [b.accountId, b.folderPath, b.uid]);
  const messages = db.table<StoredMessage, BodyKey>('messages');
  const previous = await getByKeys(db.bodySizes, keys);
  const headers = await getByKeys(messages, keys);
  await db.bodies.bulkPut(batch.map(({ attachments: _parts, ...body }) => body));
  for (const [i, body] of batch.entries()) {
    const parts = body.attachments ?? [];
    // Only where parts are stored or come: a range delete that finds nothing is a wasted request.
    const mayHaveParts = !knownNew || previous[i] !== undefined;
    const storedParts = mayHaveParts ? await db.attachments.where('[accountId+folderPath+uid]').equals([body.accountId, body.folderPath, body.uid]).count() : 0;
    if (parts.length > 0 || storedParts > 0) await putAttachments(db, body, parts);
  }
  const records = batch.map(
    ({ attachments = [], ...body }, i): BodySizeRecord => ({
      accountId: body.accountId,
      folderPath: body.folderPath,
      uid: body.uid,
      bytes: bodyBytes(body, attachments),
      date: headers[i]?.date ?? body.fetchedAt,
      fetchedAt: body.fetchedAt,
    }),
  );
  await db.bodySizes.bulkPut(records);
  const deltas = new Map<string, number>();
  records.forEach((record, i) => deltas.set(record.accountId, (deltas.get(record.accountId) ?? 0) + record.bytes - (previous[i]?.bytes ?? 0)));
  for (const [accountId, delta] of deltas) await addUsage(db, accountId, delta);
  // The list shows a preview line of cached bodies (snippet-store.ts).
  await putSnippets(db, batch);
}

/** Forgets the bytes of the given UIDs' bodies, or of the whole folder's when `uids` is 'all'. */
export async function dropBodyBytes(db: TernDexie, accountId: string, folderPath: string, uids: readonly number[] | 'all'): Promise<void> {
  const rows =
    uids === 'all'
      ? await db.bodySizes.where('[accountId+folderPath+uid]').between([accountId, folderPath, minKey], [accountId, folderPath, maxKey], true, true).toArray()
      : (await db.bodySizes.bulkGet(uids.map((uid): BodyKey => [accountId, folderPath, uid]))).filter((row) => row !== undefined);
  if (rows.length === 0) return;
  await db.bodySizes.bulkDelete(rows.map((row): BodyKey => [row.accountId, row.folderPath, row.uid]));
  await addUsage(db, accountId, -rows.reduce((sum, row) => sum + row.bytes, 0));
}

/** The folder's messages dated `since` or later without a cached body, newest first. */
export async function listMissingBodies(cache: Cache, { accountId, folderPath, since, limit }: StoreArgs<'listMissingBodies'>): Promise<StoreResult<'listMissingBodies'>> {
  const { db } = cache;
  return db.transaction('r', [db.messages, db.bodySizes, db.bodyUsage], async () => {
    const usage = await db.bodyUsage.get(accountId);
    const from = Math.max(since, (usage?.evictedThrough ?? 0) + 1);
    // Keys only: the folder's headers are never loaded whole, however large it is. Read
    // oldest first and turned around here: a forward read of keys is one request
    // (getAllKeys), where a reverse one steps a cursor key by key (200 ms at 10,000).
    const dated = (
      await db.messages.where('[accountId+folderPath+date]').between([accountId, folderPath, from], [accountId, folderPath, maxKey], true, true).primaryKeys()
    ).reverse();
    // The cached bodies by their size records (written and dropped with them): walking the
    // bodies table for its keys reads every stored body, ten times over in a 10,000-message
    // download. A body cached before those records (schema v9) counts as missing once.
    const cached = new Set(
      (await db.bodySizes.where('[accountId+folderPath+uid]').between([accountId, folderPath, minKey], [accountId, folderPath, maxKey], true, true).primaryKeys()).map((key) => key[2]),
    );
    const missing = dated.filter((key) => !cached.has(key[2])).slice(0, limit);
    const headers = await getByKeys(db.messages, missing);
    return headers.flatMap((header) => (header ? [{ uid: header.uid, size: header.size }] : []));
  });
}

/** Folders whose bodies stay whatever the budget: Drafts, and those with queued operations (a move re-files its bodies). */
async function protectedFolders(db: TernDexie, accountId: string): Promise<Set<string>> {
  const folders = await db.folders.where('accountId').equals(accountId).toArray();
  const operations = await db.operations.where('accountId').equals(accountId).toArray();
  const kept = new Set(folders.filter((f) => f.specialUse === 'drafts').map((f) => f.path));
  for (const op of operations) {
    kept.add(op.folderPath);
    const target = (op.payload as { target?: unknown } | null)?.target;
    if (typeof target === 'string') kept.add(target);
  }
  return kept;
}

/** Evicts bodies in the given order until the account's bodies fit in `limitBytes`. */
export async function enforceBodyBudget(cache: Cache, { accountId, limitBytes, order }: StoreArgs<'enforceBodyBudget'>): Promise<StoreResult<'enforceBodyBudget'>> {
  const { db } = cache;
  return db.transaction('rw', [db.bodies, db.messages, db.folders, db.operations, db.attachments, db.attachmentData, ...bodyBudgetTables(db)], async () => {
    const stored = (await db.bodyUsage.get(accountId)) ?? emptyUsage(accountId);
    // A larger budget than last time lets the background download bring evicted bodies back.
    let usage: BodyUsageRecord = limitBytes > stored.limitBytes ? { ...stored, limitBytes, evictedThrough: 0 } : { ...stored, limitBytes };
    let evicted = 0;
    if (usage.usedBytes > limitBytes) {
      const kept = await protectedFolders(db, accountId);
      const index = order === 'oldest' ? '[accountId+date]' : '[accountId+fetchedAt]';
      const candidates = db.bodySizes.where(index).between([accountId, minKey], [accountId, maxKey], true, true);
      let used = usage.usedBytes;
      let evictedThrough = usage.evictedThrough;
      const victims: BodySizeRecord[] = [];
      await candidates.until(() => used <= limitBytes).each((row) => {
        if (kept.has(row.folderPath)) return;
        victims.push(row);
        used -= row.bytes;
        if (order === 'oldest') evictedThrough = Math.max(evictedThrough, row.date);
      });
      const keys = victims.map((row): BodyKey => [row.accountId, row.folderPath, row.uid]);
      await db.bodies.bulkDelete(keys);
      await db.bodySizes.bulkDelete(keys);
      for (const row of victims) await dropAttachments(db, accountId, row.folderPath, [row.uid]);
      evicted = victims.length;
      usage = { ...usage, usedBytes: Math.max(0, used), evictedThrough };
    }
    await db.bodyUsage.put(usage);
    return { usedBytes: usage.usedBytes, evicted };
  });
}

/** Bytes of the account's cached bodies and attachments, as the budget counts them (for the UI). */
export async function bodyUsageOf(db: TernDexie, accountId: string): Promise<number> {
  return (await db.bodyUsage.get(accountId))?.usedBytes ?? 0;
}
