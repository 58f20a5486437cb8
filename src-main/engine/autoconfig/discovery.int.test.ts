// Discovery from every source, each ending in a verified account against the real Dovecot
// of the test kit and an SMTP submission server. Only loopback is reachable, so the DNS
// server, the autoconfig HTTPS server and the guessed hosts are reached through the
// discovery configuration (dnsServers, lookup, httpsPort, httpsTrusted, guessPorts).
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoverProgress, ServerCandidateDto, VerifyArgs, VerifyResult } from '../../../src-shared/account-setup';
import type { DnsServer } from '../../../e2e/servers/dns-server';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { createTestEngine } from '../testing/engine-harness';
import { verifyAccount } from '../verify/verify-account';
import { discoverServers } from './discover';
import { discoveryConfig, type DiscoveryConfig } from './discovery-config';
import {
  clientConfigXml,
  makeCertificate,
  startConfigServer,
  startSubmissionServer,
  startTestDns,
  tempDir,
  testLookup,
  type ConfigServer,
  type SubmissionServer,
  type TestCertificate,
} from './discovery-test-kit';

const PASSWORD = 'secret-alice';
const users = ['alice', 'alice@srv.test', 'alice@guess.test'];
const domains = ['acme.test', 'wellknown.test', 'listed.test', 'srv.test', 'hosted.test', 'provider.test', 'mx1.provider.test', 'guess.test', 'broken.test', 'redirected.test', 'hostile.test', 'huge.test', 'slow.test', 'loop.test'];
// Every host the tests reach by name: a certificate failure would otherwise hide what is tested.
const certNames = [
  ...domains.flatMap((d) => [d, `autoconfig.${d}`]),
  ...['imap.', 'pop.', 'pop3.', 'mail.', 'smtp.'].map((prefix) => `${prefix}guess.test`),
  'ispdb.test',
];

let dir: Awaited<ReturnType<typeof tempDir>>;
let certificate: TestCertificate;
let dovecot: DovecotServer;
let dnsServer: DnsServer;
let web: ConfigServer;
let smtp: SubmissionServer;
let smtpWithoutTls: SubmissionServer;
let config: DiscoveryConfig;

beforeAll(async () => {
  dir = await tempDir();
  certificate = await makeCertificate(dir.path, certNames);
  dovecot = await startDovecot({ users: users.map((name) => ({ name, password: PASSWORD })) });
  // The server's certificate is replaced and the server restarted, as an administrator would.
  await installDovecotCertificate(certificate);
  // One submission login with a password of its own (providers where SMTP differs).
  const logins = new Map([...users.map((name): [string, string] => [name, PASSWORD]), ['alice-smtp', 'smtp-secret']]);
  [dnsServer, web, smtp, smtpWithoutTls] = await Promise.all([
    startTestDns(),
    startConfigServer(certificate),
    startSubmissionServer(certificate, logins),
    startSubmissionServer(certificate, logins, { hideStartTls: true }),
  ]);
  config = discoveryConfig({
    dnsServers: [`127.0.0.1:${dnsServer.port}`],
    lookup: testLookup,
    httpsPort: web.port,
    httpsTrusted: [certificate.pem],
    ispdbBase: 'https://ispdb.test/v1.1/',
    guessPorts: {
      imap: { tls: dovecot.ports.imaps, starttls: dovecot.ports.imap },
      pop3: { tls: dovecot.ports.pop3s, starttls: dovecot.ports.pop3 },
      smtp: { starttls: smtp.port },
    },
    timeLimitMs: 20_000,
    requestTimeoutMs: 4_000,
  });
  const imapSsl = { kind: 'incomingServer', type: 'imap', host: 'localhost', port: dovecot.ports.imaps, socketType: 'SSL', username: '%EMAILLOCALPART%' } as const;
  const pop3Ssl = { kind: 'incomingServer', type: 'pop3', host: 'localhost', port: dovecot.ports.pop3s, socketType: 'SSL', username: '%EMAILLOCALPART%' } as const;
  const submission = { kind: 'outgoingServer', type: 'smtp', host: 'localhost', port: smtp.port, socketType: 'STARTTLS', username: '%EMAILLOCALPART%' } as const;
  web.files.set('autoconfig.acme.test/mail/config-v1.1.xml', { body: clientConfigXml('acme.test', [imapSsl, submission]) });
  web.files.set('wellknown.test/.well-known/autoconfig/mail/config-v1.1.xml', { body: clientConfigXml('wellknown.test', [pop3Ssl, submission]) });
  web.files.set('ispdb.test/v1.1/listed.test', { body: clientConfigXml('listed.test', [imapSsl, submission]) });
  web.files.set('autoconfig.provider.test/mail/config-v1.1.xml', { body: clientConfigXml('provider.test', [imapSsl, submission]) });
  web.files.set('autoconfig.broken.test/mail/config-v1.1.xml', { body: '<clientConfig><emailProvider><incomingServer type="imap">' });
  web.files.set('broken.test/.well-known/autoconfig/mail/config-v1.1.xml', {
    body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><clientConfig>&b;</clientConfig>',
  });
  web.files.set('autoconfig.huge.test/mail/config-v1.1.xml', { body: `<clientConfig>${' '.repeat(300 * 1024)}</clientConfig>` });
  web.files.set('autoconfig.loop.test/mail/config-v1.1.xml', { status: 301, location: '/mail/config-v1.1.xml' });
  web.files.set('autoconfig.redirected.test/mail/config-v1.1.xml', { status: 302, location: 'http://evil.test/mail/config-v1.1.xml' });
  dnsServer.zone.set('_imaps._tcp.srv.test', { srv: [{ priority: 0, weight: 0, port: dovecot.ports.imaps, target: 'localhost' }] });
  dnsServer.zone.set('_submission._tcp.srv.test', { srv: [{ priority: 0, weight: 0, port: smtp.port, target: 'localhost' }] });
  dnsServer.zone.set('hosted.test', { mx: [{ preference: 10, exchange: 'mx1.provider.test' }] });
  dnsServer.zone.set('_imaps._tcp.hostile.test', {
    srv: [
      { priority: 0, weight: 0, port: 993, target: 'evil host;rm -rf' },
      { priority: 0, weight: 0, port: 0, target: 'mail.hostile.test' },
    ],
  });
});

afterAll(async () => {
  await Promise.all([dovecot?.dispose(), dnsServer?.close(), web?.close(), smtp?.close(), smtpWithoutTls?.close()]);
  await dir?.remove();
});

async function installDovecotCertificate(next: TestCertificate): Promise<void> {
  await copyFile(next.certPath, join(dovecot.dir, 'tls', 'cert.pem'));
  await copyFile(next.keyPath, join(dovecot.dir, 'tls', 'key.pem'));
  await dovecot.stop();
  await dovecot.start();
}

function settingsOf(candidate: ServerCandidateDto | null) {
  if (!candidate) throw new Error('nothing was found');
  return { host: candidate.host, port: candidate.port, security: candidate.security, user: candidate.username };
}

function verifyArgs(found: { incoming: ServerCandidateDto | null; smtp: ServerCandidateDto | null }, overrides: Partial<VerifyArgs> = {}): VerifyArgs {
  const incoming = settingsOf(found.incoming);
  return {
    incoming: found.incoming?.protocol === 'pop3' ? { protocol: 'pop3', ...incoming } : { protocol: 'imap', accessModel: 'disconnected', ...incoming },
    smtp: settingsOf(found.smtp),
    password: PASSWORD,
    trustedCertificates: [],
    allowPlaintext: false,
    ...overrides,
  };
}

const network = () => ({ lookup: testLookup, timeoutMs: 5_000 });

/** The user's path: the servers' certificate is shown, the user trusts it, and both logins succeed. */
async function verifyTrustingCertificate(found: { incoming: ServerCandidateDto | null; smtp: ServerCandidateDto | null }): Promise<VerifyResult> {
  const first = await verifyAccount(verifyArgs(found), network());
  expect(first.incoming.kind).toBe('certificate-untrusted');
  if (first.incoming.kind !== 'certificate-untrusted') throw new Error('unreachable');
  expect(first.incoming.certificate.fingerprint).toBe(certificate.fingerprint);
  expect(first.incoming.certificate).toMatchObject({ subject: expect.stringContaining('CN=Tern test mail server'), trustable: true });
  expect(first.incoming.detail).toContain('it is self-signed');
  expect(first.smtp?.kind).toBe('certificate-untrusted');
  const trusted = await verifyAccount(verifyArgs(found, { trustedCertificates: [first.incoming.certificate.pem] }), network());
  expect(trusted.incoming).toMatchObject({ kind: 'ok' });
  expect(trusted.smtp).toMatchObject({ kind: 'ok' });
  return trusted;
}

describe('discovery, one test domain per source', () => {
  it('autoconfig.<domain>: finds IMAP and SMTP, and the verified account syncs in the engine', async () => {
    const progress: DiscoverProgress['step'][] = [];
    const found = await discoverServers('alice@acme.test', config, { onProgress: (p) => p.state === 'found' && progress.push(p.step) });
    expect(found.incoming).toEqual({ protocol: 'imap', host: 'localhost', port: dovecot.ports.imaps, security: 'tls', username: 'alice', source: 'autoconfig.acme.test' });
    expect(found.smtp).toMatchObject({ protocol: 'smtp', host: 'localhost', port: smtp.port, security: 'starttls', source: 'autoconfig.acme.test' });
    expect(progress).toEqual(['autoconfig']);
    expect(web.requests).toContain('autoconfig.acme.test/mail/config-v1.1.xml?emailaddress=alice%40acme.test');
    await verifyTrustingCertificate(found);

    const { engine, waitForState, secrets } = createTestEngine();
    try {
      const incoming = settingsOf(found.incoming);
      await engine.handlers['account.save']({
        account: {
          id: 'acme',
          name: 'Alice',
          email: 'alice@acme.test',
          incoming: { protocol: 'imap', accessModel: 'disconnected', ...incoming },
          smtp: settingsOf(found.smtp),
          identities: [],
          sendThroughRelay: false,
          trustedCertificates: [certificate.pem],
        },
        password: PASSWORD,
        smtpPassword: 'smtp-secret',
      });
      await waitForState('acme', 'online');
      expect(await secrets.get('acme:smtp')).toBe('smtp-secret');
    } finally {
      await engine.close();
    }
  });

  it('<domain>/.well-known: finds a POP3 server, verified with a POP3 login', async () => {
    const found = await discoverServers('alice@wellknown.test', config);
    expect(found.incoming).toMatchObject({ protocol: 'pop3', port: dovecot.ports.pop3s, security: 'tls', source: 'wellknown.test/.well-known' });
    expect(found.smtp?.source).toBe('wellknown.test/.well-known');
    await verifyTrustingCertificate(found);
  });

  it('ISPDB: finds the provider listed for the domain', async () => {
    const found = await discoverServers('alice@listed.test', config);
    expect(found.incoming).toMatchObject({ protocol: 'imap', source: 'ISPDB (ispdb.test)' });
    expect(found.smtp?.source).toBe('ISPDB (ispdb.test)');
    await verifyTrustingCertificate(found);
  });

  it('DNS SRV (RFC 6186): uses the full address as login', async () => {
    const found = await discoverServers('alice@srv.test', config);
    expect(found.incoming).toEqual({ protocol: 'imap', host: 'localhost', port: dovecot.ports.imaps, security: 'tls', username: 'alice@srv.test', source: 'DNS SRV _imaps._tcp.srv.test' });
    expect(found.smtp?.source).toBe('DNS SRV _submission._tcp.srv.test');
    await verifyTrustingCertificate(found);
  });

  it("MX: the autoconfig of the MX host's parent domain", async () => {
    const found = await discoverServers('alice@hosted.test', config);
    expect(found.incoming).toMatchObject({ protocol: 'imap', username: 'alice', source: 'MX mx1.provider.test → autoconfig.provider.test' });
    await verifyTrustingCertificate(found);
  });

  it('guessing: probes imap./smtp. hosts and prefers implicit TLS', async () => {
    const progress: DiscoverProgress[] = [];
    const found = await discoverServers('alice@guess.test', config, { onProgress: (p) => progress.push({ requestId: 't', ...p }) });
    expect(found.incoming).toEqual({ protocol: 'imap', host: 'imap.guess.test', port: dovecot.ports.imaps, security: 'tls', username: 'alice@guess.test', source: `guessed: imap.guess.test:${dovecot.ports.imaps} answered` });
    expect(found.smtp).toMatchObject({ protocol: 'smtp', host: 'smtp.guess.test', port: smtp.port, security: 'starttls' });
    // The first three steps ran in parallel and found nothing; only then did guessing start.
    const outcomes = progress.filter((p) => p.state !== 'started').map((p) => `${p.step} ${p.state}`);
    expect(outcomes.slice(0, 3).sort()).toEqual(['autoconfig nothing', 'mx nothing', 'srv nothing']);
    expect(outcomes.slice(3)).toEqual(['guess found']);
    expect(progress.findIndex((p) => p.step === 'guess')).toBeGreaterThan(progress.findIndex((p) => p.step === 'mx' && p.state === 'nothing'));
    await verifyTrustingCertificate(found);
  });
});

describe('hostile or broken sources', () => {
  it('reports malformed and DTD-bearing autoconfig files with clear errors', async () => {
    const found = await discoverServers('alice@broken.test', { ...config, guessPorts: { imap: {}, pop3: {}, smtp: {} } });
    expect(found.incoming).toBeNull();
    expect(found.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^The autoconfig file from autoconfig\.broken\.test is not well-formed XML/),
      'The autoconfig file from broken.test/.well-known declares a DTD; refusing it.',
    ]);
  });

  it('refuses a redirect to plain http', async () => {
    const found = await discoverServers('alice@redirected.test', { ...config, guessPorts: { imap: {}, pop3: {}, smtp: {} } });
    expect(found.problems).toEqual([{ source: 'autoconfig.redirected.test', message: 'Refusing http://evil.test/mail/config-v1.1.xml: autoconfig files are only taken over HTTPS.' }]);
  });

  it('skips hostile SRV targets and says so', async () => {
    const found = await discoverServers('alice@hostile.test', { ...config, guessPorts: { imap: {}, pop3: {}, smtp: {} } });
    expect(found.candidates).toEqual([]);
    expect(found.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Skipped the SRV record of _imaps\._tcp\.hostile\.test pointing at "evil host.*rm -rf" port 993/),
      'Skipped the SRV record of _imaps._tcp.hostile.test pointing at "mail.hostile.test" port 0: not a usable host name and port.',
    ]);
  });

  it('stops following redirects after three', async () => {
    const found = await discoverServers('alice@loop.test', { ...config, guessPorts: { imap: {}, pop3: {}, smtp: {} } });
    expect(found.problems).toEqual([{ source: 'autoconfig.loop.test', message: expect.stringMatching(/redirected more than 3 times/) }]);
    expect(web.requests.filter((r) => r.startsWith('autoconfig.loop.test'))).toHaveLength(4);
  });

  it('refuses an oversized autoconfig file', async () => {
    const found = await discoverServers('alice@huge.test', { ...config, guessPorts: { imap: {}, pop3: {}, smtp: {} } });
    expect(found.problems).toEqual([{ source: 'autoconfig.huge.test', message: expect.stringContaining('is larger than 256 KB') }]);
  });

  it('returns what it has when the overall time limit ends the lookups', async () => {
    for (const service of ['_imaps', '_imap', '_pop3s', '_pop3', '_submissions', '_submission']) dnsServer.dropped.add(`${service}._tcp.slow.test`);
    const progress: string[] = [];
    const found = await discoverServers('alice@slow.test', { ...config, timeLimitMs: 1_500 }, { onProgress: (p) => progress.push(`${p.step} ${p.state}`) });
    expect(found).toMatchObject({ incoming: null, smtp: null, timedOut: true });
    expect(progress).toContain('autoconfig nothing');
    expect(progress).not.toContain('srv nothing');
    expect(progress).not.toContain('guess started');
  });

  it('refuses an address without a usable domain', async () => {
    await expect(discoverServers('alice@-bad-.test', config)).rejects.toThrow(/not an email address/);
  });
});

describe('verification', () => {
  const imapServer = () => ({ host: 'localhost', port: dovecot.ports.imaps, security: 'tls' as const, user: 'alice' });
  const smtpServer = () => ({ host: 'localhost', port: smtp.port, security: 'starttls' as const, user: 'alice' });

  it('names a wrong password for both servers', async () => {
    const result = await verifyAccount(
      { incoming: { protocol: 'imap', accessModel: 'disconnected', ...imapServer() }, smtp: smtpServer(), password: 'wrong', trustedCertificates: [certificate.pem], allowPlaintext: false },
      network(),
    );
    expect(result.incoming.kind).toBe('wrong-password');
    expect(result.smtp?.kind).toBe('wrong-password');
    expect(smtp.logins).not.toContain('wrong');
  });

  it('checks an SMTP login with its own password', async () => {
    const result = await verifyAccount(
      {
        incoming: { protocol: 'imap', accessModel: 'disconnected', ...imapServer() },
        smtp: { ...smtpServer(), user: 'alice-smtp' },
        password: PASSWORD,
        smtpPassword: 'smtp-secret',
        trustedCertificates: [certificate.pem],
        allowPlaintext: false,
      },
      network(),
    );
    expect(result).toMatchObject({ incoming: { kind: 'ok' }, smtp: { kind: 'ok' } });
    expect(smtp.logins).toContain('alice-smtp');
  });

  it('names an unreachable server, TLS required but not offered, and plaintext beyond this machine', async () => {
    const closed = await startSubmissionServer(certificate, new Map());
    await closed.close();
    const result = await verifyAccount(
      {
        incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'localhost', port: closed.port, security: 'tls', user: 'alice' },
        smtp: { ...smtpServer(), port: smtpWithoutTls.port },
        password: PASSWORD,
        trustedCertificates: [certificate.pem],
        allowPlaintext: false,
      },
      network(),
    );
    expect(result.incoming.kind).toBe('unreachable');
    expect(result.smtp).toMatchObject({ kind: 'tls-not-offered', detail: expect.stringContaining('does not offer STARTTLS') });
    const plaintext = await verifyAccount(
      { incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.guess.test', port: dovecot.ports.imap, security: 'none', user: 'alice' }, smtp: null, password: PASSWORD, trustedCertificates: [], allowPlaintext: false },
      network(),
    );
    expect(plaintext.incoming.kind).toBe('plaintext-refused');
  });

  it('does not offer to trust a certificate made for another name', async () => {
    const result = await verifyAccount(
      { incoming: { protocol: 'imap', accessModel: 'disconnected', ...imapServer(), host: 'elsewhere.test' }, smtp: null, password: PASSWORD, trustedCertificates: [certificate.pem], allowPlaintext: false },
      network(),
    );
    expect(result.incoming).toMatchObject({
      kind: 'certificate-untrusted',
      detail: expect.stringContaining('made for a different server name (ERR_TLS_CERT_ALTNAME_INVALID)'),
      certificate: { trustable: false, fingerprint: certificate.fingerprint },
    });
  });

  it('a trusted certificate is refused once the server presents a different one', async () => {
    const args: VerifyArgs = { incoming: { protocol: 'imap', accessModel: 'disconnected', ...imapServer() }, smtp: null, password: PASSWORD, trustedCertificates: [certificate.pem], allowPlaintext: false };
    expect((await verifyAccount(args, network())).incoming.kind).toBe('ok');
    const replacement = await makeCertificate(dir.path, certNames);
    await installDovecotCertificate(replacement);
    try {
      const after = await verifyAccount(args, network());
      expect(after.incoming.kind).toBe('certificate-untrusted');
      if (after.incoming.kind !== 'certificate-untrusted') throw new Error('unreachable');
      expect(after.incoming.certificate.fingerprint).toBe(replacement.fingerprint);
      expect(after.incoming.certificate.fingerprint).not.toBe(certificate.fingerprint);
    } finally {
      await installDovecotCertificate(certificate);
    }
  });
});
