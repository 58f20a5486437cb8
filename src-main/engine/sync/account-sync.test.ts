import { describe, expect, it } from 'vitest';
import type { ListedFolder } from '../imap/folder-list';
import { fakeConnection } from '../testing/fake-connection';
import { fakeMailbox, messageRange } from '../testing/fake-mailbox';
import { createMemoryStore } from '../testing/memory-store';
import { syncAccount } from './account-sync';

const batches = { first: 200, rest: 1000 };
const folder = (path: string, flags: string[] = []): ListedFolder => ({ path, delimiter: '/', flags: new Set(flags), subscribed: true });
const listed = [folder('Archive'), folder('Broken'), folder('INBOX'), folder('Shared', ['\\Noselect']), folder('Sent', ['\\Sent'])];

describe('syncAccount', () => {
  it('stores the folder list, syncs INBOX first and skips unselectable folders', async () => {
    const store = createMemoryStore();
    const connection = fakeConnection(listed, {
      INBOX: fakeMailbox({ uidValidity: 1 }, messageRange(1, 2)),
      Archive: fakeMailbox({ uidValidity: 1 }, messageRange(1, 1)),
      Broken: fakeMailbox({ uidValidity: 1 }, []),
      Sent: fakeMailbox({ uidValidity: 1 }, []),
    });
    expect(await syncAccount(connection, store, 'acc', batches)).toEqual({
      failures: [],
      watched: { inbox: 'INBOX', paths: ['INBOX', 'Archive', 'Broken', 'Sent'] },
    });
    expect(store.folders.get('acc')?.map((f) => f.path)).toEqual(['Archive', 'Broken', 'INBOX', 'Shared', 'Sent']);
    expect(connection.opened).toEqual(['INBOX', 'Archive', 'Broken', 'Sent']);
    expect(store.messages('acc', 'INBOX').size).toBe(2);
    expect(store.calls[0]?.method).toBe('replaceFolders');
  });

  it('leaves a folder as it is while STATUS shows it unchanged since its last sync (CONDSTORE), and syncs it when anything moved', async () => {
    const store = createMemoryStore();
    const inbox = fakeMailbox({ uidValidity: 1, uidNext: 3, highestModseq: '10' }, messageRange(1, 2));
    const plain = fakeMailbox({ uidValidity: 1, uidNext: 2 }, messageRange(1, 1));
    const connection = fakeConnection([folder('INBOX'), folder('Plain')], { INBOX: inbox, Plain: plain });
    await syncAccount(connection, store, 'acc', batches);
    await syncAccount(connection, store, 'acc', batches);
    // Without HIGHESTMODSEQ a flag change cannot be seen from STATUS: that folder is synced each time.
    expect(connection.opened).toEqual(['INBOX', 'Plain', 'Plain']);
    for (const change of [{ highestModseq: '11' }, { exists: 1 }, { uidNext: 4 }, { uidValidity: 2 }]) {
      Object.assign(inbox.state, change);
      connection.opened.length = 0;
      await syncAccount(connection, store, 'acc', batches, new Set(['INBOX']));
      expect(connection.opened).toEqual(['INBOX']);
    }
  });

  it('reports a folder that fails and goes on with the others', async () => {
    const store = createMemoryStore();
    const refused = Object.assign(new Error('Command failed'), { responseText: 'Mailbox is locked' });
    const connection = fakeConnection(listed, {
      INBOX: fakeMailbox({ uidValidity: 1 }, []),
      Archive: fakeMailbox({ uidValidity: 1 }, []),
      Broken: refused,
      Sent: fakeMailbox({ uidValidity: 1 }, messageRange(1, 1)),
    });
    const { failures } = await syncAccount(connection, store, 'acc', batches);
    expect(failures).toEqual([{ folderPath: 'Broken', reason: 'Mailbox is locked' }]);
    expect(store.messages('acc', 'Sent').size).toBe(1);
  });

  it('ends the pass when the connection broke', async () => {
    const store = createMemoryStore();
    const connection = fakeConnection(listed, { INBOX: new Error('socket closed') });
    connection.usable = false;
    await expect(syncAccount(connection, store, 'acc', batches)).rejects.toThrow('socket closed');
    expect(connection.opened).toEqual(['INBOX']);
  });

  it('syncs only the folders named, and watches the subscribed ones and INBOX', async () => {
    const store = createMemoryStore();
    const unsubscribed = [...listed.filter((f) => f.path !== 'Archive'), { ...folder('Archive'), subscribed: false }];
    const connection = fakeConnection(unsubscribed, {
      INBOX: fakeMailbox({ uidValidity: 1 }, []),
      Archive: fakeMailbox({ uidValidity: 1 }, []),
      Sent: fakeMailbox({ uidValidity: 1 }, []),
    });
    const { watched } = await syncAccount(connection, store, 'acc', batches, new Set(['Sent', 'Archive']));
    expect(connection.opened).toEqual(['Sent', 'Archive']);
    expect(watched.paths).toEqual(['INBOX', 'Broken', 'Sent']);
  });
});
