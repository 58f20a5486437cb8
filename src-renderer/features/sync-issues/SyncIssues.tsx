/**
 * The "Sync issues" view: every queued change the server could not carry out as asked
 * (docs/sync.md), with what was asked and what happened, until the user dismisses it.
 * Nothing the engine gives up on disappears without a line here.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useCache } from '../app/cache-context';

export function SyncIssuesButton() {
  const { db } = useCache();
  const count = useLiveQuery(() => db.syncIssues.count(), [db]) ?? 0;
  const pending = useLiveQuery(() => db.operations.count(), [db]) ?? 0;
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={count > 0 ? 'button attention' : 'button'} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {count > 0 ? `Sync issues (${count})` : 'Sync issues'}
      </button>
      {pending > 0 && (
        <span role="status" className="pending-changes">
          {pending === 1 ? '1 change waiting for the server' : `${pending} changes waiting for the server`}
        </span>
      )}
      {open && <SyncIssuesDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SyncIssuesDialog({ onClose }: { onClose(): void }) {
  const { db } = useCache();
  const issues = useLiveQuery(() => db.syncIssues.toArray(), [db]);
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]);
  const nameOf = (accountId: string) => accounts?.find((a) => a.id === accountId)?.name ?? accountId;
  return (
    <Dialog title="Sync issues" onClose={onClose}>
      {issues && issues.length === 0 && <p>Every change you made reached the server.</p>}
      <ul aria-label="Sync issues" className="sync-issues">
        {issues?.map((issue) => (
          <li key={issue.id} className="sync-issue">
            <p className="sync-issue-summary">
              <strong>{issue.summary}</strong> <span className="sync-issue-account">({nameOf(issue.accountId)}, {new Date(issue.at).toLocaleString()})</span>
            </p>
            <p className="sync-issue-detail">{issue.detail}</p>
            <button type="button" className="button" aria-label={`Dismiss: ${issue.summary}`} onClick={() => void db.syncIssues.delete(issue.id!)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        {issues && issues.length > 1 && (
          <button type="button" className="button" onClick={() => void db.syncIssues.clear()}>
            Dismiss all
          </button>
        )}
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
