import { describe, expect, it } from 'vitest';
import { toFolders, type ListedFolder } from './folder-list';

const entry = (path: string, delimiter: string | null, flags: string[] = [], subscribed = true): ListedFolder => ({
  path,
  delimiter,
  flags: new Set(flags),
  subscribed,
});

const byPath = (folders: ReturnType<typeof toFolders>) => new Map(folders.map((f) => [f.path, f]));

describe('toFolders', () => {
  it("builds the hierarchy with the server's '/' delimiter", () => {
    const folders = byPath(toFolders('a1', [entry('INBOX', '/'), entry('Work', '/'), entry('Work/Projects/2024', '/')], ''));
    expect(folders.get('Work/Projects/2024')).toMatchObject({ name: '2024', parentPath: 'Work/Projects', delimiter: '/' });
    expect(folders.get('Work')).toMatchObject({ name: 'Work', parentPath: null });
    expect(folders.get('INBOX')).toMatchObject({ specialUse: 'inbox', parentPath: null, accountId: 'a1' });
  });

  it("uses '.' as the server says, so a '/' in a name is just a character", () => {
    const folders = byPath(toFolders('a1', [entry('Lists.dev/null', '.'), entry('Lists', '.')], ''));
    expect(folders.get('Lists.dev/null')).toMatchObject({ name: 'dev/null', parentPath: 'Lists' });
  });

  it('treats a null delimiter as a flat namespace', () => {
    const folders = byPath(toFolders('a1', [entry('Work/Projects', null), entry('a.b', null)], ''));
    expect(folders.get('Work/Projects')).toMatchObject({ name: 'Work/Projects', parentPath: null, delimiter: null });
    expect(folders.get('a.b')).toMatchObject({ name: 'a.b', parentPath: null });
  });

  it("makes children of the personal namespace prefix ('INBOX.') top-level folders", () => {
    const listed = [entry('INBOX', '.'), entry('INBOX.Sent', '.'), entry('INBOX.Work', '.'), entry('INBOX.Work.Old', '.')];
    const folders = byPath(toFolders('a1', listed, 'INBOX.'));
    expect(folders.get('INBOX.Sent')).toMatchObject({ name: 'Sent', parentPath: null, specialUse: 'sent' });
    expect(folders.get('INBOX.Work.Old')).toMatchObject({ name: 'Old', parentPath: 'INBOX.Work' });
    expect(folders.get('INBOX')).toMatchObject({ specialUse: 'inbox', parentPath: null });
  });

  it('takes roles from SPECIAL-USE attributes and then guesses none by name', () => {
    const listed = [
      entry('INBOX', '/'),
      entry('Gesendet', '/', ['\\HasNoChildren', '\\Sent']),
      entry('Papierkorb', '/', ['\\trash']),
      entry('Sent', '/'),
      entry('Alle', '/', ['\\All']),
      entry('Markiert', '/', ['\\Flagged']),
    ];
    const roles = Object.fromEntries(toFolders('a1', listed, '').map((f) => [f.path, f.specialUse]));
    expect(roles).toEqual({ INBOX: 'inbox', Gesendet: 'sent', Papierkorb: 'trash', Sent: null, Alle: 'all', Markiert: 'flagged' });
  });

  it('guesses roles by common names only when the server marked none, top level only, best name first', () => {
    const listed = [
      entry('INBOX', '/'),
      entry('Sent Items', '/'),
      entry('Deleted Items', '/'),
      entry('Trash', '/'),
      entry('SPAM', '/'),
      entry('Drafts', '/'),
      entry('Archive', '/'),
      entry('Clients/Sent', '/'),
    ];
    const roles = Object.fromEntries(toFolders('a1', listed, '').map((f) => [f.path, f.specialUse]));
    expect(roles).toEqual({
      INBOX: 'inbox',
      'Sent Items': 'sent',
      'Deleted Items': null,
      Trash: 'trash',
      SPAM: 'junk',
      Drafts: 'drafts',
      Archive: 'archive',
      'Clients/Sent': null,
    });
  });

  it('marks \\Noselect and \\NonExistent folders unselectable and keeps the subscription state', () => {
    const listed = [entry('Shared', '/', ['\\Noselect'], false), entry('Gone', '/', ['\\NonExistent']), entry('Ok', '/')];
    const folders = byPath(toFolders('a1', listed, ''));
    expect(folders.get('Shared')).toMatchObject({ selectable: false, subscribed: false });
    expect(folders.get('Gone')?.selectable).toBe(false);
    expect(folders.get('Ok')).toMatchObject({ selectable: true, subscribed: true });
  });

  it('recognises INBOX in any case (RFC 3501 §5.1)', () => {
    expect(toFolders('a1', [entry('inbox', '/')], '')[0]?.specialUse).toBe('inbox');
  });

  it('drops entries it cannot store instead of failing the list', () => {
    const hostile: ListedFolder[] = [
      { path: 42, delimiter: '/', flags: null, subscribed: 'yes' },
      entry('x'.repeat(1001), '/'),
      entry('', '/'),
      { path: 'Odd', delimiter: '::', flags: 'not-a-set', subscribed: true },
      entry('Odd', '/'),
    ];
    const folders = toFolders('a1', hostile, '');
    expect(folders).toEqual([
      { accountId: 'a1', path: 'Odd', name: 'Odd', delimiter: null, parentPath: null, specialUse: null, subscribed: true, selectable: true },
    ]);
  });
});
