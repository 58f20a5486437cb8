/** An ImapConnection over fake mailboxes, for testing what runs on top of a connection. */
import type { ListedFolder } from '../imap/folder-list';
import type { ImapConnection, OpenMailbox } from '../imap/imap-connection';

export interface FakeConnection extends ImapConnection {
  usable: boolean;
  canIdle: boolean;
  /** Paths in the order `withMailbox` opened them. */
  readonly opened: string[];
  /** Paths in the order `idle` was called on them. */
  readonly idled: string[];
  /** Tells the change listeners that `path` changed, as an untagged EXISTS would. */
  emitChange(path: string): void;
}

/** `mailboxes` maps a path to its mailbox, or to the error selecting it fails with. */
export function fakeConnection(listed: ListedFolder[], mailboxes: Record<string, OpenMailbox | Error>): FakeConnection {
  const opened: string[] = [];
  const idled: string[] = [];
  const listeners: ((path: string) => void)[] = [];
  function statusOf(path: string) {
    const mailbox = mailboxes[path];
    if (mailbox === undefined || mailbox instanceof Error) throw mailbox ?? new Error(`Mailbox doesn't exist: ${path}`);
    const { uidValidity, uidNext, exists, highestModseq } = mailbox.state;
    return { uidValidity, uidNext, messages: exists, highestModseq };
  }
  return {
    usable: true,
    canIdle: false,
    opened,
    idled,
    emitChange: (path) => listeners.forEach((listener) => listener(path)),
    status: async (path) => statusOf(path),
    async idle(path) {
      idled.push(path);
      return statusOf(path);
    },
    onMailboxChange: (listener) => void listeners.push(listener),
    listFolders: async () => ({ folders: listed, namespacePrefix: '' }),
    async withMailbox(path, use) {
      opened.push(path);
      const mailbox = mailboxes[path];
      if (mailbox === undefined) throw new Error(`Mailbox doesn't exist: ${path}`);
      if (mailbox instanceof Error) throw mailbox;
      return use(mailbox);
    },
    async withWritableMailbox() {
      throw new Error('The fake connection serves read-only mailboxes; replay is tested against Dovecot.');
    },
    async changeFolder() {
      throw new Error('The fake connection cannot change folders; folder management is tested against Dovecot.');
    },
    onClose: () => undefined,
    logout: async () => undefined,
  };
}
