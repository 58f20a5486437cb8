/**
 * What both hosts share: one engine, the remote store port, and the handler table that
 * completes the engine's handlers with the transport-level commands. A host only adds
 * its transport (IPC or WebSocket) and its secret store.
 */
import { join } from 'node:path';
import type { CommandHandlers, EventName, EventPayload } from '../../src-shared/contract';
import { discoveryConfig, type DiscoveryOverrides } from '../engine/autoconfig/discovery-config';
import { accountSetupHandlers } from '../engine/autoconfig/setup-handlers';
import { createEngine } from '../engine/engine';
import type { SecretStore } from '../engine/ports';
import { dispatch, type Outcome } from './dispatch';
import { openAccountListFile } from './account-list-file';
import { freeBytesOn } from './disk-free';
import { guardDiskSpace } from './disk-guard';
import { createRelayRunner } from './relay-runner';
import { createRemoteStore } from './remote-store-port';

/** One window (an Electron BrowserWindow or a browser tab on a WebSocket). */
export interface Client {
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface HostCoreOptions {
  host: 'electron' | 'web';
  version: string;
  secrets: SecretStore;
  /** The profile directory; the outbox spool lives in its `outbox` folder, the embedded relay in `relay`. */
  profileDir: string;
  /** Where account discovery looks (DNS servers, autoconfig port …); the real network when absent. */
  discovery?: DiscoveryOverrides;
}

export interface HostCore {
  connect(client: Client): void;
  disconnect(client: Client): void;
  dispatch(client: Client, command: unknown, args: unknown): Promise<Outcome>;
  close(): Promise<void>;
}

export function createHostCore({ host, version, secrets, profileDir, discovery }: HostCoreOptions): HostCore {
  const discoveryNetwork = discoveryConfig(discovery);
  const clients = new Set<Client>();
  const relay = createRelayRunner({
    profileDir,
    secrets,
    publishStatus: (status) => {
      for (const client of clients) client.send('relay.status', status);
      // Mail waiting for the relay need not sit out the outbox's retry delay.
      if (status.state === 'running') void engine.handlers['outbox.retryNow']({}).catch(() => undefined);
    },
    publishQueue: (queue) => {
      for (const client of clients) client.send('relay.queue', queue);
    },
  });
  const store = createRemoteStore();
  const toStoreClient = new WeakMap<Client, { sendStoreCall: (call: EventPayload<'store.call'>) => void }>();
  // Electron keeps IndexedDB in this profile (userData); the web host's browser keeps it in
  // its own profile, most often on the same disk, so this is the host's best reading.
  const cacheDiskFree = () => freeBytesOn(profileDir);
  const engine = createEngine({
    store: guardDiskSpace(store.port, cacheDiskFree),
    secrets,
    publishStatus: (status) => {
      for (const client of clients) client.send('account.status', status);
    },
    outboxDir: join(profileDir, 'outbox'),
    publishOutbox: (entries) => {
      for (const client of clients) client.send('outbox.changed', entries);
    },
    relayAddress: () => relay.address(),
    cacheDiskFree,
  });

  // The host's copy of the account list follows every account the engine accepted.
  const accountList = openAccountListFile(profileDir, (why) => console.warn(`Tern: ${why}`));
  const accountListHandlers: Pick<CommandHandlers, 'account.save' | 'account.open' | 'account.remove' | 'account.known'> = {
    'account.save': async (args) => {
      await engine.handlers['account.save'](args);
      await accountList.put(args.account);
      return null;
    },
    'account.open': async (args) => {
      await engine.handlers['account.open'](args);
      await accountList.put(args.account);
      return null;
    },
    'account.remove': async (args) => {
      await engine.handlers['account.remove'](args);
      await accountList.remove(args.accountId);
      return null;
    },
    'account.known': () => accountList.list(),
  };

  function storeClientOf(client: Client) {
    let storeClient = toStoreClient.get(client);
    if (!storeClient) {
      storeClient = { sendStoreCall: (call) => client.send('store.call', call) };
      toStoreClient.set(client, storeClient);
    }
    return storeClient;
  }

  function handlersFor(client: Client): CommandHandlers {
    return {
      ...engine.handlers,
      ...accountListHandlers,
      ...accountSetupHandlers(discoveryNetwork, (progress) => client.send('account.discoverProgress', progress), engine.passwordsForCheck),
      'app.info': async () => ({ version, host }),
      'relay.get': () => relay.overview(),
      'relay.configure': async ({ settings, smarthostPassword }) => {
        await relay.configure(settings, smarthostPassword);
        return null;
      },
      'relay.flush': async () => {
        await relay.flush();
        return null;
      },
      'relay.delete': async ({ id }) => {
        await relay.delete(id);
        return null;
      },
      'store.attach': async () => {
        store.attach(storeClientOf(client));
        engine.cacheAttached();
        return null;
      },
      'store.reply': async (reply) => {
        store.reply(storeClientOf(client), reply);
        return null;
      },
    };
  }

  return {
    connect: (client) => void clients.add(client),
    disconnect(client) {
      clients.delete(client);
      store.detach(storeClientOf(client));
    },
    dispatch: (client, command, args) => dispatch(handlersFor(client), command, args),
    close: async () => {
      await engine.close();
      await relay.close();
    },
  };
}
