/**
 * For the discovery integration tests only: a world of test domains on loopback. A DNS
 * server answers SRV and MX records, an HTTPS server serves autoconfig files by Host header,
 * a name lookup sends every *.test host to 127.0.0.1, and an SMTP submission server (smtp-
 * server) checks logins. Every server presents one self-signed certificate naming all the
 * test hosts, which Dovecot is given too, so a client verifies it only once the user
 * trusted it, exactly as with a real self-signed server.
 */
import { execFile } from 'node:child_process';
import * as dns from 'node:dns';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { startDnsServer, type DnsServer } from '../../../e2e/servers/dns-server';
import { freePort } from '../../../e2e/servers/free-port';

const run = promisify(execFile);

export interface TestCertificate {
  certPath: string;
  keyPath: string;
  pem: string;
  /** SHA-256 of the DER bytes, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
}

/** A self-signed certificate valid for localhost, 127.0.0.1 and the given names. */
export async function makeCertificate(dir: string, names: readonly string[]): Promise<TestCertificate> {
  const certPath = join(dir, `cert-${Date.now()}-${Math.random().toString(16).slice(2)}.pem`);
  const keyPath = certPath.replace('cert-', 'key-');
  const san = ['IP:127.0.0.1', 'DNS:localhost', ...names.map((n) => `DNS:${n}`)].join(',');
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', '-nodes', '-days', '2',
    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', keyPath, '-out', certPath, '-subj', '/CN=Tern test mail server/O=Tern tests',
    '-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature', '-addext', 'extendedKeyUsage=serverAuth',
  ]);
  const { stdout } = await run('openssl', ['x509', '-in', certPath, '-noout', '-fingerprint', '-sha256']);
  return { certPath, keyPath, pem: await readFile(certPath, 'utf8'), fingerprint: stdout.trim().replace(/^.*=/, '') };
}

/** Node's `lookup` option: every *.test name is this machine; anything else goes to the system resolver. */
export const testLookup: LookupFunction = (hostname, options, callback) => {
  if (!hostname.toLowerCase().endsWith('.test')) {
    dns.lookup(hostname, options, callback);
    return;
  }
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

export interface ConfigServer {
  port: number;
  /** Answers keyed by `host + path` (path without query); anything else is 404. */
  files: Map<string, { status?: number; location?: string; body?: string }>;
  /** Every `host + path?query` asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startConfigServer(certificate: TestCertificate): Promise<ConfigServer> {
  const files: ConfigServer['files'] = new Map();
  const requests: string[] = [];
  const [cert, key] = await Promise.all([readFile(certificate.certPath), readFile(certificate.keyPath)]);
  const server = https.createServer({ cert, key }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = request.url ?? '/';
    requests.push(`${host}${url}`);
    const answer = files.get(`${host}${url.replace(/\?.*$/, '')}`);
    if (!answer) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(answer.status ?? 200, { 'content-type': 'text/xml', ...(answer.location ? { location: answer.location } : {}) });
    response.end(answer.body ?? '');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    files,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SubmissionServer {
  port: number;
  logins: string[];
  close(): Promise<void>;
}

/** An SMTP submission server taking AUTH PLAIN/LOGIN after STARTTLS (or, hidden, never offering it). */
export async function startSubmissionServer(certificate: TestCertificate, users: Map<string, string>, opts: { hideStartTls?: boolean } = {}): Promise<SubmissionServer> {
  const logins: string[] = [];
  const [cert, key] = await Promise.all([readFile(certificate.certPath), readFile(certificate.keyPath)]);
  const server = new SMTPServer({
    cert,
    key,
    hideSTARTTLS: opts.hideStartTls ?? false,
    authMethods: ['PLAIN', 'LOGIN'],
    // Only after STARTTLS, like a real submission server (RFC 4954 §4).
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (users.get(auth.username ?? '') !== auth.password) {
        callback(new Error('Invalid username or password'));
        return;
      }
      logins.push(auth.username ?? '');
      callback(null, { user: auth.username });
    },
  });
  server.on('error', () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startTestDns(): Promise<DnsServer> {
  return startDnsServer(await freePort());
}

export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'tern-discovery-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A clientConfig file with the given servers (each `type host port socketType username`). */
export function clientConfigXml(domain: string, servers: Array<{ kind: 'incomingServer' | 'outgoingServer'; type: string; host: string; port: number; socketType: string; username: string }>): string {
  const body = servers
    .map(
      (s) =>
        `<${s.kind} type="${s.type}"><hostname>${s.host}</hostname><port>${s.port}</port><socketType>${s.socketType}</socketType>` +
        `<authentication>password-cleartext</authentication><username>${s.username}</username></${s.kind}>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1"><emailProvider id="${domain}"><domain>${domain}</domain>${body}</emailProvider></clientConfig>`;
}
