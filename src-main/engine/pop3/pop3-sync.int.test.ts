// POP3 accounts end to end in the engine, against Dovecot's POP3 server: every way in, the
// first download, "check now", retention, and the faults that must lose or duplicate nothing.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountStatus, Pop3Settings } from '../../../src-shared/model';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { createEngine } from '../engine';
import type { Engine, EngineDeps } from '../ports';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy';
import { createMemorySecrets } from '../testing/memory-secrets';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { Pop3Client } from './pop3-client';
import { DEFAULT_POP3_TIMING, Pop3Supervisor, type Pop3Account, type Pop3Timing } from './pop3-supervisor';

const users = Array.from({ length: 12 }, (_, i) => ({ name: `user${i}`, password: `secret-${i}` }));
let server: DovecotServer;
let proxy: FaultProxy | undefined;
let engine: Engine | undefined;
const running: Pop3Supervisor[] = [];

beforeAll(async () => {
  server = await startDovecot({ enableApop: true, users });
});
afterAll(() => server?.dispose());
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await proxy?.close();
  proxy = undefined;
});

const DAY = 24 * 60 * 60 * 1000;

function accountOf(user: number, incoming: Partial<Pop3Settings> = {}): Pop3Account {
  return {
    id: `pop-${user}`,
    name: `POP ${user}`,
    email: `user${user}@example.org`,
    incoming: { protocol: 'pop3', host: '127.0.0.1', port: server.ports.pop3, security: 'none', user: `user${user}`, ...incoming },
    smtp: null,
    identities: [],
    sendThroughRelay: false,
    trustedCertificates: [server.caCertPem],
  };
}

interface Run {
  supervisor: Pop3Supervisor;
  store: MemoryStore;
  statuses: AccountStatus[];
  clock: { now: number };
}

function supervise(user: number, incoming: Partial<Pop3Settings> = {}, store: MemoryStore = createMemoryStore(), clock = { now: Date.UTC(2026, 0, 1) }, timing: Partial<Pop3Timing> = {}): Run {
  const statuses: AccountStatus[] = [];
  const deps = depsOf(store, user, statuses);
  const supervisor = new Pop3Supervisor(accountOf(user, incoming), deps, { ...DEFAULT_POP3_TIMING, timeoutMs: 10_000, now: () => clock.now, progressEveryMs: 0, ...timing });
  running.push(supervisor);
  return { supervisor, store, statuses, clock };
}

function depsOf(store: MemoryStore, user: number, statuses: AccountStatus[]): EngineDeps {
  return {
    store,
    secrets: createMemorySecrets({ [`pop-${user}`]: `secret-${user}` }),
    publishStatus: (status) => void statuses.push(status),
    outboxDir: server.dir,
    publishOutbox: () => undefined,
    relayAddress: () => null,
    cacheDiskFree: async () => null,
  };
}

function seedMany(user: number, count: number, from = 1) {
  return server.seed(`user${user}`, 'INBOX', Array.from({ length: count }, (_, i) => ({ subject: `Message ${from + i}`, from: 'Zoe <zoe@example.org>', body: `body ${from + i}\n${'x'.repeat(300)}` })));
}

/** Subjects of the cached Inbox, sorted, so duplicates show. */
function cachedSubjects(store: MemoryStore, user: number): string[] {
  return [...store.messages(`pop-${user}`, 'INBOX').values()].map((m) => m.subject).sort();
}

async function onServer(user: number): Promise<number> {
  const client = await Pop3Client.connect({ host: '127.0.0.1', port: server.ports.pop3, security: 'none', user: `user${user}`, password: `secret-${user}` });
  const { count } = await client.stat();
  await client.quit();
  return count;
}

const last = (run: Run) => run.statuses.at(-1);

/** Message files in the user's Maildir INBOX, read from disk: what Dovecot really keeps. */
async function maildirFiles(user: number): Promise<number> {
  const root = server.maildirPath(`user${user}`, 'INBOX');
  return (await readdir(join(root, 'cur'))).length + (await readdir(join(root, 'new'))).length;
}

describe('POP3 account sync against Dovecot', () => {
  it('is started by the engine for a POP3 account, and "check now" brings only the new mail', async () => {
    await seedMany(0, 3);
    const store = createMemoryStore();
    const statuses: AccountStatus[] = [];
    engine = createEngine(depsOf(store, 0, statuses));
    await engine.handlers['account.save']({ account: accountOf(0) as Account, password: 'secret-0' });
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 15_000 }).toBe('online');
    expect(statuses.map((s) => s.state)).toContain('connecting');
    expect(store.folders.get('pop-0')?.[0]).toMatchObject({ path: 'INBOX', specialUse: 'inbox' });
    expect(cachedSubjects(store, 0)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    const first = [...store.messages('pop-0', 'INBOX').values()][0]!;
    expect(first).toMatchObject({ from: [{ name: 'Zoe', address: 'zoe@example.org' }], unread: 1, flags: [] });
    expect(store.body('pop-0', 'INBOX', first.uid)?.text).toMatch(/^body \d/);

    await seedMany(0, 1, 4);
    await engine.handlers['account.syncNow']({ accountId: 'pop-0' });
    expect(cachedSubjects(store, 0)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4']);
    expect([...store.messages('pop-0', 'INBOX').keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(await onServer(0)).toBe(4); // left on the server by default
  });

  it.each<[string, number, Partial<Pop3Settings>]>([
    ['STLS', 1, { security: 'starttls' }],
    ['implicit TLS', 2, { security: 'tls' }],
    ['APOP', 3, { auth: 'apop' }],
  ])('downloads over %s', async (_name, user, incoming) => {
    await seedMany(user, 2);
    const run = supervise(user, { ...incoming, port: incoming.security === 'tls' ? server.ports.pop3s : server.ports.pop3 });
    await run.supervisor.syncNow();
    expect(last(run)).toMatchObject({ state: 'online' });
    expect(cachedSubjects(run.store, user)).toEqual(['Message 1', 'Message 2']);
  });

  it('downloads 1000 messages on first check, showing progress', async () => {
    await seedMany(4, 1000);
    const run = supervise(4);
    await run.supervisor.syncNow();
    expect(last(run)).toMatchObject({ state: 'online' });
    const subjects = cachedSubjects(run.store, 4);
    expect(subjects).toHaveLength(1000);
    expect(new Set(subjects).size).toBe(1000);
    const progress = run.statuses.filter((s) => s.state === 'syncing').map((s) => s.detail);
    expect(progress[0]).toBe('Downloading 0 of 1000 messages');
    expect(progress).toContain('Downloading 500 of 1000 messages');
    expect(progress.at(-1)).toBe('Downloading 1000 of 1000 messages');
  });

  it('keeps what was stored when the connection is cut mid-RETR, and fetches only the rest next time', async () => {
    await seedMany(5, 20);
    proxy = await startFaultProxy(server.ports.pop3);
    proxy.cutAfter('Subject: Message 8', 50);
    const run = supervise(5, { port: proxy.port, retention: 'delete-after-download' });
    await run.supervisor.syncNow();
    expect(proxy.fired).toBe(true);
    expect(last(run)).toMatchObject({ state: 'offline' });
    const partial = cachedSubjects(run.store, 5).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(20);
    expect(await onServer(5)).toBe(20); // no QUIT, so nothing deleted
    await run.supervisor.syncNow();
    expect(last(run)).toMatchObject({ state: 'online' });
    expect(cachedSubjects(run.store, 5)).toEqual(Array.from({ length: 20 }, (_, i) => `Message ${i + 1}`).sort());
    expect(await onServer(5)).toBe(0);
  });

  it('deletes nothing when the session is cut with DELEs pending, and duplicates nothing on retry', async () => {
    await seedMany(6, 10);
    proxy = await startFaultProxy(server.ports.pop3);
    // Dovecot answers DELE with "+OK Marked to be deleted."; the cut comes after the first of them.
    proxy.cutAfter('Marked to be deleted', 2);
    const run = supervise(6, { port: proxy.port, retention: 'delete-after-download' });
    await run.supervisor.syncNow();
    expect(proxy.fired).toBe(true);
    expect(last(run)).toMatchObject({ state: 'offline' });
    expect(cachedSubjects(run.store, 6)).toHaveLength(10);
    expect(await onServer(6)).toBe(10);
    await run.supervisor.syncNow();
    expect(last(run)).toMatchObject({ state: 'online' });
    expect(await onServer(6)).toBe(0);
    const subjects = cachedSubjects(run.store, 6);
    expect(subjects).toHaveLength(10);
    expect(new Set(subjects).size).toBe(10);
  });

  it('leaves mail on the server, then deletes it after N days by the account clock', async () => {
    await seedMany(7, 3);
    const store = createMemoryStore();
    const keep = supervise(7, {}, store);
    await keep.supervisor.syncNow();
    expect(await onServer(7)).toBe(3);
    await keep.supervisor.stop();

    const clock = { now: Date.UTC(2026, 0, 1) + 2 * DAY };
    const days = supervise(7, { retention: 'delete-after-days', retentionDays: 3 }, store, clock);
    // Downloaded at 2026-01-01 (the first run's clock); two days later they stay.
    await days.supervisor.syncNow();
    expect(await onServer(7)).toBe(3);
    clock.now = Date.UTC(2026, 0, 1) + 3 * DAY;
    await days.supervisor.syncNow();
    expect(last(days)).toMatchObject({ state: 'online' });
    expect(await onServer(7)).toBe(0);
    expect(cachedSubjects(store, 7)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(store.pop3.get('pop-7')?.size).toBe(0);
  });

  it('neither duplicates nor loses a message when the process dies between the store write and DELE', async () => {
    await seedMany(8, 5);
    const store = createMemoryStore();
    const crashing: MemoryStore = {
      ...store,
      // The messages are written, then the process "dies" before their answer is used.
      applyPop3Download: async (args) => {
        await store.applyPop3Download(args);
        throw new Error('process killed');
      },
    };
    const first = supervise(8, { retention: 'delete-after-download' }, crashing);
    await first.supervisor.syncNow();
    expect(last(first)).toMatchObject({ state: 'error', detail: 'process killed' });
    await first.supervisor.stop();
    expect(await onServer(8)).toBe(5);

    const second = supervise(8, { retention: 'delete-after-download' }, store);
    await second.supervisor.syncNow();
    expect(last(second)).toMatchObject({ state: 'online' });
    expect(cachedSubjects(store, 8)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
    expect(await onServer(8)).toBe(0);
  });

  it('fetches only the header of a large message, the rest when it is opened, and deletes it only then', async () => {
    await server.seed('user9', 'INBOX', [{ subject: 'Big', body: 'y'.repeat(4000) }, { subject: 'Small', body: 'z' }]);
    const run = supervise(9, { retention: 'delete-after-download', largeMessageBytes: 1024 });
    await run.supervisor.syncNow();
    const big = [...run.store.messages('pop-9', 'INBOX').values()].find((m) => m.subject === 'Big')!;
    expect(big.size).toBeGreaterThan(4000);
    expect(run.store.body('pop-9', 'INBOX', big.uid)).toBeNull();
    expect(await onServer(9)).toBe(1); // the small one went, the big one's only whole copy stays

    await run.supervisor.loadBody('INBOX', big.uid);
    expect(run.store.body('pop-9', 'INBOX', big.uid)?.text).toMatch(/^y{4000}/);
    await run.supervisor.syncNow();
    expect(await onServer(9)).toBe(0);
    expect(cachedSubjects(run.store, 9)).toEqual(['Big', 'Small']);
  });

  it('deletes from the server only what was deleted locally, on a clean QUIT, and never downloads it again', async () => {
    await seedMany(10, 3);
    const run = supervise(10, { retention: 'delete-when-deleted-locally' });
    await run.supervisor.syncNow();
    expect(await maildirFiles(10)).toBe(3);
    // What the cache does to the record when the user deletes a message (cache/local-folder-ops.ts).
    const records = run.store.pop3.get('pop-10')!;
    const second = [...records.values()].find((r) => run.store.messages('pop-10', 'INBOX').get(r.uid)?.subject === 'Message 2')!;
    records.set(second.uidl, { ...second, deletedLocally: true });

    await run.supervisor.syncNow();
    expect(last(run)).toMatchObject({ state: 'online' });
    expect(await maildirFiles(10)).toBe(2); // Dovecot removes files only in the UPDATE state, after QUIT
    expect(await onServer(10)).toBe(2);
    expect(records.has(second.uidl)).toBe(false); // gone from the server, so the record is no longer needed
    await run.supervisor.syncNow();
    // Nothing fetched again (the memory store keeps the header the cache would have dropped).
    expect(cachedSubjects(run.store, 10)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(await maildirFiles(10)).toBe(2);
  });

  it('checks again by itself every checkIntervalMinutes', async () => {
    await seedMany(11, 2);
    // A "minute" of 200 ms: two minutes between checks, so new mail arrives within a second.
    const run = supervise(11, { checkIntervalMinutes: 2 }, createMemoryStore(), undefined, { minuteMs: 200 });
    run.supervisor.start();
    await expect.poll(() => cachedSubjects(run.store, 11), { timeout: 10_000 }).toEqual(['Message 1', 'Message 2']);
    const started = run.statuses.filter((s) => s.state === 'connecting').length;
    await seedMany(11, 1, 3);
    await expect.poll(() => cachedSubjects(run.store, 11), { timeout: 10_000 }).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(run.statuses.filter((s) => s.state === 'connecting').length).toBeGreaterThan(started);
  });
});
