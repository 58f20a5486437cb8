/**
 * The envelope file kept beside each queued message: who it is from, who it still has to
 * reach, and what happened so far. It is rewritten atomically after every change.
 */

export type RecipientState = 'pending' | 'delivered' | 'failed';

export interface RecipientRecord {
  address: string;
  state: RecipientState;
  attempts: number;
  /** Epoch ms of the next attempt; meaningful while pending. */
  nextAttemptAt: number;
  /** The last remote reply or local reason, kept for DSNs and the queue listing. */
  lastError?: string;
  /** Enhanced status code for the DSN's Status field (RFC 3464 §2.3.4). */
  status?: string;
  /** The host that gave `lastError`, for the DSN's Remote-MTA field. */
  remoteMta?: string;
  /** RFC 3461 §4.1 NOTIFY values, upper case; absent means the default (FAILURE). */
  notify?: string[];
  /** Set once a failure DSN covered this recipient, so it is never reported twice. */
  reported?: boolean;
}

export interface Envelope {
  id: string;
  /** Envelope sender; '' is the null sender of a bounce (RFC 5321 §4.5.5). */
  from: string;
  recipients: RecipientRecord[];
  /** Epoch ms when the message was accepted; the give-up age counts from here. */
  queuedAt: number;
  /** Whether a delay DSN has been sent already (only one is). */
  warned: boolean;
  /** RFC 3461 §4.3, §4.4 RET and ENVID. */
  ret?: 'FULL' | 'HDRS';
  envid?: string;
  bodyType?: '7bit' | '8bitmime';
  smtpUtf8?: boolean;
}

export function isComplete(envelope: Envelope): boolean {
  return envelope.recipients.every((r) => r.state !== 'pending');
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Reads an envelope file, refusing anything that is not the shape we write. */
export function parseEnvelope(text: string): Envelope {
  const value = JSON.parse(text) as Partial<Envelope>;
  if (typeof value.id !== 'string' || typeof value.from !== 'string' || !Array.isArray(value.recipients)) {
    throw new Error('not a relay envelope');
  }
  if (typeof value.queuedAt !== 'number') throw new Error('envelope without queuedAt');
  for (const r of value.recipients) {
    if (typeof r.address !== 'string' || !['pending', 'delivered', 'failed'].includes(r.state)) {
      throw new Error('envelope with a malformed recipient');
    }
  }
  return { warned: false, ...value } as Envelope;
}
