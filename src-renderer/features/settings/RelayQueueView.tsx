/**
 * The relay's queue as it changes: counts, each message with every recipient's state and
 * the last reason it was deferred, "Flush queue" to try everything now, and Delete.
 */
import { useState } from 'react';
import type { RelayQueuedMessage } from '../../../src-shared/relay-settings';
import { tern } from '../../bridge/tern';
import { formatSize } from '../shared/format-size';
import { errorMessage } from '../shared/error-message';
import { queueSummary, recipientText } from './queue-text';

export function RelayQueueView({ queue, running }: { queue: RelayQueuedMessage[]; running: boolean }) {
  const [problem, setProblem] = useState<string | null>(null);
  const now = Date.now();

  function run(action: Promise<unknown>): void {
    setProblem(null);
    action.catch((error: unknown) => setProblem(errorMessage(error)));
  }

  return (
    <section aria-label="Relay queue" className="relay-queue">
      <h3>Queue</h3>
      <p role="status" aria-label="Queue summary">
        {running ? queueSummary(queue) : 'The queue is shown while the relay runs.'}
      </p>
      {queue.length > 0 && (
        <ul aria-label="Queued messages">
          {queue.map((message) => (
            <li key={message.id} aria-label={`Message ${message.id} from ${message.from || 'the relay (a delivery report)'}`} className="relay-message">
              <p>
                <strong>{message.from || '(delivery report)'}</strong>{' '}
                <span className="muted">
                  {new Date(message.queuedAt).toLocaleString()}, {formatSize(message.size)}, id {message.id}
                </span>
              </p>
              <ul aria-label="Recipients" className="relay-recipients">
                {message.recipients.map((r) => (
                  <li key={r.address}>{recipientText(r, now)}</li>
                ))}
              </ul>
              <button type="button" className="button small" aria-label={`Delete message ${message.id}`} onClick={() => run(tern.invoke('relay.delete', { id: message.id }))}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button small" disabled={!running} onClick={() => run(tern.invoke('relay.flush', {}))}>
        Flush queue
      </button>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
