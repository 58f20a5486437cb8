/**
 * The list pane while a query is in the search box: the best matches first, as a listbox
 * like the message list (same rows, same keys), with a status line saying how many were
 * found and whether the index is still being built.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { EmptyState } from '../../components/EmptyState';
import type { StoredMessage } from '../../cache/list-keys';
import { useCache } from '../app/cache-context';
import { MessageRow } from '../message-list/MessageRow';
import { nextListIndex } from '../message-list/list-keys';
import { refKey, type MessageRef } from '../shared/refs';
import { resultLimit, useLocalSearch } from './use-search';

const rowHeights = { comfortable: 60, compact: 34 };

interface SearchResultsProps {
  input: string;
  compact: boolean;
  open: MessageRef | null;
  onOpen(message: MessageRef): void;
}

const messageRef = (m: StoredMessage): MessageRef => ({ accountId: m.accountId, folderPath: m.folderPath, uid: m.uid });

export function SearchResults({ input, compact, open, onOpen }: SearchResultsProps) {
  const { db } = useCache();
  const idPrefix = useId();
  const results = useLocalSearch(db, input);
  const [active, setActive] = useState(-1);
  if (!results) return null;
  const { messages, indexing } = results;
  const openKey = open ? refKey(open) : null;
  const rowHeight = compact ? rowHeights.compact : rowHeights.comfortable;
  const activeIndex = Math.min(active, messages.length - 1);
  const now = Date.now();
  const count = messages.length === resultLimit ? `The best ${resultLimit} results` : `${messages.length} ${messages.length === 1 ? 'result' : 'results'}`;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = messages[activeIndex];
    if (event.key === 'Enter' && row) {
      event.preventDefault();
      onOpen(messageRef(row));
      return;
    }
    const next = nextListIndex(event.key, activeIndex, messages.length);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    document.getElementById(`${idPrefix}-${next}`)?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <>
      <p className="list-notice" role="status" aria-label="Search status">
        {count}
        {!indexing.done && ` · indexing, ${indexing.indexed.toLocaleString()} messages so far`}
      </p>
      {messages.length === 0 ? (
        <EmptyState>No messages match</EmptyState>
      ) : (
        <div
          role="listbox"
          aria-label="Search results"
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
                now={now}
                position={i + 1}
                total={messages.length}
                offset={i * rowHeight}
                selected={i === activeIndex}
                isOpen={refKey(messageRef(message)) === openKey}
                onOpen={() => {
                  setActive(i);
                  onOpen(messageRef(message));
                }}
              />
            ))}
          </div>
        </div>
      )}
    </>
  );
}
