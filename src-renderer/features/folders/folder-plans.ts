/**
 * Folder management decided from the cached folder list: the server path of a new, renamed
 * or moved folder (the server's own delimiter, and under INBOX on servers whose personal
 * namespace lives there, RFC 2342), the names the server cannot take, and the folders that
 * must not be renamed, moved or deleted by accident (INBOX and the RFC 6154 special-use ones).
 */
import type { Folder } from '../../../src-shared/model';
import { isInbox } from './folder-tree';

export type PathResult = { ok: true; path: string } | { ok: false; reason: string };

/** Why the folder must not be renamed, moved or deleted; null when it may. */
export function protectedReason(folder: Folder): string | null {
  if (isInbox(folder)) return 'The Inbox cannot be renamed, moved or deleted.';
  if (folder.specialUse !== null) return `This is the account’s ${folder.specialUse} folder; it cannot be renamed, moved or deleted here.`;
  return null;
}

function delimiterOf(folders: readonly Folder[]): string | null {
  return folders.find((f) => f.delimiter !== null)?.delimiter ?? null;
}

/** Where top-level folders go: under INBOX when every other folder is there (e.g. Courier's "INBOX."). */
function topLevelPrefix(folders: readonly Folder[]): string {
  const delimiter = delimiterOf(folders);
  if (delimiter === null) return '';
  const others = folders.filter((f) => !isInbox(f));
  const underInbox = others.length > 0 && others.every((f) => f.path.toUpperCase().startsWith(`INBOX${delimiter}`));
  return underInbox ? `${folders.find(isInbox)?.path ?? 'INBOX'}${delimiter}` : '';
}

/** The path of a folder named `name` under `parent` (null: top level). */
export function childPath(folders: readonly Folder[], parent: Folder | null, name: string): PathResult {
  const trimmed = name.trim();
  const delimiter = parent?.delimiter ?? delimiterOf(folders);
  if (trimmed === '') return { ok: false, reason: 'Give the folder a name.' };
  if (delimiter !== null && trimmed.includes(delimiter)) return { ok: false, reason: `A folder name cannot contain “${delimiter}” on this server.` };
  if ([...trimmed].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '*' || c === '%')) return { ok: false, reason: 'A folder name cannot contain control characters, * or %.' };
  if (parent !== null && delimiter === null) return { ok: false, reason: 'This server has no folder hierarchy.' };
  const path = parent === null ? `${topLevelPrefix(folders)}${trimmed}` : `${parent.path}${delimiter}${trimmed}`;
  if (folders.some((f) => f.path === path || (isInbox({ path }) && isInbox(f)))) return { ok: false, reason: 'A folder with that name is already there.' };
  return { ok: true, path };
}

/** The folder's new path when renamed to `name`, in the same parent. */
export function renamedPath(folders: readonly Folder[], folder: Folder, name: string): PathResult {
  const parent = folders.find((f) => f.path === folder.parentPath) ?? null;
  return childPath(folders, parent, name);
}

/** The folder's new path under `parent` (null: top level); never under itself. */
export function movedPath(folders: readonly Folder[], folder: Folder, parent: Folder | null): PathResult {
  if (parent !== null && (parent.path === folder.path || (folder.delimiter !== null && parent.path.startsWith(`${folder.path}${folder.delimiter}`)))) {
    return { ok: false, reason: 'A folder cannot be moved into itself.' };
  }
  if ((parent?.path ?? null) === folder.parentPath) return { ok: false, reason: 'The folder is already there.' };
  return childPath(folders, parent, folder.name);
}
