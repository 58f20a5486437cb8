/**
 * Folder operations, replayed so that a second run has no further effect: the folder list
 * is read first, and a create whose folder exists, a rename whose old name is gone and new
 * name present, or a delete of a folder already gone are the goal reached (docs/sync.md).
 */
import type { Folder } from '../../../src-shared/model';
import type { FolderOperation, OperationOutcome } from '../../../src-shared/operations';
import { describeOperation } from '../../../src-shared/operations';
import { toFolders } from '../imap/folder-list';
import type { ImapConnection } from '../imap/imap-connection';

export async function runFolderOperation(connection: ImapConnection, accountId: string, op: FolderOperation): Promise<OperationOutcome> {
  const { folders: listedFolders, namespacePrefix } = await connection.listFolders();
  const folders = toFolders(accountId, listedFolders, namespacePrefix);
  const listed = (path: string) => folders.find((f) => f.path === path);
  const done: OperationOutcome = { result: 'done', placed: [], issue: null };
  const conflict = (kind: 'folder-gone' | 'refused', detail: string): OperationOutcome => ({
    result: 'conflict',
    issue: { kind, summary: describeOperation(op), detail },
  });
  const source = listed(op.folderPath);
  switch (op.kind) {
    case 'folder-create':
      if (!source) await connection.changeFolder({ kind: 'create', path: op.folderPath });
      return done;
    case 'folder-rename':
      if (!source) return listed(op.target) ? done : conflict('folder-gone', `The folder ${op.folderPath} no longer exists on the server.`);
      if (listed(op.target)) return conflict('refused', `A folder named ${op.target} already exists on the server.`);
      await connection.changeFolder({ kind: 'rename', path: op.folderPath, target: op.target });
      // Subscriptions are names, not folders (RFC 3501 §6.3.6), and servers such as Dovecot
      // leave them behind on a rename: they are carried over here.
      for (const folder of [source, ...childrenOf(folders, source)].filter((f) => f.subscribed)) {
        await connection.changeFolder({ kind: 'subscribe', path: `${op.target}${folder.path.slice(op.folderPath.length)}`, value: true });
        await connection.changeFolder({ kind: 'subscribe', path: folder.path, value: false });
      }
      return done;
    case 'folder-delete': {
      if (!source) return done;
      // Servers refuse to delete a folder that has children (Dovecot), or keep it as \Noselect
      // (RFC 3501 §6.3.4): the deepest children go first.
      const deepestFirst = childrenOf(folders, source).sort((a, b) => b.path.length - a.path.length);
      for (const child of deepestFirst) await connection.changeFolder({ kind: 'delete', path: child.path });
      await connection.changeFolder({ kind: 'delete', path: op.folderPath });
      return done;
    }
    case 'folder-subscribe':
      if (!source) return conflict('folder-gone', `The folder ${op.folderPath} no longer exists on the server.`);
      await connection.changeFolder({ kind: 'subscribe', path: op.folderPath, value: op.value });
      return done;
  }
}

function childrenOf(folders: readonly Folder[], parent: Folder): Folder[] {
  const delimiter = parent.delimiter;
  return delimiter === null ? [] : folders.filter((f) => f.path.startsWith(`${parent.path}${delimiter}`));
}
