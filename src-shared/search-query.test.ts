import { describe, expect, it } from 'vitest';
import { isEmptyQuery, openWord, parseSearchQuery, tokenize } from './search-query';

describe('tokenizing', () => {
  it('folds case and diacritics and splits at punctuation, addresses included', () => {
    expect(tokenize('Zoë MÜLLER <zoe.mueller@Example.ORG>')).toEqual(['zoe', 'muller', 'zoe', 'mueller', 'example', 'org']);
    expect(tokenize('Re: 2026 numbers — final!')).toEqual(['re', '2026', 'numbers', 'final']);
    expect(tokenize('x'.repeat(65) + ' ok')).toEqual(['ok']);
  });
});

describe('the query language', () => {
  it('parses field terms, quoted phrases and plain words', () => {
    const q = parseSearchQuery('from:bob@example.org subject:"quarterly report" budget to:Alice');
    expect(q.from).toEqual(['bob', 'example', 'org']);
    expect(q.subject).toEqual(['quarterly', 'report']);
    expect(q.to).toEqual(['alice']);
    expect(q.words).toEqual(['budget']);
  });

  it('parses flags, attachments, dates and folders', () => {
    const q = parseSearchQuery('has:attachment is:unread is:flagged before:2026-01-31 after:2025/12/1 in:Archive');
    expect(q).toMatchObject({ hasAttachment: true, unread: true, flagged: true, folder: 'Archive', words: [] });
    expect(q.before).toBe(new Date(2026, 0, 31).getTime());
    expect(q.after).toBe(new Date(2025, 11, 1).getTime());
    expect(parseSearchQuery('is:read is:unflagged')).toMatchObject({ unread: false, flagged: false });
  });

  it('searches unknown or malformed terms as words instead of dropping them', () => {
    expect(parseSearchQuery('before:2026-02-31 size:big').words).toEqual(['before', '2026', '02', '31', 'size', 'big']);
    expect(parseSearchQuery('has:pictures').words).toEqual(['has', 'pictures']);
  });

  it('knows an empty query and the word still being typed', () => {
    expect(isEmptyQuery(parseSearchQuery('   '))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery('is:unread'))).toBe(false);
    const typing = 'from:bo';
    expect(openWord(parseSearchQuery(typing), typing)).toEqual({ field: 'from', word: 'bo' });
    expect(openWord(parseSearchQuery('lunch fri'), 'lunch fri')).toEqual({ field: 'words', word: 'fri' });
    expect(openWord(parseSearchQuery('lunch '), 'lunch ')).toBeNull();
    expect(openWord(parseSearchQuery('subject:"big plans"'), 'subject:"big plans"')).toBeNull();
  });
});
