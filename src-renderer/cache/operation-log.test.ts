import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageHeader } from '../../src-shared/model';
import type { Operation } from '../../src-shared/operations';
import { openCache, type Cache } from './db';
import { createCacheStore } from './cache-store';
import { enqueueOperation, listOperations, settleOperation, withFlag } from './operation-log';

let cache: Cache;

function header(uid: number, overrides: Partial<MessageHeader> = {}): MessageHeader {
  return {
    accountId: 'a1', folderPath: 'INBOX', uid, messageId: `<m${uid}@x>`, subject: `S${uid}`,
    from: [{ name: 'Bob', address: 'bob@example.org' }], to: [], cc: [],
    date: 1_700_000_000_000 + uid, internalDate: 1_700_000_000_000 + uid, size: 100,
    flags: [], unread: 1, inReplyTo: null, ...overrides,
  };
}

const refs = (...uids: number[]) => uids.map((uid) => ({ uid, messageId: `<m${uid}@x>` }));
const move = (target: string, ...uids: number[]): Operation => ({ kind: 'move', folderPath: 'INBOX', uidValidity: 7, messages: refs(...uids), target });
const subjects = async (folderPath: string) =>
  (await cache.db.messages.where('[accountId+folderPath+uid]').between(['a1', folderPath, 0], ['a1', folderPath, Infinity]).toArray()).map((m) => m.subject);

beforeEach(async () => {
  cache = openCache(`oplog-${Math.random()}`);
  await cache.db.messages.bulkPut([header(1), header(2), header(3, { flags: ['\\Seen'], unread: 0 })]);
  await cache.db.bodies.put({ accountId: 'a1', folderPath: 'INBOX', uid: 2, text: 'body two', html: null, problem: null, fetchedAt: 1 });
  await cache.db.snippets.put({ accountId: 'a1', folderPath: 'INBOX', uid: 2, text: 'body two' });
});
afterEach(() => cache.close());

describe('the operation log', () => {
  it('sets a flag as an absolute, case-insensitively, keeping the others', () => {
    expect(withFlag(['\\seen', '$Label'], '\\Seen', true)).toEqual(['$Label', '\\Seen']);
    expect(withFlag(['\\Seen', '$Label'], '\\Seen', false)).toEqual(['$Label']);
    expect(withFlag([], '\\Flagged', false)).toEqual([]);
  });

  it('changes the cache and queues the operation in one step, in order', async () => {
    await enqueueOperation(cache, 'a1', { kind: 'flag', folderPath: 'INBOX', uidValidity: 7, messages: refs(1, 2), flag: '\\Seen', value: true });
    await enqueueOperation(cache, 'a1', move('Archive', 3));
    const [one, two, three] = await cache.db.messages.bulkGet([['a1', 'INBOX', 1], ['a1', 'INBOX', 2], ['a1', 'INBOX', 3]]);
    expect([one?.unread, two?.unread, three]).toEqual([0, 0, undefined]);
    const pending = await listOperations(cache, 'a1');
    expect(pending.map((p) => p.operation.kind)).toEqual(['flag', 'move']);
    expect(pending[0]!.seq).toBeLessThan(pending[1]!.seq);
    expect(await listOperations(cache, 'other')).toEqual([]);
  });

  it('re-files a moved message, its body and its list preview under the UID the server gave it', async () => {
    const seq = await enqueueOperation(cache, 'a1', move('Archive', 2));
    expect(await subjects('INBOX')).toEqual(['S1', 'S3']);
    await settleOperation(cache, 'a1', seq, { result: 'done', placed: [{ fromUid: 2, toUid: 40 }], issue: null });
    expect(await subjects('Archive')).toEqual(['S2']);
    expect((await cache.db.messages.get(['a1', 'Archive', 40]))?.folderPath).toBe('Archive');
    expect((await cache.db.bodies.get(['a1', 'Archive', 40]))?.text).toBe('body two');
    expect(await cache.db.bodies.get(['a1', 'INBOX', 2])).toBeUndefined();
    expect(await cache.db.snippets.toArray()).toEqual([{ accountId: 'a1', folderPath: 'Archive', uid: 40, text: 'body two' }]);
    expect(await listOperations(cache, 'a1')).toEqual([]);
    // Settling again (a replay after the answer was lost) changes nothing.
    await settleOperation(cache, 'a1', seq, { result: 'done', placed: [{ fromUid: 2, toUid: 41 }], issue: null });
    expect(await cache.db.messages.get(['a1', 'Archive', 41])).toBeUndefined();
  });

  it('keeps the disk budget’s total as a moved body is re-filed and an expunged one dropped', async () => {
    await createCacheStore(cache).putBody({ accountId: 'a1', folderPath: 'INBOX', uid: 2, text: 'body two', html: null, problem: null, fetchedAt: 1 });
    const usage = async () => (await cache.db.bodyUsage.get('a1'))?.usedBytes;
    expect(await usage()).toBe(8);
    await settleOperation(cache, 'a1', await enqueueOperation(cache, 'a1', move('Archive', 2)), { result: 'done', placed: [{ fromUid: 2, toUid: 40 }], issue: null });
    expect(await usage()).toBe(8);
    expect(await cache.db.bodies.where('[accountId+date+bytes]').equals(['a1', header(2).date, 8]).primaryKeys()).toEqual([['a1', 'Archive', 40]]);
    const expunge: Operation = { kind: 'expunge', folderPath: 'Archive', uidValidity: 7, messages: refs(40) };
    await settleOperation(cache, 'a1', await enqueueOperation(cache, 'a1', expunge), { result: 'done', placed: [], issue: null });
    expect(await cache.db.bodies.count()).toBe(0);
    expect(await usage()).toBe(0);
  });

  it('files a message moved to another account in that account’s cached folder, body and preview with it', async () => {
    await cache.db.folders.put({ accountId: 'a2', path: 'Filed', name: 'Filed', delimiter: '/', parentPath: null, specialUse: null, subscribed: true, selectable: true });
    const toAccount = (keepOriginal: boolean, target = 'Filed'): Extract<Operation, { kind: 'to-account' }> => ({ kind: 'to-account', folderPath: 'INBOX', uidValidity: 7, messages: refs(2), targetAccountId: 'a2', target, keepOriginal });
    const seq = await enqueueOperation(cache, 'a1', toAccount(false));
    expect(await subjects('INBOX')).toEqual(['S1', 'S3']);
    await settleOperation(cache, 'a1', seq, { result: 'done', placed: [{ fromUid: 2, toUid: 9 }], issue: null });
    expect(await cache.db.messages.get(['a2', 'Filed', 9])).toMatchObject({ accountId: 'a2', folderPath: 'Filed', uid: 9, subject: 'S2' });
    expect((await cache.db.bodies.get(['a2', 'Filed', 9]))?.text).toBe('body two');
    expect(await cache.db.snippets.toArray()).toEqual([{ accountId: 'a2', folderPath: 'Filed', uid: 9, text: 'body two' }]);
    expect(await cache.db.bodies.get(['a1', 'INBOX', 2])).toBeUndefined();

    // A copy leaves the original; a folder that account has not cached waits for its sync.
    await settleOperation(cache, 'a1', await enqueueOperation(cache, 'a1', { ...toAccount(true), messages: refs(1) }), { result: 'done', placed: [{ fromUid: 1, toUid: 10 }], issue: null });
    expect(await subjects('INBOX')).toEqual(['S1', 'S3']);
    expect(await cache.db.messages.get(['a2', 'Filed', 10])).toMatchObject({ subject: 'S1' });
    await settleOperation(cache, 'a1', await enqueueOperation(cache, 'a1', { ...toAccount(true, 'Elsewhere'), messages: refs(3) }), { result: 'done', placed: [{ fromUid: 3, toUid: 11 }], issue: null });
    expect((await cache.db.messages.toArray()).filter((m) => m.accountId === 'a2').map((m) => m.uid)).toEqual([9, 10]);
  });

  it('puts a message moved to another account back when that account’s folder is gone', async () => {
    const op: Operation = { kind: 'to-account', folderPath: 'INBOX', uidValidity: 7, messages: refs(2), targetAccountId: 'a2', target: 'Gone', keepOriginal: false };
    const seq = await enqueueOperation(cache, 'a1', op);
    await settleOperation(cache, 'a1', seq, { result: 'conflict', issue: { kind: 'folder-gone', summary: 'Move 1 message from INBOX to Gone in another account', detail: 'The folder Gone no longer exists on the server.' } });
    expect(await subjects('INBOX')).toEqual(['S1', 'S2', 'S3']);
    expect(await cache.db.bodies.get(['a1', 'INBOX', 2])).toBeDefined();
  });

  it('puts the messages back and lists the issue when the server could not do it', async () => {
    const seq = await enqueueOperation(cache, 'a1', move('Gone', 1, 2));
    await settleOperation(cache, 'a1', seq, {
      result: 'conflict',
      issue: { kind: 'folder-gone', summary: 'Move 2 messages from INBOX to Gone', detail: 'The folder Gone no longer exists on the server.' },
    });
    expect(await subjects('INBOX')).toEqual(['S1', 'S2', 'S3']);
    expect(await cache.db.bodies.get(['a1', 'INBOX', 2])).toBeDefined();
    const issues = await cache.db.syncIssues.toArray();
    expect(issues).toMatchObject([{ accountId: 'a1', kind: 'folder-gone', summary: 'Move 2 messages from INBOX to Gone' }]);
  });

  it('undoes a flag change the server refused', async () => {
    const seq = await enqueueOperation(cache, 'a1', { kind: 'flag', folderPath: 'INBOX', uidValidity: 7, messages: refs(3), flag: '\\Seen', value: false });
    expect((await cache.db.messages.get(['a1', 'INBOX', 3]))?.unread).toBe(1);
    await settleOperation(cache, 'a1', seq, { result: 'conflict', issue: { kind: 'refused', summary: 's', detail: 'd' } });
    expect((await cache.db.messages.get(['a1', 'INBOX', 3]))?.unread).toBe(0);
  });

  it('turns a queued record it cannot read into a sync issue instead of sending it', async () => {
    await cache.durable.operations.add({ accountId: 'a1', folderPath: 'INBOX', kind: 'teleport', payload: { kind: 'teleport' }, createdAt: 1 });
    expect(await listOperations(cache, 'a1')).toEqual([]);
    expect(await cache.db.operations.count()).toBe(0);
    expect(await cache.db.syncIssues.toArray()).toMatchObject([{ kind: 'unreadable' }]);
  });

  it('shows a folder created, renamed with its children, or deleted at once, and undoes a refused one', async () => {
    const folder = (path: string, parentPath: string | null) => ({
      accountId: 'a1', path, name: path.split('/').at(-1)!, delimiter: '/', parentPath, specialUse: null, subscribed: true, selectable: true,
    });
    await cache.db.folders.bulkPut([folder('INBOX', null), folder('Work', null), folder('Work/2025', 'Work')]);
    const paths = async () => (await cache.db.folders.where('accountId').equals('a1').toArray()).map((f) => `${f.path}<${f.parentPath ?? ''}`).sort();
    await enqueueOperation(cache, 'a1', { kind: 'folder-create', folderPath: 'Work/2026' });
    expect(await paths()).toContain('Work/2026<Work');
    const rename = await enqueueOperation(cache, 'a1', { kind: 'folder-rename', folderPath: 'Work', target: 'Jobs' });
    expect(await paths()).toEqual(['INBOX<', 'Jobs/2025<Jobs', 'Jobs/2026<Jobs', 'Jobs<']);
    await settleOperation(cache, 'a1', rename, { result: 'conflict', issue: { kind: 'refused', summary: 's', detail: 'd' } });
    expect(await paths()).toEqual(['INBOX<', 'Work/2025<Work', 'Work/2026<Work', 'Work<']);
    await enqueueOperation(cache, 'a1', { kind: 'folder-delete', folderPath: 'Work' });
    expect(await paths()).toEqual(['INBOX<']);
  });

  it('keeps a queued flag change when a sync brings the server’s older flags', async () => {
    const store = createCacheStore(cache);
    await enqueueOperation(cache, 'a1', { kind: 'flag', folderPath: 'INBOX', uidValidity: 7, messages: refs(1), flag: '\\Seen', value: true });
    const cursor = { accountId: 'a1', folderPath: 'INBOX', uidValidity: 7, uidNext: 4, highestModseq: null, highestUid: 3, syncedAt: 1 };
    await store.applyHeaderDelta({ accountId: 'a1', folderPath: 'INBOX', reset: false, upserts: [], flagUpdates: [{ uid: 1, flags: ['\\Flagged'] }, { uid: 2, flags: ['\\Flagged'] }], removedUids: [], cursor });
    const [one, two] = await cache.db.messages.bulkGet([['a1', 'INBOX', 1], ['a1', 'INBOX', 2]]);
    expect([one?.flags, one?.unread]).toEqual([['\\Flagged', '\\Seen'], 0]);
    expect([two?.flags, two?.unread]).toEqual([['\\Flagged'], 1]);
  });
});
