import { describe, expect, it } from 'vitest';
import { linkTarget } from './link-target';

describe('linkTarget', () => {
  it('sends the web to the browser, mailto: to the composer and nothing else anywhere', () => {
    expect(linkTarget('https://example.org/page')).toBe('browser');
    expect(linkTarget('http://example.org')).toBe('browser');
    expect(linkTarget('MAILTO:bob@example.org?subject=Hi')).toBe('composer');
    expect(linkTarget('file:///etc/passwd')).toBe('nowhere');
    expect(linkTarget('javascript:alert(1)')).toBe('nowhere');
    expect(linkTarget('not a url')).toBe('nowhere');
    expect(linkTarget('blob:file:///6f1c2d4e-attachment')).toBe('viewer');
    expect(linkTarget('blob:https://evil.example/6f1c2d4e')).toBe('nowhere');
  });
});
