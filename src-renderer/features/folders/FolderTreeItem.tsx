/**
 * One folder of the tree. Its accessible name carries the unread count ("Inbox, 2 unread"),
 * read live from the unread index, so it follows what the engine writes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { countUnread } from '../../cache/queries';
import { useCache } from '../app/cache-context';
import { FOLDER_DRAG_TYPE, isOurDrag, readDragged, type Dragged } from '../shared/drag-data';
import { protectedReason } from './folder-plans';
import { folderDisplayName, folderItemName, type VisibleFolder } from './folder-tree';

interface FolderTreeItemProps {
  row: VisibleFolder;
  selected: boolean;
  /** Whether this is the one item of the tree reachable with Tab. */
  tabbable: boolean;
  register(element: HTMLLIElement | null): void;
  onFocus(): void;
  onActivate(): void;
  onToggle(): void;
  /** Opens the folder's context menu at a point of the window. */
  onMenu(at: { x: number; y: number }): void;
  /** Something of ours (drag-data.ts) was dropped on the folder. */
  onDrop(dragged: Dragged): void;
}

export function FolderTreeItem({ row, selected, tabbable, register, onFocus, onActivate, onToggle, onMenu, onDrop }: FolderTreeItemProps) {
  const { folder, level, position, siblings, hasChildren, expanded } = row;
  const { db } = useCache();
  const unread = useLiveQuery(() => countUnread(db, folder.accountId, folder.path), [db, folder.accountId, folder.path]) ?? 0;
  const [dropping, setDropping] = useState(false);
  const classes = ['tree-item', selected ? 'is-selected' : '', folder.selectable ? '' : 'is-noselect', unread > 0 ? 'has-unread' : '', dropping ? 'is-drop-target' : ''];

  return (
    <li
      role="treeitem"
      ref={register}
      aria-level={level}
      aria-posinset={position}
      aria-setsize={siblings}
      aria-expanded={hasChildren ? expanded : undefined}
      // A \Noselect folder cannot be selected, so it claims no selection state at all.
      aria-selected={folder.selectable ? selected : undefined}
      aria-label={folderItemName(folder, unread)}
      tabIndex={tabbable ? 0 : -1}
      className={classes.filter(Boolean).join(' ')}
      style={{ paddingInlineStart: `${0.5 + (level - 1) * 1.1}rem` }}
      onFocus={onFocus}
      onClick={onActivate}
      onContextMenu={(event) => {
        event.preventDefault();
        onMenu({ x: event.clientX, y: event.clientY });
      }}
      draggable={protectedReason(folder) === null}
      onDragStart={(event) => {
        event.dataTransfer.setData(FOLDER_DRAG_TYPE, JSON.stringify({ accountId: folder.accountId, path: folder.path }));
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (!isOurDrag([...event.dataTransfer.types])) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        setDropping(false);
        const dragged = readDragged((type) => event.dataTransfer.getData(type));
        if (!dragged) return;
        event.preventDefault();
        onDrop(dragged);
      }}
    >
      <span
        className="tree-toggle"
        aria-hidden="true"
        onClick={(event) => {
          if (!hasChildren) return;
          event.stopPropagation();
          onToggle();
        }}
      >
        {hasChildren ? (expanded ? '▾' : '▸') : ''}
      </span>
      <span className="tree-name">{folderDisplayName(folder)}</span>
      {unread > 0 && (
        <span className="unread-count" aria-hidden="true">
          {unread}
        </span>
      )}
    </li>
  );
}
