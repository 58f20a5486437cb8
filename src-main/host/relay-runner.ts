/**
 * Runs the embedded relay (src-main/relay) inside the main process when the user turns it
 * on: settings in `<profile>/relay/settings.json`, the queue in `<profile>/relay/spool`, the
 * smarthost password in the host's secret store. The enabled state is remembered, so the
 * next start of the app starts the relay again and its queue resumes from the spool.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RelayOverview, RelayQueuedMessage, RelaySettings, RelayStatus } from '../../src-shared/relay-settings';
import { parseSmarthostUrl } from '../../src-shared/relay-settings';
import type { RelayAddress, SecretStore } from '../engine/ports';
import type { RelayOptions, SmarthostOptions } from '../relay/options';
import { listQueued } from '../relay/queue-listing';
import { startRelay, type Relay } from '../relay/relay';
import { readRelaySettings, relayDirIn, writeRelaySettings } from './relay-settings-file';

/** Never a valid account id (those have no colon), so it cannot clash with an account's password. */
export const smarthostSecretKey = 'relay:smarthost';

export interface RelayRunnerOptions {
  profileDir: string;
  secrets: SecretStore;
  publishStatus(status: RelayStatus): void;
  publishQueue(queue: RelayQueuedMessage[]): void;
  log?(line: string): void;
}

export interface RelayRunner {
  /** Where the relay takes mail while it runs, else null (the outbox's submission target). */
  address(): RelayAddress | null;
  overview(): Promise<RelayOverview>;
  /** Saves the settings (and the smarthost password when given), then starts, restarts or stops the relay to match. */
  configure(settings: RelaySettings, smarthostPassword?: string): Promise<void>;
  flush(): Promise<void>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

/** How long queue changes are gathered before the queue is published (a burst of mail is one event). */
const queuePublishDelayMs = 100;

export function createRelayRunner(options: RelayRunnerOptions): RelayRunner {
  const log = options.log ?? (() => undefined);
  let settings: RelaySettings | null = null;
  let relay: Relay | null = null;
  let status: RelayStatus = { state: 'off', address: null, error: null };
  let queueTimer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  /** Starts and stops happen one at a time, in the order asked. */
  function serially<T>(step: () => Promise<T>): Promise<T> {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  }

  function setStatus(next: RelayStatus): void {
    status = next;
    options.publishStatus(next);
  }

  async function currentQueue(): Promise<RelayQueuedMessage[]> {
    return relay ? listQueued(relay.queue.list(), relay.spool) : [];
  }

  function queueChanged(): void {
    if (queueTimer) return;
    queueTimer = setTimeout(() => {
      queueTimer = undefined;
      void currentQueue().then(options.publishQueue, (error: unknown) => log(`relay queue listing failed: ${String(error)}`));
    }, queuePublishDelayMs);
  }

  async function stop(): Promise<void> {
    const running = relay;
    relay = null;
    if (running) await running.stop();
    clearTimeout(queueTimer);
    queueTimer = undefined;
    options.publishQueue([]);
  }

  async function apply(next: RelaySettings): Promise<void> {
    settings = next;
    await stop();
    if (!next.enabled) return setStatus({ state: 'off', address: null, error: null });
    setStatus({ state: 'starting', address: null, error: null });
    try {
      const password = next.mode === 'smarthost' ? await options.secrets.get(smarthostSecretKey) : null;
      relay = await startRelay({ ...relayOptionsFor(next, password), spool: join(relayDirIn(options.profileDir), 'spool'), log, onQueueChange: queueChanged });
      setStatus({ state: 'running', address: { host: next.listenHost, port: relay.port }, error: null });
      queueChanged();
    } catch (error) {
      setStatus({ state: 'failed', address: null, error: startFailure(error, next) });
    }
  }

  const loaded = serially(async () => apply(await readRelaySettings(options.profileDir, log)));

  return {
    address: () => status.address,
    async overview() {
      await loaded;
      return {
        settings: settings!,
        smarthostPasswordSaved: (await options.secrets.get(smarthostSecretKey)) !== null,
        status,
        queue: await currentQueue(),
      };
    },
    configure: (next, smarthostPassword) =>
      serially(async () => {
        if (smarthostPassword !== undefined) await options.secrets.set(smarthostSecretKey, smarthostPassword);
        await writeRelaySettings(options.profileDir, next);
        await apply(next);
      }),
    async flush() {
      if (!relay) throw new Error('The relay is off; turn it on to deliver its queue.');
      await relay.queue.flush();
    },
    async delete(id) {
      if (!relay) throw new Error('The relay is off; turn it on to change its queue.');
      if (!(await relay.queue.delete(id))) throw new Error('That message is no longer in the queue.');
    },
    close: () => serially(stop),
  };
}

function relayOptionsFor(settings: RelaySettings, password: string | null): Partial<RelayOptions> {
  const common: Partial<RelayOptions> = {
    listenHost: settings.listenHost,
    listenPort: settings.listenPort,
    // The name MX hosts see in EHLO and in our Received header.
    hostname: hostname() || 'localhost',
  };
  if (settings.mode === 'direct') return { ...common, ...(settings.dnsServer ? { dnsServers: [settings.dnsServer] } : {}) };
  const address = parseSmarthostUrl(settings.smarthostUrl ?? '');
  if ('error' in address) throw new Error(`Smarthost URL ${address.error}`);
  const smarthost: SmarthostOptions = {
    ...address,
    // Plaintext only to a server on this machine (a local MTA): the mail never crosses a network.
    insecure: !address.secure && isLoopback(address.host),
  };
  if (settings.smarthostUser) {
    if (password === null) throw new Error('No smarthost password is saved; enter it in Settings.');
    smarthost.user = settings.smarthostUser;
    smarthost.password = password;
  }
  return { ...common, smarthost };
}

function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || host === 'localhost';
}

function startFailure(error: unknown, settings: RelaySettings): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `${settings.listenHost}:${settings.listenPort} is already in use by another program; choose another port.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${settings.listenPort}; choose a port above 1023.`;
  return error instanceof Error ? error.message : String(error);
}
