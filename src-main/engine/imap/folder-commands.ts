/**
 * Folder management commands (RFC 3501 §6.3.3-6.3.7). The mailbox selected by the sync is
 * closed first: renaming or deleting the selected mailbox would leave the session pointing
 * at nothing, and CLOSE on an EXAMINEd mailbox expunges nothing (RFC 3501 §6.4.2).
 */
import type { ImapFlow } from 'imapflow';

export type FolderChange =
  | { kind: 'create'; path: string }
  | { kind: 'rename'; path: string; target: string }
  | { kind: 'delete'; path: string }
  | { kind: 'subscribe'; path: string; value: boolean };

export async function changeFolder(client: ImapFlow, change: FolderChange): Promise<void> {
  if (client.mailbox) await client.mailboxClose();
  switch (change.kind) {
    case 'create':
      // imapflow subscribes a folder it creates, so it shows in LSUB-only clients too.
      await client.mailboxCreate(change.path);
      return;
    case 'rename':
      await client.mailboxRename(change.path, change.target);
      return;
    case 'delete':
      await client.mailboxDelete(change.path);
      return;
    case 'subscribe': {
      const ok = change.value ? await client.mailboxSubscribe(change.path) : await client.mailboxUnsubscribe(change.path);
      if (!ok) throw new Error(`The server refused to ${change.value ? 'subscribe to' : 'unsubscribe from'} ${change.path}.`);
    }
  }
}
