/**
 * The cache loss this window noticed (cache/cache-loss.ts), kept until the user dismisses
 * its notice. In memory only: the notice describes this run, and the cache it would be
 * written to is the one that was just replaced. Shaped for useSyncExternalStore.
 */
import type { CacheLoss } from '../../cache/cache-loss';

export interface CacheLossReports {
  current(): CacheLoss | null;
  report(loss: CacheLoss): void;
  dismiss(): void;
  subscribe(listener: () => void): () => void;
}

export function createCacheLossReports(): CacheLossReports {
  let current: CacheLoss | null = null;
  const listeners = new Set<() => void>();
  const set = (next: CacheLoss | null) => {
    current = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    current: () => current,
    report: set,
    dismiss: () => set(null),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
