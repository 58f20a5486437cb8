/**
 * The middle pane: the selected folder's messages, newest first, as a single-select ARIA
 * listbox. The arrow keys (and j/k) move the selection; Enter or a click opens the
 * message in the reader, so skimming the list never downloads bodies by accident.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { EmptyState } from '../../components/EmptyState';
import { useCache } from '../app/cache-context';
import { listMessageWindow } from '../../cache/queries';
import type { FolderRef, MessageRef } from '../shared/refs';
import { nextListIndex } from './list-keys';
import { MessageRow } from './MessageRow';

// Rendered rows stay within windowMax (until the list is virtualised); a page is how far
// "Show older messages" slides the window.
const pageSize = 250;
const windowMax = 500;

interface MessageListProps {
  folder: FolderRef;
  openUid: number | null;
  onOpen(message: MessageRef): void;
}

export function MessageList({ folder, openUid, onOpen }: MessageListProps) {
  const { db } = useCache();
  // The window ends `end` messages down from the newest and holds at most windowMax of them.
  const [end, setEnd] = useState(pageSize);
  const fetched = useLiveQuery(async () => {
    const start = Math.max(0, end - windowMax);
    // One row more than shown tells whether older messages exist.
    const found = await listMessageWindow(db, folder.accountId, folder.folderPath, start, end - start + 1);
    return { start, rows: found.slice(0, end - start), hasOlder: found.length > end - start };
  }, [db, folder.accountId, folder.folderPath, end]);
  const [activeUid, setActiveUid] = useState<number | null>(null);
  const elements = useRef(new Map<number, HTMLDivElement>());

  // Until a new window arrives the previous one stays on screen, buttons included, so the
  // two always agree.
  if (!fetched) return null;
  const { start, rows, hasOlder } = fetched;
  const activeIndex = rows.findIndex((row) => row.uid === activeUid);
  const tabStop = activeIndex >= 0 ? activeUid : (rows[0]?.uid ?? null);
  const now = Date.now();

  const open = (uid: number): void => onOpen({ ...folder, uid });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      if (activeUid === null || activeIndex < 0) return;
      event.preventDefault();
      open(activeUid);
      return;
    }
    const next = nextListIndex(event.key, activeIndex, rows.length);
    const uid = next === null ? undefined : rows[next]?.uid;
    if (uid === undefined) return;
    event.preventDefault();
    setActiveUid(uid);
    elements.current.get(uid)?.focus();
  }

  return (
    <>
      {start > 0 && (
        <button type="button" className="button link window-button" onClick={() => setEnd((current) => Math.max(pageSize, current - pageSize))}>
          Show newer messages
        </button>
      )}
      <div role="listbox" aria-label="Messages" className="message-list" onKeyDown={onKeyDown}>
        {rows.map((header) => (
          <MessageRow
            key={header.uid}
            header={header}
            now={now}
            selected={header.uid === activeUid}
            isOpen={header.uid === openUid}
            tabbable={header.uid === tabStop}
            register={(element) => {
              if (element) elements.current.set(header.uid, element);
              else elements.current.delete(header.uid);
            }}
            onFocus={() => setActiveUid(header.uid)}
            onOpen={() => open(header.uid)}
          />
        ))}
      </div>
      {rows.length === 0 && <EmptyState>No messages in this folder</EmptyState>}
      {hasOlder && (
        <button type="button" className="button link window-button" onClick={() => setEnd((current) => current + pageSize)}>
          Show older messages
        </button>
      )}
    </>
  );
}
