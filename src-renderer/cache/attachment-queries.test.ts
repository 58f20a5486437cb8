import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MessageAttachment } from '../../src-shared/model';
import { attachmentBytes, listAttachments } from './attachment-queries';
import { openCache } from './db';

const part = (uid: number, partId: string): MessageAttachment => ({
  accountId: 'a1', folderPath: 'INBOX', uid, partId, filename: `p${partId}`, contentType: 'application/pdf', size: 3, contentId: null, inline: false,
});

describe('attachment queries', () => {
  it('lists one message’s parts in part-number order, and reads a part’s bytes', async () => {
    const cache = openCache(`attachments-${Math.random()}`);
    await cache.db.attachments.bulkPut([part(7, '10'), part(7, '2'), part(7, '1.10'), part(7, '1.9'), part(8, '2')]);
    await cache.db.attachmentData.put({ accountId: 'a1', folderPath: 'INBOX', uid: 7, partId: '2', data: new Uint8Array([1, 2, 3]) });
    expect((await listAttachments(cache.db, ['a1', 'INBOX', 7])).map((p) => p.partId)).toEqual(['1.9', '1.10', '2', '10']);
    expect(await attachmentBytes(cache.db, ['a1', 'INBOX', 7], '2')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await attachmentBytes(cache.db, ['a1', 'INBOX', 7], '10')).toBeNull();
    cache.close();
  });
});
