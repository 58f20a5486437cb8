/**
 * An engine wired to an in-memory cache and secret store, recording every status it
 * publishes, plus accounts pointing at a test Dovecot. For the integration tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DovecotServer } from '../../../e2e/servers/dovecot';
import type { Account, AccountState, AccountStatus, Security } from '../../../src-shared/model';
import type { SupervisorTiming } from '../accounts/account-supervisor';
import { connectImap, type ImapConnection } from '../imap/imap-connection';
import { createEngine } from '../engine';
import type { Engine } from '../ports';
import { createMemorySecrets } from './memory-secrets';
import { createMemoryStore, type MemoryStore } from './memory-store';

const TEST_TIMEOUTS = { connectMs: 5_000, greetingMs: 5_000, socketMs: 30_000 };

/** Short reconnect delays, a quick change watch, and no periodic full resync during a test. */
export const TEST_TIMING: Partial<SupervisorTiming> = {
  retryInitialMs: 100,
  retryMaxMs: 400,
  resyncIntervalMs: 10 * 60_000,
  pollIntervalMs: 1_000,
  timeouts: TEST_TIMEOUTS,
};

export interface TestEngine {
  engine: Engine;
  store: MemoryStore;
  secrets: ReturnType<typeof createMemorySecrets>;
  statuses: AccountStatus[];
  /** Resolves with the first status of `state` for the account published after index `from`. */
  waitForState(accountId: string, state: AccountState, opts?: { from?: number; timeoutMs?: number }): Promise<AccountStatus>;
}

/** `cacheDiskFree` stands for the host's reading of the cache's disk (null: cannot tell). */
export function createTestEngine(timing: Partial<SupervisorTiming> = TEST_TIMING, cacheDiskFree: () => Promise<number | null> = async () => null): TestEngine {
  const store = createMemoryStore();
  const secrets = createMemorySecrets();
  const statuses: AccountStatus[] = [];
  const engine = createEngine(
    {
      store,
      secrets,
      publishStatus: (status) => statuses.push(status),
      // A fresh spool per engine; the outbox's own tests give theirs a directory they keep.
      outboxDir: mkdtempSync(join(tmpdir(), 'tern-outbox-')),
      publishOutbox: () => undefined,
      relayAddress: () => null,
      cacheDiskFree,
    },
    { timing },
  );
  return {
    engine,
    store,
    secrets,
    statuses,
    async waitForState(accountId, state, { from = 0, timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = statuses.slice(from).find((s) => s.accountId === accountId && s.state === state);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = statuses.filter((s) => s.accountId === accountId).map((s) => `${s.state}${s.detail ? ` (${s.detail})` : ''}`);
          throw new Error(`${accountId} never became ${state}; statuses: ${seen.join(' → ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** A test engine with `account` saved (password `secret-alice`, the kit's default) and online. */
export async function startOnlineEngine(account: Account): Promise<TestEngine> {
  const test = createTestEngine();
  await test.engine.handlers['account.save']({ account, password: 'secret-alice' });
  await test.waitForState(account.id, 'online');
  return test;
}

export interface AccountOptions {
  id?: string;
  user?: string;
  security?: Security;
  /** Default: the server's port for the security (imaps for 'tls'). */
  port?: number;
  /** Default: the server's certificate, except for 'none'. */
  trustedCertificates?: string[];
  /** Default: disconnected (RFC 1733). */
  accessModel?: 'disconnected' | 'online';
}

export function accountFor(server: DovecotServer, opts: AccountOptions = {}): Account {
  const security = opts.security ?? 'none';
  const user = opts.user ?? 'alice';
  return {
    id: opts.id ?? `acc-${security}`,
    name: `Test ${user} (${security})`,
    email: `${user}@example.org`,
    incoming: { protocol: 'imap', accessModel: opts.accessModel ?? 'disconnected', host: server.host, port: opts.port ?? (security === 'tls' ? server.ports.imaps : server.ports.imap), security, user },
    smtp: null,
    identities: [],
    sendThroughRelay: false,
    trustedCertificates: opts.trustedCertificates ?? (security === 'none' ? [] : [server.caCertPem]),
  };
}

/** One IMAP connection as alice to the test server (plaintext), with the tests' timeouts: for tests of engine steps below the supervisor. */
export function connectTestImap(server: DovecotServer): Promise<ImapConnection> {
  const { incoming, trustedCertificates } = accountFor(server);
  return connectImap({ server: incoming, password: 'secret-alice', trustedCertificates }, TEST_TIMEOUTS);
}
