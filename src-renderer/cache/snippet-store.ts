/**
 * The list's preview lines (records.ts SnippetRecord): written with each cached body, moved
 * and dropped with the message they belong to, and joined to the rows a list shows. Called
 * inside the cache's transactions, which must include `snippetTables`.
 */
import Dexie from 'dexie';
import type { MessageHeader } from '../../src-shared/model';
import type { TernDexie } from './db';
import { snippetOf } from './snippet-text';

type Key = [string, string, number];
type Ref = Pick<MessageHeader, 'accountId' | 'folderPath' | 'uid'>;

/** The tables a transaction that calls these functions must include. */
export const snippetTables = (db: TernDexie) => [db.snippets];

export async function putSnippets(db: TernDexie, bodies: readonly (Ref & { text: string })[]): Promise<void> {
  await db.snippets.bulkPut(bodies.map(({ accountId, folderPath, uid, text }) => ({ accountId, folderPath, uid, text: snippetOf(text) })));
}

/** Gives the message at `from` its preview line again at `to` (a move or copy of the message). */
export async function copySnippet(db: TernDexie, from: Key, to: Ref): Promise<void> {
  const snippet = await db.snippets.get(from);
  if (snippet) await db.snippets.put({ ...snippet, ...to });
}

/** Drops the preview lines of the given UIDs, or of the whole folder when `uids` is 'all'. */
export async function dropSnippets(db: TernDexie, accountId: string, folderPath: string, uids: readonly number[] | 'all'): Promise<void> {
  if (uids !== 'all') return db.snippets.bulkDelete(uids.map((uid): Key => [accountId, folderPath, uid]));
  await db.snippets.where('[accountId+folderPath+uid]').between([accountId, folderPath, Dexie.minKey], [accountId, folderPath, Dexie.maxKey], true, true).delete();
}

/** The preview lines of the given messages, in their order (undefined where none is cached). */
export async function readSnippets(db: TernDexie, refs: readonly Ref[]): Promise<(string | undefined)[]> {
  const found = await db.snippets.bulkGet(refs.map((ref): Key => [ref.accountId, ref.folderPath, ref.uid]));
  return found.map((snippet) => snippet?.text);
}
