/**
 * One authenticated IMAP connection, behind the small interface the sync needs, so the rest
 * of the engine never touches imapflow and tests can stand in for the server.
 */
import { ImapFlow, type MailboxObject } from 'imapflow';
import { imapFlowOptions, type ConnectionTimeouts, type ImapTarget } from './connection-options';
import { changeFolder, type FolderChange } from './folder-commands';
import type { ListedFolder } from './folder-list';
import { MailboxGate } from './mailbox-gate';
import { HEADER_FETCH_QUERY, type FetchedMessage } from './header-fetch';
import { toUidSet } from './uid-set';
import { uidOf } from './untrusted';
import { MissingFolder, writableMailbox, type WritableMailbox } from './writable-mailbox';

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
  /** Headers of the messages with sequence numbers `first`…`last` (RFC 3501 §2.3.1.2). */
  fetchHeadersBySequence(first: number, last: number): Promise<FetchedMessage[]>;
  /** UID and FLAGS of every message with UID ≤ `upTo`. */
  flagsUpTo(upTo: number): Promise<FetchedMessage[]>;
  /**
   * UID and FLAGS of the messages with UID ≤ `upTo` changed after mod-sequence `modseq`
   * (CONDSTORE, RFC 7162 §3.1.4.1). Where QRESYNC is enabled the same command also names
   * the UIDs expunged since then (VANISHED (EARLIER), RFC 7162 §3.2.6); `vanished` is null
   * when the server cannot say.
   */
  flagsChangedSince(upTo: number, modseq: string): Promise<{ changed: FetchedMessage[]; vanished: number[] | null }>;
  /** UIDs of the messages with UID ≤ `upTo`, ascending. */
  uidsUpTo(upTo: number): Promise<number[]>;
  /** RFC822.SIZE, or null when the UID is gone. */
  sizeOf(uid: number): Promise<number | null>;
  /** The whole message (BODY.PEEK[], so \Seen is left alone), or null when the UID is gone. */
  sourceOf(uid: number): Promise<Buffer | null>;
  /** Several whole messages in one UID FETCH, by UID; UIDs gone from the server are absent. */
  sourcesOf(uids: readonly number[]): Promise<Map<number, Buffer>>;
  /** UID SEARCH (RFC 3501 §6.4.4) with every given criterion at once; ascending UIDs. */
  search(criteria: SearchCriteria): Promise<number[]>;
}

/**
 * One UID SEARCH: each text key takes one string (substring match, RFC 3501 §6.4.4), so
 * several words are several searches whose results are intersected (engine/search).
 */
export interface SearchCriteria {
  text?: string;
  from?: string;
  to?: string;
  subject?: string;
  seen?: boolean;
  flagged?: boolean;
  /** The Date header's day (SENTBEFORE / SENTSINCE), as the local list sorts by it. */
  sentBefore?: Date;
  sentSince?: Date;
}

/** STATUS of a folder (RFC 3501 §6.3.10; HIGHESTMODSEQ from RFC 7162 §3.1.2.3); null for what the server left out. */
export interface FolderStatus {
  uidValidity: number | null;
  uidNext: number | null;
  messages: number | null;
  highestModseq: string | null;
}

export interface ImapConnection {
  /** False once the connection closed or broke. */
  readonly usable: boolean;
  /** Whether the server offers IDLE (RFC 2177). */
  readonly canIdle: boolean;
  status(path: string): Promise<FolderStatus>;
  /**
   * Selects `path` read-only and IDLEs on it until the next command; new mail, expunges and
   * flag changes reported meanwhile reach the `onMailboxChange` listeners. Returns the
   * folder's state as the SELECT reported it: mail that arrived before IDLE began shows
   * there and in no later announcement.
   */
  idle(path: string): Promise<FolderStatus>;
  /** Called with the folder's path whenever the server reports a change in the selected folder. */
  onMailboxChange(listener: (path: string) => void): void;
  listFolders(): Promise<{ folders: ListedFolder[]; namespacePrefix: string }>;
  /**
   * Runs `use` with the mailbox selected read-only; calls queue behind each other. With
   * `fresh`, a mailbox that is still selected is examined again, for current UIDNEXT and
   * HIGHESTMODSEQ.
   */
  withMailbox<T>(path: string, use: (mailbox: OpenMailbox) => Promise<T>, opts?: { fresh?: boolean }): Promise<T>;
  /** Runs `use` with the mailbox selected read-write, to replay operations (engine/ops); queued like `withMailbox`. */
  withWritableMailbox<T>(path: string, use: (mailbox: WritableMailbox) => Promise<T>): Promise<T>;
  /** Creates, renames, deletes or (un)subscribes a folder (engine/ops). */
  changeFolder(change: FolderChange): Promise<void>;
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
  /** STATUS may close the selected mailbox only while no step uses it (mailbox-gate.ts). */
  private readonly gate = new MailboxGate();
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

  get canIdle(): boolean {
    return this.client.capabilities.has('IDLE');
  }

  async status(path: string): Promise<FolderStatus> {
    return this.gate.exclusive(() => this.statusNow(path));
  }

  private async statusNow(path: string): Promise<FolderStatus> {
    // STATUS of the selected mailbox is discouraged (RFC 3501 §6.3.10), and Dovecot answers it
    // from the session's view, blind to later deliveries. CLOSE on an EXAMINEd mailbox
    // expunges nothing (RFC 3501 §6.4.2).
    if (this.client.mailbox && this.client.mailbox.path === path) await this.client.mailboxClose();
    const status = await this.client.status(path, { uidValidity: true, uidNext: true, messages: true, highestModseq: true });
    if (!status) throw new Error(`The server could not report on the folder ${path}.`);
    return {
      uidValidity: countOrNull(status.uidValidity),
      uidNext: countOrNull(status.uidNext),
      messages: countOrNull(status.messages),
      highestModseq: typeof status.highestModseq === 'bigint' && status.highestModseq > 0n ? status.highestModseq.toString() : null,
    };
  }

  async idle(path: string): Promise<FolderStatus> {
    const lock = await this.client.getMailboxLock(path, { readOnly: true });
    const selected = this.client.mailbox;
    lock.release();
    if (!selected) throw new Error(`The server closed the folder ${path}.`);
    // Resolves only when IDLE ends, which the next command does (imapflow sends DONE first).
    void this.client.idle().catch(() => undefined);
    const state = mailboxState(selected);
    return { uidValidity: state.uidValidity, uidNext: state.uidNext, messages: state.exists, highestModseq: state.highestModseq };
  }

  onMailboxChange(listener: (path: string) => void): void {
    for (const event of ['exists', 'expunge', 'flags'] as const) {
      this.client.on(event, (update: { path?: unknown }) => {
        if (typeof update.path === 'string') listener(update.path);
      });
    }
  }

  async listFolders() {
    const entries = await this.client.list();
    const folders: ListedFolder[] = entries.map((e) => ({ path: e.path, delimiter: e.delimiter, flags: e.flags, subscribed: e.subscribed }));
    return { folders, namespacePrefix: this.client.namespace?.prefix ?? '' };
  }

  withMailbox<T>(path: string, use: (mailbox: OpenMailbox) => Promise<T>, opts: { fresh?: boolean } = {}): Promise<T> {
    return this.gate.use(() => this.withMailboxNow(path, use, opts));
  }

  private async withMailboxNow<T>(path: string, use: (mailbox: OpenMailbox) => Promise<T>, opts: { fresh?: boolean }): Promise<T> {
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

  withWritableMailbox<T>(path: string, use: (mailbox: WritableMailbox) => Promise<T>): Promise<T> {
    return this.gate.use(() => this.withWritableMailboxNow(path, use));
  }

  private async withWritableMailboxNow<T>(path: string, use: (mailbox: WritableMailbox) => Promise<T>): Promise<T> {
    // A lock on a mailbox EXAMINEd by the sync SELECTs it again, read-write.
    const lock = await this.client.getMailboxLock(path, { readOnly: false }).catch((error: unknown) => {
      throw (error as { mailboxMissing?: unknown }).mailboxMissing === true ? new MissingFolder(path) : error;
    });
    try {
      const selected = this.client.mailbox;
      if (!selected) throw new Error(`The server closed the folder ${path}.`);
      return await use(writableMailbox(this.client, selected, mailboxState(selected)));
    } finally {
      lock.release();
    }
  }

  async changeFolder(change: FolderChange): Promise<void> {
    // Under a mailbox lock, so no sync or replay step runs on a mailbox that is being renamed.
    const lock = await this.client.getMailboxLock('INBOX', { readOnly: true });
    try {
      await changeFolder(this.client, change);
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
    const fetchAll = async (range: string, query: object, changedSince?: bigint): Promise<FetchedMessage[]> => {
      const messages: FetchedMessage[] = [];
      for await (const message of client.fetch(range, query, { uid: true, changedSince })) messages.push(message);
      return messages;
    };
    const search = async (range: string): Promise<number[]> => {
      if (state.exists === 0) return [];
      const uids = await client.search({ uid: range }, { uid: true });
      if (!Array.isArray(uids)) throw new Error(`The server could not list the messages of ${selected.path}.`);
      return uids;
    };
    return {
      state,
      async search(criteria) {
        if (state.exists === 0) return [];
        const uids = await client.search({ ...criteria }, { uid: true });
        if (!Array.isArray(uids)) throw new Error(`The server could not search ${selected.path}.`);
        return uids;
      },
      uidsFrom: (from) => search(`${from}:*`),
      uidsUpTo: (upTo) => (upTo < 1 ? Promise.resolve([]) : search(`1:${upTo}`)),
      fetchHeaders: (uids) => (uids.length === 0 ? Promise.resolve([]) : fetchAll(toUidSet(uids), HEADER_FETCH_QUERY)),
      async fetchHeadersBySequence(first, last) {
        const messages: FetchedMessage[] = [];
        for await (const message of client.fetch(`${first}:${last}`, HEADER_FETCH_QUERY)) messages.push(message);
        return messages;
      },
      flagsUpTo: (upTo) => (state.exists === 0 || upTo < 1 ? Promise.resolve([]) : fetchAll(`1:${upTo}`, { uid: true, flags: true })),
      async flagsChangedSince(upTo, modseq) {
        const qresync = client.enabled.has('QRESYNC');
        if (upTo < 1) return { changed: [], vanished: qresync ? [] : null };
        // imapflow reports each VANISHED UID as an 'expunge' event while the FETCH runs.
        const vanished: number[] = [];
        const onExpunge = (event: { path?: unknown; uid?: unknown; vanished?: unknown }) => {
          const uid = uidOf(event.uid);
          if (event.vanished === true && event.path === selected.path && uid !== null && uid <= upTo) vanished.push(uid);
        };
        client.on('expunge', onExpunge);
        try {
          const changed = state.exists === 0 && !qresync ? [] : await fetchAll(`1:${upTo}`, { uid: true, flags: true }, BigInt(modseq));
          return { changed, vanished: qresync ? vanished : null };
        } finally {
          client.off('expunge', onExpunge);
        }
      },
      async sizeOf(uid) {
        const message = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        return message && typeof message.size === 'number' ? message.size : null;
      },
      async sourceOf(uid) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        return message && message.source ? message.source : null;
      },
      async sourcesOf(uids) {
        const wanted = new Set(uids);
        const sources = new Map<number, Buffer>();
        if (wanted.size === 0) return sources;
        for await (const message of client.fetch([...wanted].join(','), { uid: true, source: true }, { uid: true })) {
          // Only what was asked for: a FETCH response about another message is not an answer.
          if (wanted.has(message.uid) && message.source) sources.set(message.uid, message.source);
        }
        return sources;
      },
    };
  }
}

function countOrNull(value: unknown): number | null {
  const number = typeof value === 'bigint' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : null;
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
