/**
 * The optimistic cache change of a folder operation (create, rename with children, delete
 * with children, subscribe), and its undo when the server cannot carry it out. Messages are
 * not re-keyed on a rename: the folder list shows the new name at once, and the first sync
 * after the replay drops the old path's messages and fetches the new one's (RFC 3501 §6.3.5
 * gives no guarantee that UIDs survive a rename).
 */
import type { Folder } from '../../src-shared/model';
import type { FolderOperation } from '../../src-shared/operations';
import type { TernDexie } from './db';

export interface FolderUndo {
  /** The folder rows as they were before the change. */
  folders: Folder[];
  /** Paths the change added, removed again by an undo. */
  added: string[];
}

/** `path` itself and, with a delimiter, every folder below it. */
function withChildren(folders: readonly Folder[], path: string): Folder[] {
  return folders.filter((f) => f.path === path || (f.delimiter !== null && f.path.startsWith(`${path}${f.delimiter}`)));
}

/** The deepest folder that `path` lies below, by the server's delimiter. */
function parentOf(folders: readonly Folder[], path: string): Folder | undefined {
  return folders
    .filter((f) => f.delimiter !== null && path.startsWith(`${f.path}${f.delimiter}`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

export async function applyFolderChange(db: TernDexie, accountId: string, op: FolderOperation): Promise<FolderUndo> {
  const folders = await db.folders.where('accountId').equals(accountId).toArray();
  switch (op.kind) {
    case 'folder-create': {
      const parent = parentOf(folders, op.folderPath);
      const delimiter = parent?.delimiter ?? folders.find((f) => f.delimiter !== null)?.delimiter ?? null;
      const name = parent ? op.folderPath.slice(parent.path.length + 1) : op.folderPath;
      const folder: Folder = { accountId, path: op.folderPath, name, delimiter, parentPath: parent?.path ?? null, specialUse: null, subscribed: true, selectable: true };
      await db.folders.put(folder);
      return { folders: [], added: [op.folderPath] };
    }
    case 'folder-rename': {
      const moved = withChildren(folders, op.folderPath);
      const renamed = moved.map((f) => {
        const path = `${op.target}${f.path.slice(op.folderPath.length)}`;
        const parent = f.path === op.folderPath ? parentOf(folders.filter((g) => !moved.includes(g)), path) : undefined;
        const parentPath = f.path === op.folderPath ? (parent?.path ?? null) : `${op.target}${(f.parentPath ?? '').slice(op.folderPath.length)}`;
        const name = parent ? path.slice(parent.path.length + 1) : f.path === op.folderPath ? path : f.name;
        return { ...f, path, parentPath, name };
      });
      await db.folders.bulkDelete(moved.map((f) => [accountId, f.path] as [string, string]));
      await db.folders.bulkPut(renamed);
      return { folders: moved, added: renamed.map((f) => f.path) };
    }
    case 'folder-delete': {
      const removed = withChildren(folders, op.folderPath);
      await db.folders.bulkDelete(removed.map((f) => [accountId, f.path] as [string, string]));
      return { folders: removed, added: [] };
    }
    case 'folder-subscribe': {
      const folder = folders.find((f) => f.path === op.folderPath);
      if (folder) await db.folders.put({ ...folder, subscribed: op.value });
      return { folders: folder ? [folder] : [], added: [] };
    }
  }
}

export async function undoFolderChange(db: TernDexie, accountId: string, undo: FolderUndo): Promise<void> {
  await db.folders.bulkDelete(undo.added.map((path) => [accountId, path] as [string, string]));
  await db.folders.bulkPut(undo.folders);
}
