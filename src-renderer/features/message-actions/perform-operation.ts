/**
 * Carries out a planned message action: reads what the plan needs from the cache (the
 * account's folders, the folder's UIDVALIDITY), then queues the operation with its
 * optimistic change (shared/queue-operation.ts). perform-bulk.ts does the same per folder.
 */
import type { Account, Folder } from '../../../src-shared/model';
import type { Cache } from '../../cache/db';
import { listFolders } from '../../cache/queries';
import { queueOperation, type QueueResult } from '../shared/queue-operation';
import type { MessageRef } from '../shared/refs';
import type { ActionContext, Planned } from './message-operations';

/** Plans against one folder of `account` as cached, and queues what was planned, or says why not. */
export async function queuePlanned(
  cache: Cache,
  account: Account,
  connected: boolean,
  folderPath: string,
  plan: (context: { folders: readonly Folder[]; uidValidity: number }) => Planned,
): Promise<QueueResult> {
  const folders = await listFolders(cache.db, account.id);
  const cursor = await cache.db.syncCursors.get([account.id, folderPath]);
  const planned = plan({ folders, uidValidity: cursor?.uidValidity ?? 0 });
  if (!planned.ok) return { ok: false, text: planned.reason };
  return queueOperation(cache, account, connected, planned.operation, planned.done);
}

export async function performOperation(
  cache: Cache,
  account: Account,
  connected: boolean,
  ref: MessageRef,
  plan: (context: ActionContext) => Planned,
): Promise<QueueResult> {
  const header = await cache.db.messages.get([ref.accountId, ref.folderPath, ref.uid]);
  if (!header) return { ok: false, text: 'This message is no longer in this folder.' };
  return queuePlanned(cache, account, connected, ref.folderPath, (context) => plan({ header, ...context }));
}
