/** The name of the shown folder above the message list, with its account's name and the list's own controls (children). */
import type { ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { folderDisplayName } from '../folders/folder-tree';
import type { FolderRef } from '../shared/refs';
import { useCache } from './cache-context';

export function FolderTitle({ folder, children }: { folder: FolderRef; children?: ReactNode }) {
  const { db } = useCache();
  const { accountId, folderPath } = folder;
  const names = useLiveQuery(
    async () => {
      const [account, record] = await Promise.all([db.accounts.get(accountId), db.folders.get([accountId, folderPath])]);
      // Before the first sync the folder has no record yet; its path is the best name we have.
      return { account: account?.name ?? '', folder: folderDisplayName(record ?? { path: folderPath, name: folderPath }) };
    },
    [db, accountId, folderPath],
  );
  if (!names) return null;
  return (
    <div className="pane-title">
      <span className="pane-title-folder">{names.folder}</span>
      <span className="pane-title-account">{names.account}</span>
      {children}
    </div>
  );
}
