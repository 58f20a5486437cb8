/**
 * The latest connection status of each account, kept in memory: statuses are live facts
 * about this run of the engine, so they never go into the cache. Shaped for React's
 * useSyncExternalStore (stable snapshots, subscribe returns its own unsubscribe).
 */
import type { TernApi } from '../../../src-shared/contract';
import type { AccountStatus } from '../../../src-shared/model';

export interface AccountStatusStore {
  get(accountId: string): AccountStatus | undefined;
  subscribe(listener: () => void): () => void;
  /** Record a status the renderer learnt itself, e.g. that `account.open` was refused. */
  report(status: AccountStatus): void;
  dispose(): void;
}

export function createAccountStatusStore(tern: Pick<TernApi, 'on'>): AccountStatusStore {
  const latest = new Map<string, AccountStatus>();
  const listeners = new Set<() => void>();

  function report(status: AccountStatus): void {
    const current = latest.get(status.accountId);
    // Events may overtake each other (and a local report may race an engine event).
    if (current && current.at > status.at) return;
    latest.set(status.accountId, status);
    for (const listener of [...listeners]) listener();
  }

  const unsubscribe = tern.on('account.status', report);

  return {
    get: (accountId) => latest.get(accountId),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    report,
    dispose() {
      unsubscribe();
      listeners.clear();
    },
  };
}
