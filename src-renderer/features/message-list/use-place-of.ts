/**
 * Where each row of a list lives, for lists that mix them: search results come from every
 * folder (the folder, and the account when there are several); the unified inbox from every
 * account's Inbox (the account, when there are several). Undefined where every row shares it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { TernDexie } from '../../cache/db';
import type { StoredMessage } from '../../cache/list-keys';
import { listAccounts } from '../../cache/queries';
import { placeLabel } from './message-row';

export type ListMix = 'folders' | 'accounts' | null;

export function usePlaceOf(db: TernDexie, mix: ListMix): (message: StoredMessage) => string | undefined {
  const accounts = useLiveQuery(() => (mix ? listAccounts(db) : []), [db, mix]);
  const names = new Map((accounts ?? []).map((a) => [a.id, a.name]));
  const accountOf = (message: StoredMessage) => (names.size > 1 ? (names.get(message.accountId) ?? null) : null);
  if (mix === 'folders') return (message) => placeLabel(message.folderPath, accountOf(message));
  if (mix === 'accounts') return (message) => accountOf(message) ?? undefined;
  return () => undefined;
}
