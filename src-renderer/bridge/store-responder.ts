/**
 * Serves the engine's store-port calls from this window's cache: each `store.call` event
 * is validated against the port's schema, run against Dexie, and answered with
 * `store.reply`. Attaching tells the engine that this window now holds the cache.
 */
import type { TernApi } from '../../src-shared/contract';
import { storeMethods, type StorePort } from '../../src-shared/store-port';

export async function serveStorePort(tern: TernApi, store: StorePort): Promise<() => void> {
  const unsubscribe = tern.on('store.call', ({ callId, method, args }) => {
    void answer(callId, method, args);
  });

  async function answer(callId: number, method: keyof typeof storeMethods, rawArgs: unknown): Promise<void> {
    try {
      const args = storeMethods[method].args.parse(rawArgs);
      const value = await (store[method] as (a: unknown) => Promise<unknown>)(args);
      await tern.invoke('store.reply', { callId, ok: true, value });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await tern.invoke('store.reply', { callId, ok: false, error: message.slice(0, 10_000) }).catch(() => undefined);
    }
  }

  await tern.invoke('store.attach', {});
  return unsubscribe;
}
