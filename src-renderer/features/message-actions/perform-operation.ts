/**
 * Carries out a planned message action: reads what the plan needs from the cache, then
 * queues the operation with its optimistic change (shared/queue-operation.ts).
 */
import type { Account } from '../../../src-shared/model';
import type { Cache } from '../../cache/db';
import { listFolders } from '../../cache/queries';
import { queueOperation, type QueueResult } from '../shared/queue-operation';
import type { MessageRef } from '../shared/refs';
import type { ActionContext, Planned } from './message-operations';

export async function performOperation(
  cache: Cache,
  account: Account,
  connected: boolean,
  ref: MessageRef,
  plan: (context: ActionContext) => Planned,
): Promise<QueueResult> {
  const header = await cache.db.messages.get([ref.accountId, ref.folderPath, ref.uid]);
  if (!header) return { ok: false, text: 'This message is no longer in this folder.' };
  const folders = await listFolders(cache.db, ref.accountId);
  const cursor = await cache.db.syncCursors.get([ref.accountId, ref.folderPath]);
  const planned = plan({ header, folders, uidValidity: cursor?.uidValidity ?? 0 });
  if (!planned.ok) return { ok: false, text: planned.reason };
  return queueOperation(cache, account, connected, planned.operation, planned.done);
}
