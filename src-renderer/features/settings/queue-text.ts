/** How the relay queue is put into words for the Settings view. */
import type { RelayQueuedMessage } from '../../../src-shared/relay-settings';

type Recipient = RelayQueuedMessage['recipients'][number];

/** Deferred: at least one attempt failed temporarily and another is planned. */
export const isDeferred = (message: RelayQueuedMessage): boolean => message.recipients.some((r) => r.state === 'pending' && r.attempts > 0);

export function queueSummary(queue: RelayQueuedMessage[]): string {
  if (queue.length === 0) return 'The queue is empty.';
  const deferred = queue.filter(isDeferred).length;
  const messages = queue.length === 1 ? '1 message' : `${queue.length} messages`;
  return `${messages} queued, ${deferred} deferred`;
}

export function recipientText(r: Recipient, now: number): string {
  if (r.state === 'delivered') return `${r.address}: delivered`;
  if (r.state === 'failed') return `${r.address}: failed, the sender gets a report${r.lastError ? ` (${r.lastError})` : ''}`;
  if (r.attempts === 0) return `${r.address}: being delivered`;
  const wait = Math.max(0, Math.round((r.nextAttemptAt - now) / 60_000));
  const next = wait === 0 ? 'next try now' : `next try in ${wait} min`;
  return `${r.address}: deferred after ${r.attempts === 1 ? '1 attempt' : `${r.attempts} attempts`}, ${next}${r.lastError ? ` (${r.lastError})` : ''}`;
}
