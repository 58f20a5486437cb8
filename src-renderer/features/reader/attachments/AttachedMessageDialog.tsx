/**
 * An attached message (message/rfc822) opened as a message: parsed by the engine (the same
 * parser as any body), shown with the same sanitising reader, its own attachments savable
 * and openable in turn.
 */
import { useEffect, useMemo, useState } from 'react';
import { fromBase64, toBase64 } from '../../../../src-shared/base64';
import type { CommandResult } from '../../../../src-shared/contract';
import { tern } from '../../../bridge/tern';
import { Dialog } from '../../../components/Dialog';
import { errorMessage } from '../../shared/error-message';
import { HtmlBody } from '../HtmlBody';
import { MessageMeta } from '../MessageMeta';
import { PlainTextBody } from '../PlainTextBody';
import { AttachmentList, type AttachmentItem } from './AttachmentList';
import { imageDataUrl } from './data-url';

type AttachedMessage = CommandResult<'attachment.parseMessage'>;

interface AttachedMessageDialogProps {
  name: string;
  bytes: Uint8Array;
  onClose(): void;
}

export function AttachedMessageDialog({ name, bytes, onClose }: AttachedMessageDialogProps) {
  const [parsed, setParsed] = useState<{ message: AttachedMessage } | { failure: string } | null>(null);
  const [nested, setNested] = useState<{ name: string; bytes: Uint8Array } | null>(null);

  useEffect(() => {
    let current = true;
    tern.invoke('attachment.parseMessage', { dataBase64: toBase64(bytes) }).then(
      (message) => current && setParsed({ message }),
      (error: unknown) => current && setParsed({ failure: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [bytes]);

  const message = parsed && 'message' in parsed ? parsed.message : null;
  const title = message ? message.subject.trim() || '(no subject)' : name;
  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="attached-message">
        {parsed === null && <p className="muted">Opening…</p>}
        {parsed && 'failure' in parsed && <p role="alert">{parsed.failure}</p>}
        {message && <AttachedMessageView message={message} onOpenMessage={(item, nestedBytes) => setNested({ name: item.filename || 'Attached message', bytes: nestedBytes })} />}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {nested && <AttachedMessageDialog name={nested.name} bytes={nested.bytes} onClose={() => setNested(null)} />}
    </Dialog>
  );
}

function AttachedMessageView({ message, onOpenMessage }: { message: AttachedMessage; onOpenMessage(item: AttachmentItem, bytes: Uint8Array): void }) {
  const inlineImages = useMemo(() => {
    const images = new Map<string, string>();
    for (const part of message.attachments) {
      if (!part.contentId) continue;
      const url = imageDataUrl(fromBase64(part.dataBase64), part.contentType);
      if (url) images.set(part.contentId, url);
    }
    return images;
  }, [message]);
  const listed = message.attachments.filter((part) => !part.inline || message.html === null);
  return (
    <article aria-label="Attached message" className="reader">
      <MessageMeta from={message.from} to={message.to} cc={message.cc} date={message.date} />
      {message.problem && (
        <p role="note" className="notice">
          {message.problem}
        </p>
      )}
      {message.html ? <HtmlBody html={message.html} sender={message.from[0]?.address ?? ''} inlineImages={inlineImages} /> : <PlainTextBody text={message.text} />}
      <AttachmentList
        items={listed}
        bytesOf={(item) => Promise.resolve(fromBase64(message.attachments.find((part) => part.partId === item.partId)?.dataBase64 ?? ''))}
        onOpenMessage={onOpenMessage}
      />
    </article>
  );
}
