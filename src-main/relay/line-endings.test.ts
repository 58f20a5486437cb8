import { describe, expect, it } from 'vitest';
import { findBareLineEnding } from './line-endings';

describe('bare line endings in DATA', () => {
  it('accepts CRLF only', () => {
    expect(findBareLineEnding(Buffer.from('a\r\nb\r\n\r\n'))).toBeUndefined();
  });
  it('finds a bare LF and a bare CR anywhere, including at the edges', () => {
    expect(findBareLineEnding(Buffer.from('\nabc\r\n'))).toBe('bare LF');
    expect(findBareLineEnding(Buffer.from('abc\r\n.\n'))).toBe('bare LF');
    expect(findBareLineEnding(Buffer.from('abc\rdef\r\n'))).toBe('bare CR');
    expect(findBareLineEnding(Buffer.from('abc\r'))).toBe('bare CR');
  });
});
