/** "New message" in the top bar, and its key, c. */
import { useEffect, useRef } from 'react';
import { isEditing } from '../app/shortcut-keys';
import { useComposer } from './composer-context';

export function NewMessageButton({ accountId }: { accountId: string | null }) {
  const composer = useComposer();
  const latest = useRef({ composer, accountId });
  latest.current = { composer, accountId };

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== 'c' || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isEditing(event.target)) return;
      const { composer: c, accountId: id } = latest.current;
      if (!c || !id) return;
      event.preventDefault();
      c.compose(id);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!composer) return null;
  return (
    <button type="button" className="button primary" aria-keyshortcuts="c" disabled={!accountId} onClick={() => accountId && composer.compose(accountId)}>
      New message
    </button>
  );
}
