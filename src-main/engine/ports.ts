/**
 * What the engine needs from its host, as small interfaces, so the same engine runs under
 * the Electron host, the web host and plain Node tests.
 */
import type { CommandHandlers } from '../../src-shared/contract';
import type { AccountStatus } from '../../src-shared/model';
import type { StorePort } from '../../src-shared/store-port';

export type { StorePort } from '../../src-shared/store-port';

/** Keeps account passwords outside IndexedDB: safeStorage in Electron, a 0600 file on the web host. */
export interface SecretStore {
  get(accountId: string): Promise<string | null>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<void>;
}

export interface EngineDeps {
  /** The cache, reached through the host (IPC / WebSocket) or directly in tests. */
  store: StorePort;
  secrets: SecretStore;
  /** Publishes an account's connection state to every window. */
  publishStatus(status: AccountStatus): void;
}

/** The commands the engine itself answers; the host adds the transport-level ones. */
export type EngineCommandName = 'account.save' | 'account.open' | 'account.remove' | 'account.syncNow' | 'message.loadBody';
export type EngineHandlers = Pick<CommandHandlers, EngineCommandName>;

export interface Engine {
  handlers: EngineHandlers;
  /** Log out of every server and stop all timers. */
  close(): Promise<void>;
}
