import { readFile } from 'node:fs/promises';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../e2e/servers/dns-server';
import { freePort } from '../../e2e/servers/free-port';
import { createSelfSignedCert, type TlsFiles } from '../../e2e/servers/tls-cert';
import { startRelay, type Relay } from './relay';
import { message, RawSmtp, submit, withTempDir } from './test-kit';

// TLS on both sides of the relay: STARTTLS and AUTH offered to submitting clients when
// configured (RFC 3207, RFC 4954), and opportunistic STARTTLS to MX hosts (RFC 7435) that
// is verified only when the user asks, and then never falls back to plaintext.
describe('relay TLS', () => {
  let temp: Awaited<ReturnType<typeof withTempDir>>;
  let tls: TlsFiles;
  let dns: DnsServer;
  let mxPort: number;
  let mx: SMTPServer;
  const received: Array<{ secure: boolean; to: string[] }> = [];
  const relays: Relay[] = [];

  beforeAll(async () => {
    temp = await withTempDir();
    tls = await createSelfSignedCert(temp.dir);
    dns = await startDnsServer(await freePort());
    dns.zone.set('secure.test', { mx: [{ preference: 10, exchange: 'mx.secure.test' }] });
    dns.zone.set('mx.secure.test', { a: ['127.0.0.8'] });
    mxPort = await freePort();
    // An MX offering STARTTLS with a certificate no public CA signed, as many MX hosts do.
    mx = new SMTPServer({
      key: await readFile(tls.keyPath),
      cert: tls.certPem,
      authOptional: true,
      disabledCommands: ['AUTH'],
      disableReverseLookup: true,
      onData(stream, session, cb) {
        stream.resume();
        stream.on('end', () => {
          received.push({ secure: session.secure, to: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => mx.listen(mxPort, '127.0.0.8', () => resolve()));
  });

  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    await new Promise<void>((resolve) => mx.close(() => resolve()));
    await dns.close();
    await temp.remove();
  });

  async function relayWith(name: string, options: { verifyMxCertificates?: boolean; submissionTls?: boolean } = {}): Promise<Relay> {
    const relay = await startRelay({
      spool: `${temp.dir}/spool-${name}`,
      listenPort: await freePort(),
      hostname: 'relay.test',
      dnsServers: [`127.0.0.1:${dns.port}`],
      mxPort,
      verifyMxCertificates: options.verifyMxCertificates ?? false,
      ...(options.submissionTls ? { tls: { cert: tls.certPem, key: await readFile(tls.keyPath, 'utf8') }, users: new Map([['tern', 's3cret']]) } : {}),
    });
    relays.push(relay);
    return relay;
  }

  it('offers STARTTLS and AUTH when given a certificate, and takes a login only once the session is encrypted', async () => {
    const relay = await relayWith('submission', { submissionTls: true });
    const { client } = await RawSmtp.open(relay.port);
    const ehlo = await client.command('EHLO client.test');
    expect(ehlo).toContain('STARTTLS');
    expect(ehlo).toContain('AUTH');
    // No plaintext password mechanism before STARTTLS (RFC 4954 §4).
    expect(await client.command(`AUTH PLAIN ${Buffer.from('\0tern\0s3cret').toString('base64')}`)).toMatch(/^538 /);
    client.close();

    const transport = createTransport({ host: '127.0.0.1', port: relay.port, secure: false, requireTLS: true, auth: { user: 'tern', pass: 's3cret' }, tls: { ca: tls.certPem, servername: 'localhost' } });
    try {
      const info = await transport.sendMail({ envelope: { from: 'a@sender.test', to: ['x@secure.test'] }, raw: message('over tls') });
      expect(info.accepted).toEqual(['x@secure.test']);
    } finally {
      transport.close();
    }
    const wrong = createTransport({ host: '127.0.0.1', port: relay.port, secure: false, requireTLS: true, auth: { user: 'tern', pass: 'nope' }, tls: { ca: tls.certPem, servername: 'localhost' } });
    await expect(wrong.sendMail({ envelope: { from: 'a@sender.test', to: ['x@secure.test'] }, raw: message('bad login') })).rejects.toThrow(/535/);
    wrong.close();
    // The accepted message goes on to the MX; wait for it so no later test sees it arrive.
    await relay.queue.drain();
    expect(received).toContainEqual({ secure: true, to: ['x@secure.test'] });
  });

  it('delivers to an MX over STARTTLS without checking its certificate by default', async () => {
    const relay = await relayWith('opportunistic');
    received.length = 0;
    expect(await submit(relay.port, 'a@sender.test', ['y@secure.test'], message('opportunistic'))).toMatch(/^250 /);
    await relay.queue.drain();
    expect(received).toEqual([{ secure: true, to: ['y@secure.test'] }]);
    expect(relay.queue.list()).toEqual([]);
  });

  it('with certificate checks on, sends nothing to an MX whose certificate does not verify, and keeps the message with the reason', async () => {
    const relay = await relayWith('verified', { verifyMxCertificates: true });
    received.length = 0;
    expect(await submit(relay.port, 'a@sender.test', ['z@secure.test'], message('verified'))).toMatch(/^250 /);
    await relay.queue.drain();
    expect(received).toEqual([]);
    const [queued] = relay.queue.list();
    expect(queued?.recipients[0]).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/certificate/i) });
  });
});
