/**
 * The right pane: one message, its headers and its body: the HTML part sanitised in a
 * sandboxed frame when there is one (its inline images from the cache), the text part
 * otherwise; then its attachments. The component is keyed by message, so its download,
 * remote-content and dialog state never leak to the next one.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { MessageBody } from '../../../src-shared/model';
import { attachmentBytes } from '../../cache/attachment-queries';
import { getMessage } from '../../cache/queries';
import { useComposer } from '../composer/composer-context';
import { ReplyActions } from '../composer/ReplyActions';
import { EmptyState } from '../../components/EmptyState';
import { useCache } from '../app/cache-context';
import { subjectLabel } from '../message-list/message-row';
import type { MessageRef } from '../shared/refs';
import { AttachedMessageDialog } from './attachments/AttachedMessageDialog';
import { AttachmentList } from './attachments/AttachmentList';
import { useMessageAttachments } from './attachments/use-message-attachments';
import { HtmlBody } from './HtmlBody';
import { MessageMeta } from './MessageMeta';
import { PlainTextBody } from './PlainTextBody';
import { useBodyDownload } from './use-body-download';
import { ViewSourceDialog } from './ViewSourceDialog';

const noImages: ReadonlyMap<string, string> = new Map();

export function Reader({ message }: { message: MessageRef }) {
  const { db } = useCache();
  const { accountId, folderPath, uid } = message;
  const found = useLiveQuery(() => getMessage(db, [accountId, folderPath, uid]), [db, accountId, folderPath, uid]);
  const download = useBodyDownload(message, Boolean(found?.header && !found.body));
  const attachments = useMessageAttachments(db, [accountId, folderPath, uid], Boolean(found?.body));
  const [viewingSource, setViewingSource] = useState(false);
  const [attached, setAttached] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const composer = useComposer();

  if (!found) return null;
  const { header, body } = found;
  if (!header) return <EmptyState>This message is no longer in this folder.</EmptyState>;
  // An inline part the HTML shows is not an attachment; without HTML nothing shows it.
  const listed = (attachments?.parts ?? []).filter((part) => !part.inline || !body?.html);

  return (
    <article aria-label="Message" className={body?.html ? 'reader has-frame' : 'reader'}>
      <header className="reader-header">
        <h2 className="reader-subject">{subjectLabel(header)}</h2>
        <div className="reader-actions">
          <ReplyActions header={header} body={body} />
          <button type="button" className="button small" onClick={() => setViewingSource(true)}>
            View source
          </button>
        </div>
        <MessageMeta from={header.from} to={header.to} cc={header.cc} date={header.date} />
      </header>
      {body?.problem && (
        <p role="note" className="notice">
          {body.problem}
        </p>
      )}
      {/* The body waits for its inline images (a moment's read of the cache), so its frame is drawn once. */}
      {(!body || attachments) && (
        <BodyText
          body={body}
          sender={header.from[0]?.address ?? ''}
          inlineImages={attachments?.inlineImages ?? noImages}
          onMailto={(href) => composer?.composeMailto(href, accountId) ?? false}
          failure={download.failure}
          onRetry={download.retry}
        />
      )}
      <AttachmentList
        items={listed}
        bytesOf={(item) => attachmentBytes(db, [accountId, folderPath, uid], item.partId)}
        onOpenMessage={(item, bytes) => setAttached({ name: item.filename || 'Attached message', bytes })}
      />
      {viewingSource && <ViewSourceDialog message={message} onClose={() => setViewingSource(false)} />}
      {attached && <AttachedMessageDialog name={attached.name} bytes={attached.bytes} onClose={() => setAttached(null)} />}
    </article>
  );
}

interface BodyTextProps {
  body: MessageBody | undefined;
  sender: string;
  inlineImages: ReadonlyMap<string, string>;
  onMailto(href: string): boolean;
  failure: string | null;
  onRetry(): void;
}

function BodyText({ body, sender, inlineImages, onMailto, failure, onRetry }: BodyTextProps) {
  if (body) return body.html ? <HtmlBody html={body.html} sender={sender} inlineImages={inlineImages} /> : <PlainTextBody text={body.text} onMailto={onMailto} />;
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
