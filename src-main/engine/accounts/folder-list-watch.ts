/**
 * Notices a folder created, renamed, deleted or (un)subscribed by another client: the
 * folder list (LIST and LSUB, RFC 3501 §6.3.8–9) is compared with the one seen before.
 * Polling, not NOTIFY's MailboxName events (RFC 5465 §5.4): imapflow has no NOTIFY support,
 * and unsolicited LIST responses would reach it only through its internal command table
 * (docs/sync.md, "Change detection").
 */
import type { ListedFolder } from '../imap/folder-list';

/** How often the folder list is asked for while the account is online: under 5 s, so a change shows within that. */
export const FOLDER_LIST_POLL_MS = 4_000;

export type FolderListSnapshot = ReadonlyMap<string, string>;

/**
 * Each folder's path with what a change to it would alter (its delimiter, flags and
 * subscription). The server's values are only compared here, not trusted: a folder whose
 * name is not a string is left out, as toFolders leaves it out of the cache.
 */
export function snapshotOf(folders: readonly ListedFolder[]): FolderListSnapshot {
  const snapshot = new Map<string, string>();
  for (const { path, delimiter, flags, subscribed } of folders) {
    if (typeof path !== 'string') continue;
    const flagList = flags instanceof Set || Array.isArray(flags) ? [...(flags as Iterable<unknown>)].map(String).sort() : [];
    snapshot.set(path, JSON.stringify([typeof delimiter === 'string' ? delimiter : null, flagList, subscribed === true]));
  }
  return snapshot;
}

/**
 * Null when nothing changed; else the folders to sync: those that are new or changed (a
 * renamed folder is new under its new path). A list with only removals names none, but is
 * still a change: the pass's new folder list drops the removed ones from the cache.
 */
export function folderListChanges(before: FolderListSnapshot, now: FolderListSnapshot): string[] | null {
  const added = [...now].filter(([path, shape]) => before.get(path) !== shape).map(([path]) => path);
  const removed = [...before.keys()].some((path) => !now.has(path));
  return added.length > 0 || removed ? added : null;
}
