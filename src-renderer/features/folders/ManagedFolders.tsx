/**
 * One account's folder tree with folder management around it: "New folder…", the context
 * menu of each folder, the dialogs, drag and drop (a folder onto another moves it there; a
 * message, or the messages picked, onto a folder moves them there, also from another
 * account), and a status line. Every change is queued as
 * an operation (shared/queue-operation.ts), so it shows at once and works offline.
 */
import { useCallback, useState } from 'react';
import type { Account, Folder } from '../../../src-shared/model';
import type { FolderOperation } from '../../../src-shared/operations';
import { useAccountStatus, useAccountStatusReader } from '../accounts/account-status-context';
import { useCache } from '../app/cache-context';
import { performBulk } from '../message-actions/perform-bulk';
import { listUnreadKeys } from '../../cache/queries';
import { queueOperation, type QueueResult } from '../shared/queue-operation';
import type { Dragged } from '../shared/drag-data';
import { FolderDialog, type FolderDialogKind } from './FolderDialog';
import { FolderMenu, type FolderCommand } from './FolderMenu';
import { movedPath } from './folder-plans';
import { folderDisplayName } from './folder-tree';
import { FolderTree } from './FolderTree';
import { FolderPolicyDialog } from '../offline-policy/FolderPolicyDialog';

interface ManagedFoldersProps {
  account: Account;
  folders: Folder[];
  labelledBy: string;
  selectedPath: string | null;
  onSelect(folderPath: string): void;
}

export function ManagedFolders({ account, folders, labelledBy, selectedPath, onSelect }: ManagedFoldersProps) {
  const cache = useCache();
  const statusOf = useAccountStatusReader();
  const connected = useAccountStatus(account.id)?.state === 'online';
  const [menu, setMenu] = useState<{ folder: Folder; at: { x: number; y: number } } | null>(null);
  const [dialog, setDialog] = useState<{ kind: FolderDialogKind; folder: Folder | null } | null>(null);
  const [notice, setNotice] = useState<QueueResult | null>(null);
  const [policyFor, setPolicyFor] = useState<Folder | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  async function queue(operation: FolderOperation, done: string): Promise<void> {
    setDialog(null);
    setNotice(await queueOperation(cache, account, connected, operation, done));
  }

  function choose(folder: Folder, command: FolderCommand): void {
    setMenu(null);
    if (command === 'subscribe') {
      const done = `${folder.subscribed ? 'Unsubscribed from' : 'Subscribed to'} ${folderDisplayName(folder)}`;
      void queue({ kind: 'folder-subscribe', folderPath: folder.path, value: !folder.subscribed }, done);
    } else if (command === 'mark-read') {
      void markAllRead(folder);
    } else if (command === 'offline') {
      setPolicyFor(folder);
    } else {
      setDialog({ kind: command, folder });
    }
  }

  async function markAllRead(folder: Folder): Promise<void> {
    const unread = await listUnreadKeys(cache.db, account.id, folder.path);
    if (unread.length === 0) return setNotice({ ok: true, text: `Nothing unread in ${folderDisplayName(folder)}` });
    setNotice(await performBulk(cache, unread, { flag: '\\Seen', value: true }, statusOf));
  }

  async function drop(target: Folder, dragged: Dragged): Promise<void> {
    if (dragged.kind === 'messages') {
      if (!target.selectable) return setNotice({ ok: false, text: `${folderDisplayName(target)} cannot hold messages.` });
      const to = { accountId: account.id, accountName: account.name, path: target.path };
      setNotice(await performBulk(cache, dragged.messages, { to, keepOriginal: false }, statusOf));
      return;
    }
    if (dragged.accountId !== account.id) return setNotice({ ok: false, text: 'Folders can only be moved within one account.' });
    const folder = folders.find((f) => f.path === dragged.path);
    if (!folder) return;
    const moved = movedPath(folders, folder, target);
    if (!moved.ok) return setNotice({ ok: false, text: moved.reason });
    await queue({ kind: 'folder-rename', folderPath: folder.path, target: moved.path }, `Moved ${folderDisplayName(folder)} to ${moved.path}`);
  }

  return (
    <>
      <button type="button" className="button small new-folder" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'create', folder: null })}>
        New folder…
      </button>
      <FolderTree
        folders={folders}
        labelledBy={labelledBy}
        selectedPath={selectedPath}
        onSelect={onSelect}
        onMenu={(folder, at) => setMenu({ folder, at })}
        onDrop={(target, dragged) => void drop(target, dragged)}
      />
      <p role="status" className={notice && !notice.ok ? 'folder-notice problem' : 'folder-notice'}>
        {notice?.text ?? ''}
      </p>
      {menu && <FolderMenu folder={menu.folder} at={menu.at} onChoose={(command) => choose(menu.folder, command)} onClose={closeMenu} />}
      {policyFor && (
        <FolderPolicyDialog
          account={account}
          folder={policyFor}
          onDone={(text) => {
            setPolicyFor(null);
            setNotice({ ok: true, text });
          }}
          onClose={() => setPolicyFor(null)}
        />
      )}
      {dialog && <FolderDialog kind={dialog.kind} folder={dialog.folder} folders={folders} local={account.incoming.protocol === 'pop3'} onSubmit={(op, done) => void queue(op, done)} onClose={() => setDialog(null)} />}
    </>
  );
}
