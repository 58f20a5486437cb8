/** Makes the window's account-status store reachable from any component, as a hook. */
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AccountStatus } from '../../../src-shared/model';
import type { AccountStatusStore } from './account-status-store';

const StatusContext = createContext<AccountStatusStore | null>(null);

export function AccountStatusProvider({ store, children }: { store: AccountStatusStore; children: ReactNode }) {
  return <StatusContext value={store}>{children}</StatusContext>;
}

/** The latest status the engine published for the account; undefined before the first one. */
export function useAccountStatus(accountId: string): AccountStatus | undefined {
  const store = useContext(StatusContext);
  if (!store) throw new Error('useAccountStatus() needs an <AccountStatusProvider> above it.');
  const snapshot = useCallback(() => store.get(accountId), [store, accountId]);
  return useSyncExternalStore(store.subscribe, snapshot);
}

/** Reads any account's latest status when asked, for a handler that learns which account only as it runs. */
export function useAccountStatusReader(): (accountId: string) => AccountStatus | undefined {
  const store = useContext(StatusContext);
  if (!store) throw new Error('useAccountStatusReader() needs an <AccountStatusProvider> above it.');
  return store.get;
}
