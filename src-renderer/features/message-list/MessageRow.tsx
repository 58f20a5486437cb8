/**
 * One message in the list: sender and date on top, the subject and the first words of a
 * cached body below; unread in bold with a dot, flagged with a star, a paper clip for
 * attachments. Rows are positioned by the virtual list, and say where they
 * sit in the whole folder (aria-posinset/setsize) since most rows are not in the DOM.
 */
import type { StoredMessage } from '../../cache/list-keys';
import { MESSAGE_DRAG_TYPE, messageDragData } from '../shared/drag-data';
import type { MessageRef } from '../shared/refs';
import { formatListDate, hasAttachments, isFlagged, messageRowName, senderLabel, subjectLabel } from './message-row';

interface MessageRowProps {
  id: string;
  header: StoredMessage;
  /** The first words of the cached body (use-snippets.ts), when it is cached. */
  snippet?: string | undefined;
  now: number;
  position: number;
  total: number;
  /** Pixels from the top of the list. */
  offset: number;
  selected: boolean;
  /** The row the keyboard is on (aria-activedescendant), where the focus ring shows; the selected row unless several are picked. */
  active?: boolean;
  isOpen: boolean;
  /** A search result only the server found (its body is not in the cache): said in its name and shown. */
  foundOnServer?: boolean;
  /** Where the message lives (placeLabel), for a list that mixes folders: said in its name and shown. */
  place?: string;
  onOpen(): void;
  /** What a drag from this row carries: all the picked messages when it is one of them; else this one. */
  dragged?: readonly MessageRef[] | undefined;
  /** Ctrl/Cmd+click adds or removes the row from a multiple selection, Shift+click selects up to it; absent where rows cannot be picked. */
  onPick?(how: 'toggle' | 'range'): void;
}

export function MessageRow({ id, header, snippet, now, position, total, offset, selected, active = selected, isOpen, foundOnServer = false, place, onOpen, dragged, onPick }: MessageRowProps) {
  const flagged = isFlagged(header);
  const classes = ['message-row', header.unread ? 'is-unread' : '', isOpen ? 'is-open' : '', flagged ? 'is-flagged' : '', active ? 'is-active' : ''].filter(Boolean).join(' ');
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-label={[messageRowName(header, now), place && `in ${place}`, foundOnServer && 'found on the server'].filter(Boolean).join(', ')}
      aria-posinset={position}
      aria-setsize={total}
      className={classes}
      style={{ transform: `translateY(${offset}px)` }}
      onClick={(event) => {
        if (onPick && (event.ctrlKey || event.metaKey)) onPick('toggle');
        else if (onPick && event.shiftKey) onPick('range');
        else onOpen();
      }}
      // Dropped on a folder of the tree, it moves there (folders/ManagedFolders.tsx).
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(MESSAGE_DRAG_TYPE, messageDragData(dragged ?? [header]));
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span className="unread-dot" aria-hidden="true" />
      <span className="message-sender">{senderLabel(header)}</span>
      <span className="message-date">{formatListDate(header.date, now)}</span>
      <span className="message-subject">
        {subjectLabel(header)}
        {snippet && <span className="message-snippet"> — {snippet}</span>}
      </span>
      <span className="row-marks" aria-hidden="true">
        {place && <span className="place-mark">{place}</span>}
        {foundOnServer && <span className="server-mark">server</span>}
        {hasAttachments(header) && <span className="attachment-mark">📎</span>}
        {flagged && <span className="flag-mark">★</span>}
      </span>
    </div>
  );
}
