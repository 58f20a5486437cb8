/**
 * A short-lived IMAP session for saving messages into the account's Sent and Drafts
 * folders (and into any folder, when mail is moved here from another account), opened with the same options as the supervisor's connection (TLS policy,
 * trusted certificates, timeouts) but separate from it, so an APPEND of a large message
 * never holds up sync or IDLE.
 */
import { ImapFlow } from 'imapflow';
import type { Account, SpecialUse } from '../../../src-shared/model';
import { imapFlowOptions, type ConnectionTimeouts } from '../imap/connection-options';
import { toFolders } from '../imap/folder-list';
import type { SecretStore } from '../ports';

export interface MailFolderSession {
  /** The folder with this role (RFC 6154, else the usual name); created as `name` when there is none. */
  folderFor(role: Extract<SpecialUse, 'sent' | 'drafts'>, name: string): Promise<string>;
  /** APPEND (RFC 3501 §6.3.11), with the message's INTERNALDATE when given; the new UID when the server reports one (UIDPLUS, RFC 4315). */
  append(path: string, raw: Buffer, flags: string[], internalDate?: Date): Promise<number | null>;
  /** Whether the folder exists (LIST, RFC 3501 §6.3.8). */
  hasFolder(path: string): Promise<boolean>;
  /**
   * Removes the messages with these UIDs. With UIDPLUS, UID EXPUNGE removes exactly them;
   * without it they are only marked \Deleted, because a plain EXPUNGE would also remove
   * whatever else the user marked (RFC 4315 §2.1).
   */
  deleteUids(path: string, uids: number[]): Promise<void>;
  /** UIDs of the messages in `path` whose Message-ID header is `messageId`. */
  findByMessageId(path: string, messageId: string): Promise<number[]>;
  /** The whole message (BODY.PEEK[], \Seen untouched); null when the UID is gone or larger than `maxBytes`. */
  source(path: string, uid: number, maxBytes: number): Promise<Buffer | null>;
}

export async function withMailFolderSession<T>(
  account: Account,
  secrets: SecretStore,
  timeouts: ConnectionTimeouts,
  use: (session: MailFolderSession) => Promise<T>,
): Promise<T> {
  if (account.incoming.protocol !== 'imap') throw new Error(`${account.name} has no IMAP server to keep Sent and Drafts on.`);
  const password = await secrets.get(account.id);
  if (password === null) throw new Error(`No password is stored for ${account.name}.`);
  const client = new ImapFlow(imapFlowOptions({ server: account.incoming, password, trustedCertificates: account.trustedCertificates }, timeouts));
  // Without an 'error' listener an EventEmitter error would be thrown at the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(sessionOver(client, account.id));
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function sessionOver(client: ImapFlow, accountId: string): MailFolderSession {
  return {
    async folderFor(role, name) {
      const listed = await client.list();
      const prefix = client.namespace?.prefix ?? '';
      const folders = toFolders(accountId, listed.map((e) => ({ path: e.path, delimiter: e.delimiter, flags: e.flags, subscribed: e.subscribed })), prefix);
      const found = folders.find((f) => f.specialUse === role && f.selectable);
      if (found) return found.path;
      // Under the personal namespace (RFC 2342), e.g. "INBOX.Sent" on servers that need it.
      const created = await client.mailboxCreate(`${prefix}${name}`);
      return created.path;
    },
    async append(path, raw, flags, internalDate) {
      const result = await client.append(path, raw, flags, internalDate);
      if (!result) throw new Error(`The server refused to save the message in ${path}.`);
      return typeof result.uid === 'number' ? result.uid : null;
    },
    async hasFolder(path) {
      return (await client.list()).some((folder) => folder.path === path);
    },
    async deleteUids(path, uids) {
      if (uids.length === 0) return;
      const lock = await client.getMailboxLock(path);
      try {
        const set = uids.join(',');
        if (client.capabilities.has('UIDPLUS')) await client.messageDelete(set, { uid: true });
        else await client.messageFlagsAdd(set, ['\\Deleted'], { uid: true });
      } finally {
        lock.release();
      }
    },
    async source(path, uid, maxBytes) {
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        const sized = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        if (!sized || typeof sized.size !== 'number' || sized.size > maxBytes) return null;
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        return message && message.source ? message.source : null;
      } finally {
        lock.release();
      }
    },
    async findByMessageId(path, messageId) {
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        return Array.isArray(uids) ? uids : [];
      } finally {
        lock.release();
      }
    },
  };
}
