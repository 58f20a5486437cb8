import { describe, expect, it } from 'vitest';
import { hasAttachmentPart } from './body-structure';

const text = { type: 'text/plain' };
const html = { type: 'text/html' };

describe('hasAttachmentPart', () => {
  it('is false for text, alternatives and images the HTML shows (multipart/related)', () => {
    expect(hasAttachmentPart(text)).toBe(false);
    expect(hasAttachmentPart({ type: 'multipart/alternative', childNodes: [text, html] })).toBe(false);
    const related = { type: 'multipart/related', childNodes: [html, { type: 'image/png', id: '<logo>' }] };
    expect(hasAttachmentPart({ type: 'multipart/alternative', childNodes: [text, related] })).toBe(false);
    expect(hasAttachmentPart({ type: 'multipart/mixed', childNodes: [text, { type: 'image/gif', disposition: 'inline' }] })).toBe(false);
  });

  it('is true for a part marked attachment, a file part, a forwarded message, or a single-part file', () => {
    expect(hasAttachmentPart({ type: 'multipart/mixed', childNodes: [text, { type: 'text/csv', disposition: 'ATTACHMENT' }] })).toBe(true);
    expect(hasAttachmentPart({ type: 'multipart/mixed', childNodes: [text, { type: 'application/pdf' }] })).toBe(true);
    expect(hasAttachmentPart({ type: 'multipart/mixed', childNodes: [text, { type: 'message/rfc822' }] })).toBe(true);
    expect(hasAttachmentPart({ type: 'application/pdf' })).toBe(true);
  });

  it('treats a malformed or runaway structure as having none', () => {
    expect(hasAttachmentPart(null)).toBe(false);
    expect(hasAttachmentPart({ type: 'multipart/mixed', childNodes: 'x' })).toBe(false);
    let deep: Record<string, unknown> = { type: 'application/pdf' };
    for (let i = 0; i < 50; i++) deep = { type: 'multipart/mixed', childNodes: [deep] };
    expect(hasAttachmentPart(deep)).toBe(false);
    const wide = { type: 'multipart/mixed', childNodes: [...Array.from({ length: 2000 }, () => text), { type: 'application/pdf' }] };
    expect(hasAttachmentPart(wide)).toBe(false);
  });
});
