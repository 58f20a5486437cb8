import { sendControl, type ControlReply } from './control';
import { formatQueue, listQueued, queueIdPattern } from './queue-listing';
import { Spool } from './spool';
import { acquireSpoolLock, SpoolBusyError } from './spool-lock';

export type QueueAction = { action: 'list' } | { action: 'flush' } | { action: 'delete'; id: string };

/**
 * `relay queue list|flush|delete ID --spool DIR`, in the spirit of postqueue/postsuper: sent
 * to the relay running on DIR over its control socket, or, when none runs, done on the spool
 * files under the spool lock (so a relay starting meanwhile waits its turn by failing to
 * lock). Returns what to print; throws with a message meant for the user.
 */
export async function runQueueCommand(spoolDir: string, command: QueueAction): Promise<string> {
  // The id becomes a file name below: nothing but a queue id may pass.
  if (command.action === 'delete' && !queueIdPattern.test(command.id)) throw new Error(`"${command.id}" is not a queue id (see \`queue list\`)`);
  const reply = await sendControl(spoolDir, command.action === 'delete' ? { command: 'delete', id: command.id } : { command: command.action });
  if (reply) return describe(command, reply);
  const spool = new Spool(spoolDir);
  await spool.open();
  let lock;
  try {
    lock = await acquireSpoolLock(spoolDir);
  } catch (error) {
    if (error instanceof SpoolBusyError) {
      throw new Error(`a relay (process ${error.pid}) holds ${spoolDir} but does not answer on its control socket; try again once it has started`, { cause: error });
    }
    throw error;
  }
  try {
    return await offline(spool, command);
  } finally {
    await lock.release();
  }
}

async function offline(spool: Spool, command: QueueAction): Promise<string> {
  // loadAll also clears what a crash left half-written, exactly as a starting relay would.
  const envelopes = await spool.loadAll((file, error) => process.stderr.write(`unreadable envelope ${file}: ${String(error)}\n`));
  if (command.action === 'list') return formatQueue(await listQueued(envelopes, spool));
  if (command.action === 'delete') {
    if (!envelopes.some((e) => e.id === command.id)) return `${command.id}: not in the queue\n`;
    await spool.remove(command.id);
    return `${command.id}: deleted\n`;
  }
  // Nothing delivers without a relay; make everything due so its next start tries at once.
  const now = Date.now();
  let changed = 0;
  for (const envelope of envelopes) {
    const pending = envelope.recipients.filter((r) => r.state === 'pending' && r.nextAttemptAt > now);
    if (pending.length === 0) continue;
    for (const r of pending) r.nextAttemptAt = now;
    await spool.saveEnvelope(envelope);
    changed += 1;
  }
  return `no relay is running on this spool: ${changed} message(s) will be tried as soon as it starts\n`;
}

function describe(command: QueueAction, reply: ControlReply): string {
  if (!reply.ok) throw new Error(`the relay refused: ${reply.error}`);
  if (command.action === 'list') return formatQueue(reply.messages ?? []);
  if (command.action === 'flush') return 'flush requested: every deferred message is being tried now\n';
  return `${command.id}: ${reply.deleted ? 'deleted' : 'not in the queue'}\n`;
}
