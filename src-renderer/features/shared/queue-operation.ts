/**
 * Queues an operation (message or folder) and asks the engine to send it now. A
 * disconnected account (RFC 4549, the default) keeps it queued while the server cannot be
 * reached, and the reconnect sends it. An online-model account acts on the server or not at
 * all (RFC 1733): offline, nothing changes and the user is told so; online, this waits for
 * the server. A POP3 account's changes apply to its local folders only.
 */
import type { Account } from '../../../src-shared/model';
import type { Operation } from '../../../src-shared/operations';
import { tern } from '../../bridge/tern';
import type { Cache } from '../../cache/db';
import { applyLocalOperation } from '../../cache/local-folder-ops';
import { enqueueOperation } from '../../cache/operation-log';
import { errorMessage } from './error-message';

export interface QueueResult {
  ok: boolean;
  /** For the status line: what was done, or why not. */
  text: string;
}

export async function queueOperation(cache: Cache, account: Account, connected: boolean, operation: Operation, done: string): Promise<QueueResult> {
  if (account.incoming.protocol === 'pop3') {
    // A POP3 account's folders and flags are local (RFC 1733 offline model): nothing to queue.
    try {
      await applyLocalOperation(cache, account.id, operation);
      return { ok: true, text: done };
    } catch (error) {
      return { ok: false, text: errorMessage(error) };
    }
  }
  const online = account.incoming.accessModel === 'online';
  if (online && !connected) return { ok: false, text: `Can't do that now: ${account.name} is offline.` };
  await enqueueOperation(cache, account.id, operation);
  const sent = tern.invoke('ops.replayNow', { accountId: account.id });
  if (!online) {
    // Queued durably: failing to reach the engine now only delays it to the next sync.
    sent.catch(() => undefined);
    return { ok: true, text: done };
  }
  try {
    await sent;
    return { ok: true, text: done };
  } catch (error) {
    return { ok: false, text: `${done}, waiting for the server: ${errorMessage(error)}` };
  }
}
