import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TernApi } from '../../../src-shared/contract';
import type { Account } from '../../../src-shared/model';
import { openCache, type Cache } from '../../cache/db';
import { createAccountStatusStore } from '../accounts/account-status-store';
import { createEngineConnection } from './engine-connection';

const account = (id: string): Account => ({
  id,
  name: id,
  email: `${id}@example.com`,
  incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.com', port: 993, security: 'tls', user: id },
  smtp: null,
  identities: [],
  sendThroughRelay: false,
  trustedCertificates: [],
});

/** Records what the window asks of the engine and counts live event subscriptions. */
function fakeEngine(refuse: Set<string>, known: Account[] = []) {
  const calls: string[] = [];
  const listeners = new Map<string, Set<unknown>>();
  const tern = {
    async invoke(command: string, args: { account?: Account }) {
      calls.push(args.account ? `${command}:${args.account.id}` : command);
      if (args.account && refuse.has(args.account.id)) throw new Error('Invalid credentials');
      if (command === 'account.known') return known;
      return null;
    },
    on(event: string, listener: unknown) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  } as unknown as TernApi;
  return { tern, calls, subscribers: (event: string) => listeners.get(event)?.size ?? 0 };
}

let cache: Cache | undefined;
afterEach(() => cache?.close());

describe('engine connection', () => {
  it('attaches the store, then opens every cached account, again on each reconnect', async () => {
    cache = openCache(`connection-${Math.random()}`);
    await cache.durable.accounts.bulkPut([account('work'), account('home')]);
    const engine = fakeEngine(new Set());
    const connect = createEngineConnection(engine.tern, cache, createAccountStatusStore(engine.tern));
    await connect();
    await connect();
    expect(engine.calls.filter((c) => c === 'store.attach')).toHaveLength(2);
    expect(engine.calls.filter((c) => c.startsWith('account.open')).sort()).toEqual([
      'account.open:home',
      'account.open:home',
      'account.open:work',
      'account.open:work',
    ]);
    expect(engine.calls.indexOf('store.attach')).toBeLessThan(engine.calls.indexOf('account.open:work'));
    // Answering is subscribed once, however often the window attaches.
    expect(engine.subscribers('store.call')).toBe(1);
  });

  it('shows a refused account as an error with the engine’s words', async () => {
    cache = openCache(`connection-${Math.random()}`);
    await cache.durable.accounts.put(account('work'));
    const engine = fakeEngine(new Set(['work']));
    const statuses = createAccountStatusStore(engine.tern);
    await createEngineConnection(engine.tern, cache, statuses)();
    expect(statuses.get('work')).toMatchObject({ state: 'error', detail: 'Invalid credentials' });
  });

  it('puts back the accounts the host knows when the cache has none at start-up, and opens them', async () => {
    cache = openCache(`connection-${Math.random()}`);
    const engine = fakeEngine(new Set(), [account('work'), account('home')]);
    const restored: string[][] = [];
    const connect = createEngineConnection(engine.tern, cache, createAccountStatusStore(engine.tern), { onAccountsRestored: (accounts) => restored.push(accounts.map((a) => a.id)) });
    await connect();
    expect(restored).toEqual([['work', 'home']]);
    expect((await cache.db.accounts.toArray()).map((a) => a.id).sort()).toEqual(['home', 'work']);
    expect(engine.calls.filter((c) => c.startsWith('account.open')).sort()).toEqual(['account.open:home', 'account.open:work']);
  });

  it('asks the host only at start-up, and not at all when the cache has accounts', async () => {
    cache = openCache(`connection-${Math.random()}`);
    const engine = fakeEngine(new Set(), []);
    const connect = createEngineConnection(engine.tern, cache, createAccountStatusStore(engine.tern));
    await connect();
    await connect();
    expect(engine.calls.filter((c) => c === 'account.known')).toHaveLength(1);
    const withAccounts = fakeEngine(new Set(), [account('other')]);
    await cache.durable.accounts.put(account('work'));
    await createEngineConnection(withAccounts.tern, cache, createAccountStatusStore(withAccounts.tern))();
    expect(withAccounts.calls).not.toContain('account.known');
  });
});
