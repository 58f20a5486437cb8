/**
 * Where the open message can be moved or copied: its own account's folders first, then, for
 * mail kept on an IMAP server, every other IMAP account's folders (a move between accounts is
 * an APPEND there and an expunge here, engine/ops/account-transfer.ts). POP3 accounts keep
 * their mail on this computer, so they neither send nor take mail across accounts.
 */
import type { Account, Folder } from '../../../src-shared/model';
import type { TernDexie } from '../../cache/db';
import { moveTargets, type AccountFolder } from './message-operations';

export interface DestinationGroup {
  accountId: string;
  accountName: string;
  paths: string[];
}

export async function moveDestinations(db: TernDexie, from: { accountId: string; folderPath: string }): Promise<DestinationGroup[]> {
  const accounts = await db.accounts.toArray();
  const own = accounts.find((a) => a.id === from.accountId);
  if (!own) return [];
  const foldersOf = (account: Account): Promise<Folder[]> => db.folders.where('accountId').equals(account.id).toArray();
  const groups: DestinationGroup[] = [{ accountId: own.id, accountName: own.name, paths: moveTargets(await foldersOf(own), from.folderPath).map((f) => f.path) }];
  if (own.incoming.protocol !== 'imap') return groups;
  const others = accounts.filter((a) => a.id !== own.id && a.incoming.protocol === 'imap').sort((a, b) => a.name.localeCompare(b.name));
  for (const account of others) {
    const paths = (await foldersOf(account)).filter((f) => f.selectable).map((f) => f.path).sort((a, b) => a.localeCompare(b));
    if (paths.length > 0) groups.push({ accountId: account.id, accountName: account.name, paths });
  }
  return groups;
}

/** A destination as the dialog's select holds it, and back. */
export function destinationValue(group: Pick<DestinationGroup, 'accountId'>, path: string): string {
  return JSON.stringify([group.accountId, path]);
}

export function destinationOf(groups: readonly DestinationGroup[], value: string): AccountFolder | null {
  try {
    const [accountId, path] = JSON.parse(value) as [unknown, unknown];
    const group = groups.find((g) => g.accountId === accountId);
    if (!group || typeof path !== 'string' || !group.paths.includes(path)) return null;
    return { accountId: group.accountId, accountName: group.accountName, path };
  } catch {
    return null;
  }
}
