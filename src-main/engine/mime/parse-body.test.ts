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

  // The charsets issue #6 names, each as a mail client in that script writes it.
  it.each([
    ['ISO-8859-2', 'WmG/87PmIGfqtmyxIGphvPE=', 'Zażółć gęślą jaźń'],
    ['ISO-8859-5', 'v+DY0tXiLCDc2OA=', 'Привет, мир'],
    ['ISO-8859-7', 'yuHr5+zd8eEg6vzz7OU=', 'Καλημέρα κόσμε'],
    ['ISO-8859-15', 'UHJpeCA6IDEwIKQgvXV2cmU=', 'Prix : 10 € œuvre'],
    ['windows-1250', 'UPjtbGmaIJ5sdZ1vdehr/SBr+fI=', 'Příliš žluťoučký kůň'],
    ['windows-1251', '0frl+Pwg5uUg5fm4IP3y6PUg4fPr7uo=', 'Съешь же ещё этих булок'],
    ['windows-1252', 'k1F1b3RlZJQgliBk6WrgIHZ1', '“Quoted” – déjà vu'],
    ['KOI8-R', '+8nSz8vB0SDczMXL1NLJxsnLwcPJ0Q==', 'Широкая электрификация'],
    ['ISO-2022-JP', 'GyRCRnxLXDhsJE4lYSE8JWsbKEI=', '日本語のメール'],
    ['GB2312', '1tDOxNPKvP6y4srU', '中文邮件测试'],
    ['GBK', '1tDOxOBdvP6cedSH', '中文郵件測試'],
    ['Big5', 'wWPF6aSkpOW2bKXz', '繁體中文郵件'],
    ['Shift_JIS', 'g1aDdINng1eDWILMlnuVtg==', 'シフトジスの本文'],
  ])('decodes %s', async (charset, base64, expected) => {
    const parsed = await parseBody(message(`Content-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: base64\r\n`, `${base64}\r\n`));
    expect(parsed.text.trim()).toBe(expected);
    expect(parsed.problem).toBeNull();
  });

  it('joins format=flowed lines (RFC 3676), DelSp included, and keeps hard breaks and quotes', async () => {
    const flowed = 'This paragraph was \r\nwrapped by the sender.\r\nA hard break.\r\n> quoted and \r\n> flowed\r\n';
    expect((await parseBody(message('Content-Type: text/plain; charset=utf-8; format=flowed\r\n', flowed))).text.trimEnd()).toBe(
      'This paragraph was wrapped by the sender.\nA hard break.\n> quoted and flowed',
    );
    const delsp = 'Zusammen \r\ngeschrieben.\r\n';
    expect((await parseBody(message('Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\r\n', delsp))).text.trimEnd()).toBe('Zusammengeschrieben.');
  });

  it('reads an RFC 2231 filename and an RFC 2047 one', async () => {
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'see attached',
      '--b1',
      "Content-Type: application/pdf; name*=UTF-8''%C3%9Cbersicht%202026.pdf",
      "Content-Disposition: attachment; filename*=UTF-8''%C3%9Cbersicht%202026.pdf",
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERg==',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Disposition: attachment; filename="=?KOI8-R?B?8NLJ18XU?=.txt"',
      '',
      'x',
      '--b1--',
      '',
    ].join('\r\n');
    const parsed = await parseBody(message('MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n', body));
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['Übersicht 2026.pdf', 'Привет.txt']);
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
