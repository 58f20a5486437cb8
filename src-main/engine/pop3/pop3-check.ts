/**
 * One POP3 session of an account (RFC 1939): list the server's UIDLs, download the messages
 * not yet recorded, apply the account's retention, QUIT. Each message is stored (with its
 * UIDL record, in one durable transaction) before the next is read, and DELE is sent only
 * for messages whose records the store has acknowledged, so:
 * - a connection cut mid-download keeps what was stored and deletes nothing: DELEs count only
 *   after a +OK to QUIT (UPDATE state, RFC 1939 §6), and the next session fetches the rest;
 * - a crash after a store write and before DELE finds the UIDL recorded next time, so the
 *   message is neither fetched twice nor lost.
 * A server without UIDL cannot be synced this way and gets a clear error (never a guess by
 * message number, which the server renumbers every session).
 */
import type { Pop3Options } from '../../../src-shared/model';
import type { StorePort } from '../../../src-shared/store-port';
import type { Pop3Client } from './pop3-client';
import { DownloadBatch } from './download-batch';
import { fullDownload, headerOnlyDownload } from './pop3-message';
import { uidlsToDelete } from './pop3-retention';

export interface CheckResult {
  downloaded: number;
  deleted: number;
}

export interface CheckContext {
  store: StorePort;
  accountId: string;
  options: Pop3Options;
  now(): number;
  /** Called with 0 of n before a download starts and after each message stored. */
  progress(done: number, total: number): void;
}

/** Runs the session to its QUIT; the caller aborts the client when this throws. */
export async function checkMailbox(client: Pop3Client, context: CheckContext): Promise<CheckResult> {
  const { store, accountId, options } = context;
  const listing = await client.uidl();
  const sizes = new Map((await client.list()).map((m) => [m.number, m.size]));
  const numberOf = new Map(listing.map((m) => [m.uid, m.number]));
  const uidlOf = new Map(listing.map((m) => [m.number, m.uid]));

  const records = await store.pop3Records({ accountId });
  // Records of messages the server no longer has (deleted there, or by an earlier QUIT whose
  // answer was lost) are no use any more; their UIDLs cannot come back (RFC 1939 §7).
  const gone = records.filter((r) => !numberOf.has(r.uidl)).map((r) => r.uidl);
  if (gone.length > 0) await store.forgetPop3Uidls({ accountId, uidls: gone });

  const known = new Set(records.map((r) => r.uidl));
  const fresh = listing.filter((m) => !known.has(m.uid));
  const sizeOf = (n: number) => sizes.get(n) ?? 0;
  const large = fresh.filter((m) => sizeOf(m.number) > options.largeMessageBytes);
  const whole = fresh.filter((m) => sizeOf(m.number) <= options.largeMessageBytes);
  let done = 0;
  if (fresh.length > 0) context.progress(0, fresh.length);
  const batch = new DownloadBatch(store, accountId, (stored) => context.progress((done += stored), fresh.length));

  try {
    await client.retrMany(
      whole.map((m) => m.number),
      async (n, raw) => {
        await batch.add({ uidl: uidlOf.get(n)!, ...(await fullDownload(raw, sizeOf(n) || raw.byteLength, context.now())) }, raw.byteLength);
      },
    );
    for (const m of large) {
      const top = await client.top(m.number, 0);
      await batch.add({ uidl: m.uid, ...headerOnlyDownload(top, sizeOf(m.number), context.now()) }, top.byteLength);
    }
  } finally {
    // Whole messages received before a failure are kept (and never fetched again).
    await batch.flush();
  }

  const current = (await store.pop3Records({ accountId })).filter((r) => numberOf.has(r.uidl));
  const doomed = uidlsToDelete(current, options, context.now());
  for (const uidl of doomed) await client.dele(numberOf.get(uidl)!);
  await client.quit();
  if (doomed.length > 0) await store.forgetPop3Uidls({ accountId, uidls: doomed });
  return { downloaded: fresh.length, deleted: doomed.length };
}
