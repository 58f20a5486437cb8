import { describe, expect, it } from 'vitest';
import { messageHeaderSchema } from '../../../src-shared/model';
import { toMessageHeader } from './header-fetch';

const internalDate = new Date('2024-05-06T07:08:09Z');

describe('toMessageHeader', () => {
  it('maps a complete FETCH response', () => {
    const header = toMessageHeader('a1', 'INBOX', {
      uid: 7,
      flags: new Set(['\\Seen', '$Label1']),
      size: 1234,
      internalDate,
      envelope: {
        date: new Date('2024-05-06T06:00:00Z'),
        subject: 'Grüße',
        messageId: '<m1@example.org>',
        inReplyTo: '<m0@example.org>',
        from: [{ name: 'Bob', address: 'bob@example.org' }],
        to: [{ name: '', address: 'alice@example.org' }],
        cc: [{ address: 'carol@example.org' }],
      },
    });
    expect(header).toEqual({
      accountId: 'a1',
      folderPath: 'INBOX',
      uid: 7,
      messageId: '<m1@example.org>',
      subject: 'Grüße',
      from: [{ name: 'Bob', address: 'bob@example.org' }],
      to: [{ name: '', address: 'alice@example.org' }],
      cc: [{ name: '', address: 'carol@example.org' }],
      date: Date.parse('2024-05-06T06:00:00Z'),
      internalDate: internalDate.getTime(),
      size: 1234,
      flags: ['\\Seen', '$Label1'],
      unread: 0,
      inReplyTo: '<m0@example.org>',
    });
  });

  it('fills a message without an envelope with what can be shown', () => {
    const header = toMessageHeader('a1', 'INBOX', { uid: 3, internalDate, flags: new Set() });
    expect(header).toMatchObject({ subject: '', from: [], to: [], cc: [], messageId: null, inReplyTo: null, size: 0, unread: 1 });
    expect(header?.date).toBe(internalDate.getTime());
    expect(messageHeaderSchema.parse(header)).toEqual(header);
  });

  it('falls back to the internal date when the Date header is unparseable, and to 0 without either', () => {
    const badDate = toMessageHeader('a1', 'INBOX', { uid: 1, internalDate, envelope: { date: new Date('nonsense') } });
    expect(badDate?.date).toBe(internalDate.getTime());
    const stringDate = toMessageHeader('a1', 'INBOX', { uid: 1, internalDate, envelope: { date: 'Tue, 1 Jul 2003 10:52:37 +0200' } });
    expect(stringDate?.date).toBe(Date.parse('2003-07-01T08:52:37Z'));
    const none = toMessageHeader('a1', 'INBOX', { uid: 1, internalDate: 'garbage', envelope: { date: 'garbage' } });
    expect(none).toMatchObject({ date: 0, internalDate: 0 });
  });

  it('survives hostile values and still satisfies the schema', () => {
    const header = toMessageHeader('a1', 'INBOX', {
      uid: 9,
      size: -5,
      flags: ['\\seen', '\\Recent', 42, 'x'.repeat(300), '\\SEEN'],
      envelope: {
        subject: { not: 'a string' },
        messageId: 'x'.repeat(5000),
        from: [null, 'bob', { name: 7, address: 'bob@example.org' }, { name: '', address: '' }],
        to: 'alice@example.org',
        cc: Array.from({ length: 20_000 }, (_, i) => ({ address: `c${i}@example.org` })),
      },
    });
    expect(header).toMatchObject({ subject: '', size: 0, flags: ['\\Seen'], unread: 0, to: [] });
    expect(header?.from).toEqual([{ name: '', address: 'bob@example.org' }]);
    expect(header?.messageId).toHaveLength(1000);
    expect(header?.cc).toHaveLength(10_000);
    expect(() => messageHeaderSchema.parse(header)).not.toThrow();
  });

  it('returns null for a response without a usable UID', () => {
    expect(toMessageHeader('a1', 'INBOX', { uid: 0 })).toBeNull();
    expect(toMessageHeader('a1', 'INBOX', { uid: '5' })).toBeNull();
    expect(toMessageHeader('a1', 'INBOX', { uid: 2 ** 32 })).toBeNull();
  });
});
