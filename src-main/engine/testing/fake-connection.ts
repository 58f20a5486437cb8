/** An ImapConnection over fake mailboxes, for testing what runs on top of a connection. */
import type { ListedFolder } from '../imap/folder-list';
import type { ImapConnection, OpenMailbox } from '../imap/imap-connection';

export interface FakeConnection extends ImapConnection {
  usable: boolean;
  /** Paths in the order `withMailbox` opened them. */
  readonly opened: string[];
}

/** `mailboxes` maps a path to its mailbox, or to the error selecting it fails with. */
export function fakeConnection(listed: ListedFolder[], mailboxes: Record<string, OpenMailbox | Error>): FakeConnection {
  const opened: string[] = [];
  return {
    usable: true,
    opened,
    listFolders: async () => ({ folders: listed, namespacePrefix: '' }),
    async withMailbox(path, use) {
      opened.push(path);
      const mailbox = mailboxes[path];
      if (mailbox === undefined) throw new Error(`Mailbox doesn't exist: ${path}`);
      if (mailbox instanceof Error) throw mailbox;
      return use(mailbox);
    },
    onClose: () => undefined,
    logout: async () => undefined,
  };
}
