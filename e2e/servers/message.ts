import { randomBytes } from 'node:crypto';
import type { SeedFlag, SeedMessage } from './types';

export interface BuiltMessage {
  /** Message bytes with LF line endings, as Maildir stores them. */
  bytes: Buffer;
  /** INTERNALDATE, later written as the file's mtime. */
  internalDate: Date;
  flags: readonly SeedFlag[];
}

/** Turns a SeedMessage into the bytes Dovecot will serve; `user` fills in a default To. */
export function buildMessage(message: SeedMessage, user: string): BuiltMessage {
  const flags = message.flags ?? [];
  if (message.raw !== undefined) {
    const bytes = toLf(typeof message.raw === 'string' ? Buffer.from(message.raw, 'utf8') : Buffer.from(message.raw));
    return { bytes, internalDate: message.date ?? dateHeaderOf(bytes) ?? new Date(), flags };
  }
  const date = message.date ?? new Date();
  const body = message.body ?? 'Hello from the Tern test server.\n';
  const ascii = isAscii(body);
  const headers = [
    `From: ${encodeAddress(message.from ?? 'Test Sender <sender@example.test>')}`,
    `To: ${encodeAddress(message.to ?? (user.includes('@') ? user : `${user}@example.test`))}`,
    `Subject: ${encodeWords(message.subject ?? 'Test message')}`,
    `Date: ${formatRfc5322Date(date)}`,
    `Message-ID: ${message.messageId ?? `<${randomBytes(12).toString('hex')}@tern.test>`}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`,
  ];
  const text = `${headers.join('\n')}\n\n${body.endsWith('\n') ? body : `${body}\n`}`;
  return { bytes: toLf(Buffer.from(text, 'utf8')), internalDate: date, flags };
}

/** CRLF -> LF without touching any other byte (latin1 round-trips bytes 1:1). */
function toLf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}

function dateHeaderOf(bytes: Buffer): Date | undefined {
  const head = bytes.toString('latin1').split('\n\n', 1)[0] ?? '';
  const match = /^Date:[ \t]*(.+(?:\n[ \t].*)*)/im.exec(head);
  if (match?.[1] === undefined) return undefined;
  const parsed = new Date(match[1].replace(/\n/g, ''));
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** Any non-ASCII character takes more UTF-8 bytes than UTF-16 units. */
function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** RFC 2047 B-encoding for non-ASCII header text, split so no encoded word passes 75 chars. */
function encodeWords(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 45 UTF-8 bytes become 60 base64 chars, plus 12 for "=?UTF-8?B??=".
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\n ');
}

/** Encodes only the display name of "Name <addr>", leaving the address readable. */
function encodeAddress(value: string): string {
  const match = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(value);
  if (match === null || isAscii(value)) return value;
  return `${encodeWords(match[1] ?? '')} <${match[2] ?? ''}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue, 01 Jul 2025 09:05:00 +0000": always UTC so output does not depend on the host's TZ. */
export function formatRfc5322Date(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}
