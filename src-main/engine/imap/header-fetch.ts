/**
 * Turns one FETCH result (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE) into the cache's
 * MessageHeader. imapflow has already decoded the envelope (RFC 2047 words, charsets); what
 * is left is to distrust it: a field of the wrong type or size is dropped or cut, never
 * thrown, so a malformed message still appears with what can be shown.
 */
import type { Address, MessageHeader } from '../../../src-shared/model';
import { boundedString, countOf, flagsOf, timeOf, uidOf } from './untrusted';

/** The FETCH attributes the header sync asks for (imapflow's FetchQueryObject). */
export const HEADER_FETCH_QUERY = { uid: true, flags: true, envelope: true, internalDate: true, size: true } as const;

/** What a FETCH response carries, typed as what it is: unchecked server data. */
export interface FetchedMessage {
  uid?: unknown;
  flags?: unknown;
  envelope?: unknown;
  internalDate?: unknown;
  size?: unknown;
}

const MAX_FROM = 100;
const MAX_RECIPIENTS = 10_000;
const MAX_ADDRESS_PART = 1000;

/** The header for the cache, or null when the response has no usable UID (nothing to key it by). */
export function toMessageHeader(accountId: string, folderPath: string, fetched: FetchedMessage): MessageHeader | null {
  const uid = uidOf(fetched.uid);
  if (uid === null) return null;
  const envelope = isRecord(fetched.envelope) ? fetched.envelope : {};
  const internalDate = timeOf(fetched.internalDate);
  const flags = flagsOf(fetched.flags);
  return {
    accountId,
    folderPath,
    uid,
    messageId: boundedString(envelope.messageId, 1000),
    subject: boundedString(envelope.subject, 10_000) ?? '',
    from: addressesOf(envelope.from, MAX_FROM),
    to: addressesOf(envelope.to, MAX_RECIPIENTS),
    cc: addressesOf(envelope.cc, MAX_RECIPIENTS),
    date: timeOf(envelope.date) ?? internalDate ?? 0,
    internalDate: internalDate ?? timeOf(envelope.date) ?? 0,
    size: countOf(fetched.size) ?? 0,
    flags,
    unread: flags.includes('\\Seen') ? 0 : 1,
    inReplyTo: boundedString(envelope.inReplyTo, 2000),
  };
}

function addressesOf(value: unknown, max: number): Address[] {
  if (!Array.isArray(value)) return [];
  const addresses: Address[] = [];
  for (const entry of value) {
    if (addresses.length >= max) break;
    if (!isRecord(entry)) continue;
    const name = boundedString(entry.name, MAX_ADDRESS_PART) ?? '';
    const address = boundedString(entry.address, MAX_ADDRESS_PART) ?? '';
    if (name !== '' || address !== '') addresses.push({ name, address });
  }
  return addresses;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
