/**
 * One message in the list: sender and date on top, the subject and the first words of a
 * cached body below; unread in bold with a dot, flagged with a star, a paper clip for
 * attachments. Rows are positioned by the virtual list, and say where they
 * sit in the whole folder (aria-posinset/setsize) since most rows are not in the DOM.
 */
import type { StoredMessage } from '../../cache/list-keys';
import { MESSAGE_DRAG_TYPE } from '../shared/drag-data';
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
  isOpen: boolean;
  /** A search result only the server found (its body is not in the cache): said in its name and shown. */
  foundOnServer?: boolean;
  /** Where the message lives (placeLabel), for a list that mixes folders: said in its name and shown. */
  place?: string;
  onOpen(): void;
}

export function MessageRow({ id, header, snippet, now, position, total, offset, selected, isOpen, foundOnServer = false, place, onOpen }: MessageRowProps) {
  const flagged = isFlagged(header);
  const classes = ['message-row', header.unread ? 'is-unread' : '', isOpen ? 'is-open' : '', flagged ? 'is-flagged' : ''].filter(Boolean).join(' ');
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
      onClick={onOpen}
      // Dropped on a folder of the tree, it moves there (folders/ManagedFolders.tsx).
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify({ accountId: header.accountId, folderPath: header.folderPath, uid: header.uid }));
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
