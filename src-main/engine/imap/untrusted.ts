/**
 * Checks for values that come from a server or a message. Every such value is hostile until
 * checked: these turn anything into what the model's schemas accept (or null), so one odd
 * value can never make the cache refuse a whole delta.
 */

/** A string cut to `max` characters, or null when the value is not a string. */
export function boundedString(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  return value.length > max ? value.slice(0, max) : value;
}

/** Milliseconds since the epoch from a Date or a date string, or null when it is not a usable time. */
export function timeOf(value: unknown): number | null {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string') time = Date.parse(value);
  else return null;
  return Number.isFinite(time) ? time : null;
}

/** A non-negative integer, or null. */
export function countOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** An IMAP UID: an integer 1 … 2^32-1 (RFC 3501 §2.3.1.1), or null. */
export function uidOf(value: unknown): number | null {
  const n = countOf(value);
  return n !== null && n >= 1 && n <= 0xffff_ffff ? n : null;
}

const SYSTEM_FLAGS = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'];
const MAX_FLAGS = 200;
const MAX_FLAG_LENGTH = 200;

/**
 * Message flags as the cache keeps them. System flags are case-insensitive (RFC 3501 §2.3.2)
 * and are spelled canonically so `\Seen` checks elsewhere stay simple; \Recent is dropped,
 * it describes this session only (and is gone from IMAP4rev2, RFC 9051).
 */
export function flagsOf(value: unknown): string[] {
  if (!(value instanceof Set) && !Array.isArray(value)) return [];
  const flags = new Set<string>();
  for (const raw of value as Iterable<unknown>) {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_FLAG_LENGTH) continue;
    if (raw.toLowerCase() === '\\recent') continue;
    flags.add(SYSTEM_FLAGS.find((f) => f.toLowerCase() === raw.toLowerCase()) ?? raw);
    if (flags.size >= MAX_FLAGS) break;
  }
  return [...flags];
}
