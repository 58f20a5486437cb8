/**
 * One synchronisation pass over an account: the folder list, then every selectable
 * folder's headers (or only those named, when a change was noticed in them), INBOX first
 * because that is what the user looks at first. A folder whose STATUS shows it unchanged
 * since its last sync is left as it is (folder-unchanged.ts). A folder that fails is
 * reported and skipped; a broken connection ends the pass. The pass names the folders to
 * watch until the next one: the subscribed selectable ones, and INBOX always.
 */
import type { Folder } from '../../../src-shared/model';
import type { StorePort } from '../../../src-shared/store-port';
import { toFolders } from '../imap/folder-list';
import type { ImapConnection } from '../imap/imap-connection';
import type { WatchedFolders } from '../accounts/change-watch';
import { syncFolderHeaders, type BatchSizes } from './folder-sync';
import { folderUnchanged } from './folder-unchanged';

export interface FolderFailure {
  folderPath: string;
  reason: string;
}

export async function syncAccount(
  connection: ImapConnection,
  store: StorePort,
  accountId: string,
  batches: BatchSizes,
  only: ReadonlySet<string> | null = null,
): Promise<{ failures: FolderFailure[]; watched: WatchedFolders }> {
  const { folders: listed, namespacePrefix } = await connection.listFolders();
  const folders = toFolders(accountId, listed, namespacePrefix);
  await store.replaceFolders({ accountId, folders });
  const failures: FolderFailure[] = [];
  const ordered = inboxFirst(folders);
  for (const folder of ordered) {
    if (only !== null && !only.has(folder.path)) continue;
    const ref = { accountId, folderPath: folder.path };
    try {
      if (await folderUnchanged(connection, store, ref)) continue;
      await connection.withMailbox(folder.path, (mailbox) => syncFolderHeaders(store, ref, mailbox, batches), { fresh: true });
    } catch (error) {
      if (!connection.usable) throw error;
      failures.push({ folderPath: folder.path, reason: reasonOf(error) });
    }
  }
  const inbox = ordered.find((f) => f.specialUse === 'inbox')?.path ?? null;
  const paths = ordered.filter((f) => f.subscribed || f.path === inbox).map((f) => f.path);
  return { failures, watched: { inbox, paths } };
}

function inboxFirst(folders: readonly Folder[]): Folder[] {
  const selectable = folders.filter((f) => f.selectable);
  return [...selectable.filter((f) => f.specialUse === 'inbox'), ...selectable.filter((f) => f.specialUse !== 'inbox')];
}

/** The server's words when it refused a command, else the error's message. */
export function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { responseText, message } = error as { responseText?: unknown; message?: unknown };
    if (typeof responseText === 'string' && responseText !== '') return responseText;
    if (typeof message === 'string' && message !== '') return message;
  }
  return String(error);
}
