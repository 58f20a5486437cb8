import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreArgs } from '../../src-shared/store-port';
import { createCacheStore } from './cache-store';
import { openCache, type Cache } from './db';
import { applyLocalOperation } from './local-folder-ops';

let cache: Cache;
beforeEach(async () => {
  cache = openCache(`local-ops-${Math.random()}`);
  const downloads: StoreArgs<'applyPop3Download'>['downloads'] = ['u1', 'u2', 'u3'].map((uidl) => ({
    uidl,
    downloadedAt: 1,
    header: { messageId: `<${uidl}@x>`, subject: uidl, from: [], to: [], cc: [], date: 5, internalDate: 5, size: 10, flags: [], unread: 1, inReplyTo: null },
    body: { text: `text ${uidl}`, html: null, problem: null },
    attachments: [{ partId: '2', filename: 'a.txt', contentType: 'text/plain', size: 2, contentId: null, inline: false, dataBase64: 'aGk=' }],
  }));
  await createCacheStore(cache).applyPop3Download({ accountId: 'p', downloads });
});
afterEach(() => cache.close());

const inbox = { folderPath: 'INBOX', uidValidity: 0 };
const ref = (uid: number) => ({ uid, messageId: null });
const uidsIn = async (folderPath: string) => (await cache.db.messages.where('[accountId+folderPath+uid]').between(['p', folderPath, 0], ['p', folderPath, Infinity]).toArray()).map((m) => m.subject);
const records = async () => Object.fromEntries((await cache.db.pop3Uidls.toArray()).map((r) => [r.uidl, [r.folderPath, r.uid, r.deletedLocally]]));

describe('operations on local folders', () => {
  it('creates a folder and moves messages into it with their bodies, previews, attachments and download records', async () => {
    await applyLocalOperation(cache, 'p', { kind: 'folder-create', folderPath: 'Receipts' });
    expect(await cache.db.folders.get(['p', 'Receipts'])).toMatchObject({ name: 'Receipts', selectable: true });
    await applyLocalOperation(cache, 'p', { kind: 'move', ...inbox, messages: [ref(1), ref(3)], target: 'Receipts' });
    expect(await uidsIn('INBOX')).toEqual(['u2']);
    expect(await uidsIn('Receipts')).toEqual(['u1', 'u3']);
    expect(await cache.db.bodies.get(['p', 'Receipts', 2])).toMatchObject({ text: 'text u3' });
    expect(await cache.db.bodies.get(['p', 'INBOX', 3])).toBeUndefined();
    expect(await cache.db.snippets.get(['p', 'Receipts', 2])).toMatchObject({ text: 'text u3' });
    expect(await cache.db.snippets.get(['p', 'INBOX', 3])).toBeUndefined();
    expect(await cache.db.attachmentData.get(['p', 'Receipts', 1, '2'])).toBeDefined();
    expect(await cache.db.attachments.where('[accountId+folderPath+uid]').equals(['p', 'INBOX', 1]).count()).toBe(0);
    expect(await records()).toMatchObject({ u1: ['Receipts', 1, false], u2: ['INBOX', 2, false], u3: ['Receipts', 2, false] });
    expect(await cache.db.operations.count()).toBe(0); // nothing is queued for a server
  });

  it('sets flags locally', async () => {
    await applyLocalOperation(cache, 'p', { kind: 'flag', ...inbox, messages: [ref(2)], flag: '\\Seen', value: true });
    expect(await cache.db.messages.get(['p', 'INBOX', 2])).toMatchObject({ flags: ['\\Seen'], unread: 0 });
  });

  it('deletes messages and marks their download records, so they are never downloaded again', async () => {
    await applyLocalOperation(cache, 'p', { kind: 'expunge', ...inbox, messages: [ref(2)] });
    expect(await uidsIn('INBOX')).toEqual(['u1', 'u3']);
    expect(await cache.db.bodies.get(['p', 'INBOX', 2])).toBeUndefined();
    expect(await cache.db.snippets.get(['p', 'INBOX', 2])).toBeUndefined();
    expect((await records()).u2).toEqual(['INBOX', 2, true]);
  });

  it('renames a folder with its messages, and deleting it deletes them', async () => {
    await applyLocalOperation(cache, 'p', { kind: 'folder-create', folderPath: 'Old' });
    await applyLocalOperation(cache, 'p', { kind: 'move', ...inbox, messages: [ref(1)], target: 'Old' });
    await applyLocalOperation(cache, 'p', { kind: 'folder-rename', folderPath: 'Old', target: 'New' });
    expect(await uidsIn('Old')).toEqual([]);
    expect(await uidsIn('New')).toEqual(['u1']);
    expect((await records()).u1).toEqual(['New', 1, false]);
    await applyLocalOperation(cache, 'p', { kind: 'move', ...inbox, messages: [ref(2)], target: 'New' });
    expect((await records()).u2).toEqual(['New', 2, false]); // the renamed folder kept counting
    await applyLocalOperation(cache, 'p', { kind: 'folder-delete', folderPath: 'New' });
    expect(await cache.db.folders.get(['p', 'New'])).toBeUndefined();
    expect(await uidsIn('New')).toEqual([]);
    expect(await records()).toMatchObject({ u1: ['New', 1, true], u2: ['New', 2, true] });
  });

  it('refuses to rename or delete the Inbox, and to move into a folder that does not exist', async () => {
    await expect(applyLocalOperation(cache, 'p', { kind: 'folder-delete', folderPath: 'INBOX' })).rejects.toThrow(/Inbox cannot/);
    await expect(applyLocalOperation(cache, 'p', { kind: 'move', ...inbox, messages: [ref(1)], target: 'Nowhere' })).rejects.toThrow(/no folder/);
    expect(await uidsIn('INBOX')).toEqual(['u1', 'u2', 'u3']);
  });
});
