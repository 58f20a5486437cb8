import { describe, expect, it } from 'vitest';
import type { MessageHeader } from '../../../src-shared/model';
import { followActive, nextListIndex } from './list-keys';
import { formatListDate, messageRowName, placeLabel, senderLabel, subjectLabel } from './message-row';

const now = new Date(2026, 10, 20, 15, 30).getTime();

function header(extra: Partial<MessageHeader> = {}): MessageHeader {
  return {
    accountId: 'acc',
    folderPath: 'INBOX',
    uid: 1,
    messageId: null,
    subject: 'Lunch on Friday',
    from: [{ name: 'Bob Example', address: 'bob@example.com' }],
    to: [],
    cc: [],
    date: new Date(2026, 10, 12, 9, 0).getTime(),
    internalDate: 0,
    size: 100,
    flags: [],
    unread: 1,
    inReplyTo: null,
    ...extra,
  };
}

describe('message rows', () => {
  it('names a row by sender, subject, date and unread state', () => {
    expect(messageRowName(header(), now, 'en-GB')).toBe('Bob Example, Lunch on Friday, 12 Nov 2026, unread');
    expect(messageRowName(header({ unread: 0 }), now, 'en-GB')).toBe('Bob Example, Lunch on Friday, 12 Nov 2026');
    expect(messageRowName(header({ flags: ['\\Flagged'] }), now, 'en-GB')).toBe('Bob Example, Lunch on Friday, 12 Nov 2026, unread, flagged');
    expect(messageRowName(header({ unread: 0, hasAttachments: 1 }), now, 'en-GB')).toBe('Bob Example, Lunch on Friday, 12 Nov 2026, attachment');
  });

  it('falls back to the address, then to a placeholder, and names a missing subject', () => {
    expect(senderLabel(header({ from: [{ name: ' ', address: 'bob@example.com' }] }))).toBe('bob@example.com');
    expect(senderLabel(header({ from: [] }))).toBe('(unknown sender)');
    expect(subjectLabel(header({ subject: '  ' }))).toBe('(no subject)');
  });

  it("shows today's messages by time and older ones by date", () => {
    expect(formatListDate(new Date(2026, 10, 20, 8, 5).getTime(), now, 'en-GB')).toBe('08:05');
    expect(formatListDate(new Date(2025, 0, 3, 8, 5).getTime(), now, 'en-GB')).toBe('3 Jan 2025');
    expect(formatListDate(new Date(2025, 0, 3, 8, 5).getTime(), now, 'en-US')).toBe('Jan 3, 2025');
    expect(formatListDate(9e15, now, 'en-GB')).toBe('(no date)');
  });
});

describe('list keys', () => {
  it('moves with arrows and j/k, staying inside the list', () => {
    expect(nextListIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextListIndex('j', 1, 3)).toBe(2);
    expect(nextListIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextListIndex('k', 0, 3)).toBe(0);
    expect(nextListIndex('End', 0, 3)).toBe(2);
    expect(nextListIndex('Home', 2, 3)).toBe(0);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextListIndex(' ', 0, 3)).toBeNull();
    expect(nextListIndex('ArrowDown', -1, 0)).toBeNull();
  });
});

describe('the active row', () => {
  const keys = ['m9', 'm8', 'm7'];
  it('follows its message when mail arrives above it', () => {
    expect(followActive({ index: 201, key: 'm8' }, keys, 200)).toBe(201);
    expect(followActive({ index: 200, key: 'm8' }, keys, 200)).toBe(201);
  });

  it('stays at its position when its message is not loaded or not known', () => {
    expect(followActive({ index: 4000, key: null }, keys, 200)).toBe(4000);
    expect(followActive({ index: 200, key: 'm3' }, keys, 200)).toBe(200);
  });

  it('names where a message lives: the folder, INBOX as Inbox, after the account when there are several', () => {
    expect(placeLabel('Work/Reports', null)).toBe('Work/Reports');
    expect(placeLabel('INBOX', null)).toBe('Inbox');
    expect(placeLabel('Lists', 'Home')).toBe('Home › Lists');
  });
});
