/**
 * A search-box query run on the IMAP server (issue #6: for an online account, or mail whose
 * body is not cached, the same query runs as server SEARCH and the results merge). The
 * query is the one the local index gets (src-shared/search-query.ts), turned into UID
 * SEARCH criteria: one search per word, intersected, since a text key takes one string;
 * the flags and dates go with each. has:attachment has no IMAP criterion and is left to the
 * cache's header (the renderer filters on it).
 */
import type { SearchQuery } from '../../../src-shared/search-query';
import { toFolders } from '../imap/folder-list';
import type { ImapConnection, SearchCriteria } from '../imap/imap-connection';

export interface ServerHit {
  folderPath: string;
  uid: number;
}

export interface ServerSearchResult {
  hits: ServerHit[];
  /** More matched than `limit`; the newest (highest UIDs) are given. */
  truncated: boolean;
  /** Folders the server would not search, with its words. */
  problems: string[];
}

/** The criteria for one UID SEARCH each; every message they all match is a hit. */
export function searchCriteria(query: SearchQuery): SearchCriteria[] {
  const common: SearchCriteria = {};
  if (query.unread !== null) common.seen = !query.unread;
  if (query.flagged !== null) common.flagged = query.flagged;
  if (query.before !== null) common.sentBefore = new Date(query.before);
  if (query.after !== null) common.sentSince = new Date(query.after);
  const terms: SearchCriteria[] = [
    ...query.words.map((text) => ({ text })),
    ...query.from.map((from) => ({ from })),
    ...query.to.map((to) => ({ to })),
    ...query.subject.map((subject) => ({ subject })),
  ];
  return terms.length === 0 ? [common] : terms.map((term) => ({ ...common, ...term }));
}

/** The folders a query names with in: (by full path or last segment, any case), else every selectable one. */
export function foldersToSearch(paths: readonly string[], delimiterOf: (path: string) => string | null, folder: string | null): string[] {
  if (folder === null) return [...paths];
  const wanted = folder.toLowerCase();
  return paths.filter((path) => {
    const delimiter = delimiterOf(path);
    const last = delimiter ? path.split(delimiter).pop()! : path;
    return path.toLowerCase() === wanted || last.toLowerCase() === wanted;
  });
}

export async function searchServer(connection: ImapConnection, accountId: string, query: SearchQuery, limit: number): Promise<ServerSearchResult> {
  const { folders: listed, namespacePrefix } = await connection.listFolders();
  const folders = toFolders(accountId, listed, namespacePrefix).filter((f) => f.selectable);
  const delimiters = new Map(folders.map((f) => [f.path, f.delimiter]));
  const paths = foldersToSearch(
    folders.map((f) => f.path),
    (path) => delimiters.get(path) ?? null,
    query.folder,
  );
  const criteria = searchCriteria(query);
  const hits: ServerHit[] = [];
  const problems: string[] = [];
  for (const folderPath of paths) {
    try {
      const uids = await connection.withMailbox(folderPath, async (mailbox) => {
        let found: Set<number> | null = null;
        for (const one of criteria) {
          const matched: number[] = await mailbox.search(one);
          found = new Set(found === null ? matched : matched.filter((uid) => found!.has(uid)));
          if (found.size === 0) break;
        }
        return [...(found ?? [])];
      });
      for (const uid of uids) hits.push({ folderPath, uid });
    } catch (error) {
      if (!connection.usable) throw error;
      problems.push(`${folderPath}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500));
    }
  }
  // Newest first by UID within each folder; across folders UIDs do not compare, so the
  // renderer orders the merged results by date.
  hits.sort((a, b) => b.uid - a.uid);
  return { hits: hits.slice(0, limit), truncated: hits.length > limit, problems };
}
