/**
 * The unified inbox as a folder reference: the panes pass a FolderRef around, and this one
 * names every account's Inbox at once. Its empty account id can never be a real account's
 * (account ids are 1 to 64 characters, src-shared/model.ts).
 */
import type { ListSource } from '../../cache/queries';
import type { FolderRef } from '../shared/refs';

export const unifiedInbox: FolderRef = { accountId: '', folderPath: 'INBOX' };

export function isUnifiedInbox(folder: FolderRef): boolean {
  return folder.accountId === unifiedInbox.accountId;
}

export function listSourceOf(folder: FolderRef): ListSource {
  return isUnifiedInbox(folder) ? { kind: 'unified' } : { kind: 'folder', accountId: folder.accountId, folderPath: folder.folderPath };
}
