/**
 * The outbox and the saved drafts, with each message's state and, once the server
 * answered, each recipient's outcome in the server's own words. Waiting and failed
 * messages can be cancelled; drafts opened; the undo-send delay set.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { useComposer } from './composer-context';
import { listDrafts } from './draft-store';
import { formatSize } from '../shared/format-size';
import { outboxStateText } from './UndoSendBar';

export function OutboxButton() {
  const composer = useComposer();
  const [open, setOpen] = useState(false);
  if (!composer) return null;
  const count = composer.outbox.length;
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {count > 0 ? `Outbox (${count})` : 'Outbox'}
      </button>
      {open && <OutboxPanel onClose={() => setOpen(false)} />}
    </>
  );
}

function OutboxPanel({ onClose }: { onClose(): void }) {
  const composer = useComposer()!;
  const { db } = useCache();
  const drafts = useLiveQuery(() => listDrafts(db), [db]);
  const [problem, setProblem] = useState<string | null>(null);
  const delayId = useId();

  async function cancel(id: string): Promise<void> {
    try {
      setProblem(null);
      await tern.invoke('outbox.cancel', { id });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Dialog title="Outbox and drafts" onClose={onClose}>
      <section aria-label="Outbox" className="outbox-list">
        <h3>Outbox</h3>
        {composer.outbox.length === 0 ? (
          <p className="muted">Nothing waiting to be sent.</p>
        ) : (
          <ul>
            {composer.outbox.map((entry) => (
              <li key={entry.id} aria-label={entry.subject || '(no subject)'}>
                <strong>{entry.subject || '(no subject)'}</strong> <span className="muted">{formatSize(entry.size)}</span>
                <p>{outboxStateText(entry)}</p>
                <ul aria-label="Recipients" className="outbox-recipients">
                  {entry.recipients.map((r) => (
                    <li key={r.address}>
                      {r.address}: {r.outcome}
                      {r.text && ` (${r.text})`}
                    </li>
                  ))}
                </ul>
                {(entry.state === 'waiting' || entry.state === 'failed') && (
                  <button type="button" className="button small" onClick={() => void cancel(entry.id)}>
                    {entry.state === 'failed' ? 'Remove' : 'Cancel sending'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="button small" onClick={() => void tern.invoke('outbox.retryNow', {}).catch((e: unknown) => setProblem(errorMessage(e)))}>
          Retry now
        </button>
        {problem && <p role="alert">{problem}</p>}
      </section>
      <section aria-label="Drafts" className="outbox-list">
        <h3>Drafts</h3>
        {drafts && drafts.filter((d) => !d.outboxId).length === 0 && <p className="muted">No drafts.</p>}
        <ul>
          {drafts
            ?.filter((d) => !d.outboxId)
            .map((draft) => (
              <li key={draft.id}>
                <button
                  type="button"
                  className="button small"
                  onClick={() => {
                    onClose();
                    composer.openDraft(draft);
                  }}
                >
                  Open draft: {draft.subject || '(no subject)'}
                </button>
              </li>
            ))}
        </ul>
      </section>
      <div className="composer-field is-setting">
        <label htmlFor={delayId}>Undo send delay (seconds)</label>
        <input
          id={delayId}
          type="number"
          min={0}
          max={60}
          value={composer.undoDelaySeconds}
          onChange={(e) => composer.setUndoDelaySeconds(Math.min(60, Math.max(0, Number(e.target.value) || 0)))}
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
