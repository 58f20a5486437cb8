/**
 * Keeps one account connected and its cache in step: one IMAP connection, a full pass on
 * connect, between passes a watch for changes (IDLE on INBOX, STATUS polling of the other
 * subscribed folders; change-watch.ts) that syncs just the folders that changed, a full pass
 * now and then as a safety net, and reconnects with backoff after network failures. A refused login or a connection that
 * cannot be secured waits for the user instead: retrying would only repeat it, and
 * repeated failed logins can get an account locked.
 *
 * Every connect or sync pass runs through one queue, so passes never overlap.
 */
import type { Account, AccountState, AccountStatus } from '../../../src-shared/model';
import { offlineSettings } from '../../../src-shared/offline-policy';
import { describeFailure, type ConnectionFailure } from '../imap/connection-errors';
import { DEFAULT_TIMEOUTS, type ConnectionTimeouts } from '../imap/connection-options';
import { connectImap, type ImapConnection } from '../imap/imap-connection';
import { NO_OTHER_ACCOUNTS, type OtherAccounts } from '../ops/other-accounts';
import { replayOperations } from '../ops/replay-operations';
import { diskSize, OFFLINE_DOWNLOAD_FLOOR_BYTES } from '../disk-space';
import type { EngineDeps } from '../ports';
import { reasonOf, syncAccount } from '../sync/account-sync';
import { downloadPolicyBodies } from '../sync/body-background';
import { downloadBody, downloadSource, type MessageSource } from '../sync/body-download';
import { DEFAULT_BATCHES, type BatchSizes } from '../sync/folder-sync';
import type { SearchQuery } from '../../../src-shared/search-query';
import { searchServer, type ServerSearchResult } from '../search/server-search';
import { Backoff } from './backoff';
import { ChangeWatch, type WatchedFolders } from './change-watch';

export interface SupervisorTiming {
  retryInitialMs: number;
  retryMaxMs: number;
  resyncIntervalMs: number;
  /** How often the watch polls STATUS of the folders IDLE does not cover. */
  pollIntervalMs: number;
  timeouts: ConnectionTimeouts;
  batches: BatchSizes;
}

export const DEFAULT_TIMING: SupervisorTiming = {
  retryInitialMs: 2_000,
  retryMaxMs: 5 * 60_000,
  resyncIntervalMs: 10 * 60_000,
  pollIntervalMs: 10_000,
  timeouts: DEFAULT_TIMEOUTS,
  batches: DEFAULT_BATCHES,
};

const MAX_DETAIL = 2000;

export class AccountSupervisor {
  private connection: ImapConnection | null = null;
  private stopped = false;
  private lastStatus: AccountStatus | null = null;
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  /** The folders the queued pass syncs; null for all. */
  private queuedOnly: Set<string> | null = null;
  private watch: ChangeWatch | null = null;
  /** The background body download between passes (body-background.ts); aborted when a pass is wanted. */
  private background: AbortController | null = null;

  constructor(
    readonly account: Account,
    private readonly deps: EngineDeps,
    private readonly timing: SupervisorTiming = DEFAULT_TIMING,
    /** Other accounts' servers, for queued moves and copies that end there. */
    private readonly others: OtherAccounts = NO_OTHER_ACCOUNTS,
  ) {
    this.backoff = new Backoff(timing.retryInitialMs, timing.retryMaxMs);
  }

  start(): void {
    void this.requestPass();
  }

  /** Sync now, reconnecting first (also after a refused login) when not connected. */
  syncNow(): Promise<void> {
    this.backoff.reset();
    return this.requestPass();
  }

  /**
   * Sends the queued operations now (a user action was just queued), then syncs the folders
   * they touched. Offline, the reconnect replays them; this does not bypass the backoff.
   */
  replayNow(): Promise<void> {
    if (!this.connection?.usable) return Promise.resolve();
    return this.requestPass([]);
  }

  /**
   * A window attached its cache: a pass brings it up to date (a cursor-based resync, cheap
   * when nothing changed). Offline, the reconnect does that; this does not bypass the backoff.
   */
  cacheAttached(): void {
    if (this.connection?.usable) void this.requestPass();
  }

  /** Whether the account's connection is up (the online access model acts only then). */
  get online(): boolean {
    return this.connection?.usable === true;
  }

  async loadBody(folderPath: string, uid: number): Promise<void> {
    const connection = this.connection;
    const offline = `Can't download this message: ${this.account.name} is offline.`;
    if (connection === null || !connection.usable) throw new Error(offline);
    let outcome: 'stored' | 'gone';
    try {
      outcome = await downloadBody(connection, this.deps.store, { accountId: this.account.id, folderPath, uid });
    } catch (error) {
      const message = connection.usable ? `Can't download this message: ${reasonOf(error)}` : offline;
      throw new Error(message, { cause: error });
    }
    if (outcome === 'gone') throw new Error("Can't download this message: it is no longer on the server.");
    // The online model's bodies live in a cache bounded by bytes, the least recently fetched
    // leaving first; the disconnected model keeps to its disk budget, oldest messages first.
    const settings = offlineSettings(this.account);
    const order = settings.accessModel === 'online' ? 'least-recent' : 'oldest';
    await this.deps.store.enforceBodyBudget({ accountId: this.account.id, limitBytes: settings.budgetBytes, order });
  }

  /** A search-box query run on the server (engine/search/server-search.ts). */
  async searchServer(query: SearchQuery, limit: number): Promise<ServerSearchResult> {
    const connection = this.connection;
    const offline = `Can't search the server: ${this.account.name} is offline.`;
    if (connection === null || !connection.usable) throw new Error(offline);
    try {
      return await searchServer(connection, this.account.id, query, limit);
    } catch (error) {
      throw new Error(connection.usable ? `Can't search the server: ${reasonOf(error)}` : offline, { cause: error });
    }
  }

  /** The raw message for "View source" (body-download.ts downloadSource). */
  async loadSource(folderPath: string, uid: number): Promise<MessageSource> {
    const connection = this.connection;
    const offline = `Can't show the source: ${this.account.name} is offline.`;
    if (connection === null || !connection.usable) throw new Error(offline);
    let source: MessageSource | null;
    try {
      source = await downloadSource(connection, { accountId: this.account.id, folderPath, uid });
    } catch (error) {
      throw new Error(connection.usable ? `Can't show the source: ${reasonOf(error)}` : offline, { cause: error });
    }
    if (source === null) throw new Error("Can't show the source: the message is no longer on the server.");
    return source;
  }

  /** Logs out and stops every timer; resolves once no pass is running any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopWatch();
    this.stopBackground();
    this.abort.abort();
    const connection = this.connection;
    this.connection = null;
    await connection?.logout();
    await this.running;
  }

  /**
   * Queues a pass over `only` (all folders when null) unless one is already waiting to
   * start: that one then takes these folders too, and will see the latest state.
   */
  private requestPass(only: readonly string[] | null = null): Promise<void> {
    this.stopWatch();
    this.stopBackground();
    if (this.queued) {
      if (this.queuedOnly !== null) this.queuedOnly = only === null ? null : new Set([...this.queuedOnly, ...only]);
      return this.queued;
    }
    this.queuedOnly = only === null ? null : new Set(only);
    const pass = this.running.then(async () => {
      const folders = this.queuedOnly;
      this.queued = null;
      if (this.stopped) return;
      if (folders === null) clearTimeout(this.timer);
      try {
        if (this.connection?.usable) await this.sync(this.connection, folders);
        else await this.connectAndSync();
      } catch (error) {
        // Nothing above should throw; if something does, the account says so and the queue goes on.
        this.publish('error', `Unexpected failure: ${reasonOf(error)}`);
      }
    });
    this.queued = pass;
    this.running = pass;
    return pass;
  }

  private async connectAndSync(): Promise<void> {
    this.publish('connecting');
    let password: string | null;
    try {
      password = await this.deps.secrets.get(this.account.id);
    } catch (error) {
      this.publish('error', `Cannot read the stored password: ${reasonOf(error)}`);
      return;
    }
    if (password === null) {
      this.publish('error', 'No password stored for this account');
      return;
    }
    let connection: ImapConnection;
    try {
      const target = { server: this.account.incoming, password, trustedCertificates: this.account.trustedCertificates };
      connection = await connectImap(target, this.timing.timeouts, this.abort.signal);
    } catch (error) {
      if (!this.stopped) this.fail(describeFailure(error, this.account.incoming));
      return;
    }
    if (this.stopped) {
      await connection.logout();
      return;
    }
    this.connection = connection;
    connection.onClose((error) => this.closed(connection, error));
    connection.onMailboxChange((path) => this.watch?.announced(path));
    await this.sync(connection, null);
  }

  private async sync(connection: ImapConnection, only: ReadonlySet<string> | null): Promise<void> {
    // A pass over a few changed folders is quick; saying "syncing" for it would only flicker.
    if (only === null) this.publish('syncing');
    let detail: string | undefined;
    let watched: WatchedFolders | null = null;
    let replayed: string[] = [];
    try {
      // Queued local changes first (RFC 4549 §4), so the sync sees them instead of undoing them.
      replayed = await replayOperations(connection, this.deps.store, this.account.id, this.others);
    } catch (error) {
      if (!connection.usable) return;
      detail = `Could not send queued changes: ${reasonOf(error)}`;
    }
    try {
      const folders = only === null ? null : new Set([...only, ...replayed]);
      const result = await syncAccount(connection, this.deps.store, this.account.id, this.timing.batches, folders);
      const failures = result.failures;
      watched = result.watched;
      if (failures.length > 0) detail = `${detail === undefined ? '' : `${detail}; `}Could not sync ${failures.map((f) => `${f.folderPath} (${f.reason})`).join(', ')}`;
    } catch (error) {
      // A broken connection is reported by its close handler, which also schedules the reconnect.
      if (!connection.usable) return;
      detail = `Sync failed: ${reasonOf(error)}`;
    }
    if (this.stopped || connection !== this.connection) return;
    this.publish('online', detail);
    if (detail !== undefined) {
      // Part of the pass failed (the cache went away with its window, a folder refused): try
      // again soon, ever more slowly, instead of leaving it stale until the periodic resync.
      this.after(this.backoff.next());
    } else {
      // Only a completed pass ends the backoff: a server that drops every session right after
      // login is then retried ever more slowly instead of every two seconds.
      this.backoff.reset();
      // The full pass's timer keeps running across the small passes the watch triggers.
      if (only === null) this.after(this.timing.resyncIntervalMs);
    }
    // A pass already queued (e.g. an operation replay asked for meanwhile) starts its own
    // watch; one started now would poll STATUS, which closes the selected mailbox, under it.
    if (watched !== null && this.queued === null) this.startWatch(connection, watched);
    if (this.queued === null) this.startBackground(connection);
  }

  /** Bodies per the offline policy, after the headers and until the next pass is wanted. */
  private startBackground(connection: ImapConnection): void {
    const background = new AbortController();
    this.background = background;
    downloadPolicyBodies(connection, this.deps.store, this.account, background.signal, { diskFree: () => this.deps.cacheDiskFree() }).then(
      ({ stoppedForDisk }) => {
        if (stoppedForDisk === null || !connection.usable || background.signal.aborted) return;
        // Said until the next pass, which tries again (and says it again while space is short).
        this.publish('online', `Stopped downloading messages for offline use: only ${diskSize(stoppedForDisk)} free on the disk that holds the cache (Tern keeps ${diskSize(OFFLINE_DOWNLOAD_FLOOR_BYTES)} free)`);
      },
      (error: unknown) => {
        // A broken connection is reported by its close handler; anything else is said, and the next pass tries again.
        if (connection.usable && !background.signal.aborted) this.publish('online', `Could not download messages for offline use: ${reasonOf(error)}`);
      },
    );
  }

  private stopBackground(): void {
    this.background?.abort();
    this.background = null;
  }

  private startWatch(connection: ImapConnection, watched: WatchedFolders): void {
    const failed = (error: unknown) => this.watchFailed(connection, error);
    const watch = new ChangeWatch(connection, watched, this.timing.pollIntervalMs, (paths) => void this.requestPass(paths), failed);
    this.watch = watch;
    const cursorOf = (folderPath: string) => this.deps.store.getCursor({ accountId: this.account.id, folderPath });
    void watch.start(cursorOf).catch((error: unknown) => {
      watch.stop();
      failed(error);
    });
  }

  /**
   * A watch that stopped on an error must not leave the account deaf: a broken connection is
   * its close handler's business (it reconnects); anything else (a server's NO, a cache that
   * did not answer) gets a full pass, which starts a new watch, after the backoff's delay.
   */
  private watchFailed(connection: ImapConnection, error: unknown): void {
    if (this.stopped || connection !== this.connection || !connection.usable) return;
    this.publish('online', `Stopped watching for changes: ${reasonOf(error)}`);
    this.after(this.backoff.next());
  }

  private stopWatch(): void {
    this.watch?.stop();
    this.watch = null;
  }

  private closed(connection: ImapConnection, error: unknown): void {
    if (this.stopped || connection !== this.connection) return;
    this.connection = null;
    this.stopWatch();
    this.stopBackground();
    const { host, port } = this.account.incoming;
    this.fail(error === undefined ? { kind: 'network', detail: `Lost the connection to ${host}:${port}` } : describeFailure(error, this.account.incoming));
  }

  private fail(failure: ConnectionFailure): void {
    if (failure.kind !== 'network') {
      this.publish('error', failure.detail);
      return;
    }
    this.publish('offline', failure.detail);
    this.after(this.backoff.next());
  }

  /** The next pass: a resync while online, a reconnect otherwise. Never keeps the process alive. */
  private after(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.requestPass(), delayMs);
    this.timer.unref();
  }

  /** Tells the windows the current state again (a reloaded window has missed it). */
  republishStatus(): void {
    if (this.lastStatus) this.deps.publishStatus(this.lastStatus);
  }

  private publish(state: AccountState, detail?: string): void {
    if (this.stopped) return;
    const status = { accountId: this.account.id, state, at: Date.now() };
    this.lastStatus = detail === undefined ? status : { ...status, detail: detail.slice(0, MAX_DETAIL) };
    try {
      this.deps.publishStatus(this.lastStatus);
    } catch {
      // A window that cannot be told must not stop the account; the next status reaches it.
    }
  }
}
