/**
 * Folder operations replayed against a real Dovecot, each twice, as after a connection cut
 * between the server's answer and the cache's acknowledgement: the second run must find
 * the goal reached and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Operation } from '../../../src-shared/operations';
import type { ImapConnection } from '../imap/imap-connection';
import { connectTestImap } from '../testing/engine-harness';
import { createMemoryStore } from '../testing/memory-store';
import { replayOperations } from './replay-operations';

const TIMEOUT = 60_000;
const ACCOUNT = 'folders';

describe('replaying folder operations on Dovecot', { timeout: TIMEOUT }, () => {
  let server: DovecotServer;
  let connection: ImapConnection;
  const store = createMemoryStore();

  beforeAll(async () => {
    server = await startDovecot();
    await server.seed('alice', 'Projects', [{ subject: 'plan' }]);
    await server.seed('alice', 'Projects/Old', [{ subject: 'old plan' }]);
    connection = await connectTestImap(server);
  }, TIMEOUT);

  afterAll(async () => {
    await connection?.logout();
    await server?.dispose();
  }, TIMEOUT);

  const listed = async () => (await connection.listFolders()).folders.map((f) => ({ path: f.path, subscribed: f.subscribed === true }));
  const paths = async () => (await listed()).map((f) => f.path as string).sort();

  async function replayTwice(op: Operation) {
    store.enqueue(ACCOUNT, op);
    store.enqueue(ACCOUNT, op);
    await replayOperations(connection, store, ACCOUNT);
    return store.settled.slice(-2).map((s) => s.outcome);
  }

  const done = { result: 'done', placed: [], issue: null };

  it('creates a folder once', async () => {
    expect(await replayTwice({ kind: 'folder-create', folderPath: 'Receipts' })).toEqual([done, done]);
    expect(await listed()).toContainEqual({ path: 'Receipts', subscribed: true });
  });

  it('renames a folder with its children, and moves it under another parent', async () => {
    expect(await replayTwice({ kind: 'folder-rename', folderPath: 'Projects', target: 'Work' })).toEqual([done, done]);
    expect(await paths()).toEqual(expect.arrayContaining(['Work', 'Work/Old']));
    expect(await paths()).not.toContain('Projects');
    expect(await replayTwice({ kind: 'folder-rename', folderPath: 'Work', target: 'Receipts/Work' })).toEqual([done, done]);
    expect(await paths()).toEqual(expect.arrayContaining(['Receipts/Work', 'Receipts/Work/Old']));
    // The subscriptions moved with the folders.
    expect(await listed()).toEqual(expect.arrayContaining([{ path: 'Receipts/Work', subscribed: true }, { path: 'Receipts/Work/Old', subscribed: true }]));
  });

  it('unsubscribes and subscribes', async () => {
    await replayTwice({ kind: 'folder-subscribe', folderPath: 'Receipts/Work', value: false });
    expect(await listed()).toContainEqual({ path: 'Receipts/Work', subscribed: false });
    await replayTwice({ kind: 'folder-subscribe', folderPath: 'Receipts/Work', value: true });
    expect(await listed()).toContainEqual({ path: 'Receipts/Work', subscribed: true });
  });

  it('deletes a folder with its children once', async () => {
    expect(await replayTwice({ kind: 'folder-delete', folderPath: 'Receipts' })).toEqual([done, done]);
    expect((await paths()).filter((p) => p.startsWith('Receipts'))).toEqual([]);
  });

  it('lists a rename of a folder that no longer exists as a conflict', async () => {
    const [outcome] = await replayTwice({ kind: 'folder-rename', folderPath: 'Nowhere', target: 'Somewhere' });
    expect(outcome).toMatchObject({ result: 'conflict', issue: { kind: 'folder-gone' } });
  });
});
