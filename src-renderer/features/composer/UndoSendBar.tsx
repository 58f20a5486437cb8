/** After Send: what happens to the message, with Undo while it is still held back. */
import { useEffect, useState } from 'react';
import type { OutboxEntry } from '../../../src-shared/outgoing';
import type { Draft } from './draft';

interface UndoSendBarProps {
  queued: { draft: Draft; outboxId: string; sendAt: number } | null;
  entry: OutboxEntry | undefined;
  problem: string | null;
  onUndo(): void;
  onDismiss(): void;
}

export function UndoSendBar({ queued, entry, problem, onUndo, onDismiss }: UndoSendBarProps) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!queued) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [queued]);

  const canUndo = queued !== null && entry !== undefined && entry.state === 'waiting' && entry.attempts === 0;
  let text = '';
  if (problem) text = problem;
  else if (queued && canUndo) {
    const seconds = Math.max(0, Math.ceil((queued.sendAt - now) / 1000));
    text = seconds > 60 ? `Message scheduled for ${new Date(queued.sendAt).toLocaleString()}.` : `Sending in ${seconds} s.`;
  } else if (queued) text = entry ? outboxStateText(entry) : 'Message sent.';

  return (
    <div role="status" aria-label="Sending" className={text ? 'undo-bar is-shown' : 'undo-bar'}>
      {text && (
        <>
          <span>{text}</span>
          {canUndo && (
            <button type="button" className="button small" onClick={onUndo}>
              Undo
            </button>
          )}
          <button type="button" className="button small" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </>
      )}
    </div>
  );
}

export function outboxStateText(entry: OutboxEntry): string {
  switch (entry.state) {
    case 'waiting':
      return entry.error ? `Waiting to send: ${entry.error}` : entry.sendAt > Date.now() ? `Scheduled for ${new Date(entry.sendAt).toLocaleString()}` : 'Waiting to send';
    case 'sending':
      return 'Sending…';
    case 'submitted':
      return entry.error ?? 'Sent; saving a copy in Sent…';
    case 'failed':
      return `Not sent: ${entry.error ?? 'the server refused it.'}`;
  }
}
