/**
 * Conversation view: the list grouped by thread, as an ARIA tree. A thread is one row
 * (its newest message's sender and date, its first subject, a message count); Enter or a
 * click opens the newest message and expands the thread, ArrowRight/ArrowLeft expand and
 * collapse, j/k and the arrows move. Rows are virtualised like the flat list.
 *
 * Threading needs every message of the list at once (a reply may sit anywhere in it), so
 * this view reads up to `threadLimit` newest messages; a bigger list says so and shows the
 * threads among those.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { EmptyState } from '../../components/EmptyState';
import { countMessages, listNewestMessages, type ListView } from '../../cache/queries';
import type { StoredMessage } from '../../cache/list-keys';
import { useCache } from '../app/cache-context';
import { refKey, type MessageRef } from '../shared/refs';
import { buildThreads, conversationRows, threadRowName, type ConversationRow } from './conversation-rows';
import { nextListIndex } from './list-keys';
import { formatListDate, hasAttachments, isFlagged, messageRowName, senderLabel, subjectLabel } from './message-row';
import { useSnippets } from './use-snippets';

export const threadLimit = 20_000;
const rowHeights = { comfortable: 60, compact: 34 };

interface ConversationListProps {
  list: ListView;
  compact: boolean;
  open: MessageRef | null;
  onOpen(message: MessageRef): void;
}

const messageRef = (m: StoredMessage): MessageRef => ({ accountId: m.accountId, folderPath: m.folderPath, uid: m.uid });

export function ConversationList({ list, compact, open, onOpen }: ConversationListProps) {
  const { db } = useCache();
  const idPrefix = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const viewKey = JSON.stringify(list);
  const loaded = useLiveQuery(async () => {
    const [total, messages] = await Promise.all([countMessages(db, { ...list, filter: 'all' }), listNewestMessages(db, { ...list, filter: 'all' }, threadLimit)]);
    return { total, messages };
    // The view is compared by value (viewKey).
  }, [db, viewKey]);
  const threads = useMemo(() => (loaded ? buildThreads(loaded.messages, list.filter) : []), [loaded, list.filter]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => conversationRows(threads, expanded), [threads, expanded]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const rowHeight = compact ? rowHeights.compact : rowHeights.comfortable;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 10 });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const rowMessage = (row: ConversationRow) => (row.kind === 'thread' ? row.newest : row.message);
  const snippets = useSnippets(db, virtualizer.getVirtualItems().flatMap((item) => (rows[item.index] ? [messageRef(rowMessage(rows[item.index]!))] : [])));

  if (!loaded) return null;
  if (rows.length === 0) return <EmptyState>No conversations to show</EmptyState>;
  const activeIndex = activeKey === null ? -1 : rows.findIndex((row) => row.key === activeKey);
  const activeRow = rows[activeIndex];
  const openKey = open ? refKey(open) : null;
  const now = Date.now();

  const toggle = (key: string, on: boolean): void => {
    const next = new Set(expanded);
    if (on) next.add(key);
    else next.delete(key);
    setExpanded(next);
  };

  function openRow(row: ConversationRow): void {
    setActiveKey(row.key);
    if (row.kind === 'message') return onOpen(messageRef(row.message));
    onOpen(messageRef(row.newest));
    if (row.count > 1) toggle(row.key, true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (activeRow && (event.key === 'Enter' || event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      if (event.key === 'Enter') return openRow(activeRow);
      if (activeRow.kind === 'thread') return toggle(activeRow.key, event.key === 'ArrowRight');
      // ArrowLeft on a message goes to its thread's row, as in any tree.
      if (event.key === 'ArrowLeft') {
        const parent = rows.slice(0, activeIndex).findLast((row) => row.kind === 'thread');
        if (parent) setActiveKey(parent.key);
      }
      return;
    }
    const next = nextListIndex(event.key, activeIndex, rows.length);
    if (next === null) return;
    event.preventDefault();
    setActiveKey(rows[next]!.key);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  return (
    <>
      {loaded.total > threadLimit && (
        <p className="list-notice" role="note">
          Conversations of the newest {threadLimit.toLocaleString()} of {loaded.total.toLocaleString()} messages.
        </p>
      )}
      <div
        ref={scroller}
        role="tree"
        aria-label="Conversations"
        aria-activedescendant={activeRow ? `${idPrefix}-${activeIndex}` : undefined}
        tabIndex={0}
        className={compact ? 'message-list is-compact' : 'message-list'}
        onKeyDown={onKeyDown}
      >
        <div className="message-list-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const message = rowMessage(row);
            const snippet = snippets.get(refKey(messageRef(message)));
            const flagged = row.kind === 'thread' ? row.thread.messages.some(({ message: m }) => isFlagged(m)) : isFlagged(message);
            const attachment = row.kind === 'thread' ? row.thread.messages.some(({ message: m }) => hasAttachments(m)) : hasAttachments(message);
            const unread = row.kind === 'thread' ? row.unread > 0 : message.unread === 1;
            const isOpen = row.kind === 'thread' ? !expanded.has(row.key) && row.thread.messages.some(({ message: m }) => m.key === openKey) : message.key === openKey;
            const classes = ['message-row', row.kind === 'message' ? 'is-reply' : '', unread ? 'is-unread' : '', isOpen ? 'is-open' : '', item.index === activeIndex ? 'is-active' : ''].filter(Boolean).join(' ');
            return (
              <div
                key={row.key}
                id={`${idPrefix}-${item.index}`}
                role="treeitem"
                aria-level={row.kind === 'thread' ? 1 : 2}
                aria-expanded={row.kind === 'thread' && row.count > 1 ? expanded.has(row.key) : undefined}
                aria-selected={item.index === activeIndex}
                aria-label={row.kind === 'thread' ? threadRowName(row, now) : messageRowName(message, now)}
                className={classes}
                style={{ transform: `translateY(${item.start}px)`, paddingLeft: row.kind === 'message' ? `${1.6 + Math.min(row.depth, 8) * 0.8}rem` : undefined }}
                onClick={() => openRow(row)}
              >
                <span className="unread-dot" aria-hidden="true" />
                <span className="message-sender">{senderLabel(message)}</span>
                <span className="message-date">{formatListDate(message.date, now)}</span>
                <span className="message-subject">
                  {subjectLabel(row.kind === 'thread' ? row.thread.messages[0]!.message : message)}
                  {snippet && <span className="message-snippet"> — {snippet}</span>}
                </span>
                <span className="row-marks" aria-hidden="true">
                  {row.kind === 'thread' && row.count > 1 && <span className="thread-count">{row.count}</span>}
                  {attachment && <span className="attachment-mark">📎</span>}
                  {flagged && <span className="flag-mark">★</span>}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
