/** One message in the list: sender and date on top, the subject below, unread in bold with a dot. */
import type { MessageHeader } from '../../../src-shared/model';
import { formatListDate, messageRowName, senderLabel, subjectLabel } from './message-row';

interface MessageRowProps {
  header: MessageHeader;
  now: number;
  selected: boolean;
  isOpen: boolean;
  tabbable: boolean;
  register(element: HTMLDivElement | null): void;
  onFocus(): void;
  onOpen(): void;
}

export function MessageRow({ header, now, selected, isOpen, tabbable, register, onFocus, onOpen }: MessageRowProps) {
  const classes = ['message-row', header.unread ? 'is-unread' : '', isOpen ? 'is-open' : ''].filter(Boolean).join(' ');
  return (
    <div
      role="option"
      ref={register}
      aria-selected={selected}
      aria-label={messageRowName(header, now)}
      tabIndex={tabbable ? 0 : -1}
      className={classes}
      onFocus={onFocus}
      onClick={onOpen}
    >
      <span className="unread-dot" aria-hidden="true" />
      <span className="message-sender">{senderLabel(header)}</span>
      <span className="message-date">{formatListDate(header.date, now)}</span>
      <span className="message-subject">{subjectLabel(header)}</span>
    </div>
  );
}
