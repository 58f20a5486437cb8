/**
 * Maps the server's LIST answer to the cache's folders: hierarchy from the server's own
 * delimiter (RFC 3501 §6.3.8), roles from SPECIAL-USE attributes (RFC 6154), and the
 * personal namespace prefix (RFC 2342) treated as the root, so "INBOX.Sent" on a server
 * whose namespace is "INBOX." is a top-level "Sent" like everywhere else.
 */
import type { Folder, SpecialUse } from '../../../src-shared/model';
import { boundedString } from './untrusted';

/** One LIST entry as the connection reports it (imapflow has decoded modified UTF-7). */
export interface ListedFolder {
  path: unknown;
  delimiter: unknown;
  flags: unknown;
  subscribed: unknown;
}

const MAX_PATH = 1000;
const MAX_FOLDERS = 100_000;

const FLAG_ROLES: Record<string, SpecialUse> = {
  '\\sent': 'sent',
  '\\drafts': 'drafts',
  '\\trash': 'trash',
  '\\junk': 'junk',
  '\\archive': 'archive',
  '\\all': 'all',
  '\\flagged': 'flagged',
};

/** Common names, best first, for servers that mark no folder with a special-use attribute. */
const NAME_ROLES: [SpecialUse, string[]][] = [
  ['sent', ['sent', 'sent items', 'sent messages', 'sent mail']],
  ['drafts', ['drafts', 'draft']],
  ['trash', ['trash', 'deleted items', 'deleted messages']],
  ['junk', ['junk', 'spam', 'junk e-mail', 'junk mail']],
  ['archive', ['archive', 'archives']],
];

export function toFolders(accountId: string, listed: readonly ListedFolder[], namespacePrefix: string): Folder[] {
  const folders: Folder[] = [];
  const seen = new Set<string>();
  let serverMarksRoles = false;
  for (const entry of listed) {
    if (folders.length >= MAX_FOLDERS) break;
    const path = typeof entry.path === 'string' && entry.path.length <= MAX_PATH ? entry.path : '';
    if (path === '' || seen.has(path)) continue;
    seen.add(path);
    const delimiter = typeof entry.delimiter === 'string' && entry.delimiter.length === 1 ? entry.delimiter : null;
    const flags = flagSet(entry.flags);
    const flagRole = [...flags].map((f) => FLAG_ROLES[f]).find((role) => role !== undefined) ?? null;
    serverMarksRoles ||= flagRole !== null;
    folders.push({
      accountId,
      path,
      name: nameOf(path, delimiter),
      delimiter,
      parentPath: parentOf(path, delimiter, namespacePrefix),
      specialUse: isInbox(path) ? 'inbox' : flagRole,
      subscribed: entry.subscribed === true,
      // RFC 5258 §3: \NonExistent implies \Noselect.
      selectable: !flags.has('\\noselect') && !flags.has('\\nonexistent'),
    });
  }
  // Guessing by name only when the server marked nothing: a server that marks its Sent
  // folder means every other folder called "Sent …" is an ordinary one.
  return serverMarksRoles ? folders : withGuessedRoles(folders);
}

function flagSet(value: unknown): Set<string> {
  const flags = new Set<string>();
  if (value instanceof Set || Array.isArray(value)) {
    for (const flag of value as Iterable<unknown>) if (typeof flag === 'string') flags.add(flag.toLowerCase());
  }
  return flags;
}

function isInbox(path: string): boolean {
  return path.toUpperCase() === 'INBOX'; // case-insensitive by RFC 3501 §5.1
}

function nameOf(path: string, delimiter: string | null): string {
  if (delimiter === null) return path;
  const segments = path.split(delimiter).filter((s) => s !== '');
  return boundedString(segments.at(-1) ?? path, MAX_PATH) ?? path;
}

function parentOf(path: string, delimiter: string | null, namespacePrefix: string): string | null {
  if (delimiter === null) return null;
  const trimmed = path.endsWith(delimiter) ? path.slice(0, -1) : path;
  const cut = trimmed.lastIndexOf(delimiter);
  if (cut <= 0) return null;
  const parent = trimmed.slice(0, cut);
  // The namespace prefix ("INBOX." → parent "INBOX") is the root of the personal folders.
  if (namespacePrefix !== '' && parent + delimiter === namespacePrefix) return null;
  return parent;
}

function withGuessedRoles(folders: Folder[]): Folder[] {
  const taken = new Map<Folder, SpecialUse>();
  for (const [role, names] of NAME_ROLES) {
    for (const name of names) {
      const match = folders.find(
        (f) => f.parentPath === null && f.specialUse === null && !taken.has(f) && f.name.toLowerCase() === name,
      );
      if (match) {
        taken.set(match, role);
        break;
      }
    }
  }
  return folders.map((f) => (taken.has(f) ? { ...f, specialUse: taken.get(f) ?? null } : f));
}
