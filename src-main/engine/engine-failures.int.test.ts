/**
 * What the engine does when things go wrong, against a real Dovecot: wrong or missing
 * passwords, a downgrade attack on STARTTLS, a server that is down and comes back, a
 * server with nothing but IMAP4rev1, and bodies asked for while offline.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../e2e/servers/dovecot';
import { freePort } from '../../e2e/servers/free-port';
import { accountFor, createTestEngine, type TestEngine } from './testing/engine-harness';
import { startStartTlsStrippingProxy } from './testing/starttls-stripping-proxy';

const TIMEOUT = 60_000;
const servers: DovecotServer[] = [];
const engines: TestEngine[] = [];

async function startServer(options: Parameters<typeof startDovecot>[0] = {}): Promise<DovecotServer> {
  const server = await startDovecot(options);
  servers.push(server);
  await server.seed('alice', 'INBOX', [{ subject: 'hello', body: 'Hello there.' }]);
  return server;
}

function startEngine(): TestEngine {
  const test = createTestEngine();
  engines.push(test);
  return test;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: DovecotServer;

beforeAll(async () => {
  server = await startServer();
}, TIMEOUT);

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.engine.close()));
}, TIMEOUT);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.dispose()));
}, TIMEOUT);

describe('failures', { timeout: TIMEOUT }, () => {
  it("reports a wrong password with the server's words and does not retry on its own", async () => {
    const { engine, waitForState, statuses } = startEngine();
    const account = accountFor(server, { id: 'wrong' });
    await engine.handlers['account.save']({ account, password: 'not-the-password' });
    const status = await waitForState(account.id, 'error');
    expect(status.detail).toBe('Login failed: Authentication failed.');

    await sleep(1000); // several backoff periods in this configuration
    expect(statuses.filter((s) => s.accountId === account.id).map((s) => s.state)).toEqual(['connecting', 'error']);

    // A corrected password, saved, gets it online.
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');
  });

  it('says so when no password is stored, and retries on syncNow', async () => {
    const { engine, waitForState, secrets, statuses } = startEngine();
    const account = accountFor(server, { id: 'nopass' });
    await engine.handlers['account.open']({ account });
    expect((await waitForState(account.id, 'error')).detail).toBe('No password stored for this account');

    await secrets.set(account.id, 'secret-alice');
    const from = statuses.length;
    await engine.handlers['account.syncNow']({ accountId: account.id });
    await waitForState(account.id, 'online', { from });
  });

  it('refuses to log in when a man in the middle strips STARTTLS', async () => {
    const proxy = await startStartTlsStrippingProxy(server.ports.imap);
    try {
      const { engine, waitForState, store } = startEngine();
      const account = accountFor(server, { id: 'stripped', security: 'starttls', port: proxy.port });
      await engine.handlers['account.save']({ account, password: 'secret-alice' });
      const status = await waitForState(account.id, 'error');
      expect(status.detail).toBe(`Cannot secure the connection to 127.0.0.1:${proxy.port}: Server does not support STARTTLS`);
      expect(proxy.clientBytes()).not.toMatch(/LOGIN|AUTHENTICATE|secret-alice/i);
      expect(store.folders.get(account.id)).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });

  it('is offline with the reason while the server is down, and online once it is back', async () => {
    const down = await startServer();
    await down.stop();
    const { engine, waitForState, statuses } = startEngine();
    const account = accountFor(down, { id: 'down' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    const offline = await waitForState(account.id, 'offline');
    expect(offline.detail).toBe(`Cannot reach 127.0.0.1:${down.ports.imap} (connection refused)`);

    await expect(engine.handlers['message.loadBody']({ accountId: account.id, folderPath: 'INBOX', uid: 1 })).rejects.toThrow(
      "Can't download this message: Test alice (none) is offline.",
    );

    await sleep(600);
    const attempts = statuses.filter((s) => s.accountId === account.id && s.state === 'connecting').length;
    expect(attempts).toBeGreaterThan(1);
    await down.start();
    await waitForState(account.id, 'online');
  });

  it('notices a dropped connection and reconnects', async () => {
    const flaky = await startServer();
    const { engine, waitForState, statuses, store } = startEngine();
    const account = accountFor(flaky, { id: 'flaky' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');

    const from = statuses.length;
    await flaky.stop(); // Dovecot ends open sessions up to 10 s later
    await flaky.seed('alice', 'INBOX', [{ subject: 'while you were away' }]);
    const offline = await waitForState(account.id, 'offline', { from, timeoutMs: 30_000 });
    expect(offline.detail).toMatch(/127\.0\.0\.1/);
    await flaky.start();
    await waitForState(account.id, 'online', { from: statuses.indexOf(offline) });
    expect([...store.messages(account.id, 'INBOX').values()].map((m) => m.subject).sort()).toEqual(['hello', 'while you were away']);
  });

  it('syncs a server with no extension but IMAP4rev1', async () => {
    const plain = await startServer({ imapCapability: 'IMAP4rev1' });
    await plain.seed('alice', 'Sent', [{ subject: 'sent earlier', flags: ['\\Seen'] }]);
    const { engine, waitForState, store } = startEngine();
    const account = accountFor(plain, { id: 'rev1' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');

    const folders = new Map((store.folders.get(account.id) ?? []).map((f) => [f.path, f.specialUse]));
    expect(folders.get('INBOX')).toBe('inbox');
    expect(folders.get('Sent')).toBe('sent');
    expect([...store.messages(account.id, 'Sent').values()]).toMatchObject([{ subject: 'sent earlier', unread: 0 }]);
    const cursor = store.cursor(account.id, 'INBOX');
    expect(cursor).toMatchObject({ highestUid: 1, highestModseq: null });
  });

  it('stays online and says what failed when the cache refuses, and catches up by itself soon after', async () => {
    const { engine, waitForState, store, statuses } = startEngine();
    const account = accountFor(server, { id: 'nocache' });
    store.failNext('replaceFolders', new Error('No window holds the cache.'));
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    const failed = await waitForState(account.id, 'online');
    expect(failed.detail).toBe('Sync failed: No window holds the cache.');

    // No syncNow: the retry follows the backoff (100 ms here), not the 10-minute resync.
    expect((await waitForState(account.id, 'online', { from: statuses.indexOf(failed) + 1, timeoutMs: 5_000 })).detail).toBeUndefined();
    expect(store.messages(account.id, 'INBOX').size).toBe(1);
  });

  it('watches again when its watch fails on the cache, so new mail still arrives', async () => {
    const { engine, waitForState, store, statuses } = startEngine();
    const account = accountFor(server, { id: 'deafwatch' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');

    // A pass over no folder (nothing queued) goes straight to starting the watch, which reads the cursors first.
    store.failNext('getCursor', new Error('The window holding the cache closed.'));
    const from = statuses.length;
    await engine.handlers['ops.replayNow']({ accountId: account.id });
    const details = () => statuses.slice(from).map((s) => s.detail);
    await expect.poll(details, { timeout: 5_000 }).toContain('Stopped watching for changes: The window holding the cache closed.');

    await server.seed('alice', 'INBOX', [{ subject: 'after the watch failed' }]);
    await expect.poll(() => [...store.messages(account.id, 'INBOX').values()].map((m) => m.subject), { timeout: 5_000 }).toContain('after the watch failed');
  });

  it('syncs into a cache a window attaches while the account is open', async () => {
    const { engine, waitForState, statuses } = startEngine();
    const account = accountFor(server, { id: 'attached' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');

    const from = statuses.length;
    engine.cacheAttached();
    await waitForState(account.id, 'syncing', { from, timeoutMs: 5_000 });
    expect((await waitForState(account.id, 'online', { from, timeoutMs: 5_000 })).detail).toBeUndefined();
  });

  it('keeps other accounts working, and stops everything on close', async () => {
    const { engine, waitForState, statuses } = startEngine();
    const good = accountFor(server, { id: 'good' });
    const nowhere = accountFor(server, { id: 'nowhere', port: await freePort() });
    await engine.handlers['account.save']({ account: nowhere, password: 'x' });
    await engine.handlers['account.save']({ account: good, password: 'secret-alice' });
    await waitForState(nowhere.id, 'offline');
    await waitForState(good.id, 'online');

    await engine.close();
    const count = statuses.length;
    await sleep(800);
    expect(statuses.length).toBe(count);
    await expect(engine.handlers['account.syncNow']({ accountId: good.id })).rejects.toThrow();
  });

  it('forgets the password of a removed account', async () => {
    const { engine, secrets, waitForState } = startEngine();
    const account = accountFor(server, { id: 'removed' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');
    await engine.handlers['account.remove']({ accountId: account.id });
    expect(await secrets.get(account.id)).toBeNull();
    await expect(engine.handlers['account.syncNow']({ accountId: account.id })).rejects.toThrow("Can't sync: this account is not open.");
  });
});
