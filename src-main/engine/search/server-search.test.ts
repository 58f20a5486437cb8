import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../src-shared/search-query';
import { foldersToSearch, searchCriteria } from './server-search';

describe('searchCriteria', () => {
  it('makes one search per word or field word, each carrying the flags and dates', () => {
    const query = parseSearchQuery('budget from:carol is:unread after:2026-01-05');
    const after = new Date(2026, 0, 5);
    expect(searchCriteria(query)).toEqual([
      { seen: false, sentSince: after, text: 'budget' },
      { seen: false, sentSince: after, from: 'carol' },
    ]);
  });

  it('searches by flags alone when no word is given', () => {
    expect(searchCriteria(parseSearchQuery('is:flagged is:read'))).toEqual([{ seen: true, flagged: true }]);
  });
});

describe('foldersToSearch', () => {
  const paths = ['INBOX', 'Archive', 'Work/Projects', 'Work'];
  it('takes every folder without in:, else those matching by full path or last segment', () => {
    expect(foldersToSearch(paths, () => '/', null)).toEqual(paths);
    expect(foldersToSearch(paths, () => '/', 'projects')).toEqual(['Work/Projects']);
    expect(foldersToSearch(paths, () => '/', 'work/projects')).toEqual(['Work/Projects']);
    expect(foldersToSearch(paths, () => '/', 'inbox')).toEqual(['INBOX']);
  });
});
