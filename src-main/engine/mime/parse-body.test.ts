import { describe, expect, it } from 'vitest';
import { parseBody } from './parse-body';

const message = (headers: string, body: string | Buffer) =>
  Buffer.concat([Buffer.from(`From: a@example.org\r\nSubject: t\r\n${headers}\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

describe('parseBody', () => {
  it('reads a plain-text message', async () => {
    const parsed = await parseBody(message('Content-Type: text/plain; charset=utf-8\r\n', 'Hallo!\r\nZweite Zeile.\r\n'));
    expect(parsed).toEqual({ text: 'Hallo!\nZweite Zeile.\n', html: null, problem: null, attachments: [] });
  });

  it('derives the text from an HTML-only message and keeps the HTML', async () => {
    const parsed = await parseBody(message('Content-Type: text/html; charset=utf-8\r\n', '<p>Hello <b>world</b></p>'));
    expect(parsed.html).toBe('<p>Hello <b>world</b></p>');
    expect(parsed.text).toContain('Hello world');
    expect(parsed.problem).toBeNull();
  });

  it('takes both parts of multipart/alternative', async () => {
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'plain version',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html version</p>',
      '--b1--',
      '',
    ].join('\r\n');
    const parsed = await parseBody(message('MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n', body));
    expect(parsed.text.trim()).toBe('plain version');
    expect(parsed.html).toContain('html version');
  });

  it('decodes a non-UTF-8 charset (ISO-8859-1)', async () => {
    const latin1 = Buffer.from('Grüße aus Köln\r\n', 'latin1');
    const parsed = await parseBody(message('Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n', latin1));
    expect(parsed.text.trim()).toBe('Grüße aus Köln');
  });

  it('shows the source of broken MIME with a problem instead of nothing', async () => {
    const parsed = await parseBody(message('Content-Type: multipart/mixed\r\n', 'no boundary, but words\r\n'));
    expect(parsed.text).toContain('no boundary, but words');
    expect(parsed.problem).toMatch(/damaged: one of its parts has no boundary/i);
  });

  it('never throws on garbage', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from([0xff, 0xfe, 0x00, 0x01]), Buffer.from('no headers at all')]) {
      const parsed = await parseBody(raw);
      expect(typeof parsed.text).toBe('string');
    }
    expect((await parseBody(Buffer.from('no headers at all'))).text).toBe('no headers at all');
  });

  it('keeps HTML too large to convert, and says why there is no text', async () => {
    const html = `<p>${'x'.repeat(10_000_001)}</p>`;
    const parsed = await parseBody(message('Content-Type: text/html\r\n', html));
    expect(parsed.html).toBe(html);
    expect(parsed.text).toBe('');
    expect(parsed.problem).toMatch(/^No text version could be made of this message \(HTML too long/);
  });

  it('keeps a message with an empty body quiet', async () => {
    expect(await parseBody(message('', ''))).toEqual({ text: '', html: null, problem: null, attachments: [] });
  });

  it('refuses bodies above the size limit with a clear problem', async () => {
    const parsed = await parseBody(Buffer.alloc(3 * 1024 * 1024, 'a'), 2 * 1024 * 1024);
    expect(parsed).toEqual({ text: '', html: null, problem: 'This message is too large to show (3 MB; the limit is 2 MB).', attachments: [] });
  });
});
