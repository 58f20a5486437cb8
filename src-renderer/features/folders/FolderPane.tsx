/**
 * The left pane: for every account, its name, live status, "Sync now" and folder tree.
 * Only one folder is selected across all accounts; the panes to the right show it.
 */
import { useId } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Account } from '../../../src-shared/model';
import { listFolders } from '../../cache/queries';
import { EmptyState } from '../../components/EmptyState';
import { AccountStatusBadge, SyncNowButton } from '../accounts/AccountStatus';
import { useCache } from '../app/cache-context';
import { isUnifiedInbox, unifiedInbox } from '../message-list/list-source';
import { UnifiedInboxItem } from '../message-list/UnifiedInboxItem';
import type { FolderRef } from '../shared/refs';
import { ManagedFolders } from './ManagedFolders';
import { AccountSettingsButton } from '../account-settings/AccountSettingsButton';
import { AccountOfflineButton } from '../offline-policy/AccountOfflineButton';

interface FolderPaneProps {
  accounts: Account[] | undefined;
  selected: FolderRef | null;
  onSelect(folder: FolderRef): void;
}

export function FolderPane({ accounts, selected, onSelect }: FolderPaneProps) {
  return (
    <nav aria-label="Folders" className="folder-pane">
      {accounts?.length === 0 && <EmptyState>No accounts yet. Choose “Add account” to set one up.</EmptyState>}
      {accounts && accounts.length > 0 && (
        <UnifiedInboxItem selected={selected !== null && isUnifiedInbox(selected)} onSelect={() => onSelect(unifiedInbox)} />
      )}
      {accounts?.map((account) => (
        <AccountFolders
          key={account.id}
          account={account}
          selectedPath={selected?.accountId === account.id ? selected.folderPath : null}
          onSelect={(folderPath) => onSelect({ accountId: account.id, folderPath })}
        />
      ))}
    </nav>
  );
}

interface AccountFoldersProps {
  account: Account;
  selectedPath: string | null;
  onSelect(folderPath: string): void;
}

function AccountFolders({ account, selectedPath, onSelect }: AccountFoldersProps) {
  const { db } = useCache();
  const headingId = useId();
  const folders = useLiveQuery(() => listFolders(db, account.id), [db, account.id]);
  return (
    <div className="account-folders">
      <div className="account-header">
        <h2 id={headingId} className="account-name">
          {account.name}
        </h2>
        <SyncNowButton account={account} />
        <AccountOfflineButton account={account} />
        <AccountSettingsButton account={account} />
      </div>
      <AccountStatusBadge account={account} />
      {folders && folders.length > 0 && <ManagedFolders account={account} folders={folders} labelledBy={headingId} selectedPath={selectedPath} onSelect={onSelect} />}
      {folders?.length === 0 && <p className="muted small">Folders appear after the first sync.</p>}
    </div>
  );
}
