/**
 * The search field above the message list. `/` anywhere outside a text field puts the
 * cursor here (the mail clients' convention); Escape clears it and returns to the list.
 * Results appear as the query is typed (SearchResults); the index starts building when
 * the field first appears.
 */
import { useEffect, useRef } from 'react';
import { useCache } from '../app/cache-context';
import { isEditing } from '../app/shortcut-keys';
import { searchIndexFor } from './index-feed';

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
}

export function SearchBox({ value, onChange }: SearchBoxProps) {
  const field = useRef<HTMLInputElement>(null);
  const { db } = useCache();
  // Start indexing the cache in the background now, so the first query finds it built.
  useEffect(() => void searchIndexFor(db), [db]);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isEditing(event.target)) return;
      event.preventDefault();
      field.current?.focus();
      field.current?.select();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="search-box" role="search">
      <input
        ref={field}
        type="search"
        aria-label="Search mail"
        aria-keyshortcuts="/"
        placeholder="Search   from: subject: is:unread has:attachment …"
        value={value}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // Escape here belongs to the field, not to the window's "close message".
            event.preventDefault();
            event.stopPropagation();
            onChange('');
          }
        }}
      />
    </div>
  );
}
