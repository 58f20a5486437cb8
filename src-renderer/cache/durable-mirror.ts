/**
 * A copy in memory of the records that only this cache holds and no server can give back:
 * the accounts, the queued operations, the drafts and the senders whose remote content the
 * user allowed. (The outbox is not in the cache: the host keeps it in a spool on disk.) Chromium deletes an origin's whole IndexedDB when its storage
 * fails (seen with a full disk, docs/sync.md); with this copy the running window can write
 * them into the new, empty database (cache-loss.ts). Mail itself is not copied: the server
 * has it, and a resync fetches it again.
 *
 * The copy follows the tables through a live query, so it trails a commit by the time that
 * query takes to run again (a few milliseconds); a loss inside that gap misses that write.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { Account } from '../../src-shared/model';
import type { Cache, TernDexie } from './db';
import type { DraftRecord, OperationRecord, RemoteContentSender } from './records';

export interface DurableSnapshot {
  accounts: Account[];
  operations: OperationRecord[];
  drafts: DraftRecord[];
  remoteContentSenders: RemoteContentSender[];
}

const emptySnapshot: DurableSnapshot = { accounts: [], operations: [], drafts: [], remoteContentSenders: [] };

const mirroredTables = (d: TernDexie) => [d.accounts, d.operations, d.drafts, d.remoteContentSenders];

export interface DurableMirror {
  /** The last copy read; a new object after every change, never mutated. */
  latest(): DurableSnapshot;
  stop(): void;
}

export function mirrorDurableRecords({ durable: d }: Cache): DurableMirror {
  let latest = emptySnapshot;
  const read = () =>
    d.transaction('r', mirroredTables(d), async () => ({
      accounts: await d.accounts.toArray(),
      operations: await d.operations.toArray(),
      drafts: await d.drafts.toArray(),
      remoteContentSenders: await d.remoteContentSenders.toArray(),
    }));
  const subscription: Subscription = liveQuery(read).subscribe({
    next: (snapshot) => void (latest = snapshot),
    // A read that fails (the database closed under it) keeps the last good copy.
    error: () => undefined,
  });
  return {
    latest: () => latest,
    stop: () => subscription.unsubscribe(),
  };
}

/**
 * Writes a snapshot into the cache in one strict transaction, keeping every key. Operations
 * the user queued in the new database before this ran go after the restored ones, as they
 * came later; they keep their order but take new sequence numbers, which the restored ones
 * would otherwise overwrite. One that is already in the snapshot (another window of the
 * same cache restored first) is not queued twice.
 */
export async function restoreSnapshot({ durable: d }: Cache, snapshot: DurableSnapshot): Promise<void> {
  await d.transaction('rw', mirroredTables(d), async () => {
    await d.accounts.bulkPut(snapshot.accounts);
    const restored = new Set(snapshot.operations.map(sameOperation));
    const queuedSince = (await d.operations.toArray()).filter((operation) => !restored.has(sameOperation(operation)));
    await d.operations.clear();
    await d.operations.bulkPut(snapshot.operations);
    await d.operations.bulkAdd(queuedSince.map(({ seq: _renumbered, ...operation }) => operation));
    await d.drafts.bulkPut(snapshot.drafts);
    await d.remoteContentSenders.bulkPut(snapshot.remoteContentSenders);
  });
}

/** What makes two queued operations the same one, whatever their sequence numbers. */
const sameOperation = ({ accountId, folderPath, kind, payload, createdAt }: OperationRecord): string => JSON.stringify([accountId, folderPath, kind, payload, createdAt]);
