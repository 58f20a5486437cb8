import { describe, expect, it, vi } from 'vitest';

// The parser itself failing (it has no known input that makes it reject) must still not
// throw out of parseBody.
vi.mock('mailparser', () => ({
  simpleParser: () => Promise.reject(new Error('parser exploded')),
}));

const { parseBody } = await import('./parse-body');

describe('parseBody when the parser fails', () => {
  it('returns the source as text with the reason as the problem', async () => {
    const parsed = await parseBody(Buffer.from('Subject: hi\r\n\r\nbody text'));
    expect(parsed).toEqual({
      text: 'Subject: hi\r\n\r\nbody text',
      html: null,
      problem: 'This message could not be read (parser exploded); showing its source.',
      attachments: [],
    });
  });
});
