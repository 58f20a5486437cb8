/**
 * The dialogs of folder management: a name for a new or renamed folder, a new parent for a
 * moved one, and a confirmation before a delete (which takes the folder's messages and
 * subfolders with it). Each turns the user's choice into a folder operation.
 */
import { useState } from 'react';
import type { Folder } from '../../../src-shared/model';
import type { FolderOperation } from '../../../src-shared/operations';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { folderDisplayName } from './folder-tree';
import { childPath, movedPath, renamedPath, type PathResult } from './folder-plans';

export type FolderDialogKind = 'create' | 'rename' | 'move' | 'delete';

interface FolderDialogProps {
  kind: FolderDialogKind;
  /** The folder acted on; for create, the parent (null: top level). */
  folder: Folder | null;
  folders: readonly Folder[];
  /** The account's folders exist only in this cache (POP3): nothing is deleted on a server. */
  local: boolean;
  onSubmit(operation: FolderOperation, done: string): void;
  onClose(): void;
}

const TOP = '\u0000top';

export function FolderDialog({ kind, folder, folders, local, onSubmit, onClose }: FolderDialogProps) {
  const [name, setName] = useState(kind === 'rename' && folder ? folder.name : '');
  const [parent, setParent] = useState(TOP);
  const [tried, setTried] = useState(false);
  const shown = folder ? folderDisplayName(folder) : '';

  if (kind === 'delete' && folder) {
    return (
      <Dialog title={`Delete ${shown}?`} onClose={onClose}>
        <p>The folder, its subfolders and every message in them will be deleted {local ? 'from this computer' : 'on the server'}. This cannot be undone.</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={() => onSubmit({ kind: 'folder-delete', folderPath: folder.path }, `Deleted ${shown}`)}>
            Delete folder
          </button>
        </div>
      </Dialog>
    );
  }

  const parentFolder = parent === TOP ? null : (folders.find((f) => f.path === parent) ?? null);
  const result: PathResult =
    kind === 'create' ? childPath(folders, folder, name) : kind === 'rename' && folder ? renamedPath(folders, folder, name) : folder ? movedPath(folders, folder, parentFolder) : { ok: false, reason: 'No folder chosen.' };
  const title = kind === 'create' ? (folder ? `New folder in ${shown}` : 'New folder') : kind === 'rename' ? `Rename ${shown}` : `Move ${shown}`;

  function submit(): void {
    setTried(true);
    if (!result.ok) return;
    if (kind === 'create') onSubmit({ kind: 'folder-create', folderPath: result.path }, `Created ${result.path}`);
    else if (folder) onSubmit({ kind: 'folder-rename', folderPath: folder.path, target: result.path }, `${kind === 'rename' ? 'Renamed' : 'Moved'} ${shown} to ${result.path}`);
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {kind === 'move' ? (
          <FormField label="New parent folder" error={tried && !result.ok ? result.reason : undefined}>
            {(control) => (
              <select {...control} value={parent} onChange={(event) => setParent(event.target.value)}>
                <option value={TOP}>Top level</option>
                {folders
                  .filter((f) => f.delimiter !== null && f.path !== folder?.path)
                  .map((f) => (
                    <option key={f.path} value={f.path}>
                      {f.path}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
        ) : (
          <FormField label="Folder name" error={tried && !result.ok ? result.reason : undefined}>
            {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />}
          </FormField>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            {kind === 'create' ? 'Create' : kind === 'rename' ? 'Rename' : 'Move'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
