/**
 * The open message's actions: Archive, Delete, Mark as read/unread, Flag, Move to… and Copy
 * to… (any folder, this account's or another's), as a toolbar and as the single-key
 * shortcuts e, #, u and s (keys typed into a field are never shortcuts); and marking the message read as it opens (use-mark-read-on-open.ts). Each
 * action changes the cache at once and is queued for the server (perform-operation.ts); the
 * status line says what was done, or why not.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { listFolders } from '../../cache/queries';
import { useAccountStatus } from '../accounts/account-status-context';
import { useCache } from '../app/cache-context';
import type { MessageRef } from '../shared/refs';
import { folderWithRole, planAction, planMarkRead, type ActionContext, type MessageAction, type Planned } from './message-operations';
import { moveDestinations } from './move-destinations';
import { ActionBar } from './ActionBar';
import { performOperation } from './perform-operation';
import { useActionKeys } from './use-action-keys';
import { useMarkReadOnOpen } from './use-mark-read-on-open';

interface MessageActionsProps {
  message: MessageRef;
  /** The message left its folder (archived, deleted, moved): the reader should close it. */
  onGone(): void;
}

export function MessageActions({ message, onGone }: MessageActionsProps) {
  const cache = useCache();
  const { db } = cache;
  const { accountId, folderPath, uid } = message;
  // null once the cache no longer holds the message (moved or deleted elsewhere); undefined while loading.
  const header = useLiveQuery(async () => (await db.messages.get([accountId, folderPath, uid])) ?? null, [db, accountId, folderPath, uid]);
  const gone = header === null;
  const folders = useLiveQuery(() => listFolders(db, accountId), [db, accountId]);
  const destinations = useLiveQuery(() => moveDestinations(db, { accountId, folderPath }), [db, accountId, folderPath]);
  const account = useLiveQuery(() => db.accounts.get(accountId), [db, accountId]);
  const status = useAccountStatus(accountId);
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | null>(null);

  async function run(plan: (context: ActionContext) => Planned, leaves: boolean): Promise<void> {
    if (!account || gone) return;
    const result = await performOperation(cache, account, status?.state === 'online', message, plan);
    setNotice(result);
    if (result.ok && leaves) onGone();
  }
  // Quietly: the row and the folder's count show it, and a note on every opening would be noise.
  const cancelMarkRead = useMarkReadOnOpen(message, account ? (header ?? undefined) : undefined, () => {
    if (account) void performOperation(cache, account, status?.state === 'online', message, planMarkRead);
  });
  // A key pressed right after the message was chosen, before its account and header are
  // read from the cache, waits for them instead of being lost.
  const waiting = useRef<MessageAction | null>(null);
  const act = (action: MessageAction) => {
    if (!account || header === undefined) {
      waiting.current = action;
      return;
    }
    if (action === 'toggle-read') cancelMarkRead();
    return run((context) => planAction(action, context), action === 'archive' || action === 'delete');
  };

  useActionKeys(act);
  useEffect(() => {
    const action = waiting.current;
    if (action === null || !account || header === undefined) return;
    waiting.current = null;
    void act(action);
  });

  const archive = folders && folderWithRole(folders, 'archive');
  const inTrash = folders && folderWithRole(folders, 'trash')?.path === folderPath;
  const unread = header?.unread === 1;
  const flagged = header?.flags.includes('\\Flagged') ?? false;

  return (
    <div className="message-actions">
      <ActionBar
        label="Message actions"
        disabled={gone}
        canArchive={Boolean(archive) && archive?.path !== folderPath}
        deleteLabel={inTrash || (folders && !folderWithRole(folders, 'trash')) ? 'Delete for good' : 'Delete'}
        unread={unread}
        flagged={flagged}
        notice={notice}
        destinations={destinations}
        onAct={(action) => void act(action)}
        onMove={(to, keepOriginal) => void run((context) => planAction({ to, keepOriginal }, context), !keepOriginal)}
      />
    </div>
  );
}
