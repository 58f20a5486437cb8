import type { Envelope, RecipientRecord } from './envelope';

export interface RetryPolicy {
  retrySchedule: number[];
  maxQueueAge: number;
  warnAfter: number;
}

/** One recipient's result from a delivery attempt. */
export type AttemptResult =
  | { kind: 'delivered'; remoteMta?: string; reply?: string }
  | { kind: 'temporary' | 'permanent'; reason: string; status?: string; remoteMta?: string };

/**
 * Records an attempt on a recipient. A temporary failure waits the next step of the
 * schedule (RFC 5321 §4.5.4.1: retry at least 30 minutes apart eventually, give up after
 * 4-5 days); once the message is older than the maximum age it fails for good.
 */
export function applyResult(envelope: Envelope, recipient: RecipientRecord, result: AttemptResult, now: number, policy: RetryPolicy): void {
  recipient.attempts += 1;
  if (result.kind === 'delivered') {
    recipient.state = 'delivered';
    delete recipient.lastError;
    if (result.remoteMta) recipient.remoteMta = result.remoteMta;
    return;
  }
  recipient.lastError = result.reason;
  if (result.remoteMta) recipient.remoteMta = result.remoteMta;
  else delete recipient.remoteMta;
  recipient.status = result.status ?? (result.kind === 'permanent' ? '5.0.0' : '4.0.0');
  if (result.kind === 'permanent') {
    recipient.state = 'failed';
    return;
  }
  const delay = policy.retrySchedule[Math.min(recipient.attempts - 1, policy.retrySchedule.length - 1)] ?? 3_600_000;
  if (now + delay - envelope.queuedAt > policy.maxQueueAge) {
    recipient.state = 'failed';
    recipient.lastError = `Gave up after ${recipient.attempts} attempts: ${result.reason}`;
    recipient.status = '4.4.7';
    return;
  }
  recipient.nextAttemptAt = now + delay;
}

/** Recipients owed a failure DSN: failed, not yet reported, and not NOTIFY=NEVER (RFC 3461 §4.1). */
export function wantsFailureNotice(envelope: Envelope, recipient: RecipientRecord): boolean {
  if (envelope.from === '' || recipient.state !== 'failed') return false;
  return !recipient.notify || recipient.notify.includes('FAILURE');
}

/** Recipients owed a delay DSN: still pending past `warnAfter`, for a sender that is not null. */
export function wantsDelayNotice(envelope: Envelope, recipient: RecipientRecord, now: number, policy: RetryPolicy): boolean {
  if (envelope.from === '' || envelope.warned || recipient.state !== 'pending') return false;
  if (now - envelope.queuedAt < policy.warnAfter || recipient.attempts === 0) return false;
  return !recipient.notify || recipient.notify.includes('DELAY');
}
