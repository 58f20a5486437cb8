import { describe, expect, it } from 'vitest';
import { linkify, splitQuoted } from './plain-text';

describe('quoted blocks', () => {
  it('groups consecutive quoted lines into one foldable block', () => {
    const blocks = splitQuoted('Sounds good.\n\nOn Monday Bob wrote:\n> Lunch?\n>> Earlier\n> Noon\nSee you');
    expect(blocks.map((b) => [b.quoted, b.lines])).toEqual([
      [false, 3],
      [true, 3],
      [false, 1],
    ]);
    expect(blocks[1]!.text).toBe('> Lunch?\n>> Earlier\n> Noon');
  });

  it('treats CRLF like LF and text without quotes as one block', () => {
    expect(splitQuoted('a\r\nb')).toEqual([{ quoted: false, text: 'a\nb', lines: 2 }]);
  });
});

describe('links in plain text', () => {
  it('makes http, https and mailto links, leaving sentence punctuation out', () => {
    expect(linkify('See https://example.org/a?b=1. Or mail mailto:bob@example.org, thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Or mail ' },
      { kind: 'link', text: 'mailto:bob@example.org', href: 'mailto:bob@example.org' },
      { kind: 'text', text: ', thanks' },
    ]);
  });

  it('keeps balanced parentheses and drops an unbalanced closing one', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Tern_(bird))')[1]).toMatchObject({ href: 'https://en.wikipedia.org/wiki/Tern_(bird)' });
  });

  it('never links other schemes', () => {
    expect(linkify('javascript:alert(1) file:///etc/passwd ftp://x.org')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) file:///etc/passwd ftp://x.org' },
    ]);
  });
});
