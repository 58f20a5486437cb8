import { describe, expect, it } from 'vitest';
import { completeLastPiece, formatAddress, lastPiece, parseAddressField } from './address-field';

describe('address fields', () => {
  it('parses pasted lists with names, quotes and mixed separators', () => {
    const parsed = parseAddressField('Bob <bob@example.org>; "Doe, Jane" <jane@example.org>,\ncarol@bücher.example, ');
    expect(parsed.addresses).toEqual([
      { name: 'Bob', address: 'bob@example.org' },
      { name: 'Doe, Jane', address: 'jane@example.org' },
      { name: '', address: 'carol@bücher.example' },
    ]);
    expect(parsed.invalid).toEqual([]);
  });

  it('flags what is not an address, including header injection attempts', () => {
    const parsed = parseAddressField('bob@example, not an address, Eve\r\nBcc: x@example.org <eve@example.org>');
    // The line break splits the piece, so what was meant as a header is only a display name.
    expect(parsed.addresses).toEqual([{ name: 'Bcc: x@example.org', address: 'eve@example.org' }]);
    expect(parsed.invalid).toEqual(['bob@example', 'not an address', 'Eve']);
  });

  it('completes the piece being typed and quotes names that need it', () => {
    expect(lastPiece('bob@example.org, car')).toBe('car');
    expect(completeLastPiece('bob@example.org, car', { name: 'Carol', address: 'carol@example.org' })).toBe('bob@example.org, Carol <carol@example.org>, ');
    expect(completeLastPiece('ja', { name: 'Doe, Jane', address: 'jane@example.org' })).toBe('"Doe, Jane" <jane@example.org>, ');
    expect(formatAddress({ name: 'Say "hi"', address: 'a@example.org' })).toBe('"Say \\"hi\\"" <a@example.org>');
  });
});
