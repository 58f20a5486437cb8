/**
 * The list pane while a query is in the search box: the best local matches first, then
 * what only the servers found (labelled so), as a listbox like the message list (same rows,
 * same keys, several picked at once the same way, and Ctrl/Cmd+A for all of them; each row
 * names its folder, as results come from all of them), with a status line saying how many were found, whether the index is still
 * being built and how the server search went.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { EmptyState } from '../../components/EmptyState';
import type { StoredMessage } from '../../cache/list-keys';
import { useCache } from '../app/cache-context';
import { MessageRow } from '../message-list/MessageRow';
import { usePlaceOf } from '../message-list/use-place-of';
import { nextListIndex } from '../message-list/list-keys';
import { usePicking } from '../message-list/use-picking';
import { useSnippets } from '../message-list/use-snippets';
import { refKey, type MessageRef } from '../shared/refs';
import { resultLimit, useLocalSearch } from './use-search';
import { useServerSearch } from './use-server-search';

const rowHeights = { comfortable: 60, compact: 34 };

interface SearchResultsProps {
  input: string;
  compact: boolean;
  open: MessageRef | null;
  onOpen(message: MessageRef): void;
  /** Results picked for one action together (use-picking.ts); Ctrl/Cmd+A picks them all. */
  picked: readonly MessageRef[];
  onPick(messages: MessageRef[]): void;
}

const messageRef = (m: StoredMessage): MessageRef => ({ accountId: m.accountId, folderPath: m.folderPath, uid: m.uid });

export function SearchResults({ input, compact, open, onOpen, picked, onPick }: SearchResultsProps) {
  const { db } = useCache();
  const idPrefix = useId();
  const results = useLocalSearch(db, input);
  const placeOf = usePlaceOf(db, 'folders');
  const server = useServerSearch(db, input);
  const [active, setActive] = useState(-1);
  const snippets = useSnippets(db, [...(results?.messages ?? []), ...server.messages].map(messageRef));
  const localMessages = results?.messages ?? [];
  const localKeys = new Set(localMessages.map((m) => refKey(messageRef(m))));
  const serverOnly = server.messages.filter((m) => !localKeys.has(refKey(messageRef(m)))).sort((a, b) => b.date - a.date);
  const messages = [...localMessages, ...serverOnly];
  const activeIndex = Math.min(active, messages.length - 1);
  const picking = usePicking({ picked, onPick, onOpen, rows: messages.map(messageRef), start: 0, activeIndex, whole: true });
  if (!results) return null;
  const { indexing } = results;
  const isServerOnly = (i: number) => i >= results.messages.length;
  const openKey = open ? refKey(open) : null;
  const rowHeight = compact ? rowHeights.compact : rowHeights.comfortable;
  const now = Date.now();
  const local = results.messages.length;
  const plural = (n: number) => `${n} ${n === 1 ? 'result' : 'results'}`;
  const onlyServer = local === 0 && serverOnly.length > 0 && !server.searching;
  const count = onlyServer ? `${plural(serverOnly.length)}, found on the server` : local === resultLimit ? `The best ${resultLimit} results` : plural(local);
  const serverNote = server.searching
    ? ' · searching the servers…'
    : `${serverOnly.length > 0 && !onlyServer ? ` · ${serverOnly.length} more found on the server` : ''}${server.problems.length > 0 ? ` · server search: ${server.problems.join('; ')}` : ''}`;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (picking.key(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    const row = messages[activeIndex];
    if (event.key === 'Enter' && row) {
      event.preventDefault();
      picking.opened(activeIndex);
      onOpen(messageRef(row));
      return;
    }
    const next = nextListIndex(event.key, activeIndex, messages.length);
    if (next === null) return;
    event.preventDefault();
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) picking.extend(next);
    setActive(next);
    document.getElementById(`${idPrefix}-${next}`)?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <>
      <p className="list-notice" role="status" aria-label="Search status">
        {count}
        {!indexing.done && ` · indexing, ${indexing.indexed.toLocaleString()} messages so far`}
        {serverNote}
      </p>
      {messages.length === 0 ? (
        <EmptyState>{server.searching ? 'No messages match here; asking the servers…' : 'No messages match'}</EmptyState>
      ) : (
        <div
          role="listbox"
          aria-label="Search results"
          aria-multiselectable="true"
          aria-activedescendant={activeIndex >= 0 ? `${idPrefix}-${activeIndex}` : undefined}
          tabIndex={0}
          className={compact ? 'message-list is-compact' : 'message-list'}
          onKeyDown={onKeyDown}
        >
          <div className="message-list-rows" style={{ height: messages.length * rowHeight }}>
            {messages.map((message, i) => (
              <MessageRow
                key={refKey(messageRef(message))}
                id={`${idPrefix}-${i}`}
                header={message}
                snippet={snippets.get(refKey(messageRef(message)))}
                now={now}
                position={i + 1}
                total={messages.length}
                offset={i * rowHeight}
                selected={picked.length > 0 ? picking.isPicked(i) : i === activeIndex}
                active={i === activeIndex}
                isOpen={refKey(messageRef(message)) === openKey}
                foundOnServer={isServerOnly(i)}
                place={placeOf(message)}
                onOpen={() => {
                  picking.opened(i);
                  setActive(i);
                  onOpen(messageRef(message));
                }}
                dragged={picking.draggedFrom(i)}
                onPick={(how) => {
                  picking.pick(i, how);
                  setActive(i);
                }}
              />
            ))}
          </div>
        </div>
      )}
    </>
  );
}
