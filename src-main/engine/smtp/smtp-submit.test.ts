// Submission against smtp-server on loopback, configured per test to be strict, broken or
// hostile in the ways real submission servers are.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCert, type TlsFiles } from '../../../e2e/servers/tls-cert';
import { freePort } from '../../../e2e/servers/free-port';
import type { Security } from '../../../src-shared/model';
import { composeMessage } from '../mime/compose-message';
import { inMemory, submitMessage, type SubmissionContent, type SubmissionTarget } from './smtp-submit';

let cert: TlsFiles;
let server: SMTPServer | undefined;
let port = 0;
const received: { rcpt: string[]; data: Buffer }[] = [];
const logins: string[] = [];

beforeAll(async () => {
  cert = await createSelfSignedCert(await mkdtemp(join(tmpdir(), 'tern-smtp-cert-')));
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  received.length = 0;
  logins.length = 0;
});

async function startServer(options: Partial<SMTPServerOptions> = {}): Promise<void> {
  server = new SMTPServer({
    key: await readFile(cert.keyPath),
    cert: await readFile(cert.certPath),
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === 'alice' && auth.password === 'pw') return callback(null, { user: 'alice' });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('gone@')) return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      if (address.address.startsWith('busy@')) return callback(Object.assign(new Error('4.2.2 Mailbox full, try later'), { responseCode: 452 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks) });
        callback();
      });
    },
    logger: false,
    ...options,
  });
  // A client that gives up mid-handshake (as the certificate test's does) is expected here.
  server.on('error', () => undefined);
  port = await freePort();
  await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
}

const target = (security: Security, overrides: Partial<SubmissionTarget> = {}): SubmissionTarget => ({
  server: { host: '127.0.0.1', port, security, user: 'alice' },
  password: 'pw',
  trustedCertificates: [cert.certPem],
  timeoutMs: 10_000,
  ...overrides,
});

async function composed(to: string[], overrides: { from?: string; text?: string } = {}): Promise<SubmissionContent> {
  return inMemory(await composeMessage({
    messageId: '<m1@tern.example>', date: Date.now(), from: { name: 'Alice', address: overrides.from ?? 'alice@example.org' },
    to: to.map((address) => ({ name: '', address })), cc: [], bcc: [{ name: '', address: 'hidden@example.org' }],
    subject: 'Hello', text: overrides.text ?? 'Hi', html: null, inReplyTo: null, references: [], attachments: [],
  }, { open: () => Buffer.alloc(0) }));
}

describe('SMTP submission', () => {
  it('submits over required STARTTLS with AUTH, Bcc only in the envelope', async () => {
    await startServer();
    const result = await submitMessage(target('starttls'), await composed(['bob@example.org']));
    expect(result.accepted.sort()).toEqual(['bob@example.org', 'hidden@example.org']);
    expect(received[0]!.rcpt.sort()).toEqual(['bob@example.org', 'hidden@example.org']);
    expect(received[0]!.data.toString()).not.toMatch(/hidden@example\.org/);
  });

  it('submits over implicit TLS', async () => {
    await startServer({ secure: true });
    expect((await submitMessage(target('tls'), await composed(['bob@example.org']))).accepted).toContain('bob@example.org');
  });

  it('reports each recipient: accepted, rejected with the server’s words, or deferred', async () => {
    await startServer();
    const result = await submitMessage(target('starttls'), await composed(['bob@example.org', 'gone@example.org', 'busy@example.org']));
    expect(result.accepted.sort()).toEqual(['bob@example.org', 'hidden@example.org']);
    expect(result.rejected).toEqual([expect.objectContaining({ address: 'gone@example.org', code: 550, text: expect.stringMatching(/No such user/) })]);
    expect(result.deferred).toEqual([expect.objectContaining({ address: 'busy@example.org', code: 452 })]);
  });

  it('refuses to log in when STARTTLS is required but the server cannot do it', async () => {
    await startServer({ disabledCommands: ['STARTTLS'] });
    await expect(submitMessage(target('starttls'), await composed(['bob@example.org']))).rejects.toMatchObject({ retryable: false });
    expect(logins).toEqual([]);
  });

  it('refuses a certificate the user did not trust', async () => {
    await startServer({ secure: true });
    await expect(submitMessage(target('tls', { trustedCertificates: [] }), await composed(['bob@example.org']))).rejects.toMatchObject({
      retryable: false, message: expect.stringMatching(/Cannot secure/),
    });
  });

  it('names a wrong password, and does not retry it', async () => {
    await startServer();
    await expect(submitMessage(target('starttls', { password: 'wrong' }), await composed(['bob@example.org']))).rejects.toMatchObject({
      retryable: false, message: expect.stringMatching(/Login to 127\.0\.0\.1:\d+ failed/),
    });
  });

  it('refuses a message over the server’s SIZE before uploading it', async () => {
    await startServer({ size: 1000 });
    await expect(submitMessage(target('starttls'), await composed(['bob@example.org'], { text: 'y'.repeat(5000) }))).rejects.toMatchObject({
      retryable: false, message: expect.stringMatching(/too large/),
    });
    expect(received).toEqual([]);
  });

  it('treats an unreachable server as worth retrying', async () => {
    port = await freePort();
    await expect(submitMessage(target('starttls'), await composed(['bob@example.org']))).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/Cannot reach/) });
  });

  it('sends an internationalised address only to a server that speaks SMTPUTF8', async () => {
    await startServer({ hideSMTPUTF8: true });
    await expect(submitMessage(target('starttls'), await composed(['jürgen@example.org']))).rejects.toThrow(/SMTPUTF8/);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    await startServer();
    expect((await submitMessage(target('starttls'), await composed(['jürgen@example.org']))).accepted).toContain('jürgen@example.org');
  });
});
