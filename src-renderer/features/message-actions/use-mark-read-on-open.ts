/**
 * Marks the open message read as the reading preference says (mark-read-on-open.ts): once
 * per opening, only when it was unread as it opened, and not once the user has set its
 * read state themselves meanwhile (their choice stands, e.g. u pressed at once to keep it
 * unread). Leaving the message before the delay is over leaves it unread.
 */
import { useEffect, useRef } from 'react';
import type { MessageHeader } from '../../../src-shared/model';
import type { MessageRef } from '../shared/refs';
import { storedMarkReadDelay } from './mark-read-on-open';

/** Returns `cancel`, for the user's own read action. */
export function useMarkReadOnOpen(message: MessageRef, header: MessageHeader | undefined, markRead: () => void): () => void {
  const { accountId, folderPath, uid } = message;
  const opening = `${accountId}\n${folderPath}\n${uid}`;
  // The header of this message, not one a live query still holds from the message before.
  const loaded = header !== undefined && header.accountId === accountId && header.folderPath === folderPath && header.uid === uid;
  const unreadAsOpened = useRef(false);
  unreadAsOpened.current = loaded && header.unread === 1;
  const latest = useRef(markRead);
  useEffect(() => {
    latest.current = markRead;
  });
  // The opening whose mark is settled: made, not wanted, or overruled by the user. Set only
  // then, not when the timer starts, so an effect run twice (React's StrictMode) still marks.
  const settled = useRef<string | null>(null);
  const current = useRef(opening);
  current.current = opening;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  useEffect(() => {
    if (!loaded || settled.current === opening) return;
    const delay = storedMarkReadDelay();
    if (!unreadAsOpened.current || delay === null) {
      settled.current = opening;
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = null;
      settled.current = opening;
      latest.current();
    }, delay);
    return stopTimer;
  }, [opening, loaded]);

  return () => {
    settled.current = current.current;
    stopTimer();
  };
}
