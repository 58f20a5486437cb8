/**
 * The middle pane: a folder's (or every Inbox's) messages in the chosen order, as an ARIA
 * listbox that stays fast at 100,000 rows. Only the rows in view (and a few either side)
 * exist in the DOM (@tanstack/react-virtual), and only their pages are read from the cache
 * (useMessageWindow). Focus stays on the listbox and aria-activedescendant names the active
 * row, because a focused row element could be scrolled out of existence. The arrow keys
 * and j/k move; Enter or a click opens the message, so skimming never downloads bodies.
 * Several messages can be picked for one action (use-picking.ts): Ctrl/Cmd+click,
 * Shift+click, Shift+Up/Down; Escape lets go of them.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { EmptyState } from '../../components/EmptyState';
import type { ListView } from '../../cache/queries';
import type { StoredMessage } from '../../cache/list-keys';
import { useCache } from '../app/cache-context';
import { refKey, type MessageRef } from '../shared/refs';
import { followActive, nextListIndex } from './list-keys';
import { usePicking } from './use-picking';
import { MessageRow } from './MessageRow';
import { pageSize, useMessageWindow } from './use-message-window';
import { usePlaceOf } from './use-place-of';
import { useSnippets } from './use-snippets';

// Must match .message-row's heights in message-list.css: rows are placed by arithmetic.
const rowHeights = { comfortable: 60, compact: 34 };

interface MessageListProps {
  list: ListView;
  /** One line per message instead of two. */
  compact: boolean;
  open: MessageRef | null;
  onOpen(message: MessageRef): void;
  /** The messages picked for one action together; empty when only the open one is chosen. */
  picked: readonly MessageRef[];
  onPick(messages: MessageRef[]): void;
}

const emptyText = {
  all: 'No messages in this folder',
  unread: 'No unread messages in this folder',
  flagged: 'No flagged messages in this folder',
  attachments: 'No messages with attachments in this folder',
};

const messageRef = (header: StoredMessage): MessageRef => ({ accountId: header.accountId, folderPath: header.folderPath, uid: header.uid });

export function MessageList({ list, compact, open, onOpen, picked, onPick }: MessageListProps) {
  const { db } = useCache();
  const idPrefix = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState({ first: 0, last: 0 });
  const view = useMessageWindow(db, list, pages.first * pageSize, pages.last * pageSize);
  const placeOf = usePlaceOf(db, list.source.kind === 'unified' ? 'accounts' : null);
  // The active row by position, and by message once its row is loaded: mail arriving above
  // moves it down, and the selection follows the message rather than the position.
  const [active, setActive] = useState<{ index: number; key: string | null }>({ index: -1, key: null });
  const openKey = open ? refKey(open) : null;
  const total = view?.total ?? 0;
  const rowHeight = compact ? rowHeights.compact : rowHeights.comfortable;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  // A density change moves every row: measure again.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / pageSize);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / pageSize);
  // The rows in view decide which pages to read; pages change far less often than rows.
  useEffect(() => setPages({ first: firstPage, last: lastPage }), [firstPage, lastPage]);
  const rowAt = (index: number) => (view ? view.rows[index - view.start] : undefined);
  const snippets = useSnippets(db, items.flatMap((item) => rowAt(item.index) ?? []).map(messageRef));

  const refs = view ? view.rows.map(messageRef) : [];
  const keys = refs.map(refKey);
  const activeIndex = view ? followActive(active, keys, view.start) : -1;
  const picking = usePicking({ picked, onPick, onOpen, rows: refs, start: view?.start ?? 0, activeIndex, whole: false });

  if (!view) return null;
  if (total === 0) return <EmptyState>{emptyText[list.filter]}</EmptyState>;
  const activeRow = rowAt(activeIndex);
  const activate = (index: number): void => setActive({ index, key: keys[index - view.start] ?? null });
  const now = Date.now();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (picking.key(event) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      if (!activeRow) return;
      event.preventDefault();
      picking.opened(activeIndex);
      onOpen(messageRef(activeRow));
      return;
    }
    const next = nextListIndex(event.key, activeIndex, total);
    if (next === null) return;
    event.preventDefault();
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) picking.extend(next);
    activate(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label="Messages"
      aria-multiselectable="true"
      aria-activedescendant={activeRow ? `${idPrefix}-${activeIndex}` : undefined}
      tabIndex={0}
      className={compact ? 'message-list is-compact' : 'message-list'}
      onKeyDown={onKeyDown}
    >
      <div className="message-list-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const header = rowAt(item.index);
          if (!header) return <div key={item.key} className="message-row is-loading" aria-hidden="true" style={{ transform: `translateY(${item.start}px)` }} />;
          return (
            <MessageRow
              key={item.key}
              id={`${idPrefix}-${item.index}`}
              header={header}
              snippet={snippets.get(keys[item.index - view.start]!)}
              now={now}
              position={item.index + 1}
              total={total}
              offset={item.start}
              selected={picked.length > 0 ? picking.isPicked(item.index) : item.index === activeIndex}
              active={item.index === activeIndex}
              isOpen={keys[item.index - view.start] === openKey}
              place={placeOf(header)}
              onOpen={() => {
                picking.opened(item.index);
                activate(item.index);
                onOpen(messageRef(header));
              }}
              dragged={picking.draggedFrom(item.index)}
              onPick={(how) => {
                picking.pick(item.index, how);
                activate(item.index);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
