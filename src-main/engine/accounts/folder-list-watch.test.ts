import { describe, expect, it } from 'vitest';
import type { ListedFolder } from '../imap/folder-list';
import { folderListChanges, snapshotOf } from './folder-list-watch';

const folder = (path: string, subscribed = true, flags: string[] = []): ListedFolder => ({ path, delimiter: '/', flags: new Set(flags), subscribed });

describe('folder list changes', () => {
  const before = snapshotOf([folder('INBOX'), folder('Work'), folder('Old', true, ['\\HasNoChildren'])]);

  it('says nothing changed for the same list in another order', () => {
    expect(folderListChanges(before, snapshotOf([folder('Old', true, ['\\HasNoChildren']), folder('INBOX'), folder('Work')]))).toBeNull();
  });

  it('names created, renamed and re-subscribed folders, and notices a deletion', () => {
    expect(folderListChanges(before, snapshotOf([folder('INBOX'), folder('Work'), folder('Old', true, ['\\HasNoChildren']), folder('New')]))).toEqual(['New']);
    expect(folderListChanges(before, snapshotOf([folder('INBOX'), folder('Work'), folder('Archive/Old', true, ['\\HasNoChildren'])]))).toEqual(['Archive/Old']);
    expect(folderListChanges(before, snapshotOf([folder('INBOX'), folder('Work', false), folder('Old', true, ['\\HasNoChildren'])]))).toEqual(['Work']);
    expect(folderListChanges(before, snapshotOf([folder('INBOX'), folder('Work')]))).toEqual([]);
  });
});
