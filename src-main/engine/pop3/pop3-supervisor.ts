/**
 * Keeps a POP3 account's local folders fed (the offline access model, RFC 1733): a check
 * (pop3-check.ts) at start, every `checkIntervalMinutes`, and on "check now". POP3 sessions
 * are short (the server locks the maildrop while one is open, RFC 1939 §8), so no
 * connection stays open between checks, and every session of the account (a check, a
 * large message opened, "view source") runs through one queue, never two at once.
 *
 * Statuses match the IMAP supervisor's: connecting → syncing (with "n of m" while
 * downloading) → online; offline with a growing backoff when the server cannot be reached,
 * is busy ([IN-USE]) or asks for patience ([LOGIN-DELAY]); error with the server's words
 * when retrying would only repeat the failure (a refused login, TLS, no UIDL), which waits
 * for "check now".
 */
import { pop3Options, type Account, type AccountState, type AccountStatus, type Pop3Settings } from '../../../src-shared/model';
import { Backoff } from '../accounts/backoff';
import type { EngineDeps } from '../ports';
import { MAX_SOURCE_BYTES, type MessageSource } from '../sync/body-download';
import { checkMailbox } from './pop3-check';
import { Pop3Client } from './pop3-client';
import { Pop3Error } from './pop3-error';
import { fullDownload } from './pop3-message';

export type Pop3Account = Account & { incoming: Pop3Settings };

export interface Pop3Timing {
  retryInitialMs: number;
  retryMaxMs: number;
  /** How long one server reply may take. */
  timeoutMs: number;
  /** The clock retention compares download times with (tests move it forward). */
  now(): number;
  /** Least time between two progress statuses of a download. */
  progressEveryMs: number;
  /** The length of a minute of `checkIntervalMinutes` (tests shorten it). */
  minuteMs: number;
}

export const DEFAULT_POP3_TIMING: Pop3Timing = {
  retryInitialMs: 2_000,
  retryMaxMs: 5 * 60_000,
  timeoutMs: 60_000,
  now: () => Date.now(),
  progressEveryMs: 250,
  minuteMs: 60_000,
};

const MAX_DETAIL = 2000;

export function isPop3Account(account: Account): account is Pop3Account {
  return account.incoming.protocol === 'pop3';
}

export class Pop3Supervisor {
  private stopped = false;
  private lastStatus: AccountStatus | null = null;
  private readonly backoff: Backoff;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private queuedCheck: Promise<void> | null = null;
  private client: Pop3Client | null = null;

  constructor(
    readonly account: Pop3Account,
    private readonly deps: EngineDeps,
    private readonly timing: Pop3Timing = DEFAULT_POP3_TIMING,
  ) {
    this.backoff = new Backoff(timing.retryInitialMs, timing.retryMaxMs);
  }

  start(): void {
    void this.requestCheck();
  }

  /** "Check now": also after a refused login, and without waiting out the backoff. */
  syncNow(): Promise<void> {
    this.backoff.reset();
    return this.requestCheck();
  }

  /** Local folders have nothing to send to a server (their changes apply to the cache only). */
  replayNow(): Promise<void> {
    return Promise.resolve();
  }

  get online(): boolean {
    return this.lastStatus?.state === 'online';
  }

  /** Fetches the whole of a message that was too large to download with the others (TOP). */
  async loadBody(folderPath: string, uid: number): Promise<void> {
    const uidl = await this.uidlOf(folderPath, uid, "Can't download this message");
    await this.serially(() =>
      this.withSession("Can't download this message", async (client, numberOf) => {
        const raw = await client.retr(this.numberOrGone(numberOf, uidl, "Can't download this message"));
        const size = raw.byteLength;
        await this.deps.store.applyPop3Download({ accountId: this.account.id, downloads: [{ uidl, ...(await fullDownload(raw, size, this.timing.now())) }] });
      }),
    );
  }

  /** The raw message for "View source", read from the server (the cache keeps no raw copy). */
  async loadSource(folderPath: string, uid: number): Promise<MessageSource> {
    const what = "Can't show the source";
    const uidl = await this.uidlOf(folderPath, uid, what);
    return this.serially(() =>
      this.withSession(what, async (client, numberOf) => {
        const raw = await client.retr(this.numberOrGone(numberOf, uidl, what));
        const shown = raw.subarray(0, MAX_SOURCE_BYTES);
        return { text: shown.toString('latin1'), size: raw.byteLength, truncated: shown.byteLength < raw.byteLength };
      }),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A session cut here deletes nothing (no QUIT), and the next start continues it.
    this.client?.abort();
    await this.running.catch(() => undefined);
  }

  republishStatus(): void {
    if (this.lastStatus) this.deps.publishStatus(this.lastStatus);
  }

  /** One check at a time; a request while one waits to start joins it. */
  private requestCheck(): Promise<void> {
    this.queuedCheck ??= this.serially(async () => {
      this.queuedCheck = null;
      if (this.stopped) return;
      clearTimeout(this.timer);
      try {
        await this.check();
      } catch (error) {
        this.publish('error', `Unexpected failure: ${reasonOf(error)}`);
      }
    });
    return this.queuedCheck;
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.running.then(step);
    this.running = next.catch(() => undefined);
    return next;
  }

  private async check(): Promise<void> {
    this.publish('connecting');
    const client = await this.connect();
    if (client === null) return;
    const options = pop3Options(this.account.incoming);
    let lastProgress = 0;
    try {
      await checkMailbox(client, {
        store: this.deps.store,
        accountId: this.account.id,
        options,
        now: this.timing.now,
        progress: (done, total) => {
          const now = Date.now();
          if (done !== 0 && done !== total && now - lastProgress < this.timing.progressEveryMs) return;
          lastProgress = now;
          this.publish('syncing', `Downloading ${done} of ${total} messages`);
        },
      });
    } catch (error) {
      client.abort();
      this.failed(error);
      return;
    } finally {
      this.client = null;
    }
    this.backoff.reset();
    this.publish('online');
    this.after(options.checkIntervalMinutes * this.timing.minuteMs);
  }

  /** A logged-in client, or null after publishing why there is none. */
  private async connect(): Promise<Pop3Client | null> {
    let password: string | null;
    try {
      password = await this.deps.secrets.get(this.account.id);
    } catch (error) {
      this.publish('error', `Cannot read the stored password: ${reasonOf(error)}`);
      return null;
    }
    if (password === null) {
      this.publish('error', 'No password stored for this account');
      return null;
    }
    try {
      const client = await this.logIn(password);
      if (this.stopped) {
        client.abort();
        return null;
      }
      this.client = client;
      return client;
    } catch (error) {
      this.failed(error);
      return null;
    }
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    const detail = reasonOf(error);
    const kind = error instanceof Pop3Error ? error.kind : null;
    if (kind === 'network' || kind === 'in-use' || kind === 'login-delay') {
      this.publish('offline', detail);
      this.after(this.backoff.next());
    } else if (kind === 'auth' || kind === 'tls' || kind === 'unsupported') {
      // Retrying would repeat it (and failed logins can lock the account): wait for the user.
      this.publish('error', detail);
    } else {
      // A malformed reply, a refused command or a cache that failed: say so, try again at the next check.
      this.publish('error', detail);
      this.after(pop3Options(this.account.incoming).checkIntervalMinutes * this.timing.minuteMs);
    }
  }

  /** Runs `use` in a session of its own that ends with QUIT (deleting nothing: no DELE is sent). */
  private async withSession<T>(what: string, use: (client: Pop3Client, numberOf: Map<string, number>) => Promise<T>): Promise<T> {
    const client = await this.connectForCommand(what);
    try {
      const numberOf = new Map((await client.uidl()).map((m) => [m.uid, m.number]));
      const value = await use(client, numberOf);
      await client.quit();
      return value;
    } catch (error) {
      client.abort();
      throw new Error(`${what}: ${reasonOf(error)}`, { cause: error });
    } finally {
      this.client = null;
    }
  }

  private async connectForCommand(what: string): Promise<Pop3Client> {
    const password = await this.deps.secrets.get(this.account.id);
    if (password === null) throw new Error(`${what}: no password stored for this account.`);
    try {
      this.client = await this.logIn(password);
      return this.client;
    } catch (error) {
      throw new Error(`${what}: ${reasonOf(error)}`, { cause: error });
    }
  }

  private logIn(password: string): Promise<Pop3Client> {
    const { host, port, security, user, auth } = this.account.incoming;
    return Pop3Client.connect({ host, port, security, user, password, auth, trustedCertificates: this.account.trustedCertificates, timeoutMs: this.timing.timeoutMs });
  }

  private numberOrGone(numberOf: Map<string, number>, uidl: string, what: string): number {
    const number = numberOf.get(uidl);
    if (number === undefined) throw new Error(`${what}: it is no longer on the server.`);
    return number;
  }

  private async uidlOf(folderPath: string, uid: number, what: string): Promise<string> {
    const records = await this.deps.store.pop3Records({ accountId: this.account.id });
    const record = records.find((r) => r.folderPath === folderPath && r.uid === uid);
    if (!record) throw new Error(`${what}: Tern has no record of where on the server it came from.`);
    return record.uidl;
  }

  /** The next check. Never keeps the process alive. */
  private after(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.requestCheck(), delayMs);
    this.timer.unref();
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

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
