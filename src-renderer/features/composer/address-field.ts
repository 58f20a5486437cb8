/**
 * What the user typed or pasted into To, Cc or Bcc, as addresses: separated by commas,
 * semicolons or line breaks (outside quotes and angle brackets), each either
 * `Name <address>`, `"Last, First" <address>` or a bare address. Whatever does not parse
 * is reported back so the field can flag it before sending.
 */
import { outgoingAddressSchema, type OutgoingAddress } from '../../../src-shared/outgoing';

export interface ParsedAddresses {
  addresses: OutgoingAddress[];
  /** The pieces that are not an address, as typed. */
  invalid: string[];
}

export function parseAddressField(text: string): ParsedAddresses {
  const addresses: OutgoingAddress[] = [];
  const invalid: string[] = [];
  for (const piece of splitAddresses(text)) {
    const parsed = parseOne(piece);
    if (parsed) addresses.push(parsed);
    else invalid.push(piece);
  }
  return { addresses, invalid };
}

/** The text after the last separator: what the autocomplete matches against. */
export function lastPiece(text: string): string {
  return text.slice(lastPieceStart(text)).trim();
}

/** Replaces the last piece with a chosen address and leaves the field ready for the next one. */
export function completeLastPiece(text: string, chosen: OutgoingAddress): string {
  const before = text.slice(0, lastPieceStart(text)).trimEnd();
  return `${before === '' ? '' : `${before} `}${formatAddress(chosen)}, `;
}

export function formatAddress({ name, address }: OutgoingAddress): string {
  if (name === '') return address;
  // RFC 5322 §3.2.4: a name with specials must be a quoted string.
  return /[(),.:;<>@[\]\\"]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : `${name} <${address}>`;
}

export const formatAddresses = (list: readonly OutgoingAddress[]): string => list.map(formatAddress).join(', ');

/** Index just after the last separator that is outside quotes and angle brackets. */
function lastPieceStart(text: string): number {
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle = true;
    else if (!quoted && char === '>') angle = false;
    else if (!quoted && !angle && ',;\n\r'.includes(char)) start = i + 1;
  }
  return start;
}

function splitAddresses(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle = true;
    else if (!quoted && char === '>') angle = false;
    if (!quoted && !angle && (char === ',' || char === ';' || char === '\n' || char === '\r')) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}

function parseOne(piece: string): OutgoingAddress | null {
  const angled = /^(.*?)<([^<>]*)>$/s.exec(piece);
  const name = angled ? unquote(angled[1]!.trim()) : '';
  const address = (angled ? angled[2]! : piece).trim();
  const checked = outgoingAddressSchema.safeParse({ name, address });
  return checked.success ? checked.data : null;
}

function unquote(name: string): string {
  const quoted = /^"(.*)"$/s.exec(name);
  return quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : name;
}
