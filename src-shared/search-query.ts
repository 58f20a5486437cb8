/**
 * The search box's query language, parsed into a plain value that both the local index
 * (renderer) and server SEARCH (engine) understand:
 *
 *   words            every word must occur (sender, recipients, subject or cached body)
 *   from: to: subject:   the word(s) must occur in that field; "quoted phrases" keep words together
 *   has:attachment   is:unread  is:read  is:flagged  is:unflagged
 *   before:2026-01-31  after:2025-12-01   (local calendar days; IMAP BEFORE and SINCE)
 *   in:folder        a folder by name (its last path segment) or full path
 *
 * Anything else, including an unknown `name:value`, is searched as words. Text is folded
 * to lower case without diacritics, so "Zoë" finds "zoe". Pure: no DOM, no Node.
 */

export interface SearchQuery {
  /** Words that may occur in any field. */
  words: string[];
  from: string[];
  to: string[];
  subject: string[];
  hasAttachment: boolean;
  unread: boolean | null;
  flagged: boolean | null;
  /** Local midnight (ms) of the before: day: messages dated earlier. */
  before: number | null;
  /** Local midnight (ms) of the after: day: messages dated on or after it. */
  after: number | null;
  folder: string | null;
  /** The query ends inside a word, which is matched as a prefix (results as you type). */
  openEnded: boolean;
}

const maxTokenLength = 64;

/** Lower-cased words without diacritics, split at anything not a letter or digit. */
export function tokenize(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && word.length <= maxTokenLength);
}

function parseDay(value: string): number | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // Refuse dates that roll over (2026-02-31) instead of silently meaning another day.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}

// A term is `name:"quoted value"`, `name:value`, a "quoted phrase" or a bare word.
const termPattern = /(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;

export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = {
    words: [], from: [], to: [], subject: [], hasAttachment: false,
    unread: null, flagged: null, before: null, after: null, folder: null, openEnded: false,
  };
  const text = input.slice(0, 1000);
  for (const match of text.matchAll(termPattern)) {
    const name = match[1]?.toLowerCase();
    const quoted = match[2];
    const value = quoted ?? match[3] ?? '';
    const lower = value.toLowerCase();
    if (name === 'from' || name === 'to' || name === 'subject') query[name].push(...tokenize(value));
    else if (name === 'has' && (lower === 'attachment' || lower === 'attachments')) query.hasAttachment = true;
    else if (name === 'is' && (lower === 'unread' || lower === 'read')) query.unread = lower === 'unread';
    else if (name === 'is' && (lower === 'flagged' || lower === 'unflagged' || lower === 'starred')) query.flagged = lower !== 'unflagged';
    else if ((name === 'before' || name === 'after') && parseDay(value) !== null) query[name] = parseDay(value);
    else if (name === 'in' && value.trim()) query.folder = value.trim();
    else query.words.push(...tokenize(name && !quoted ? match[0] : value));
  }
  // A query typed up to a word's end without a space or closing quote is still being typed.
  query.openEnded = /[\p{L}\p{N}]$/u.test(text);
  return query;
}

/** Whether the query asks for anything at all (an empty box shows the folder instead). */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.words.length + query.from.length + query.to.length + query.subject.length === 0 &&
    !query.hasAttachment && query.unread === null && query.flagged === null &&
    query.before === null && query.after === null && query.folder === null
  );
}

/** The word that is still being typed, matched as a prefix: the last one of the query. */
export function openWord(query: SearchQuery, input: string): { field: 'words' | 'from' | 'to' | 'subject'; word: string } | null {
  if (!query.openEnded) return null;
  const last = /(?:([a-z]+):)?("?)([^\s"]*)$/i.exec(input.slice(0, 1000));
  const name = last?.[1]?.toLowerCase();
  const field = name === 'from' || name === 'to' || name === 'subject' ? name : name ? null : 'words';
  if (!field) return null;
  const list = query[field];
  const word = list[list.length - 1];
  return word ? { field, word } : null;
}
