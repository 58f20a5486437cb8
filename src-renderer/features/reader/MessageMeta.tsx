/** The From, To, Cc and Date lines of a message, in full (names with their addresses). */
import type { Address } from '../../../src-shared/model';
import { formatAddressList, formatFullDate } from './reader-format';

interface MessageMetaProps {
  from: readonly Address[];
  to: readonly Address[];
  cc: readonly Address[];
  date: number | null;
}

export function MessageMeta({ from, to, cc, date }: MessageMetaProps) {
  return (
    <dl className="reader-meta">
      <dt>From</dt>
      <dd>{formatAddressList(from)}</dd>
      <dt>To</dt>
      <dd>{formatAddressList(to)}</dd>
      {cc.length > 0 && (
        <>
          <dt>Cc</dt>
          <dd>{formatAddressList(cc)}</dd>
        </>
      )}
      <dt>Date</dt>
      <dd>{date === null ? '(no date)' : formatFullDate(date)}</dd>
    </dl>
  );
}
