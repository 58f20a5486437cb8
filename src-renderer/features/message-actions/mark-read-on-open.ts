/**
 * When a message opened in the reader becomes read. When it is opened by default, as in
 * most mail clients; after a few seconds for people who glance through messages with j/k
 * and want what they only skimmed left unread; or never, leaving it to Mark as read (u). A
 * reading preference of this window (use-preference.ts), read each time a message is opened
 * so a change in Settings applies to the next one.
 *
 * "When it is opened" waits half a second: marking writes the operation log with strict
 * durability and makes the list and the folder counts refresh, which done at once slowed
 * the switch to an unread message (reading benchmark: switch p95 92 ms against ≤ 50 ms);
 * half a second later the message is on screen and being read. A message passed over
 * faster than that (j held down) stays unread.
 */
import { storedPreference } from '../app/use-preference';

export type MarkReadWhen = 'at-once' | 'after-delay' | 'never';

export const MARK_READ_PREFERENCE = 'markReadWhenOpened';
export const MARK_READ_DEFAULT: MarkReadWhen = 'at-once';
/** How long a message stays open before it becomes read with 'at-once'. */
export const MARK_READ_SETTLE_MS = 500;
/** …and with 'after-delay'. */
export const MARK_READ_DELAY_MS = 3000;

export const markReadChoices: readonly { value: MarkReadWhen; label: string }[] = [
  { value: 'at-once', label: 'When it is opened' },
  { value: 'after-delay', label: `After it has been open ${MARK_READ_DELAY_MS / 1000} seconds` },
  { value: 'never', label: 'Only with Mark as read (u)' },
];

export const isMarkReadWhen = (value: unknown): value is MarkReadWhen => markReadChoices.some((choice) => choice.value === value);

/** Milliseconds after opening that the message becomes read, or null for never. */
export function markReadDelay(when: MarkReadWhen): number | null {
  if (when === 'never') return null;
  return when === 'at-once' ? MARK_READ_SETTLE_MS : MARK_READ_DELAY_MS;
}

/** The delay the stored preference asks for now. */
export function storedMarkReadDelay(): number | null {
  return markReadDelay(storedPreference(MARK_READ_PREFERENCE, MARK_READ_DEFAULT, isMarkReadWhen));
}
