/**
 * The right pane: one message, its headers and its body: the HTML part sanitised in a
 * sandboxed frame when there is one, the text part otherwise. The component is keyed by
 * message, so its download and remote-content state never leak to the next one.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { MessageBody } from '../../../src-shared/model';
import { getMessage } from '../../cache/queries';
import { ReplyActions } from '../composer/ReplyActions';
import { EmptyState } from '../../components/EmptyState';
import { useCache } from '../app/cache-context';
import { subjectLabel } from '../message-list/message-row';
import type { MessageRef } from '../shared/refs';
import { HtmlBody } from './HtmlBody';
import { PlainTextBody } from './PlainTextBody';
import { formatAddressList, formatFullDate } from './reader-format';
import { useBodyDownload } from './use-body-download';

export function Reader({ message }: { message: MessageRef }) {
  const { db } = useCache();
  const { accountId, folderPath, uid } = message;
  const found = useLiveQuery(() => getMessage(db, [accountId, folderPath, uid]), [db, accountId, folderPath, uid]);
  const download = useBodyDownload(message, Boolean(found?.header && !found.body));

  if (!found) return null;
  const { header, body } = found;
  if (!header) return <EmptyState>This message is no longer in this folder.</EmptyState>;

  return (
    <article aria-label="Message" className={body?.html ? 'reader has-frame' : 'reader'}>
      <header className="reader-header">
        <h2 className="reader-subject">{subjectLabel(header)}</h2>
        <ReplyActions header={header} body={body} />
        <dl className="reader-meta">
          <dt>From</dt>
          <dd>{formatAddressList(header.from)}</dd>
          <dt>To</dt>
          <dd>{formatAddressList(header.to)}</dd>
          {header.cc.length > 0 && (
            <>
              <dt>Cc</dt>
              <dd>{formatAddressList(header.cc)}</dd>
            </>
          )}
          <dt>Date</dt>
          <dd>{formatFullDate(header.date)}</dd>
        </dl>
      </header>
      {body?.problem && (
        <p role="note" className="notice">
          {body.problem}
        </p>
      )}
      <BodyText body={body} sender={header.from[0]?.address ?? ''} failure={download.failure} onRetry={download.retry} />
    </article>
  );
}

interface BodyTextProps {
  body: MessageBody | undefined;
  sender: string;
  failure: string | null;
  onRetry(): void;
}

function BodyText({ body, sender, failure, onRetry }: BodyTextProps) {
  if (body) return body.html ? <HtmlBody html={body.html} sender={sender} /> : <PlainTextBody text={body.text} />;
  return (
    <section aria-label="Message body" className="reader-body is-pending">
      {failure ? (
        <div className="download-failure">
          <p role="alert">{failure}</p>
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : (
        <p className="muted">Downloading…</p>
      )}
    </section>
  );
}
