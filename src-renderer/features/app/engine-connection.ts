/**
 * Connects this window to the engine: answer the engine's store calls from this window's
 * cache, attach it, then ask the engine to supervise every account the cache holds (at
 * start-up, with an empty cache, those the host still knows). The attach-and-open sequence
 * runs again after the web host comes back (its engine may have restarted and forgotten us).
 */
import type { TernApi } from '../../../src-shared/contract';
import type { Account } from '../../../src-shared/model';
import type { StorePort } from '../../../src-shared/store-port';
import { answerStoreCalls, attachStore } from '../../bridge/store-responder';
import { createCacheStore } from '../../cache/cache-store';
import type { Cache } from '../../cache/db';
import { listAccounts } from '../../cache/queries';
import type { AccountStatusStore } from '../accounts/account-status-store';
import { errorMessage } from '../shared/error-message';

export interface EngineConnectionOptions {
  /** Wraps the store the engine writes through (main.tsx: cache/cache-loss.ts). */
  guardStore?: (store: StorePort) => StorePort;
  /** The cache held no account at start-up, and these were put back from the host's list. */
  onAccountsRestored?: (accounts: Account[]) => void;
}

/** Returns `connect`; calls are queued, so a reconnect never overlaps a start-up. */
export function createEngineConnection(tern: TernApi, cache: Cache, statuses: AccountStatusStore, options: EngineConnectionOptions = {}): () => Promise<void> {
  const { guardStore = (store: StorePort) => store, onAccountsRestored = () => undefined } = options;
  answerStoreCalls(tern, guardStore(createCacheStore(cache)));
  let queue: Promise<void> = Promise.resolve();
  let started = false;

  async function attachAndOpen(): Promise<void> {
    try {
      await attachStore(tern);
    } catch (error) {
      console.error('Could not attach the cache to the engine:', error);
      return;
    }
    let accounts = await listAccounts(cache.db);
    // Only at the window's start: later, an account being added (saved to the host, not yet
    // to the cache) would look the same.
    if (!started && accounts.length === 0) accounts = await restoreKnownAccounts();
    started = true;
    await Promise.all(
      accounts.map((account) =>
        tern.invoke('account.open', { account }).catch((error: unknown) => {
          statuses.report({ accountId: account.id, state: 'error', detail: errorMessage(error), at: Date.now() });
        }),
      ),
    );
  }

  /**
   * An empty cache where the host knows accounts was deleted while no window held it (the
   * browser does so when its disk fails a write): the accounts are put back, so their mail
   * syncs again, instead of the window greeting a user of long standing as new.
   */
  async function restoreKnownAccounts(): Promise<Account[]> {
    try {
      const known = await tern.invoke('account.known', {});
      if (known.length === 0) return [];
      await cache.durable.accounts.bulkPut(known);
      onAccountsRestored(known);
      return known;
    } catch (error) {
      console.error('Could not put back the accounts the host knows:', error);
      return [];
    }
  }

  return () => (queue = queue.then(attachAndOpen, attachAndOpen));
}
