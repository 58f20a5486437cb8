import { createHash, randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../src-shared/outgoing';
import { composeMessage as composeWith, safeFilename } from './compose-message';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const binary = randomBytes(5 * 1024 * 1024);
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const blobs = new Map<string, Buffer>();
const blob = (data: Buffer): string => {
  const id = createHash('md5').update(data).digest('hex');
  blobs.set(id, data);
  return id;
};
const composeMessage = (m: OutgoingMessage) => composeWith(m, { open: (id) => blobs.get(id)! });

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    messageId: '<fixed-1@tern.example>',
    date: Date.UTC(2026, 10, 23, 12, 0, 0),
    from: { name: 'Zoë Ångström', address: 'zoe@example.org' },
    to: [{ name: 'Bob', address: 'bob@example.org' }, { name: '', address: 'carol@bücher.example' }],
    cc: [{ name: 'Dave', address: 'dave@example.org' }],
    bcc: [{ name: 'Secret Sam', address: 'sam@example.org' }],
    subject: 'Grüße — déjà vu ✓',
    text: `Hallo Bob,\n\nein sehr langer Absatz ${'ä'.repeat(3000)}\n`,
    html: '<p>Hallo <b>Bob</b> <img src="cid:pixel@tern"></p>',
    inReplyTo: '<parent@example.org>',
    references: ['<root@example.org>', '<parent@example.org>'],
    attachments: [
      { filename: 'data.bin', contentType: 'application/octet-stream', blobId: blob(binary) },
      { filename: 'Überblick.txt', contentType: 'text/plain', blobId: blob(Buffer.from('Zeile 1\nZeile 2\n')) },
      { filename: 'pixel.png', contentType: 'image/png', blobId: blob(pixel), contentId: 'pixel@tern' },
    ],
    ...overrides,
  };
}

describe('composing MIME', () => {
  it('round-trips every part byte for byte, with the right headers and structure', async () => {
    const composed = await composeMessage(message());
    const parsed = await simpleParser(composed.raw);
    expect(parsed.subject).toBe('Grüße — déjà vu ✓');
    expect(parsed.messageId).toBe('<fixed-1@tern.example>');
    expect(parsed.date?.getTime()).toBe(Date.UTC(2026, 10, 23, 12, 0, 0));
    expect(parsed.inReplyTo).toBe('<parent@example.org>');
    expect(parsed.references).toEqual(['<root@example.org>', '<parent@example.org>']);
    expect(parsed.text).toContain('ä'.repeat(3000));
    const byName = new Map(parsed.attachments.map((a) => [a.filename, a]));
    expect(sha(byName.get('data.bin')!.content)).toBe(sha(binary));
    expect(byName.get('Überblick.txt')!.content.toString()).toBe('Zeile 1\nZeile 2\n');
    expect(byName.get('pixel.png')!.contentId).toBe('<pixel@tern>');
    expect(byName.get('pixel.png')!.related).toBe(true);
    const head = composed.raw.subarray(0, composed.raw.indexOf('\r\n\r\n')).toString();
    expect(head).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(composed.raw.toString('latin1')).toMatch(/multipart\/related/);
    expect(composed.raw.toString('latin1')).toMatch(/multipart\/alternative/);
  });

  it('keeps Bcc out of every header but in the envelope, with IDNA domains in the envelope', async () => {
    const composed = await composeMessage(message());
    expect(composed.raw.toString('latin1')).not.toMatch(/sam@example\.org|Secret Sam|^Bcc:/im);
    expect(composed.envelope.to).toEqual(['bob@example.org', 'carol@xn--bcher-kva.example', 'dave@example.org', 'sam@example.org']);
    expect(composed.needsSmtpUtf8).toBe(false);
  });

  it('never writes a line over 998 octets, and only 7-bit bytes for an ASCII-safe transport', async () => {
    const composed = await composeMessage(message({ text: 'x'.repeat(5000), html: null, attachments: [] }));
    const lines = composed.raw.toString('latin1').split('\r\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998);
  });

  it('refuses header injection through the subject or a name', async () => {
    await expect(composeMessage(message({ subject: 'Hi\r\nBcc: victim@example.org' }))).rejects.toThrow(/line breaks/);
    await expect(composeMessage(message({ from: { name: 'x\nBcc: v@example.org', address: 'zoe@example.org' } }))).rejects.toThrow(/line breaks/);
  });

  it('flags a non-ASCII local part as needing SMTPUTF8', async () => {
    expect((await composeMessage(message({ to: [{ name: '', address: 'jürgen@example.org' }] }))).needsSmtpUtf8).toBe(true);
  });

  it('sends an empty attachment as an empty part', async () => {
    const composed = await composeMessage(message({ attachments: [{ filename: 'empty.txt', contentType: 'text/plain', blobId: blob(Buffer.alloc(0)) }] }));
    const parsed = await simpleParser(composed.raw);
    expect(parsed.attachments.find((a) => a.filename === 'empty.txt')?.size).toBe(0);
  });
});

describe('attachment file names', () => {
  it('drops directories, control characters and leading dots', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(safeFilename('in\u0000voice\u001b.pdf')).toBe('invoice.pdf');
    expect(safeFilename('.bashrc')).toBe('bashrc');
    expect(safeFilename('/')).toBe('attachment');
  });
});
