import { describe, expect, it } from 'vitest';
import { textToHtml, withSignature } from './draft';

describe('withSignature', () => {
  const body = (text: string) => ({ text, html: textToHtml(text) });

  it('replaces the signature the body still ends with', () => {
    expect(withSignature(body('Hello\n\n-- \nAlice'), 'Alice', 'The help desk')).toEqual(body('Hello\n\n-- \nThe help desk'));
    expect(withSignature(body('\n\n-- \nAlice'), 'Alice', '')).toEqual({ text: '', html: '<p></p>' });
  });

  it('adds a signature where there was none, and leaves one the user edited alone', () => {
    expect(withSignature(body('Hello'), '', 'Bob').text).toBe('Hello\n\n-- \nBob');
    expect(withSignature(body('Hello\n\n-- \nAlice (edited)'), 'Alice', 'Bob')).toEqual(body('Hello\n\n-- \nAlice (edited)'));
  });
});
