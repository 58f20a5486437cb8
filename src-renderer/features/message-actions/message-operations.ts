/**
 * What each message action means as an operation (src-shared/operations.ts), decided from
 * the message as cached and the account's folders: Archive moves to the RFC 6154 \Archive
 * folder; Delete moves to \Trash, and deletes for good in Trash or where there is none;
 * read and flag are set to the opposite of what the message shows now, as absolutes, so a
 * replay cannot undo them.
 */
import type { Folder, MessageHeader } from '../../../src-shared/model';
import type { Operation } from '../../../src-shared/operations';

export type MessageAction = 'archive' | 'delete' | 'toggle-read' | 'toggle-flag';

export interface ActionContext {
  header: MessageHeader;
  folders: readonly Folder[];
  /** UIDVALIDITY of the folder when its UIDs were cached; 0 when unknown (Message-ID then). */
  uidValidity: number;
}

/** The operation, or why the action cannot be done here (shown to the user). */
export type Planned = { ok: true; operation: Operation; done: string } | { ok: false; reason: string };

export function folderWithRole(folders: readonly Folder[], role: 'archive' | 'trash'): Folder | undefined {
  return folders.find((f) => f.specialUse === role && f.selectable);
}

export function planAction(action: MessageAction, { header, folders, uidValidity }: ActionContext): Planned {
  const base = { folderPath: header.folderPath, uidValidity, messages: [{ uid: header.uid, messageId: header.messageId }] };
  switch (action) {
    case 'toggle-read': {
      const read = header.unread === 1;
      return { ok: true, operation: { kind: 'flag', ...base, flag: '\\Seen', value: read }, done: read ? 'Marked as read' : 'Marked as unread' };
    }
    case 'toggle-flag': {
      const flag = !header.flags.includes('\\Flagged');
      return { ok: true, operation: { kind: 'flag', ...base, flag: '\\Flagged', value: flag }, done: flag ? 'Flagged' : 'Flag removed' };
    }
    case 'archive': {
      const archive = folderWithRole(folders, 'archive');
      if (!archive) return { ok: false, reason: 'This account has no Archive folder.' };
      if (archive.path === header.folderPath) return { ok: false, reason: 'The message is already in the Archive folder.' };
      return planMove(header, uidValidity, archive.path, `Archived to ${archive.name}`);
    }
    case 'delete': {
      const trash = folderWithRole(folders, 'trash');
      if (!trash || trash.path === header.folderPath) return { ok: true, operation: { kind: 'expunge', ...base }, done: 'Deleted for good' };
      return planMove(header, uidValidity, trash.path, `Moved to ${trash.name}`);
    }
  }
}

/** Sets \Seen on a message that is unread now (the reader's mark-as-read on opening). */
export function planMarkRead(context: ActionContext): Planned {
  if (context.header.unread !== 1) return { ok: false, reason: 'The message is already read.' };
  return planAction('toggle-read', context);
}

export function planMove(header: MessageHeader, uidValidity: number, target: string, done = `Moved to ${target}`): Planned {
  if (target === header.folderPath) return { ok: false, reason: 'The message is already in that folder.' };
  const operation: Operation = { kind: 'move', folderPath: header.folderPath, uidValidity, messages: [{ uid: header.uid, messageId: header.messageId }], target };
  return { ok: true, operation, done };
}

export function planCopy(header: MessageHeader, uidValidity: number, target: string): Planned {
  if (target === header.folderPath) return { ok: false, reason: 'The message is already in that folder.' };
  const operation: Operation = { kind: 'copy', folderPath: header.folderPath, uidValidity, messages: [{ uid: header.uid, messageId: header.messageId }], target };
  return { ok: true, operation, done: `Copied to ${target}` };
}

/** A folder of another account, as a move or copy's destination. */
export interface AccountFolder {
  accountId: string;
  accountName: string;
  path: string;
}

/** Moves (or, keeping the original, copies) the message into another account's folder. */
export function planToAccount(header: MessageHeader, uidValidity: number, target: AccountFolder, keepOriginal: boolean): Planned {
  if (target.accountId === header.accountId) return keepOriginal ? planCopy(header, uidValidity, target.path) : planMove(header, uidValidity, target.path);
  const operation: Operation = { kind: 'to-account', folderPath: header.folderPath, uidValidity, messages: [{ uid: header.uid, messageId: header.messageId }], targetAccountId: target.accountId, target: target.path, keepOriginal };
  return { ok: true, operation, done: `${keepOriginal ? 'Copied' : 'Moved'} to ${target.path} in ${target.accountName}` };
}

/** Folders a message can be moved to: selectable ones other than its own. */
export function moveTargets(folders: readonly Folder[], from: string): Folder[] {
  return folders.filter((f) => f.selectable && f.path !== from).sort((a, b) => a.path.localeCompare(b.path));
}
