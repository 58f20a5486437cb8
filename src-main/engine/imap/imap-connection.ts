/**
 * One authenticated IMAP connection, behind the small interface the sync needs, so the rest
 * of the engine never touches imapflow and tests can stand in for the server.
 */
import { ImapFlow, type MailboxObject } from 'imapflow';
import { imapFlowOptions, type ConnectionTimeouts, type ImapTarget } from './connection-options';
import type { ListedFolder } from './folder-list';
import { HEADER_FETCH_QUERY, type FetchedMessage } from './header-fetch';
import { toUidSet } from './uid-set';

/** What SELECT/EXAMINE reported (RFC 3501 §6.3.1); UIDNEXT may be missing, HIGHESTMODSEQ is CONDSTORE only. */
export interface MailboxState {
  uidValidity: number;
  uidNext: number | null;
  highestModseq: string | null;
  exists: number;
}

/** A mailbox selected (read-only) for the duration of one `withMailbox` call. */
export interface OpenMailbox {
  readonly state: MailboxState;
  /** UIDs of the messages with UID ≥ `from`, ascending. */
  uidsFrom(from: number): Promise<number[]>;
  fetchHeaders(uids: readonly number[]): Promise<FetchedMessage[]>;
  /** UID and FLAGS of every message with UID ≤ `upTo`. */
  flagsUpTo(upTo: number): Promise<FetchedMessage[]>;
  /** RFC822.SIZE, or null when the UID is gone. */
  sizeOf(uid: number): Promise<number | null>;
  /** The whole message (BODY.PEEK[], so \Seen is left alone), or null when the UID is gone. */
  sourceOf(uid: number): Promise<Buffer | null>;
}

export interface ImapConnection {
  /** False once the connection closed or broke. */
  readonly usable: boolean;
  listFolders(): Promise<{ folders: ListedFolder[]; namespacePrefix: string }>;
  /**
   * Runs `use` with the mailbox selected read-only; calls queue behind each other. With
   * `fresh`, a mailbox that is still selected is examined again, for current UIDNEXT and
   * HIGHESTMODSEQ.
   */
  withMailbox<T>(path: string, use: (mailbox: OpenMailbox) => Promise<T>, opts?: { fresh?: boolean }): Promise<T>;
  /** Called once when the connection ends for any reason, with the error if there was one. */
  onClose(listener: (error: unknown) => void): void;
  /** LOGOUT politely, or drop the connection if the server does not answer in time. */
  logout(): Promise<void>;
}

const LOGOUT_GRACE_MS = 3_000;

/** Connects and logs in; aborting `signal` drops a connection attempt still under way. */
export async function connectImap(target: ImapTarget, timeouts: ConnectionTimeouts, signal?: AbortSignal): Promise<ImapConnection> {
  signal?.throwIfAborted();
  const client = new ImapFlow(imapFlowOptions(target, timeouts));
  const connection = new ImapFlowConnection(client);
  const abort = () => client.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw error;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  return connection;
}

class ImapFlowConnection implements ImapConnection {
  private lastError: unknown = undefined;
  private readonly closeListeners: ((error: unknown) => void)[] = [];

  constructor(private readonly client: ImapFlow) {
    // Without an 'error' listener an EventEmitter error would be thrown at the process.
    client.on('error', (error) => {
      this.lastError = error;
    });
    client.once('close', () => {
      for (const listener of this.closeListeners) listener(this.lastError);
    });
  }

  get usable(): boolean {
    return this.client.usable;
  }

  async listFolders() {
    const entries = await this.client.list();
    const folders: ListedFolder[] = entries.map((e) => ({ path: e.path, delimiter: e.delimiter, flags: e.flags, subscribed: e.subscribed }));
    return { folders, namespacePrefix: this.client.namespace?.prefix ?? '' };
  }

  async withMailbox<T>(path: string, use: (mailbox: OpenMailbox) => Promise<T>, opts: { fresh?: boolean } = {}): Promise<T> {
    const selectedBefore = this.client.mailbox;
    const lock = await this.client.getMailboxLock(path, { readOnly: true });
    try {
      // The lock reuses a mailbox that is already selected without asking the server again.
      if (opts.fresh && this.client.mailbox === selectedBefore) await this.client.mailboxOpen(path, { readOnly: true });
      const selected = this.client.mailbox;
      if (!selected) throw new Error(`The server closed the folder ${path}.`);
      return await use(this.openMailbox(selected));
    } finally {
      lock.release();
    }
  }

  onClose(listener: (error: unknown) => void): void {
    this.closeListeners.push(listener);
  }

  async logout(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LOGOUT_GRACE_MS);
    });
    await Promise.race([this.client.logout().catch(() => undefined), grace]);
    clearTimeout(timer);
    this.client.close();
  }

  private openMailbox(selected: MailboxObject): OpenMailbox {
    const client = this.client;
    const state = mailboxState(selected);
    const fetchAll = async (range: string, query: object): Promise<FetchedMessage[]> => {
      const messages: FetchedMessage[] = [];
      for await (const message of client.fetch(range, query, { uid: true })) messages.push(message);
      return messages;
    };
    return {
      state,
      async uidsFrom(from) {
        if (state.exists === 0) return [];
        const uids = await client.search({ uid: `${from}:*` }, { uid: true });
        if (!Array.isArray(uids)) throw new Error(`The server could not list the messages of ${selected.path}.`);
        return uids;
      },
      fetchHeaders: (uids) => (uids.length === 0 ? Promise.resolve([]) : fetchAll(toUidSet(uids), HEADER_FETCH_QUERY)),
      flagsUpTo: (upTo) => (state.exists === 0 || upTo < 1 ? Promise.resolve([]) : fetchAll(`1:${upTo}`, { uid: true, flags: true })),
      async sizeOf(uid) {
        const message = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        return message && typeof message.size === 'number' ? message.size : null;
      },
      async sourceOf(uid) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        return message && message.source ? message.source : null;
      },
    };
  }
}

function mailboxState(mailbox: MailboxObject): MailboxState {
  const uidValidity = Number(mailbox.uidValidity);
  const uidNext = Number(mailbox.uidNext);
  const modseq = mailbox.highestModseq;
  return {
    uidValidity: Number.isSafeInteger(uidValidity) && uidValidity >= 0 ? uidValidity : 0,
    uidNext: Number.isSafeInteger(uidNext) && uidNext > 0 ? uidNext : null,
    highestModseq: typeof modseq === 'bigint' && !mailbox.noModseq && modseq > 0n ? modseq.toString() : null,
    exists: Number.isSafeInteger(mailbox.exists) && mailbox.exists >= 0 ? mailbox.exists : 0,
  };
}
