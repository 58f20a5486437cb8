/**
 * A plain-text body: the text as written, with links that open outside the app (mailto:
 * links in Tern's composer, when `onMailto` takes them) and quoted blocks folded behind a
 * toggle (a reply's quote is usually the message the reader just read). Focusable so that
 * the keyboard can scroll a long message.
 */
import { useState } from 'react';
import { linkify, splitQuoted, type TextBlock } from './plain-text';

/** Answers true when it opened the link itself (the browser then does nothing with it). */
type MailtoHandler = (href: string) => boolean;

export function PlainTextBody({ text, onMailto }: { text: string; onMailto?: MailtoHandler }) {
  const blocks = splitQuoted(text);
  return (
    <section aria-label="Message body" className="reader-body is-text" tabIndex={0}>
      {blocks.map((block, index) => (block.quoted ? <QuotedBlock key={index} block={block} onMailto={onMailto} /> : <LinkedText key={index} text={block.text} onMailto={onMailto} />))}
    </section>
  );
}

function QuotedBlock({ block, onMailto }: { block: TextBlock; onMailto: MailtoHandler | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="quoted">
      <button type="button" className="button link quote-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide quoted text' : `Show quoted text (${block.lines} ${block.lines === 1 ? 'line' : 'lines'})`}
      </button>
      {open && (
        <blockquote className="quoted-text">
          <LinkedText text={block.text} onMailto={onMailto} />
        </blockquote>
      )}
    </div>
  );
}

function LinkedText({ text, onMailto }: { text: string; onMailto: MailtoHandler | undefined }) {
  return (
    <span className="text-run">
      {linkify(text).map((piece, index) =>
        piece.kind === 'link' ? (
          // target=_blank: the Electron host sends it to the system browser, a browser opens a tab.
          <a
            key={index}
            href={piece.href}
            title={piece.href}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(event) => {
              if (/^mailto:/i.test(piece.href) && onMailto?.(piece.href)) event.preventDefault();
            }}
          >
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </span>
  );
}
