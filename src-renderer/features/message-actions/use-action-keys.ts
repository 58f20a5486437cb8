/**
 * The single-key shortcuts e, #, u and s (action-keys.ts) for whichever actions are on
 * screen: the open message's, or a multiple selection's. Keys typed into a field, or with
 * Ctrl, Alt or Cmd, are never shortcuts. The listener is added once and always calls the
 * latest `act`, so it never sees stale state.
 */
import { useEffect, useRef } from 'react';
import { isEditing } from '../app/shortcut-keys';
import { actionForKey } from './action-keys';
import type { MessageAction } from './message-operations';

export function useActionKeys(act: (action: MessageAction) => unknown): void {
  const latest = useRef(act);
  useEffect(() => {
    latest.current = act;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isEditing(event.target)) return;
      const action = actionForKey(event.key);
      if (action === null) return;
      event.preventDefault();
      void latest.current(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
