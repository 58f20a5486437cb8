/**
 * One message in the list: sender and date on top, the subject below; unread in bold with
 * a dot, flagged with a star. Rows are positioned by the virtual list, and say where they
 * sit in the whole folder (aria-posinset/setsize) since most rows are not in the DOM.
 */
import type { MessageHeader } from '../../../src-shared/model';
import { formatListDate, isFlagged, messageRowName, senderLabel, subjectLabel } from './message-row';

interface MessageRowProps {
  id: string;
  header: MessageHeader;
  now: number;
  position: number;
  total: number;
  /** Pixels from the top of the list. */
  offset: number;
  selected: boolean;
  isOpen: boolean;
  onOpen(): void;
}

export function MessageRow({ id, header, now, position, total, offset, selected, isOpen, onOpen }: MessageRowProps) {
  const flagged = isFlagged(header);
  const classes = ['message-row', header.unread ? 'is-unread' : '', isOpen ? 'is-open' : '', flagged ? 'is-flagged' : ''].filter(Boolean).join(' ');
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-label={messageRowName(header, now)}
      aria-posinset={position}
      aria-setsize={total}
      className={classes}
      style={{ transform: `translateY(${offset}px)` }}
      onClick={onOpen}
    >
      <span className="unread-dot" aria-hidden="true" />
      <span className="message-sender">{senderLabel(header)}</span>
      <span className="message-date">{formatListDate(header.date, now)}</span>
      <span className="message-subject">{subjectLabel(header)}</span>
      <span className="flag-mark" aria-hidden="true">
        {flagged ? '★' : ''}
      </span>
    </div>
  );
}
