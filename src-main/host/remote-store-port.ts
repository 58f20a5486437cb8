/**
 * The engine's StorePort when the cache lives in a renderer: every call becomes a
 * `store.call` event to the window that attached last, and resolves when that window
 * answers with `store.reply`. Replies are validated against the port's result schemas,
 * because the renderer is untrusted.
 */
import type { EventPayload } from '../../src-shared/contract';
import { storeMethodNames, storeMethods, type StoreMethodName, type StorePort } from '../../src-shared/store-port';

export interface StoreClient {
  sendStoreCall(call: EventPayload<'store.call'>): void;
}

type Reply = { callId: number; ok: true; value: unknown } | { callId: number; ok: false; error: string };

interface PendingCall {
  method: StoreMethodName;
  client: StoreClient;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface RemoteStore {
  port: StorePort;
  attach(client: StoreClient): void;
  /** A window went away: its unanswered calls fail now instead of timing out. */
  detach(client: StoreClient): void;
  /** An answer from `client`; answers to calls sent to another window are ignored. */
  reply(client: StoreClient, reply: Reply): void;
}

export function createRemoteStore({ timeoutMs = 120_000 } = {}): RemoteStore {
  let target: StoreClient | null = null;
  let nextCallId = 0;
  const pending = new Map<number, PendingCall>();

  function settle(callId: number): PendingCall | undefined {
    const call = pending.get(callId);
    if (call) {
      clearTimeout(call.timer);
      pending.delete(callId);
    }
    return call;
  }

  function call(method: StoreMethodName, args: unknown): Promise<unknown> {
    const client = target;
    if (!client) return Promise.reject(new Error('No Tern window is open to hold the cache.'));
    const callId = nextCallId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(callId);
        reject(new Error(`The cache did not answer ${method} within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      timer.unref();
      pending.set(callId, { method, client, resolve, reject, timer });
      client.sendStoreCall({ callId, method, args });
    });
  }

  const port = Object.fromEntries(storeMethodNames.map((method) => [method, (args: unknown) => call(method, args)])) as StorePort;

  return {
    port,
    attach(client) {
      target = client;
    },
    detach(client) {
      if (target === client) target = null;
      for (const [callId, call] of pending) {
        if (call.client !== client) continue;
        settle(callId);
        call.reject(new Error('The window holding the cache closed.'));
      }
    },
    reply(client, reply) {
      if (pending.get(reply.callId)?.client !== client) return;
      const call = settle(reply.callId);
      if (!call) return;
      if (!reply.ok) return call.reject(new Error(`Cache error in ${call.method}: ${reply.error}`));
      const result = storeMethods[call.method].result.safeParse(reply.value);
      if (result.success) call.resolve(result.data);
      else call.reject(new Error(`The cache answered ${call.method} with an invalid value.`));
    },
  };
}
