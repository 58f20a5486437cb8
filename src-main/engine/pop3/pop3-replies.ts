/**
 * Parsers for what a POP3 server answers, each strict about the grammar of RFC 1939 and
 * RFC 2449: anything else is a protocol error with the offending line quoted (shortened),
 * never a guess.
 */
import { Pop3Error } from './pop3-error';

export interface StatusLine {
  ok: boolean;
  text: string;
}

export interface MessageSize {
  number: number;
  size: number;
}

export interface MessageUid {
  number: number;
  uid: string;
}

const quote = (line: string): string => JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);

export function parseStatus(raw: Buffer): StatusLine {
  const line = raw.toString('latin1');
  const match = /^(\+OK|-ERR)(?: (.*))?$/i.exec(line);
  if (!match) throw new Pop3Error('protocol', `The server sent an invalid response: ${quote(line)}`);
  return { ok: match[1]!.toUpperCase() === '+OK', text: match[2] ?? '' };
}

function messageNumber(text: string, line: string): number {
  const n = Number(text);
  if (!/^\d{1,10}$/.test(text) || n < 1 || n > 2 ** 31) throw new Pop3Error('protocol', `Invalid message number in ${quote(line)}`);
  return n;
}

function octets(text: string, line: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new Pop3Error('protocol', `Invalid size in ${quote(line)}`);
  return Number(text);
}

/** "+OK nn mm" of STAT (RFC 1939 §5): message count and total size. */
export function parseStat(text: string): { count: number; size: number } {
  const match = /^(\d+) (\d+)(?: .*)?$/.exec(text);
  if (!match) throw new Pop3Error('protocol', `Invalid STAT response: ${quote(text)}`);
  return { count: octets(match[1]!, text), size: octets(match[2]!, text) };
}

/** The lines of a LIST body: "msg octets" each. */
export function parseScanListing(body: Buffer): MessageSize[] {
  return lines(body).map((line) => {
    const match = /^(\d+) (\d+)(?: .*)?$/.exec(line);
    if (!match) throw new Pop3Error('protocol', `Invalid LIST line: ${quote(line)}`);
    return { number: messageNumber(match[1]!, line), size: octets(match[2]!, line) };
  });
}

/**
 * The lines of a UIDL body: "msg unique-id", the id 1 to 70 characters in 0x21–0x7E
 * (RFC 1939 §7). Two messages with one id would make "already downloaded" ambiguous, so a
 * duplicate is refused outright.
 */
export function parseUidListing(body: Buffer): MessageUid[] {
  const seen = new Set<string>();
  return lines(body).map((line) => {
    const match = /^(\d+) ([\x21-\x7e]{1,70})$/.exec(line);
    if (!match) throw new Pop3Error('protocol', `Invalid UIDL line: ${quote(line)}`);
    const uid = match[2]!;
    if (seen.has(uid)) throw new Pop3Error('protocol', `The server gave two messages the same UIDL ${quote(uid)}.`);
    seen.add(uid);
    return { number: messageNumber(match[1]!, line), uid };
  });
}

/** CAPA's body (RFC 2449 §5): capability name → its arguments. */
export function parseCapabilities(body: Buffer): Map<string, string[]> {
  const capabilities = new Map<string, string[]>();
  for (const line of lines(body)) {
    const [name, ...args] = line.split(' ').filter(Boolean);
    if (name) capabilities.set(name.toUpperCase(), args);
  }
  return capabilities;
}

/** The APOP timestamp of a greeting, "<…@…>" (RFC 1939 §7). */
export function apopTimestamp(greeting: string): string | null {
  return /<[^<>\s@]{1,250}@[^<>\s]{1,250}>/.exec(greeting)?.[0] ?? null;
}

function lines(body: Buffer): string[] {
  return body
    .toString('latin1')
    .split('\r\n')
    .filter((line) => line.length > 0);
}
