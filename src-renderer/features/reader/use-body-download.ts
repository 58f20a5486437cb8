/**
 * Asks the engine once for a body that is not in the cache. Success needs no handling:
 * the engine writes the body through the store port and the reader's live query shows it.
 * Failure is kept to be shown, and `retry` asks again.
 */
import { useEffect, useRef, useState } from 'react';
import { tern } from '../../bridge/tern';
import { errorMessage } from '../shared/error-message';
import type { MessageRef } from '../shared/refs';

export function useBodyDownload(message: MessageRef, missing: boolean): { failure: string | null; retry(): void } {
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  // A ref, not state, so React's development double-run of effects still asks only once.
  const askedFor = useRef(-1);
  const { accountId, folderPath, uid } = message;

  useEffect(() => {
    if (!missing || askedFor.current === attempt) return;
    askedFor.current = attempt;
    tern.invoke('message.loadBody', { accountId, folderPath, uid }).catch((error: unknown) => {
      // The engine's messages are whole sentences ("Can't download this message: Work is offline.").
      setFailure(errorMessage(error));
    });
  }, [missing, attempt, accountId, folderPath, uid]);

  return {
    failure,
    retry() {
      setFailure(null);
      setAttempt((current) => current + 1);
    },
  };
}
