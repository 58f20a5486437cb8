/**
 * A mailbox selected read-write, with the few commands that replaying operations needs
 * (engine/ops). imapflow picks the command forms the server supports: UID MOVE (RFC 6851)
 * or else UID COPY, STORE \Deleted and expunge; UID EXPUNGE only with UIDPLUS (RFC 4315
 * §2.1), else a plain EXPUNGE, which also removes whatever else was marked \Deleted there.
 */
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { MailboxState } from './imap-connection';
import { toUidSet } from './uid-set';

export interface WritableMailbox {
  readonly path: string;
  readonly state: MailboxState;
  /** Which of `uids` are still in the mailbox, ascending. */
  existing(uids: readonly number[]): Promise<number[]>;
  /** UIDs of the messages whose Message-ID header is `messageId` (UID SEARCH HEADER, RFC 3501 §6.4.4). */
  withMessageId(messageId: string): Promise<number[]>;
  setFlag(uids: readonly number[], flag: string, value: boolean): Promise<void>;
  /** Moves the messages; returns the target UIDs the server reported (COPYUID), by source UID. */
  moveTo(uids: readonly number[], target: string): Promise<Map<number, number>>;
  copyTo(uids: readonly number[], target: string): Promise<Map<number, number>>;
  /** Marks the messages \Deleted and expunges them. */
  expunge(uids: readonly number[]): Promise<void>;
  /** The whole message with its flags and INTERNALDATE (BODY.PEEK[]: \Seen untouched); null when the UID is gone. */
  wholeMessage(uid: number): Promise<WholeMessage | null>;
}

/** A message as the server keeps it: unchecked server data. */
export interface WholeMessage {
  raw: Buffer;
  flags: string[];
  internalDate: Date | null;
}

/** The server answered NO or BAD; imapflow reports that as `false`, keeping its words in its log. */
export class RefusedCommand extends Error {}

/** The folder does not exist on the server (SELECT said NO and LIST does not show it). */
export class MissingFolder extends Error {
  constructor(readonly folderPath: string) {
    super(`The folder ${folderPath} no longer exists on the server.`);
  }
}

export function writableMailbox(client: ImapFlow, selected: MailboxObject, state: MailboxState): WritableMailbox {
  const path = selected.path;
  const refused = (what: string) => new RefusedCommand(`The server refused to ${what} in ${path}.`);
  const search = async (query: object): Promise<number[]> => {
    if (client.mailbox && client.mailbox.exists === 0) return [];
    const uids = await client.search(query, { uid: true });
    if (!Array.isArray(uids)) throw refused('search');
    return [...uids].sort((a, b) => a - b);
  };
  const uidMapOf = (result: unknown): Map<number, number> => {
    const map = (result as { uidMap?: unknown }).uidMap;
    return map instanceof Map ? new Map([...map].filter(([from, to]) => isUid(from) && isUid(to))) : new Map();
  };
  return {
    path,
    state,
    existing: (uids) => (uids.length === 0 ? Promise.resolve([]) : search({ uid: toUidSet(uids) })),
    withMessageId: (messageId) => search({ header: { 'message-id': messageId } }),
    async setFlag(uids, flag, value) {
      if (uids.length === 0) return;
      const range = toUidSet(uids);
      const ok = value ? await client.messageFlagsAdd(range, [flag], { uid: true }) : await client.messageFlagsRemove(range, [flag], { uid: true });
      if (!ok) throw refused(`${value ? 'set' : 'clear'} ${flag}`);
    },
    async moveTo(uids, target) {
      if (uids.length === 0) return new Map();
      const result = await client.messageMove(toUidSet(uids), target, { uid: true });
      if (!result) throw refused(`move messages to ${target}`);
      return uidMapOf(result);
    },
    async copyTo(uids, target) {
      if (uids.length === 0) return new Map();
      const result = await client.messageCopy(toUidSet(uids), target, { uid: true });
      if (!result) throw refused(`copy messages to ${target}`);
      return uidMapOf(result);
    },
    async expunge(uids) {
      if (uids.length === 0) return;
      if (!(await client.messageDelete(toUidSet(uids), { uid: true }))) throw refused('delete messages');
    },
    async wholeMessage(uid) {
      const message = await client.fetchOne(String(uid), { uid: true, source: true, flags: true, internalDate: true }, { uid: true });
      if (!message || !Buffer.isBuffer(message.source)) return null;
      const flags = message.flags instanceof Set ? [...message.flags].filter((f): f is string => typeof f === 'string') : [];
      const date = message.internalDate instanceof Date && !Number.isNaN(message.internalDate.getTime()) ? message.internalDate : null;
      return { raw: message.source, flags, internalDate: date };
    },
  };
}

function isUid(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
