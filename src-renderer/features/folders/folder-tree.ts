/**
 * Turns the flat folder list the engine writes (each folder names its `parentPath`) into
 * the tree the folder pane shows, in the order people expect: Inbox first, then the
 * special-use folders in a fixed order, then everything else alphabetically.
 */
import type { Folder, SpecialUse } from '../../../src-shared/model';

export interface FolderNode {
  folder: Folder;
  children: FolderNode[];
}

/** One row of the tree as currently visible (collapsed subtrees left out), in display order. */
export interface VisibleFolder {
  folder: Folder;
  /** 1 for top-level folders, as `aria-level` wants it. */
  level: number;
  /** 1-based place among its siblings, and their number (aria-posinset, aria-setsize). */
  position: number;
  siblings: number;
  /** The path of the row's parent in the tree, null at the top. */
  parentPath: string | null;
  hasChildren: boolean;
  expanded: boolean;
}

// RFC 3501 §5.1: INBOX is case-insensitive; every other name is the server's own.
export function isInbox(folder: Pick<Folder, 'path'>): boolean {
  return folder.path.toUpperCase() === 'INBOX';
}

export function folderDisplayName(folder: Pick<Folder, 'path' | 'name'>): string {
  return isInbox(folder) ? 'Inbox' : folder.name;
}

/** The folder's accessible name: what a screen reader says for the tree item. */
export function folderItemName(folder: Folder, unread: number): string {
  const name = folderDisplayName(folder);
  return unread > 0 ? `${name}, ${unread} unread` : name;
}

const specialUseOrder: SpecialUse[] = ['drafts', 'sent', 'archive', 'junk', 'trash'];

function rank(folder: Folder): number {
  if (isInbox(folder) || folder.specialUse === 'inbox') return 0;
  const special = folder.specialUse ? specialUseOrder.indexOf(folder.specialUse) : -1;
  return special >= 0 ? 1 + special : 1 + specialUseOrder.length;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareFolders(a: Folder, b: Folder): number {
  return rank(a) - rank(b) || collator.compare(folderDisplayName(a), folderDisplayName(b)) || collator.compare(a.path, b.path);
}

export function buildFolderTree(folders: readonly Folder[]): FolderNode[] {
  const nodes = new Map<string, FolderNode>(folders.map((folder) => [folder.path, { folder, children: [] }]));
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.folder.parentPath === null ? undefined : nodes.get(node.folder.parentPath);
    // A folder whose parent the server did not list (or that names itself) still shows, at the top.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  // Server data is untrusted: a parent cycle would hide its folders, so lift them to the top.
  const reached = new Set<FolderNode>();
  const mark = (node: FolderNode): void => {
    reached.add(node);
    node.children.forEach(mark);
  };
  roots.forEach(mark);
  for (const node of nodes.values()) {
    if (reached.has(node)) continue;
    for (const other of nodes.values()) other.children = other.children.filter((child) => child !== node);
    roots.push(node);
    mark(node);
  }
  return sortTree(roots);
}

function sortTree(nodes: FolderNode[]): FolderNode[] {
  for (const node of nodes) sortTree(node.children);
  return nodes.sort((a, b) => compareFolders(a.folder, b.folder));
}

export function visibleFolders(tree: readonly FolderNode[], collapsed: ReadonlySet<string>): VisibleFolder[] {
  const rows: VisibleFolder[] = [];
  const walk = (nodes: readonly FolderNode[], level: number, parentPath: string | null): void => {
    for (const [index, { folder, children }] of nodes.entries()) {
      const expanded = children.length > 0 && !collapsed.has(folder.path);
      rows.push({ folder, level, position: index + 1, siblings: nodes.length, parentPath, hasChildren: children.length > 0, expanded });
      if (expanded) walk(children, level + 1, folder.path);
    }
  };
  walk(tree, 1, null);
  return rows;
}
