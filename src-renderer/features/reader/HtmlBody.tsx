/**
 * An HTML body, sanitised and shown in a sandboxed frame (no scripts, an opaque origin,
 * popups only so that links can leave for the browser). Remote content stays blocked
 * until the reader loads it for this message or always for this sender.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { allowRemoteContent, isRemoteContentAllowed } from '../../cache/queries';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { frameDocument } from './html/frame-document';
import { sanitiseMail } from './html/sanitize-mail';

interface HtmlBodyProps {
  html: string;
  /** The From address, whose "always load" choice applies. */
  sender: string;
  /** data: URLs of the message's inline (cid:) images, by Content-ID. */
  inlineImages: ReadonlyMap<string, string>;
}

export function HtmlBody({ html, sender, inlineImages }: HtmlBodyProps) {
  const { db, durable } = useCache();
  const senderAllowed = useLiveQuery(() => isRemoteContentAllowed(db, sender), [db, sender]);
  const [allowedOnce, setAllowedOnce] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const allowRemote = allowedOnce || senderAllowed === true;
  const mail = useMemo(() => sanitiseMail(html, allowRemote, inlineImages), [html, allowRemote, inlineImages]);

  // Until the sender's choice is known, showing the frame could flash (or fetch) wrongly.
  if (senderAllowed === undefined) return null;

  function alwaysForSender(): void {
    allowRemoteContent(durable, sender).catch((error: unknown) => setFailure(errorMessage(error)));
  }

  return (
    <>
      {mail.hasRemote && !allowRemote && (
        <div role="region" aria-label="Remote content" className="remote-banner">
          <p>Remote content in this message is blocked to protect your privacy.</p>
          <div className="remote-actions">
            <button type="button" className="button" onClick={() => setAllowedOnce(true)}>
              Load remote content for this message
            </button>
            {sender && (
              <button type="button" className="button" onClick={alwaysForSender}>
                Always for {sender}
              </button>
            )}
          </div>
          {failure && <p role="alert">{failure}</p>}
        </div>
      )}
      <iframe
        title="Message body"
        className="reader-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={frameDocument(mail.html, allowRemote)}
      />
    </>
  );
}
