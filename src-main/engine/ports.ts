/**
 * What the engine needs from its host, as small interfaces, so the same engine runs under
 * the Electron host, the web host and plain Node tests.
 */
import type { ReverifyArgs } from '../../src-shared/account-setup';
import type { CommandHandlers } from '../../src-shared/contract';
import type { AccountStatus } from '../../src-shared/model';
import type { OutboxEntry } from '../../src-shared/outgoing';
import type { StorePort } from '../../src-shared/store-port';
import type { CheckPasswords } from './verify/stored-passwords';

export type { StorePort } from '../../src-shared/store-port';

/** Keeps account passwords outside IndexedDB: safeStorage in Electron, a 0600 file on the web host. */
export interface SecretStore {
  get(accountId: string): Promise<string | null>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** Where the host's embedded relay takes submissions (loopback, no AUTH). */
export interface RelayAddress {
  host: string;
  port: number;
}

export interface EngineDeps {
  /** The cache, reached through the host (IPC / WebSocket) or directly in tests. */
  store: StorePort;
  secrets: SecretStore;
  /** Publishes an account's connection state to every window. */
  publishStatus(status: AccountStatus): void;
  /** A directory in the profile for the durable outbox spool (engine/outbox). */
  outboxDir: string;
  /** Publishes the outbox's entries to every window whenever one changes. */
  publishOutbox(entries: OutboxEntry[]): void;
  /** The embedded relay's address while the host runs it, else null. */
  relayAddress(): RelayAddress | null;
  /** Free bytes on the disk that holds the cache's IndexedDB, or null where the host cannot tell. */
  cacheDiskFree(): Promise<number | null>;
}

/** The commands the engine itself answers; the host adds the transport-level ones. */
export type EngineCommandName =
  | 'account.save'
  | 'account.open'
  | 'account.remove'
  | 'account.syncNow'
  | 'message.loadBody'
  | 'message.source'
  | 'attachment.parseMessage'
  | 'compose.blobCreate'
  | 'compose.blobAppend'
  | 'outbox.queue'
  | 'outbox.list'
  | 'outbox.cancel'
  | 'outbox.retryNow'
  | 'draft.save'
  | 'draft.remove'
  | 'compose.original'
  | 'ops.replayNow'
  | 'search.server';
export type EngineHandlers = Pick<CommandHandlers, EngineCommandName>;

export interface Engine {
  handlers: EngineHandlers;
  /** A window attached its cache: every open IMAP account syncs into it now. */
  cacheAttached(): void;
  /** The passwords that check a saved account's changed settings (verify/stored-passwords.ts). */
  passwordsForCheck(args: ReverifyArgs): Promise<CheckPasswords>;
  /** Log out of every server and stop all timers. */
  close(): Promise<void>;
}
