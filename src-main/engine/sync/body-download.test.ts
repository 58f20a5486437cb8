import { describe, expect, it } from 'vitest';
import { fakeConnection } from '../testing/fake-connection';
import { fakeMailbox } from '../testing/fake-mailbox';
import { createMemoryStore } from '../testing/memory-store';
import { downloadBody, fetchBodies } from './body-download';

const ref = { accountId: 'acc', folderPath: 'INBOX', uid: 7 };

function setup() {
  const mailbox = fakeMailbox({ uidValidity: 1 }, [{ uid: 7, subject: 'Hi' }]);
  const sources: number[] = [];
  const sourceOf = mailbox.sourceOf.bind(mailbox);
  mailbox.sourceOf = (uid) => {
    sources.push(uid);
    return sourceOf(uid);
  };
  return { store: createMemoryStore(), connection: fakeConnection([], { INBOX: mailbox }), sources };
}

describe('downloadBody', () => {
  it('stores the parsed body', async () => {
    const { store, connection } = setup();
    expect(await downloadBody(connection, store, ref)).toBe('stored');
    expect(store.body('acc', 'INBOX', 7)).toMatchObject({ text: 'Body of 7\n', html: null, problem: null });
  });

  it('says when the message is gone', async () => {
    const { store, connection } = setup();
    expect(await downloadBody(connection, store, { ...ref, uid: 8 })).toBe('gone');
    expect(store.body('acc', 'INBOX', 8)).toBeNull();
  });

  it('does not download a message above the limit, and stores why it is not shown', async () => {
    const { store, connection, sources } = setup();
    expect(await downloadBody(connection, store, ref, 50)).toBe('stored');
    expect(sources).toEqual([]);
    expect(store.body('acc', 'INBOX', 7)).toMatchObject({ text: '', problem: 'This message is too large to show (107 bytes; the limit is 50 bytes).' });
  });
});

describe('fetchBodies', () => {
  it('fetches messages of known size in one UID FETCH, asks the size of the rest, never transfers one above the limit, and names the gone', async () => {
    const mailbox = fakeMailbox({ uidValidity: 1 }, [{ uid: 1 }, { uid: 2 }, { uid: 3 }, { uid: 4 }]);
    const batches: number[][] = [];
    const sourcesOf = mailbox.sourcesOf.bind(mailbox);
    mailbox.sourcesOf = (uids) => {
      batches.push([...uids]);
      return sourcesOf(uids);
    };
    const singles: number[] = [];
    const sourceOf = mailbox.sourceOf.bind(mailbox);
    mailbox.sourceOf = (uid) => {
      singles.push(uid);
      return sourceOf(uid);
    };
    const folder = { accountId: 'acc', folderPath: 'INBOX' };
    // Size 0: the server never said (its RFC822.SIZE is asked first; the fake answers 100 + uid).
    const sized = [{ uid: 1, size: 50 }, { uid: 2, size: 500 }, { uid: 3, size: 0 }, { uid: 9, size: 50 }, { uid: 4, size: 60 }];
    const bodies = await fetchBodies(fakeConnection([], { INBOX: mailbox }), folder, sized, 200);
    expect(batches).toEqual([[1, 9, 4]]);
    expect(singles).toEqual([3]);
    expect(bodies.map((b) => (b === 'gone' ? 'gone' : `${b.uid}: ${b.text || b.problem}`))).toEqual([
      '1: Body of 1\n',
      '2: This message is too large to show (500 bytes; the limit is 200 bytes).',
      '3: Body of 3\n',
      'gone',
      '4: Body of 4\n',
    ]);
  });
});
