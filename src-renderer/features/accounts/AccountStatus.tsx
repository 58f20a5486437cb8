/**
 * An account's live connection status and its "Sync now" button, as shown under the
 * account's name in the folder pane.
 */
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import { StatusBadge } from '../../components/StatusBadge';
import { errorMessage } from '../shared/error-message';
import { useAccountStatus } from './account-status-context';
import { describeStatus } from './status-text';

export function AccountStatusBadge({ account }: { account: Account }) {
  const view = describeStatus(useAccountStatus(account.id));
  return <StatusBadge label={`${account.name} status`} text={view.text} tone={view.tone} />;
}

export function SyncNowButton({ account }: { account: Account }) {
  const [failure, setFailure] = useState<string | null>(null);

  async function syncNow(): Promise<void> {
    setFailure(null);
    try {
      await tern.invoke('account.syncNow', { accountId: account.id });
    } catch (error) {
      // The account's status shows the connection; this says why the request itself failed.
      setFailure(`Sync failed: ${errorMessage(error)}`);
    }
  }

  return (
    <>
      <button type="button" className="button small" aria-label={`Sync ${account.name} now`} onClick={() => void syncNow()}>
        Sync now
      </button>
      {failure && (
        <p role="alert" className="inline-alert">
          {failure}
        </p>
      )}
    </>
  );
}
