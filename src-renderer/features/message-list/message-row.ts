/**
 * What a message-list row shows and what a screen reader says for it. The accessible name
 * carries the same words as the visible columns (WCAG 2.5.3, label in name), in the same
 * order: sender, subject, date, then the markers "unread", "flagged" and "attachment".
 */
import type { MessageHeader } from '../../../src-shared/model';

export function senderLabel(header: Pick<MessageHeader, 'from'>): string {
  const first = header.from[0];
  return first?.name.trim() || first?.address.trim() || '(unknown sender)';
}

export function subjectLabel(header: Pick<MessageHeader, 'subject'>): string {
  return header.subject.trim() || '(no subject)';
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

interface ListDateFormats {
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
}

// Building an Intl.DateTimeFormat costs far more than using one, and every row formats its
// date twice (its text and its accessible name): one pair per locale serves the whole list.
const formatsByLocale = new Map<string, ListDateFormats>();

function listDateFormats(locale: string | undefined): ListDateFormats {
  const key = locale ?? '';
  let formats = formatsByLocale.get(key);
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }),
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }),
    };
    formatsByLocale.set(key, formats);
  }
  return formats;
}

/** Today's mail shows its time; older mail its date, both in the reader's locale. */
export function formatListDate(date: number, now: number, locale?: string): string {
  const when = new Date(date);
  // A date beyond what Date can hold would make Intl throw and take the whole list down.
  if (Number.isNaN(when.getTime())) return '(no date)';
  const formats = listDateFormats(locale);
  return (sameLocalDay(when, new Date(now)) ? formats.time : formats.day).format(when);
}

export function isFlagged(header: Pick<MessageHeader, 'flags'>): boolean {
  return header.flags.includes('\\Flagged');
}

export function hasAttachments(header: Pick<MessageHeader, 'hasAttachments'>): boolean {
  return header.hasAttachments === 1;
}

export function messageRowName(header: MessageHeader, now: number, locale?: string): string {
  const parts = [senderLabel(header), subjectLabel(header), formatListDate(header.date, now, locale)];
  if (header.unread) parts.push('unread');
  if (isFlagged(header)) parts.push('flagged');
  if (hasAttachments(header)) parts.push('attachment');
  return parts.join(', ');
}

/**
 * Where a message lives, for a list that mixes folders (search results): the folder's path
 * (INBOX as "Inbox"), after the account's name when there is more than one account.
 */
export function placeLabel(folderPath: string, accountName: string | null): string {
  const folder = folderPath.toUpperCase() === 'INBOX' ? 'Inbox' : folderPath;
  return accountName ? `${accountName} › ${folder}` : folder;
}
