import { describe, expect, it } from 'vitest';
import { fakeConnection } from '../testing/fake-connection';
import { fakeMailbox } from '../testing/fake-mailbox';
import { createMemoryStore } from '../testing/memory-store';
import { downloadBody } from './body-download';

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
