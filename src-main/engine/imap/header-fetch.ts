/**
 * Turns one FETCH result into the cache's MessageHeader. The sync asks for the header fields
 * the list and threading need (BODY.PEEK[HEADER.FIELDS (…)], RFC 3501 §6.4.5) rather than
 * ENVELOPE: the server sends them as one literal that is cheap to parse, where an ENVELOPE
 * is a deeply nested list, and ENVELOPE lacks References and List-Id anyway. BODYSTRUCTURE
 * tells whether a message has attachments without downloading it.
 *
 * Everything here is server data and distrusted: a field of the wrong type or size is
 * dropped or cut, never thrown, so a malformed message still appears with what can be shown.
 */
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import type { Address, MessageHeader } from '../../../src-shared/model';
import { hasAttachmentPart } from './body-structure';
import { boundedString, countOf, flagsOf, timeOf, uidOf } from './untrusted';

/** The header fields the cache keeps, lower case as they are looked up. */
const HEADER_FIELDS = ['from', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'list-id'] as const;

/** The FETCH attributes the header sync asks for (imapflow's FetchQueryObject). */
export const HEADER_FETCH_QUERY = {
  uid: true,
  flags: true,
  internalDate: true,
  size: true,
  bodyStructure: true,
  headers: [...HEADER_FIELDS],
};

/** What a FETCH response carries, typed as what it is: unchecked server data. */
export interface FetchedMessage {
  uid?: unknown;
  flags?: unknown;
  /** The raw header fields asked for (imapflow hands BODY[HEADER.FIELDS …] over as a Buffer). */
  headers?: unknown;
  bodyStructure?: unknown;
  internalDate?: unknown;
  size?: unknown;
}

const MAX_FROM = 100;
const MAX_RECIPIENTS = 10_000;
const MAX_ADDRESS_PART = 1000;
const MAX_REFERENCES = 500;
/** Header fields beyond this are cut before parsing: no legitimate list header is near it. */
const MAX_FIELD_CHARS = 256 * 1024;

/** The header for the cache, or null when the response has no usable UID (nothing to key it by). */
export function toMessageHeader(accountId: string, folderPath: string, fetched: FetchedMessage): MessageHeader | null {
  const uid = uidOf(fetched.uid);
  if (uid === null) return null;
  const fields = headerFields(fetched.headers);
  const internalDate = timeOf(fetched.internalDate);
  const flags = flagsOf(fetched.flags);
  const date = timeOf(fields.get('date') ?? null);
  return {
    accountId,
    folderPath,
    uid,
    messageId: firstMessageId(fields.get('message-id')),
    subject: boundedString(decoded(fields.get('subject') ?? ''), 10_000) ?? '',
    from: addressesOf(fields.get('from'), MAX_FROM),
    to: addressesOf(fields.get('to'), MAX_RECIPIENTS),
    cc: addressesOf(fields.get('cc'), MAX_RECIPIENTS),
    date: date ?? internalDate ?? 0,
    internalDate: internalDate ?? date ?? 0,
    size: countOf(fetched.size) ?? 0,
    flags,
    unread: flags.includes('\\Seen') ? 0 : 1,
    inReplyTo: firstMessageId(fields.get('in-reply-to'), 2000),
    references: messageIds(fields.get('references') ?? '').slice(-MAX_REFERENCES),
    listId: listIdOf(fields.get('list-id')),
    hasAttachments: hasAttachmentPart(fetched.bodyStructure) ? 1 : 0,
  };
}

/**
 * The fields by lower-case name, unfolded (RFC 5322 §2.2.3); the first occurrence wins, as
 * a second From or Subject is malformed. Raw 8-bit headers are read as UTF-8 (RFC 6532)
 * when they are valid UTF-8, else one character per byte.
 */
function headerFields(raw: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!Buffer.isBuffer(raw)) return fields;
  const text = textOf(raw);
  for (const line of text.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '').slice(0, MAX_FIELD_CHARS).trim());
  }
  return fields;
}

function textOf(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** RFC 2047 encoded words decoded; a malformed one is left as it came. */
function decoded(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

function addressesOf(value: string | undefined, max: number): Address[] {
  if (value === undefined || value === '') return [];
  const addresses: Address[] = [];
  for (const entry of addressparser(value, { flatten: true })) {
    if (addresses.length >= max) break;
    const name = boundedString(decoded(entry.name ?? ''), MAX_ADDRESS_PART) ?? '';
    const address = boundedString(entry.address ?? '', MAX_ADDRESS_PART) ?? '';
    if (name !== '' || address !== '') addresses.push({ name, address });
  }
  return addresses;
}

/** The `<…>` message identifiers of a field (RFC 5322 §3.6.4), with their brackets, in order. */
function messageIds(value: string): string[] {
  return (value.match(/<[^<>\s]{1,998}>/g) ?? []).filter((id) => id.length <= 1000);
}

/** The first identifier of Message-ID or In-Reply-To; a bare value without brackets is kept as written. */
function firstMessageId(value: string | undefined, max = 1000): string | null {
  if (value === undefined || value === '') return null;
  return messageIds(value)[0] ?? boundedString(value.split(/\s/)[0] ?? '', max);
}

/** The list identifier inside List-Id's angle brackets (RFC 2919 §3), or the whole value when it has none. */
function listIdOf(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const id = /<([^<>]{1,998})>/.exec(value)?.[1] ?? value;
  return boundedString(decoded(id).trim(), 1000);
}
