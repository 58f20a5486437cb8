/**
 * One account's folders as an ARIA tree (WAI-ARIA APG "tree view"), one Tab stop per tree
 * (roving tabindex), arrow keys to move and open or close, Enter or Space to select.
 *
 * The items are siblings in the DOM, their hierarchy given by aria-level, aria-setsize and
 * aria-posinset (which ARIA provides for exactly this): each item's box is then its own
 * row, so a click (or a test's click, which aims at the box's centre) lands on the folder
 * meant rather than on a subfolder nested inside it.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Folder } from '../../../src-shared/model';
import { buildFolderTree, visibleFolders } from './folder-tree';
import { treeKeyAction } from './folder-tree-keys';
import type { Dragged } from '../shared/drag-data';
import { FolderTreeItem } from './FolderTreeItem';

interface FolderTreeProps {
  folders: Folder[];
  labelledBy: string;
  selectedPath: string | null;
  onSelect(folderPath: string): void;
  onMenu(folder: Folder, at: { x: number; y: number }): void;
  onDrop(target: Folder, dragged: Dragged): void;
}

export function FolderTree({ folders, labelledBy, selectedPath, onSelect, onMenu, onDrop }: FolderTreeProps) {
  const tree = useMemo(() => buildFolderTree(folders), [folders]);
  // Everything starts expanded; the set remembers what the user closed.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleFolders(tree, collapsed), [tree, collapsed]);
  const [focusedPath, setFocusedPath] = useState<string | null>(null);
  const elements = useRef(new Map<string, HTMLLIElement>());

  const isVisible = (path: string | null): path is string => path !== null && rows.some((row) => row.folder.path === path);
  const tabStop = [focusedPath, selectedPath, rows[0]?.folder.path ?? null].find(isVisible) ?? null;

  function focusItem(path: string): void {
    setFocusedPath(path);
    elements.current.get(path)?.focus();
  }

  function setExpanded(path: string, expanded: boolean): void {
    setCollapsed((current) => {
      const next = new Set(current);
      if (expanded) next.delete(path);
      else next.add(path);
      return next;
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    if (!tabStop || event.altKey || event.ctrlKey || event.metaKey) return;
    // The context menu from the keyboard: the Menu key, or Shift+F10.
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      const folder = rows.find((row) => row.folder.path === tabStop)?.folder;
      const box = elements.current.get(tabStop)?.getBoundingClientRect();
      if (!folder) return;
      event.preventDefault();
      onMenu(folder, { x: box ? box.left + 16 : 0, y: box ? box.bottom : 0 });
      return;
    }
    const action = treeKeyAction(rows, tabStop, event.key);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'focus') focusItem(action.path);
    else if (action.kind === 'select') onSelect(action.path);
    else setExpanded(action.path, action.kind === 'expand');
  }

  return (
    <ul role="tree" aria-labelledby={labelledBy} className="folder-tree" onKeyDown={onKeyDown}>
      {rows.map((row) => (
        <FolderTreeItem
          key={row.folder.path}
          row={row}
          selected={row.folder.path === selectedPath}
          tabbable={row.folder.path === tabStop}
          register={(element) => {
            if (element) elements.current.set(row.folder.path, element);
            else elements.current.delete(row.folder.path);
          }}
          onFocus={() => setFocusedPath(row.folder.path)}
          onActivate={() => {
            if (row.folder.selectable) onSelect(row.folder.path);
          }}
          onToggle={() => setExpanded(row.folder.path, !row.expanded)}
          onMenu={(at) => onMenu(row.folder, at)}
          onDrop={(dragged) => onDrop(row.folder, dragged)}
        />
      ))}
    </ul>
  );
}
