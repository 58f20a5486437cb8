import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncCursor } from '../../../src-shared/model';
import type { ListedFolder } from '../imap/folder-list';
import { fakeConnection } from '../testing/fake-connection';
import { fakeMailbox, messageRange } from '../testing/fake-mailbox';
import { ChangeWatch } from './change-watch';

const folder = (path: string): ListedFolder => ({ path, delimiter: '/', flags: new Set(), subscribed: true });
const cursor = (path: string, uidNext: number, highestModseq: string | null = null): SyncCursor => ({
  accountId: 'acc',
  folderPath: path,
  uidValidity: 1,
  uidNext,
  highestModseq,
  highestUid: uidNext - 1,
  syncedAt: 1,
});
const watched = { inbox: 'INBOX', paths: ['INBOX', 'Lists'] };

function setup(lists = fakeMailbox({ uidValidity: 1, uidNext: 3 }, messageRange(1, 2))) {
  const mailboxes = { INBOX: fakeMailbox({ uidValidity: 1, uidNext: 3 }, messageRange(1, 2)), Lists: lists };
  const connection = fakeConnection([folder('INBOX'), folder('Lists')], mailboxes);
  const changes: string[][] = [];
  const failures: unknown[] = [];
  const watch = new ChangeWatch(connection, watched, 1000, (paths) => changes.push(paths), (error) => failures.push(error));
  return { connection, changes, failures, watch, mailboxes };
}

const cursors = (lists: number) => async (path: string) => (path === 'INBOX' ? cursor('INBOX', 3) : cursor('Lists', lists));

afterEach(() => vi.useRealTimers());

describe('ChangeWatch', () => {
  it('reports a folder whose UIDNEXT moved since its last sync, on the first look', async () => {
    const { changes, watch } = setup();
    await watch.start(cursors(2));
    expect(changes).toEqual([['Lists']]);
  });

  it('polls with STATUS and reports a folder whose message count changed (an expunge without CONDSTORE)', async () => {
    vi.useFakeTimers();
    const { changes, watch, mailboxes } = setup();
    await watch.start(cursors(3));
    expect(changes).toEqual([]);
    mailboxes.Lists.state.exists = 1;
    await vi.advanceTimersByTimeAsync(1000);
    expect(changes).toEqual([['Lists']]);
    watch.stop();
  });

  it('looks at the folder list every few seconds, between the slower STATUS sweeps, and names a folder made elsewhere', async () => {
    vi.useFakeTimers();
    const listed = [folder('INBOX'), folder('Lists')];
    const connection = fakeConnection(listed, { INBOX: fakeMailbox({ uidValidity: 1, uidNext: 3 }, messageRange(1, 2)), Lists: fakeMailbox({ uidValidity: 1, uidNext: 3 }, messageRange(1, 2)) });
    const changes: string[][] = [];
    const watch = new ChangeWatch(connection, watched, 60_000, (paths) => changes.push(paths), () => undefined);
    await watch.start(cursors(3));
    let statuses = 0;
    const status = connection.status.bind(connection);
    connection.status = (path) => (statuses++, status(path));
    const statusCalls = () => statuses;
    const afterStart = statusCalls();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(changes).toEqual([]);
    expect(statusCalls()).toBe(afterStart);
    listed.push(folder('Projects'));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(changes).toEqual([['Projects']]);
    watch.stop();
  });

  it('IDLEs on INBOX where offered and reports what the server announces there', async () => {
    const { connection, changes, watch } = setup();
    connection.canIdle = true;
    connection.onMailboxChange((path) => watch.announced(path));
    await watch.start(cursors(3));
    expect(connection.idled).toEqual(['INBOX']);
    connection.emitChange('Trash');
    expect(changes).toEqual([]);
    connection.emitChange('INBOX');
    connection.emitChange('INBOX');
    expect(changes).toEqual([['INBOX']]);
  });

  it('reports INBOX mail that arrived between its STATUS and the SELECT that starts IDLE', async () => {
    const { connection, changes, watch, mailboxes } = setup();
    connection.canIdle = true;
    const status = connection.status.bind(connection);
    connection.status = async (path) => {
      const answer = await status(path);
      // Delivered right after INBOX's STATUS was answered: no EXISTS will announce it.
      if (path === 'INBOX') mailboxes.INBOX.state.uidNext = 4;
      return answer;
    };
    await watch.start(cursors(3));
    expect(changes).toEqual([['INBOX']]);
  });

  it('says why it stopped when a later look fails, once, and reports no change', async () => {
    vi.useFakeTimers();
    const { connection, changes, failures, watch } = setup();
    await watch.start(cursors(3));
    connection.listFolders = () => Promise.reject(new Error('LIST refused'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(failures).toEqual([new Error('LIST refused')]);
    expect(changes).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(failures).toHaveLength(1);
  });

  it('takes a status item the server left out as no change', async () => {
    const { changes, watch } = setup(fakeMailbox({ uidValidity: 1, uidNext: null }, messageRange(1, 2)));
    await watch.start(cursors(2));
    expect(changes).toEqual([]);
    watch.stop();
  });
});
