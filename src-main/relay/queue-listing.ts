import type { Envelope, RecipientState } from './envelope';
import type { Spool } from './spool';

/** One queued message as the queue commands and the app show it. */
export interface QueuedMessage {
  id: string;
  from: string;
  queuedAt: number;
  /** Bytes of the stored message, Received header included; 0 if its file is unreadable. */
  size: number;
  recipients: Array<{ address: string; state: RecipientState; attempts: number; nextAttemptAt: number; lastError: string | null }>;
}

/** Queue ids are `Spool.newId`'s: base-36 time, a dash, 12 hex digits. Anything else is refused. */
export const queueIdPattern = /^[0-9a-z]{1,12}-[0-9a-f]{12}$/;

export async function listQueued(envelopes: Envelope[], spool: Spool): Promise<QueuedMessage[]> {
  const sorted = [...envelopes].sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));
  return Promise.all(
    sorted.map(async (e) => ({
      id: e.id,
      from: e.from,
      queuedAt: e.queuedAt,
      size: await spool.messageSize(e.id).catch(() => 0),
      recipients: e.recipients.map((r) => ({ address: r.address, state: r.state, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt, lastError: r.lastError ?? null })),
    })),
  );
}

/** postqueue -p style: one line per recipient, tab separated. */
export function formatQueue(messages: QueuedMessage[]): string {
  return messages
    .flatMap((m) => m.recipients.map((r) => [m.id, `<${m.from}>`, `<${r.address}>`, r.state, String(r.attempts), r.state === 'pending' ? new Date(r.nextAttemptAt).toISOString() : '-', r.lastError ?? ''].join('\t')))
    .map((line) => `${line}\n`)
    .join('');
}
