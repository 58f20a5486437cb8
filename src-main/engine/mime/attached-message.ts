/**
 * Opens a message/rfc822 attachment (a forwarded message) as a message of its own: its
 * headers as the reader shows them, its body and its own attachments, parsed by the same
 * code as any downloaded message.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import type { Address } from '../../../src-shared/model';
import { parseBody, type ParsedBody } from './parse-body';

export interface AttachedMessage extends ParsedBody {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  /** ms since the epoch, or null when the Date header is missing or unreadable. */
  date: number | null;
}

const MAX_ADDRESSES = 1000;

export async function parseAttachedMessage(raw: Buffer): Promise<AttachedMessage> {
  const body = await parseBody(raw);
  try {
    // Headers only: the body was parsed above, and a second full parse would double the work.
    const headerEnd = raw.indexOf('\r\n\r\n') === -1 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n');
    const headers = await simpleParser(headerEnd === -1 ? raw : raw.subarray(0, headerEnd + 2), { skipTextToHtml: true, skipImageLinks: true });
    return {
      ...body,
      subject: headers.subject ?? '',
      from: addressesOf(headers.from),
      to: addressesOf(headers.to),
      cc: addressesOf(headers.cc),
      date: headers.date && !Number.isNaN(headers.date.getTime()) ? headers.date.getTime() : null,
    };
  } catch {
    // parseBody already told what went wrong, if anything could be read at all.
    return { ...body, subject: '', from: [], to: [], cc: [], date: null };
  }
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat = objects.flatMap((object) => object.value).flatMap((entry) => (entry.group ? entry.group : [entry]));
  return flat.slice(0, MAX_ADDRESSES).map((entry) => ({ name: (entry.name ?? '').slice(0, 1000), address: (entry.address ?? '').slice(0, 1000) }));
}
