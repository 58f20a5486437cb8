/**
 * Hands the opened cache (both Dexie handles) to every feature. main.tsx opens it once per
 * window; features read through `db` with live queries and write acknowledged data through
 * `durable`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Cache } from '../../cache/db';

const CacheContext = createContext<Cache | null>(null);

export function CacheProvider({ cache, children }: { cache: Cache; children: ReactNode }) {
  return <CacheContext value={cache}>{children}</CacheContext>;
}

export function useCache(): Cache {
  const cache = useContext(CacheContext);
  if (!cache) throw new Error('useCache() needs a <CacheProvider> above it.');
  return cache;
}
