/**
 * What a key press does in the folder tree, following the WAI-ARIA tree view pattern:
 * Up/Down move, Home/End jump, Right expands (or enters) a parent, Left collapses it (or
 * goes to the parent), Enter/Space select. Kept pure so the rules are tested without a DOM.
 */
import type { VisibleFolder } from './folder-tree';

export type TreeAction =
  | { kind: 'focus'; path: string }
  | { kind: 'expand'; path: string }
  | { kind: 'collapse'; path: string }
  | { kind: 'select'; path: string };

export function treeKeyAction(rows: readonly VisibleFolder[], focusedPath: string, key: string): TreeAction | null {
  const index = rows.findIndex((row) => row.folder.path === focusedPath);
  const row = rows[index];
  if (!row) return null;
  const focus = (target: VisibleFolder | undefined): TreeAction | null => (target ? { kind: 'focus', path: target.folder.path } : null);
  switch (key) {
    case 'ArrowDown':
      return focus(rows[index + 1]);
    case 'ArrowUp':
      return focus(rows[index - 1]);
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows[rows.length - 1]);
    case 'ArrowRight':
      if (!row.hasChildren) return null;
      return row.expanded ? focus(rows[index + 1]) : { kind: 'expand', path: row.folder.path };
    case 'ArrowLeft':
      if (row.expanded) return { kind: 'collapse', path: row.folder.path };
      return row.parentPath === null ? null : { kind: 'focus', path: row.parentPath };
    case 'Enter':
    case ' ':
      return row.folder.selectable ? { kind: 'select', path: row.folder.path } : null;
    default:
      return null;
  }
}
