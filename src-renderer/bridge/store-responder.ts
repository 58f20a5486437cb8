/**
 * Serves the engine's store-port calls from this window's cache: each `store.call` event
 * is validated against the port's schema, run against Dexie, and answered with
 * `store.reply`. Answering is subscribed once per window; attaching (telling the engine
 * that this window holds the cache) is repeated whenever the engine may have forgotten it.
 */
import type { TernApi } from '../../src-shared/contract';
import { storeMethods, type StoreMethodName, type StorePort } from '../../src-shared/store-port';

export function answerStoreCalls(tern: TernApi, store: StorePort): () => void {
  async function answer(callId: number, method: StoreMethodName, rawArgs: unknown): Promise<void> {
    try {
      const args = storeMethods[method].args.parse(rawArgs);
      const value = await (store[method] as (a: unknown) => Promise<unknown>)(args);
      await tern.invoke('store.reply', { callId, ok: true, value });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await tern.invoke('store.reply', { callId, ok: false, error: message.slice(0, 10_000) }).catch(() => undefined);
    }
  }
  return tern.on('store.call', ({ callId, method, args }) => void answer(callId, method, args));
}

export async function attachStore(tern: TernApi): Promise<void> {
  await tern.invoke('store.attach', {});
}
