/**
 * What both hosts share: one engine, the remote store port, and the handler table that
 * completes the engine's handlers with the transport-level commands. A host only adds
 * its transport (IPC or WebSocket) and its secret store.
 */
import type { CommandHandlers, EventName, EventPayload } from '../../src-shared/contract';
import { createEngine } from '../engine/engine';
import type { SecretStore } from '../engine/ports';
import { dispatch, type Outcome } from './dispatch';
import { createRemoteStore } from './remote-store-port';

/** One window (an Electron BrowserWindow or a browser tab on a WebSocket). */
export interface Client {
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface HostCoreOptions {
  host: 'electron' | 'web';
  version: string;
  secrets: SecretStore;
}

export interface HostCore {
  connect(client: Client): void;
  disconnect(client: Client): void;
  dispatch(client: Client, command: unknown, args: unknown): Promise<Outcome>;
  close(): Promise<void>;
}

export function createHostCore({ host, version, secrets }: HostCoreOptions): HostCore {
  const clients = new Set<Client>();
  const store = createRemoteStore();
  const toStoreClient = new WeakMap<Client, { sendStoreCall: (call: EventPayload<'store.call'>) => void }>();
  const engine = createEngine({
    store: store.port,
    secrets,
    publishStatus: (status) => {
      for (const client of clients) client.send('account.status', status);
    },
  });

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
      'app.info': async () => ({ version, host }),
      'store.attach': async () => {
        store.attach(storeClientOf(client));
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
    close: () => engine.close(),
  };
}
