/** Listens for the window's shortcuts (shortcut-keys.ts) and runs the matching action. */
import { useEffect, useRef } from 'react';
import { createShortcutReader, isEditing, type ShortcutAction } from './shortcut-keys';

export function useShortcuts(run: (action: ShortcutAction) => void): void {
  // The latest handler, so the listener is added once and never sees stale state.
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });

  useEffect(() => {
    const read = createShortcutReader();
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented) return;
      const action = read({
        key: event.key,
        time: event.timeStamp,
        modified: event.ctrlKey || event.altKey || event.metaKey,
        editing: isEditing(event.target),
      });
      if (action === null) return;
      event.preventDefault();
      latest.current(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
