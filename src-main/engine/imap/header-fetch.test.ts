import { describe, expect, it } from 'vitest';
import { messageHeaderSchema } from '../../../src-shared/model';
import { toMessageHeader } from './header-fetch';

const internalDate = new Date('2024-05-06T07:08:09Z');
const raw = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
const textPart = { type: 'text/plain', part: '1' };

describe('toMessageHeader', () => {
  it('maps a complete FETCH response, decoding encoded words and unfolding lines', () => {
    const header = toMessageHeader('a1', 'INBOX', {
      uid: 7,
      flags: new Set(['\\Seen', '$Label1']),
      size: 1234,
      internalDate,
      bodyStructure: textPart,
      headers: raw(
        'Date: Mon, 6 May 2024 06:00:00 +0000',
        'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=',
        ' und mehr',
        'Message-ID: <m1@example.org>',
        'In-Reply-To: <m0@example.org> (comment)',
        'References: <r1@example.org>',
        '\t<m0@example.org>',
        'From: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.org>',
        'To: alice@example.org, "Carol, C." <carol@example.org>',
        'Cc: team: dave@example.org, erin@example.org;',
        'List-Id: Tern developers <dev.tern.example.org>',
      ),
    });
    expect(header).toEqual({
      accountId: 'a1',
      folderPath: 'INBOX',
      uid: 7,
      messageId: '<m1@example.org>',
      subject: 'Grüße und mehr',
      from: [{ name: 'Jörg', address: 'joerg@example.org' }],
      to: [
        { name: '', address: 'alice@example.org' },
        { name: 'Carol, C.', address: 'carol@example.org' },
      ],
      cc: [
        { name: '', address: 'dave@example.org' },
        { name: '', address: 'erin@example.org' },
      ],
      date: Date.parse('2024-05-06T06:00:00Z'),
      internalDate: internalDate.getTime(),
      size: 1234,
      flags: ['\\Seen', '$Label1'],
      unread: 0,
      inReplyTo: '<m0@example.org>',
      references: ['<r1@example.org>', '<m0@example.org>'],
      listId: 'dev.tern.example.org',
      hasAttachments: 0,
    });
  });

  it.each([
    ['KOI8-R', '=?KOI8-R?B?8NLJ18XUIMnaIO3P08vX2Q==?=', 'Привет из Москвы'],
    ['ISO-2022-JP', '=?ISO-2022-JP?B?GyRCMnE1RCRON28bKEI=?=', '会議の件'],
    ['Big5', '=?Big5?B?t3zEs7Nxqr4=?=', '會議通知'],
    ['Shift_JIS', '=?Shift_JIS?B?gqiSbYLngrk=?=', 'お知らせ'],
    ['GB2312', '=?GB2312?B?u+HS6c2o1qo=?=', '会议通知'],
    ['windows-1251', '=?windows-1251?B?zvL3uPI=?=', 'Отчёт'],
    ['ISO-8859-2', '=?ISO-8859-2?B?WmG/87Pm?=', 'Zażółć'],
  ])('decodes an RFC 2047 subject and sender name in %s', (_charset, word, expected) => {
    const header = toMessageHeader('a1', 'INBOX', { uid: 1, flags: new Set(), size: 1, internalDate, bodyStructure: textPart, headers: raw(`Subject: ${word}`, `From: ${word} <x@example.org>`) });
    expect(header).toMatchObject({ subject: expected, from: [{ name: expected, address: 'x@example.org' }] });
  });

  it('reads raw UTF-8 headers (RFC 6532) and keeps the first of repeated fields', () => {
    const header = toMessageHeader('a1', 'INBOX', { uid: 1, headers: raw('Subject: Ünïcödé', 'Subject: second', 'From: Zoë <zoe@exämple.org>') });
    expect(header).toMatchObject({ subject: 'Ünïcödé', from: [{ name: 'Zoë', address: 'zoe@exämple.org' }] });
    const latin1 = toMessageHeader('a1', 'INBOX', { uid: 1, headers: Buffer.from('Subject: caf\xe9\r\n\r\n', 'latin1') });
    expect(latin1?.subject).toBe('café');
  });

  it('fills a message without headers with what can be shown', () => {
    const header = toMessageHeader('a1', 'INBOX', { uid: 3, internalDate, flags: new Set() });
    expect(header).toMatchObject({ subject: '', from: [], to: [], cc: [], messageId: null, inReplyTo: null, size: 0, unread: 1, references: [], listId: null, hasAttachments: 0 });
    expect(header?.date).toBe(internalDate.getTime());
    expect(messageHeaderSchema.parse(header)).toEqual(header);
  });

  it('falls back to the internal date when the Date header is unparseable, and to 0 without either', () => {
    const badDate = toMessageHeader('a1', 'INBOX', { uid: 1, internalDate, headers: raw('Date: nonsense') });
    expect(badDate?.date).toBe(internalDate.getTime());
    const none = toMessageHeader('a1', 'INBOX', { uid: 1, internalDate: 'garbage', headers: raw('Date: garbage') });
    expect(none).toMatchObject({ date: 0, internalDate: 0 });
  });

  it('survives hostile values and still satisfies the schema', () => {
    const header = toMessageHeader('a1', 'INBOX', {
      uid: 9,
      size: -5,
      flags: ['\\seen', '\\Recent', 42, 'x'.repeat(300), '\\SEEN'],
      bodyStructure: { type: 42, childNodes: 'no' },
      headers: raw(
        'Subject: =?UTF-8?B?broken',
        `Message-ID: ${'x'.repeat(5000)}`,
        `References: ${Array.from({ length: 800 }, (_, i) => `<r${i}@x>`).join(' ')} <${'y'.repeat(2000)}>`,
        'no colon here',
        ': empty name',
        'From: <<<>>>, bob@example.org',
        `Cc: ${Array.from({ length: 20_000 }, (_, i) => `c${i}@e.org`).join(',')}`,
      ),
    });
    expect(header).toMatchObject({ subject: '=?UTF-8?B?broken', size: 0, flags: ['\\Seen'], unread: 0, to: [], hasAttachments: 0 });
    expect(header?.from).toContainEqual({ name: '', address: 'bob@example.org' });
    expect(header?.messageId).toHaveLength(1000);
    expect(header?.references).toHaveLength(500);
    expect(header?.references?.at(-1)).toBe('<r799@x>');
    expect(header?.cc).toHaveLength(10_000);
    expect(() => messageHeaderSchema.parse(header)).not.toThrow();
    expect(toMessageHeader('a1', 'INBOX', { uid: 1, headers: 'not a buffer' })?.subject).toBe('');
  });

  it('returns null for a response without a usable UID', () => {
    expect(toMessageHeader('a1', 'INBOX', { uid: 0 })).toBeNull();
    expect(toMessageHeader('a1', 'INBOX', { uid: '5' })).toBeNull();
    expect(toMessageHeader('a1', 'INBOX', { uid: 2 ** 32 })).toBeNull();
  });
});
