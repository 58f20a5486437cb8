/**
 * Verifies one server before an account is saved: probe it (is it there, does it speak the
 * protocol, is TLS offered as the settings require, does its certificate verify with what
 * the user trusts), and only then log in with the real client the engine uses, so that
 * "works here" means "works for sync". Every failure a user can act on gets its own kind.
 * The password goes to no server whose certificate failed or that refused TLS.
 */
import * as net from 'node:net';
import { ImapFlow } from 'imapflow';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { VerifyOutcome } from '../../../src-shared/account-setup';
import type { ServerSettings } from '../../../src-shared/model';
import type { MailProtocol } from '../autoconfig/client-config';
import { describeFailure } from '../imap/connection-errors';
import { imapFlowOptions, isLoopback } from '../imap/connection-options';
import { isReachabilityError } from '../net-errors';
import { Pop3Client } from '../pop3/pop3-client';
import { Pop3Error } from '../pop3/pop3-error';
import { authorities, reasonText } from './certificate';
import { probeServer } from './probe-server';

export interface VerifyTarget {
  protocol: MailProtocol;
  server: ServerSettings;
  password: string;
  trustedCertificates: readonly string[];
  allowPlaintext: boolean;
}

export interface VerifyNetwork {
  /** Node's `lookup` connection option (tests map names to loopback); IMAP and SMTP only. */
  lookup?: net.LookupFunction | undefined;
  timeoutMs: number;
}

export async function verifyServer(target: VerifyTarget, network: VerifyNetwork): Promise<VerifyOutcome> {
  const { server, protocol } = target;
  const where = `${server.host}:${server.port}`;
  if (server.security === 'none' && !target.allowPlaintext && !isLoopback(server.host)) {
    return { kind: 'plaintext-refused', detail: `${where} would get your password unencrypted; choose TLS or STARTTLS, or allow plaintext explicitly.` };
  }
  const probe = await probeServer({ protocol, ...server }, { lookup: network.lookup, trustedCertificates: target.trustedCertificates, timeoutMs: network.timeoutMs });
  switch (probe.kind) {
    case 'unreachable':
      return { kind: 'unreachable', detail: probe.detail };
    case 'tls-not-offered':
    case 'tls-failed':
      return { kind: 'tls-not-offered', detail: probe.detail };
    case 'not-this-protocol':
      return { kind: 'failed', detail: probe.detail };
    case 'ok':
      break;
  }
  if (probe.tls && !probe.tls.authorized) {
    const certificate = probe.tls.certificate;
    if (!certificate) return { kind: 'failed', detail: `${where} presented no certificate.` };
    return { kind: 'certificate-untrusted', detail: `The certificate of ${where} is not trusted: ${reasonText(certificate.reason)}.`, certificate };
  }
  if (protocol === 'smtp' && !probe.capabilities.includes('AUTH')) {
    return { kind: 'failed', detail: `${where} offers no login (no AUTH in its EHLO reply); it is not a submission server Tern can use.` };
  }
  const login = { imap: logInImap, pop3: logInPop3, smtp: logInSmtp }[protocol];
  return login(target, network);
}

async function logInImap({ server, password, trustedCertificates }: VerifyTarget, network: VerifyNetwork): Promise<VerifyOutcome> {
  const timeouts = { connectMs: network.timeoutMs, greetingMs: network.timeoutMs, socketMs: network.timeoutMs };
  const options = imapFlowOptions({ server, password, trustedCertificates }, timeouts);
  // imapflow passes its `tls` options to net.connect as well, so `lookup` applies to every security.
  const client = new ImapFlow({ ...options, tls: { ...options.tls, lookup: network.lookup } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.logout().catch(() => undefined);
    return { kind: 'ok', detail: `Logged in to ${server.host}:${server.port} as ${server.user}.` };
  } catch (error) {
    const failure = describeFailure(error, server);
    return { kind: failure.kind === 'auth' ? 'wrong-password' : failure.kind === 'network' ? 'unreachable' : 'failed', detail: failure.detail };
  } finally {
    client.close();
  }
}

async function logInPop3({ server, password, trustedCertificates }: VerifyTarget, network: VerifyNetwork): Promise<VerifyOutcome> {
  try {
    const client = await Pop3Client.connect({ ...server, password, trustedCertificates, timeoutMs: network.timeoutMs });
    await client.quit().catch(() => undefined);
    return { kind: 'ok', detail: `Logged in to ${server.host}:${server.port} as ${server.user}.` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof Pop3Error)) return { kind: 'failed', detail: message };
    if (error.kind === 'auth') return { kind: 'wrong-password', detail: `Login failed: ${error.serverText ?? message}` };
    if (error.kind === 'network') return { kind: 'unreachable', detail: message };
    return { kind: 'failed', detail: message };
  }
}

async function logInSmtp({ server, password, trustedCertificates }: VerifyTarget, network: VerifyNetwork): Promise<VerifyOutcome> {
  const where = `${server.host}:${server.port}`;
  let socket: net.Socket;
  try {
    socket = await connected(server, network);
  } catch (error) {
    return { kind: 'unreachable', detail: `Cannot reach ${where} (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
  // Handed an open socket, nodemailer still performs implicit TLS or the required STARTTLS itself.
  const connection = new SMTPConnection({
    connection: socket,
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...authorities(trustedCertificates) },
    name: 'tern.localhost',
    connectionTimeout: network.timeoutMs,
    greetingTimeout: network.timeoutMs,
    socketTimeout: network.timeoutMs,
    logger: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect((error) => (error ? reject(error) : resolve()));
    });
    await new Promise<void>((resolve, reject) => connection.login({ user: server.user, pass: password }, (error) => (error ? reject(error) : resolve())));
    return { kind: 'ok', detail: `Authenticated to ${where} as ${server.user}.` };
  } catch (error) {
    const failure = error as Error & { code?: string; response?: string; originalCode?: string };
    if (failure.code === 'EAUTH') return { kind: 'wrong-password', detail: `Login to ${where} failed${failure.response ? `: ${failure.response.slice(0, 500)}` : ''}.` };
    if (isReachabilityError(failure.originalCode ?? failure.code)) return { kind: 'unreachable', detail: `Cannot reach ${where} (${failure.message}).` };
    return { kind: 'failed', detail: `${where}: ${failure.message}` };
  } finally {
    connection.close();
    socket.destroy();
  }
}

function connected(server: ServerSettings, network: VerifyNetwork): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.host, port: server.port, lookup: network.lookup, timeout: network.timeoutMs });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('timeout', () => socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    socket.once('error', reject);
  });
}
