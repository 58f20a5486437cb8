import { describe, expect, it } from 'vitest';
import type { Folder } from '../../../src-shared/model';
import { childPath, movedPath, protectedReason, renamedPath } from './folder-plans';

const folder = (path: string, opts: Partial<Folder> = {}): Folder => {
  const delimiter = opts.delimiter === undefined ? '/' : opts.delimiter;
  const cut = delimiter === null ? -1 : path.lastIndexOf(delimiter);
  return {
    accountId: 'a1', path, name: cut < 0 ? path : path.slice(cut + 1), delimiter, parentPath: cut < 0 ? null : path.slice(0, cut),
    specialUse: null, subscribed: true, selectable: true, ...opts,
  };
};

const folders = [folder('INBOX'), folder('Trash', { specialUse: 'trash' }), folder('Work'), folder('Work/2025'), folder('Lists')];
const at = (path: string) => folders.find((f) => f.path === path)!;

describe('folder paths', () => {
  it('builds a child path with the server’s delimiter and refuses names it cannot take', () => {
    expect(childPath(folders, null, ' Receipts ')).toEqual({ ok: true, path: 'Receipts' });
    expect(childPath(folders, at('Work'), '2026')).toEqual({ ok: true, path: 'Work/2026' });
    expect(childPath(folders, at('Work'), '2025')).toMatchObject({ ok: false });
    expect(childPath(folders, null, 'a/b')).toMatchObject({ ok: false });
    expect(childPath(folders, null, 'inbox')).toMatchObject({ ok: false });
    expect(childPath(folders, null, '  ')).toMatchObject({ ok: false });
  });

  it('puts top-level folders under INBOX where the server keeps them there', () => {
    const courier = [folder('INBOX', { delimiter: '.' }), folder('INBOX.Sent', { delimiter: '.', specialUse: 'sent' })];
    expect(childPath(courier, null, 'Receipts')).toEqual({ ok: true, path: 'INBOX.Receipts' });
  });

  it('renames in place and moves under another parent, never into itself', () => {
    expect(renamedPath(folders, at('Work/2025'), 'Old')).toEqual({ ok: true, path: 'Work/Old' });
    expect(movedPath(folders, at('Lists'), at('Work'))).toEqual({ ok: true, path: 'Work/Lists' });
    expect(movedPath(folders, at('Work/2025'), null)).toEqual({ ok: true, path: '2025' });
    expect(movedPath(folders, at('Work'), at('Work/2025'))).toMatchObject({ ok: false });
    expect(movedPath(folders, at('Work/2025'), at('Work'))).toMatchObject({ ok: false });
  });

  it('protects INBOX and the special-use folders', () => {
    expect(protectedReason(at('INBOX'))).toMatch(/Inbox/);
    expect(protectedReason(at('Trash'))).toMatch(/trash/);
    expect(protectedReason(at('Work'))).toBeNull();
  });
});
