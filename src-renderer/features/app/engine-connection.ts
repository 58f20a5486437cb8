/**
 * Connects this window to the engine: answer the engine's store calls from this window's
 * cache, attach it, then ask the engine to supervise every account the cache holds. The
 * attach-and-open sequence runs again after the web host comes back (its engine may have
 * restarted and forgotten us).
 */
import type { TernApi } from '../../../src-shared/contract';
import type { StorePort } from '../../../src-shared/store-port';
import { answerStoreCalls, attachStore } from '../../bridge/store-responder';
import { createCacheStore } from '../../cache/cache-store';
import type { Cache } from '../../cache/db';
import { listAccounts } from '../../cache/queries';
import type { AccountStatusStore } from '../accounts/account-status-store';
import { errorMessage } from '../shared/error-message';

/**
 * Returns `connect`; calls are queued, so a reconnect never overlaps a start-up. `guardStore`
 * wraps the store the engine writes through (main.tsx: cache/cache-loss.ts).
 */
export function createEngineConnection(
  tern: TernApi,
  cache: Cache,
  statuses: AccountStatusStore,
  guardStore: (store: StorePort) => StorePort = (store) => store,
): () => Promise<void> {
  answerStoreCalls(tern, guardStore(createCacheStore(cache)));
  let queue: Promise<void> = Promise.resolve();

  async function attachAndOpen(): Promise<void> {
    try {
      await attachStore(tern);
    } catch (error) {
      console.error('Could not attach the cache to the engine:', error);
      return;
    }
    const accounts = await listAccounts(cache.db);
    await Promise.all(
      accounts.map((account) =>
        tern.invoke('account.open', { account }).catch((error: unknown) => {
          statuses.report({ accountId: account.id, state: 'error', detail: errorMessage(error), at: Date.now() });
        }),
      ),
    );
  }

  return () => (queue = queue.then(attachAndOpen, attachAndOpen));
}
