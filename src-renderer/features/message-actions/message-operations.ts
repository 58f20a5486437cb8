/**
 * What each message action means as an operation (src-shared/operations.ts), decided from
 * the messages as cached and the account's folders: Archive moves to the RFC 6154 \Archive
 * folder; Delete moves to \Trash, and deletes for good in Trash or where there is none;
 * read and flag are set as absolutes, so a replay cannot undo them. For several messages of
 * one folder (a multiple selection) it is one operation for all of them, and read and flag
 * take one value for all, as mail clients do: "read" when any of them is unread, "flagged"
 * when any is not flagged, else the opposite.
 */
import type { Folder, MessageHeader } from '../../../src-shared/model';
import type { Operation } from '../../../src-shared/operations';

export type MessageAction = 'archive' | 'delete' | 'toggle-read' | 'toggle-flag';

/** A folder of this or another account, as a move or copy's destination. */
export interface AccountFolder {
  accountId: string;
  accountName: string;
  path: string;
}

/** A flag set or cleared on every message: what "Mark as read" and "Flag" come to. */
export interface FlagChange {
  flag: '\\Seen' | '\\Flagged';
  value: boolean;
}

/** An action on messages: one of the toolbar's, a flag change, or a move or copy to a folder. */
export type PlannedAction = MessageAction | FlagChange | { to: AccountFolder; keepOriginal: boolean };

export interface ActionContext {
  header: MessageHeader;
  folders: readonly Folder[];
  /** UIDVALIDITY of the folder when its UIDs were cached; 0 when unknown (Message-ID then). */
  uidValidity: number;
}

export interface BulkContext extends Omit<ActionContext, 'header'> {
  /** Messages of one folder of one account, as cached. */
  headers: readonly MessageHeader[];
}

/** The operation, or why the action cannot be done here (shown to the user). */
export type Planned = { ok: true; operation: Operation; done: string } | { ok: false; reason: string };

export function folderWithRole(folders: readonly Folder[], role: 'archive' | 'trash'): Folder | undefined {
  return folders.find((f) => f.specialUse === role && f.selectable);
}

export const anyUnread = (headers: readonly Pick<MessageHeader, 'unread'>[]): boolean => headers.some((h) => h.unread === 1);
export const anyUnflagged = (headers: readonly Pick<MessageHeader, 'flags'>[]): boolean => headers.some((h) => !h.flags.includes('\\Flagged'));

/**
 * The toggles as the flag change they make on `headers`: read when any is unread, flagged
 * when any is not flagged, else the opposite. A selection over several folders settles this
 * once for all of them, so that every folder gets the same value.
 */
export function settledAction(action: PlannedAction, headers: readonly MessageHeader[]): Exclude<PlannedAction, 'toggle-read' | 'toggle-flag'> {
  if (action === 'toggle-read') return { flag: '\\Seen', value: anyUnread(headers) };
  if (action === 'toggle-flag') return { flag: '\\Flagged', value: anyUnflagged(headers) };
  return action;
}

export function planBulk(asked: PlannedAction, { headers, folders, uidValidity }: BulkContext): Planned {
  const action = settledAction(asked, headers);
  const first = headers[0];
  if (!first) return { ok: false, reason: 'The messages are no longer in this folder.' };
  const { folderPath } = first;
  const base = { folderPath, uidValidity, messages: headers.map((h) => ({ uid: h.uid, messageId: h.messageId })) };
  // " 3 messages" in what was done; nothing for one message, whose row says which.
  const n = headers.length === 1 ? '' : ` ${headers.length} messages`;
  const already = headers.length === 1 ? 'The message is already' : 'The messages are already';
  const move = (target: string, done: string): Planned => ({ ok: true, operation: { kind: 'move', ...base, target }, done });
  if (typeof action === 'object' && 'flag' in action) {
    const { flag, value } = action;
    const done = flag === '\\Seen' ? `Marked${n} as ${value ? 'read' : 'unread'}` : value ? `Flagged${n}` : `Flag removed${n && ` from${n}`}`;
    return { ok: true, operation: { kind: 'flag', ...base, flag, value }, done };
  }
  if (typeof action === 'object') {
    const { to, keepOriginal } = action;
    const verb = keepOriginal ? 'Copied' : 'Moved';
    if (to.accountId !== first.accountId) {
      const operation: Operation = { kind: 'to-account', ...base, targetAccountId: to.accountId, target: to.path, keepOriginal };
      return { ok: true, operation, done: `${verb}${n} to ${to.path} in ${to.accountName}` };
    }
    if (to.path === folderPath) return { ok: false, reason: `${already} in that folder.` };
    return { ok: true, operation: { kind: keepOriginal ? 'copy' : 'move', ...base, target: to.path }, done: `${verb}${n} to ${to.path}` };
  }
  switch (action) {
    case 'archive': {
      const archive = folderWithRole(folders, 'archive');
      if (!archive) return { ok: false, reason: 'This account has no Archive folder.' };
      if (archive.path === folderPath) return { ok: false, reason: `${already} in the Archive folder.` };
      return move(archive.path, `Archived${n} to ${archive.name}`);
    }
    case 'delete': {
      const trash = folderWithRole(folders, 'trash');
      if (!trash || trash.path === folderPath) return { ok: true, operation: { kind: 'expunge', ...base }, done: `Deleted${n} for good` };
      return move(trash.path, `Moved${n} to ${trash.name}`);
    }
  }
}

export function planAction(action: PlannedAction, { header, ...context }: ActionContext): Planned {
  return planBulk(action, { headers: [header], ...context });
}

/** Sets \Seen on a message that is unread now (the reader's mark-as-read on opening). */
export function planMarkRead(context: ActionContext): Planned {
  if (context.header.unread !== 1) return { ok: false, reason: 'The message is already read.' };
  return planAction('toggle-read', context);
}

/** Folders a message can be moved to: selectable ones other than its own. */
export function moveTargets(folders: readonly Folder[], from: string): Folder[] {
  return folders.filter((f) => f.selectable && f.path !== from).sort((a, b) => a.path.localeCompare(b.path));
}
