/**
 * Downloads the bodies a disconnected account keeps offline (offline-policy.ts), after the
 * headers: INBOX first, each folder newest first, and within the disk budget (the cache
 * evicts the oldest bodies beyond it). Nothing is remembered between runs: what is missing
 * is asked of the cache batch by batch, each after the last, so a restart, new mail or a
 * changed policy simply shows up in the next run.
 *
 * Low priority by construction: the supervisor runs it only between sync passes and aborts
 * it when a pass is wanted, and each small batch (FETCH_BATCH messages, FETCH_BATCH_BYTES)
 * takes the mailbox lock on its own, so a message the user opens waits for at most one such
 * batch. Bodies are written to the cache in batches too, one transaction each, while the
 * next ones are fetched.
 */
import type { Account, Folder } from '../../../src-shared/model';
import { bodiesSince, folderPolicy, offlineSettings } from '../../../src-shared/offline-policy';
import type { StoreArgs, StorePort } from '../../../src-shared/store-port';
import { OFFLINE_DOWNLOAD_FLOOR_BYTES } from '../disk-space';
import { toFolders } from '../imap/folder-list';
import type { ImapConnection } from '../imap/imap-connection';
import { fetchBodies, fetchBody, type SizedMessage } from './body-download';

/** Missing bodies asked of the cache at a time; the budget is enforced after each such batch. */
export const LIST_BATCH = 1000;
/**
 * Messages fetched in one UID FETCH: one round trip for the lot instead of two per message
 * (RFC822.SIZE, then BODY.PEEK[]), which had the download wait on the network ~2 ms a
 * message on loopback. Bounded by their known sizes too, so a message the user opens
 * meanwhile waits behind at most about a megabyte.
 */
const FETCH_BATCH = 50;
const FETCH_BATCH_BYTES = 1024 * 1024;
/** Bodies written to the cache in one transaction: one per body costs about ten times as much (docs/benchmarks.md). */
const STORE_BATCH = 100;
/** …unless they add up to more than this, so one store call stays a modest message between the processes. */
const STORE_BATCH_BYTES = 8 * 1024 * 1024;
/** Store calls sent before the oldest is answered (at most this many batches held in memory). */
const WRITES_IN_FLIGHT = 2;

export interface BackgroundResult {
  stored: number;
  /** Bytes of cached bodies after the last enforcement, or null when nothing was due. */
  usedBytes: number | null;
  /** Free bytes on the cache's disk when the download stopped for want of space, else null. */
  stoppedForDisk: number | null;
}

export interface BackgroundOptions {
  now?: number;
  fetchBatch?: number;
  /** Free bytes on the disk holding the cache, or null where the host cannot tell. */
  diskFree?: () => Promise<number | null>;
  /** The download stops below this much free space (disk-space.ts). */
  diskFloorBytes?: number;
}

export async function downloadPolicyBodies(
  connection: ImapConnection,
  store: StorePort,
  account: Account,
  signal: AbortSignal,
  { now = Date.now(), fetchBatch = FETCH_BATCH, diskFree = async () => null, diskFloorBytes = OFFLINE_DOWNLOAD_FLOOR_BYTES }: BackgroundOptions = {},
): Promise<BackgroundResult> {
  const settings = offlineSettings(account);
  const result: BackgroundResult = { stored: 0, usedBytes: null, stoppedForDisk: null };
  if (settings.accessModel !== 'disconnected') return result;
  const { folders: listed, namespacePrefix } = await connection.listFolders();
  for (const folder of inboxFirst(toFolders(account.id, listed, namespacePrefix))) {
    const since = bodiesSince(settings, folderPolicy(settings, folder).policy, now);
    if (since === null) continue;
    // Each batch is listed after the last one (newest first), so a message whose download
    // failed while the connection stayed up (e.g. the server refuses it) is not asked for
    // again in this run, and the run ends.
    let olderThan: { date: number; uid: number } | undefined;
    for (;;) {
      if (signal.aborted) return result;
      // Looked at before each listing, i.e. every LIST_BATCH bodies at most.
      const free = await diskFree();
      if (free !== null && free < diskFloorBytes) {
        result.stoppedForDisk = free;
        return result;
      }
      const batch = await store.listMissingBodies({ accountId: account.id, folderPath: folder.path, since, limit: LIST_BATCH, olderThan });
      const last = batch.at(-1);
      if (last === undefined) break;
      olderThan = { date: last.date, uid: last.uid };
      const pending: StoreArgs<'putBody'>[] = [];
      let pendingBytes = 0;
      // Writes in flight while the next bodies are fetched: the cache's transactions and the
      // server's answers overlap instead of taking turns, and the cache starts the next
      // transaction as the last commits instead of waiting for a round trip to the engine.
      const writes: Promise<unknown>[] = [];
      const flush = async () => {
        if (pending.length > 0) {
          const write = store.putBodies({ bodies: pending.splice(0) });
          // Awaited in order below; a later write failing first must not go unhandled meanwhile.
          write.catch(() => undefined);
          writes.push(write);
          pendingBytes = 0;
        }
        while (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
      };
      for (const chunk of fetchChunks(batch, fetchBatch)) {
        if (signal.aborted) break;
        for (const body of await fetchChunk(connection, { accountId: account.id, folderPath: folder.path }, chunk)) {
          // Gone (a message expunged meanwhile leaves with the folder's next sync) or refused.
          if (body === 'gone' || body === 'failed') continue;
          pending.push(body);
          pendingBytes += body.text.length + (body.html?.length ?? 0) + (body.attachments ?? []).reduce((sum, part) => sum + part.dataBase64.length, 0);
          result.stored++;
        }
        if (pending.length >= STORE_BATCH || pendingBytes >= STORE_BATCH_BYTES) await flush();
      }
      // What was fetched before an abort is kept: the work is done, and the next run skips it.
      await flush();
      for (const write of writes.splice(0)) await write;
      const budget = await store.enforceBodyBudget({ accountId: account.id, limitBytes: settings.budgetBytes, order: 'oldest' });
      result.usedBytes = budget.usedBytes;
    }
  }
  return result;
}

/** Consecutive runs of at most `count` messages and FETCH_BATCH_BYTES (at least one message each). */
function fetchChunks(messages: readonly SizedMessage[], count: number): SizedMessage[][] {
  const chunks: SizedMessage[][] = [];
  let bytes = 0;
  for (const message of messages) {
    const last = chunks.at(-1);
    if (last && last.length < count && bytes + message.size <= FETCH_BATCH_BYTES) {
      last.push(message);
      bytes += message.size;
    } else {
      chunks.push([message]);
      bytes = message.size;
    }
  }
  return chunks;
}

/**
 * One chunk's bodies. When the server refuses the batch while the connection stays up, each
 * message is tried on its own, so one message it will not serve does not hold back the rest.
 */
async function fetchChunk(
  connection: ImapConnection,
  folder: { accountId: string; folderPath: string },
  chunk: readonly SizedMessage[],
): Promise<Array<StoreArgs<'putBody'> | 'gone' | 'failed'>> {
  try {
    return await fetchBodies(connection, folder, chunk);
  } catch (error) {
    if (!connection.usable) throw error;
  }
  const bodies: Array<StoreArgs<'putBody'> | 'gone' | 'failed'> = [];
  for (const { uid } of chunk) {
    try {
      bodies.push(await fetchBody(connection, { ...folder, uid }));
    } catch (error) {
      if (!connection.usable) throw error;
      bodies.push('failed');
    }
  }
  return bodies;
}

function inboxFirst(folders: readonly Folder[]): Folder[] {
  const selectable = folders.filter((f) => f.selectable);
  return [...selectable.filter((f) => f.specialUse === 'inbox'), ...selectable.filter((f) => f.specialUse !== 'inbox')];
}
