import { describe, expect, it } from 'vitest';
import { formatAddress, formatAddressList, formatFullDate } from './reader-format';

describe('reader format', () => {
  it('writes addresses with their names', () => {
    expect(formatAddress({ name: 'Bob Example', address: 'bob@example.com' })).toBe('Bob Example <bob@example.com>');
    expect(formatAddress({ name: ' ', address: 'bob@example.com' })).toBe('bob@example.com');
    expect(formatAddress({ name: 'Undisclosed', address: '' })).toBe('Undisclosed');
    expect(formatAddressList([])).toBe('undisclosed recipients');
    expect(formatAddressList([{ name: '', address: 'a@x' }, { name: 'B', address: 'b@x' }])).toBe('a@x, B <b@x>');
  });

  it('writes the full date in the locale, and survives a date out of range', () => {
    expect(formatFullDate(new Date(2026, 10, 12, 14, 5).getTime(), 'en-GB')).toMatch(/^Thursday,? 12 November 2026 at 14:05$/);
    expect(formatFullDate(9e15, 'en-GB')).toBe('(no date)');
  });
});
