/**
 * When a message opened in the reader becomes read. At once by default, as in most mail
 * clients; after a few seconds for people who glance through messages with j/k and want
 * what they only skimmed left unread; or never, leaving it to Mark as read (u). A reading
 * preference of this window (use-preference.ts), read each time a message is opened so a
 * change in Settings applies to the next one.
 */
import { storedPreference } from '../app/use-preference';

export type MarkReadWhen = 'at-once' | 'after-delay' | 'never';

export const MARK_READ_PREFERENCE = 'markReadWhenOpened';
export const MARK_READ_DEFAULT: MarkReadWhen = 'at-once';
/** How long a message must stay open to become read with 'after-delay'. */
export const MARK_READ_DELAY_MS = 3000;

export const markReadChoices: readonly { value: MarkReadWhen; label: string }[] = [
  { value: 'at-once', label: 'As soon as it is opened' },
  { value: 'after-delay', label: `After it has been open ${MARK_READ_DELAY_MS / 1000} seconds` },
  { value: 'never', label: 'Only with Mark as read (u)' },
];

export const isMarkReadWhen = (value: unknown): value is MarkReadWhen => markReadChoices.some((choice) => choice.value === value);

/** Milliseconds after opening that the message becomes read, or null for never. */
export function markReadDelay(when: MarkReadWhen): number | null {
  if (when === 'never') return null;
  return when === 'at-once' ? 0 : MARK_READ_DELAY_MS;
}

/** The delay the stored preference asks for now. */
export function storedMarkReadDelay(): number | null {
  return markReadDelay(storedPreference(MARK_READ_PREFERENCE, MARK_READ_DEFAULT, isMarkReadWhen));
}
