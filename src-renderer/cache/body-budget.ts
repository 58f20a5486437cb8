/**
 * The disk budget of cached bodies (issue 3): every stored body carries its bytes and its
 * message's date (records.ts StoredBody), which are added to its account's running total
 * (bodyUsage) in the transaction that stores or drops it, so the total is known without
 * summing every body. Eviction walks the bodies' index keys in eviction order (the bytes are
 * in the key, so no body is read) and drops bodies (never headers) until the account fits.
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
import type { BodyUsageRecord, StoredBody } from './records';
import { putSnippets } from './snippet-store';
import { getByKeys } from './uid-reads';

type WireAttachment = NonNullable<StoreArgs<'putBody'>['attachments']>[number];
type BodyKey = [string, string, number];

const { minKey, maxKey } = Dexie;

/** The tables a transaction that calls storeBodyBatch (with snippetTables), dropBodies or copyBody must include. */
export const bodyBudgetTables = (db: TernDexie) => [db.bodies, db.bodyUsage];

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
 * attachments, budget bytes and list previews, in bulk requests inside the caller's
 * transaction: per body one at a time this is ten requests, and IndexedDB's cost is per
 * request. A body's stored attachments are replaced where it has some or parts are stored
 * for it (a body downloaded again may have fewer); with `knownNew` (bodies the cache listed
 * as missing) stored parts are looked for only where a body was stored before.
 */
export async function storeBodyBatch(db: TernDexie, batch: readonly StoreArgs<'putBody'>[], { knownNew }: { knownNew: boolean }): Promise<void> {
  const keys = batch.map((b): BodyKey => [b.accountId, b.folderPath, b.uid]);
  const messages = db.table<StoredMessage, BodyKey>('messages');
  // Requests are issued together and awaited once: IndexedDB runs a transaction's requests
  // in order anyway, and awaiting each before issuing the next idles it for a round trip.
  const [previous, headers] = await Promise.all([getByKeys(db.bodies, keys), getByKeys(messages, keys)]);
  const rows = batch.map(
    ({ attachments = [], ...body }, i): StoredBody => ({ ...body, bytes: bodyBytes(body, attachments), date: headers[i]?.date ?? body.fetchedAt }),
  );
  const deltas = new Map<string, number>();
  rows.forEach((row, i) => deltas.set(row.accountId, (deltas.get(row.accountId) ?? 0) + (row.bytes ?? 0) - (previous[i]?.bytes ?? 0)));
  await Promise.all([
    db.bodies.bulkPut(rows),
    ...batch.map((body, i) => replaceAttachments(db, body, { mayHaveParts: !knownNew || previous[i] !== undefined })),
    ...[...deltas].map(([accountId, delta]) => addUsage(db, accountId, delta)),
    // The list shows a preview line of cached bodies (snippet-store.ts).
    putSnippets(db, batch),
  ]);
}

/** Stores a body's parts in place of those stored before, where it has some or some may be stored. */
async function replaceAttachments(db: TernDexie, body: StoreArgs<'putBody'>, { mayHaveParts }: { mayHaveParts: boolean }): Promise<void> {
  const parts = body.attachments ?? [];
  // Only where parts are stored or come: a range delete that finds nothing is a wasted request.
  const storedParts = mayHaveParts ? await db.attachments.where('[accountId+folderPath+uid]').equals([body.accountId, body.folderPath, body.uid]).count() : 0;
  if (parts.length > 0 || storedParts > 0) await putAttachments(db, body, parts);
}

/** Drops the bodies of the given UIDs, or of the whole folder when `uids` is 'all', and their bytes from the total. */
export async function dropBodies(db: TernDexie, accountId: string, folderPath: string, uids: readonly number[] | 'all'): Promise<void> {
  let freed = 0;
  if (uids === 'all') {
    const folder = db.bodies.where('[accountId+folderPath+uid]').between([accountId, folderPath, minKey], [accountId, folderPath, maxKey], true, true);
    await folder.each((body) => void (freed += body.bytes ?? 0));
    await folder.delete();
  } else {
    const keys = uids.map((uid): BodyKey => [accountId, folderPath, uid]);
    for (const body of await getByKeys(db.bodies, keys)) freed += body?.bytes ?? 0;
    await db.bodies.bulkDelete(keys);
  }
  await addUsage(db, accountId, -freed);
}

/** Stores a copy of the body at `from` (if cached) for the message at `to`: a move or copy of the message. */
export async function copyBody(db: TernDexie, from: BodyKey, to: { accountId: string; folderPath: string; uid: number }): Promise<void> {
  const body = await db.bodies.get(from);
  if (!body) return;
  await db.bodies.put({ ...body, ...to });
  await addUsage(db, to.accountId, body.bytes ?? 0);
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
  return db.transaction('rw', [db.messages, db.folders, db.operations, db.attachments, db.attachmentData, ...bodyBudgetTables(db)], async () => {
    const stored = (await db.bodyUsage.get(accountId)) ?? emptyUsage(accountId);
    // A larger budget than last time lets the background download bring evicted bodies back.
    let usage: BodyUsageRecord = limitBytes > stored.limitBytes ? { ...stored, limitBytes, evictedThrough: 0 } : { ...stored, limitBytes };
    let evicted = 0;
    if (usage.usedBytes > limitBytes) {
      const kept = await protectedFolders(db, accountId);
      const index = order === 'oldest' ? '[accountId+date+bytes]' : '[accountId+fetchedAt+bytes]';
      // Bytes are numbers, so Infinity bounds them (one key cannot hold the same maxKey object twice).
      const candidates = db.bodies.where(index).between([accountId, minKey, -Infinity], [accountId, maxKey, Infinity], true, true);
      let used = usage.usedBytes;
      let evictedThrough = usage.evictedThrough;
      const victims: BodyKey[] = [];
      // Keys only: the index key is [account, date or fetch time, bytes], the primary key the body's.
      await candidates.until(() => used <= limitBytes).eachKey((key, cursor) => {
        const [, ordinal, bytes] = key as [string, number, number];
        const victim = cursor.primaryKey as BodyKey;
        if (kept.has(victim[1])) return;
        victims.push(victim);
        used -= bytes;
        if (order === 'oldest') evictedThrough = Math.max(evictedThrough, ordinal);
      });
      await db.bodies.bulkDelete(victims);
      for (const [, folderPath, uid] of victims) await dropAttachments(db, accountId, folderPath, [uid]);
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
