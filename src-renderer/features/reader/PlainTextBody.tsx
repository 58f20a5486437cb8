/**
 * A plain-text body: the text as written, with links that open outside the app and quoted
 * blocks folded behind a toggle (a reply's quote is usually the message the reader just
 * read). Focusable so that the keyboard can scroll a long message.
 */
import { useState } from 'react';
import { linkify, splitQuoted, type TextBlock } from './plain-text';

export function PlainTextBody({ text }: { text: string }) {
  const blocks = splitQuoted(text);
  return (
    <section aria-label="Message body" className="reader-body is-text" tabIndex={0}>
      {blocks.map((block, index) => (block.quoted ? <QuotedBlock key={index} block={block} /> : <LinkedText key={index} text={block.text} />))}
    </section>
  );
}

function QuotedBlock({ block }: { block: TextBlock }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="quoted">
      <button type="button" className="button link quote-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide quoted text' : `Show quoted text (${block.lines} ${block.lines === 1 ? 'line' : 'lines'})`}
      </button>
      {open && (
        <blockquote className="quoted-text">
          <LinkedText text={block.text} />
        </blockquote>
      )}
    </div>
  );
}

function LinkedText({ text }: { text: string }) {
  return (
    <span className="text-run">
      {linkify(text).map((piece, index) =>
        piece.kind === 'link' ? (
          // target=_blank: the Electron host sends it to the system browser, a browser opens a tab.
          <a key={index} href={piece.href} title={piece.href} target="_blank" rel="noopener noreferrer">
            {piece.text}
          </a>
        ) : (
          piece.text
        ),
      )}
    </span>
  );
}
