// The POP3 client against Dovecot's POP3 server: every way in, downloads, and what QUIT
// (and only QUIT) makes final.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { Pop3Client, type Pop3Options } from './pop3-client';

let server: DovecotServer;

beforeAll(async () => {
  server = await startDovecot({ enableApop: true, users: [{ name: 'alice', password: 'secret-alice' }, { name: 'bob', password: 'secret-bob' }] });
  await server.seed('alice', 'INBOX', [
    { from: 'Carol <carol@example.org>', subject: 'First', body: 'one\n.leading dot\n' },
    { from: 'Dave <dave@example.org>', subject: 'Second', body: 'two' },
  ]);
  await server.seed('bob', 'INBOX', Array.from({ length: 1000 }, (_, i) => ({ subject: `Bulk ${i + 1}`, body: `message ${i + 1}\n${'x'.repeat(200)}` })));
});
afterAll(() => server?.dispose());

const options = (overrides: Partial<Pop3Options> = {}): Pop3Options => ({
  host: '127.0.0.1', port: server.ports.pop3, security: 'none', user: 'alice', password: 'secret-alice', timeoutMs: 20_000, ...overrides,
});

describe('POP3 client against Dovecot', () => {
  it.each<[string, Partial<Pop3Options>]>([
    ['plaintext with USER/PASS', { auth: 'user' }],
    ['STLS with SASL PLAIN', { security: 'starttls' }],
    ['implicit TLS', { security: 'tls' }],
    ['APOP', { auth: 'apop' }],
  ])('logs in over %s and reads the maildrop', async (_name, overrides) => {
    const port = overrides.security === 'tls' ? server.ports.pop3s : server.ports.pop3;
    const client = await Pop3Client.connect(options({ ...overrides, port, trustedCertificates: [server.caCertPem] }));
    expect(await client.stat()).toMatchObject({ count: 2 });
    expect((await client.uidl()).map((m) => m.number)).toEqual([1, 2]);
    expect((await client.list()).length).toBe(2);
    await client.quit();
  });

  it('refuses a wrong password with the server’s words', async () => {
    await expect(Pop3Client.connect(options({ password: 'wrong' }))).rejects.toMatchObject({ kind: 'auth' });
  });

  it('refuses a certificate it was not told to trust', async () => {
    await expect(Pop3Client.connect(options({ security: 'tls', port: server.ports.pop3s }))).rejects.toMatchObject({ kind: 'tls' });
  });

  it('reads headers with TOP and whole messages dot-unstuffed with RETR', async () => {
    const client = await Pop3Client.connect(options());
    const top = (await client.top(1, 0)).toString();
    expect(top).toMatch(/Subject: First/);
    expect(top).not.toMatch(/leading dot/);
    expect((await client.retr(1)).toString()).toMatch(/\r\n\.leading dot\r\n/);
    await client.quit();
  });

  it('downloads 1000 messages pipelined, in order', async () => {
    const client = await Pop3Client.connect(options({ user: 'bob', password: 'secret-bob' }));
    expect(client.pipelining).toBe(true);
    const uids = await client.uidl();
    const subjects: string[] = [];
    await client.retrMany(uids.map((m) => m.number), async (_n, raw) => void subjects.push(/^Subject: (.*)$/m.exec(raw.toString())?.[1]?.trim() ?? ''));
    expect(subjects).toHaveLength(1000);
    expect(subjects[0]).toBe('Bulk 1');
    expect(subjects[999]).toBe('Bulk 1000');
    await client.quit();
  });

  it('deletes nothing when the session ends without QUIT, and deletes on QUIT', async () => {
    const dropped = await Pop3Client.connect(options());
    await dropped.dele(1);
    dropped.abort();
    const after = await Pop3Client.connect(options());
    expect((await after.stat()).count).toBe(2);
    await after.noop(); // the session stays usable (RFC 1939 §5)
    await after.dele(2);
    await after.rset(); // RSET unmarks (RFC 1939 §5)
    await after.dele(1);
    await after.quit();
    const last = await Pop3Client.connect(options());
    const remaining = await last.uidl();
    expect(remaining).toHaveLength(1);
    expect((await last.retr(1)).toString()).toMatch(/Subject: Second/);
    await last.quit();
  });
});
