/**
 * The engine's first sync against a real Dovecot, over each kind of transport: folders with
 * their roles, INBOX headers with their unread state, bodies on demand, and the newest
 * messages first in a big INBOX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../e2e/servers/dovecot';
import type { Security } from '../../src-shared/model';
import { accountFor, createTestEngine, type TestEngine } from './testing/engine-harness';

const TIMEOUT = 60_000;
const HOUR = 3600_000;
const now = Date.now();

let server: DovecotServer;
const engines: TestEngine[] = [];

function startEngine(): TestEngine {
  const test = createTestEngine();
  engines.push(test);
  return test;
}

beforeAll(async () => {
  server = await startDovecot({
    users: [
      { name: 'alice', password: 'secret-alice' },
      { name: 'bob', password: 'secret-bob' },
    ],
  });
  await server.seed('alice', 'INBOX', [
    { from: 'Bob Example <bob@example.org>', subject: 'Lunch on Friday', body: 'Shall we meet at noon?\nBob', date: new Date(now - 48 * HOUR), flags: ['\\Seen'], messageId: '<lunch@example.org>' },
    { from: 'Carol <carol@example.org>', to: 'Alice <alice@example.org>', subject: 'Quarterly report', date: new Date(now - 24 * HOUR), flags: ['\\Flagged'] },
    { from: 'Dörte <doerte@example.org>', subject: 'Grüße aus Köln', body: 'Hallo!\nZweite Zeile.', date: new Date(now - HOUR) },
  ]);
  await server.seed('alice', 'Work/Projects', [{ subject: 'Kick-off', date: new Date(now - 72 * HOUR) }]);
  await server.seed(
    'bob',
    'INBOX',
    Array.from({ length: 500 }, (_, i) => ({ subject: `Message ${i + 1}`, date: new Date(now - (500 - i) * 60_000) })),
  );
}, TIMEOUT);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.engine.close()));
  await server?.dispose();
}, TIMEOUT);

describe('first sync', { timeout: TIMEOUT }, () => {
  it.each<Security>(['none', 'starttls', 'tls'])('syncs folders and INBOX headers over %s', async (security) => {
    const { engine, store, waitForState, statuses } = startEngine();
    const account = accountFor(server, { security });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');
    expect(statuses.filter((s) => s.accountId === account.id).map((s) => s.state)).toEqual(['connecting', 'syncing', 'online']);

    const folders = new Map((store.folders.get(account.id) ?? []).map((f) => [f.path, f]));
    expect(Object.fromEntries([...folders].map(([path, f]) => [path, f.specialUse]))).toMatchObject({
      INBOX: 'inbox',
      Sent: 'sent',
      Drafts: 'drafts',
      Trash: 'trash',
      Junk: 'junk',
      Archive: 'archive',
      'Work/Projects': null,
    });
    expect(folders.get('Work/Projects')).toMatchObject({ name: 'Projects', parentPath: 'Work', delimiter: '/', subscribed: true, selectable: true });

    const inbox = [...store.messages(account.id, 'INBOX').values()].sort((a, b) => b.date - a.date);
    expect(inbox.map((m) => [m.subject, m.unread])).toEqual([
      ['Grüße aus Köln', 1],
      ['Quarterly report', 1],
      ['Lunch on Friday', 0],
    ]);
    expect(inbox[0]?.from).toEqual([{ name: 'Dörte', address: 'doerte@example.org' }]);
    expect(inbox[1]).toMatchObject({ to: [{ name: 'Alice', address: 'alice@example.org' }], flags: ['\\Flagged'] });
    expect(inbox[2]).toMatchObject({ messageId: '<lunch@example.org>', flags: ['\\Seen'] });
    expect(Math.abs((inbox[2]?.date ?? 0) - (now - 48 * HOUR))).toBeLessThan(1000);
    expect(inbox.every((m) => m.size > 0)).toBe(true);

    expect([...store.messages(account.id, 'Work/Projects').values()].map((m) => m.subject)).toEqual(['Kick-off']);
    expect(store.cursor(account.id, 'INBOX')).toMatchObject({ highestUid: 3, uidNext: 4 });
  });

  it.each<Security>(['tls', 'starttls'])('refuses a %s server whose certificate it was not told to trust', async (security) => {
    const { engine, waitForState, store } = startEngine();
    const account = accountFor(server, { id: `untrusted-${security}`, security, trustedCertificates: [] });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    const status = await waitForState(account.id, 'error');
    expect(status.detail).toMatch(/^Cannot secure the connection to 127\.0\.0\.1:\d+: .*certificate/);
    expect(store.folders.get(account.id)).toBeUndefined();
  });

  it('leaves a running account alone when opened again unchanged (only repeating its status), and restarts it when changed', async () => {
    const { engine, waitForState, statuses } = startEngine();
    const account = accountFor(server, { id: 'reopened' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');
    const before = statuses.length;
    await engine.handlers['account.open']({ account: { ...account } });
    // A reloaded window has missed the status: it is told again, and nothing reconnects.
    expect(statuses.slice(before)).toEqual([statuses[before - 1]]);

    const count = statuses.length;
    await engine.handlers['account.open']({ account: { ...account, name: 'Renamed' } });
    await waitForState(account.id, 'online', { from: count });
    expect(statuses.slice(count).map((s) => s.state)).toEqual(['connecting', 'syncing', 'online']);
  });

  it('downloads and stores a parsed body on demand', async () => {
    const { engine, store, waitForState } = startEngine();
    const account = accountFor(server, { id: 'bodies' });
    await engine.handlers['account.save']({ account, password: 'secret-alice' });
    await waitForState(account.id, 'online');
    const greeting = [...store.messages(account.id, 'INBOX').values()].find((m) => m.subject === 'Grüße aus Köln');
    if (!greeting) throw new Error('seeded message missing');

    await engine.handlers['message.loadBody']({ accountId: account.id, folderPath: 'INBOX', uid: greeting.uid });
    expect(store.body(account.id, 'INBOX', greeting.uid)).toMatchObject({ text: 'Hallo!\nZweite Zeile.\n', html: null, problem: null });
    // BODY.PEEK: reading the body here does not mark the message read on the server.
    await engine.handlers['account.syncNow']({ accountId: account.id });
    expect(store.messages(account.id, 'INBOX').get(greeting.uid)?.unread).toBe(1);

    await expect(engine.handlers['message.loadBody']({ accountId: account.id, folderPath: 'INBOX', uid: 999 })).rejects.toThrow(
      "Can't download this message: it is no longer on the server.",
    );
  });

  it('fills a 500-message INBOX newest first, the newest 200 in the first delta', async () => {
    const { engine, store, waitForState } = startEngine();
    const account = accountFor(server, { id: 'big', user: 'bob' });
    await engine.handlers['account.save']({ account, password: 'secret-bob' });
    await waitForState(account.id, 'online');

    const inboxDeltas = store.deltas().filter((d) => d.accountId === account.id && d.folderPath === 'INBOX');
    const all = [...store.messages(account.id, 'INBOX').values()];
    expect(all).toHaveLength(500);
    const newest200 = all.sort((a, b) => b.uid - a.uid).slice(0, 200).map((m) => m.subject);
    expect(inboxDeltas[0]?.upserts.map((m) => m.subject).sort()).toEqual(newest200.sort());
    expect(inboxDeltas[0]?.upserts.map((m) => m.subject)).toContain('Message 500');
    expect(inboxDeltas.map((d) => d.upserts.length)).toEqual([200, 300, 0]);
  });
});
