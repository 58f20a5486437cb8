import { describe, expect, it } from 'vitest';
import type { Folder } from '../../../src-shared/model';
import { buildFolderTree, folderItemName, visibleFolders, type FolderNode } from './folder-tree';
import { treeKeyAction } from './folder-tree-keys';

function folder(path: string, extra: Partial<Folder> = {}): Folder {
  const parts = path.split('/');
  return {
    accountId: 'acc',
    path,
    name: parts[parts.length - 1]!,
    delimiter: '/',
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
    specialUse: null,
    subscribed: true,
    selectable: true,
    ...extra,
  };
}

const paths = (nodes: FolderNode[]): string[] => nodes.map((n) => n.folder.path);

describe('folder tree', () => {
  it('orders Inbox, then special-use folders, then the rest alphabetically', () => {
    const tree = buildFolderTree([
      folder('zeta'),
      folder('Trash', { specialUse: 'trash' }),
      folder('Alpha'),
      folder('Sent Items', { specialUse: 'sent' }),
      folder('INBOX'),
      folder('Junk', { specialUse: 'junk' }),
      folder('Drafts', { specialUse: 'drafts' }),
      folder('Archive', { specialUse: 'archive' }),
      folder('beta'),
    ]);
    expect(paths(tree)).toEqual(['INBOX', 'Drafts', 'Sent Items', 'Archive', 'Junk', 'Trash', 'Alpha', 'beta', 'zeta']);
  });

  it('nests by parentPath and sorts every level', () => {
    const tree = buildFolderTree([folder('Work/b'), folder('Work', { selectable: false }), folder('Work/a'), folder('INBOX')]);
    expect(paths(tree)).toEqual(['INBOX', 'Work']);
    expect(paths(tree[1]!.children)).toEqual(['Work/a', 'Work/b']);
  });

  it('keeps folders whose parent is missing or cyclic', () => {
    const tree = buildFolderTree([
      folder('Lost/child'),
      folder('A', { parentPath: 'B' }),
      folder('B', { parentPath: 'A' }),
      folder('Self', { parentPath: 'Self' }),
    ]);
    const all = visibleFolders(tree, new Set()).map((row) => row.folder.path);
    expect(all.sort()).toEqual(['A', 'B', 'Lost/child', 'Self']);
  });

  it('lists visible rows with levels, leaving collapsed subtrees out', () => {
    const tree = buildFolderTree([folder('INBOX'), folder('Work'), folder('Work/a'), folder('Work/a/deep')]);
    const open = visibleFolders(tree, new Set());
    expect(open.map((r) => [r.folder.path, r.level, r.position, r.siblings, r.expanded])).toEqual([
      ['INBOX', 1, 1, 2, false],
      ['Work', 1, 2, 2, true],
      ['Work/a', 2, 1, 1, true],
      ['Work/a/deep', 3, 1, 1, false],
    ]);
    expect(visibleFolders(tree, new Set(['Work'])).map((r) => r.folder.path)).toEqual(['INBOX', 'Work']);
  });

  it('names items with the display name and the unread count', () => {
    expect(folderItemName(folder('INBOX'), 2)).toBe('Inbox, 2 unread');
    expect(folderItemName(folder('inbox'), 0)).toBe('Inbox');
    expect(folderItemName(folder('Work/Reports'), 0)).toBe('Reports');
  });
});

describe('tree keys', () => {
  const rows = visibleFolders(
    buildFolderTree([folder('INBOX'), folder('Work', { selectable: false }), folder('Work/a'), folder('Zed')]),
    new Set(),
  );

  it('moves with Up, Down, Home and End', () => {
    expect(treeKeyAction(rows, 'INBOX', 'ArrowDown')).toEqual({ kind: 'focus', path: 'Work' });
    expect(treeKeyAction(rows, 'Work/a', 'ArrowUp')).toEqual({ kind: 'focus', path: 'Work' });
    expect(treeKeyAction(rows, 'INBOX', 'ArrowUp')).toBeNull();
    expect(treeKeyAction(rows, 'INBOX', 'End')).toEqual({ kind: 'focus', path: 'Zed' });
    expect(treeKeyAction(rows, 'Zed', 'Home')).toEqual({ kind: 'focus', path: 'INBOX' });
  });

  it('collapses, expands and walks the hierarchy with Left and Right', () => {
    expect(treeKeyAction(rows, 'Work', 'ArrowLeft')).toEqual({ kind: 'collapse', path: 'Work' });
    expect(treeKeyAction(rows, 'Work', 'ArrowRight')).toEqual({ kind: 'focus', path: 'Work/a' });
    expect(treeKeyAction(rows, 'Work/a', 'ArrowLeft')).toEqual({ kind: 'focus', path: 'Work' });
    const collapsed = visibleFolders(buildFolderTree([folder('Work'), folder('Work/a')]), new Set(['Work']));
    expect(treeKeyAction(collapsed, 'Work', 'ArrowRight')).toEqual({ kind: 'expand', path: 'Work' });
  });

  it('selects with Enter or Space, but never a non-selectable folder', () => {
    expect(treeKeyAction(rows, 'INBOX', 'Enter')).toEqual({ kind: 'select', path: 'INBOX' });
    expect(treeKeyAction(rows, 'Zed', ' ')).toEqual({ kind: 'select', path: 'Zed' });
    expect(treeKeyAction(rows, 'Work', 'Enter')).toBeNull();
  });
});
