/**
 * imapflow options for one account. TLS is never optional where the settings ask for it:
 * 'tls' is implicit TLS (RFC 8314), 'starttls' requires the upgrade (`doSTARTTLS: true`, so a
 * server, or an attacker, that hides STARTTLS makes connecting fail instead of sending the
 * password in clear, RFC 3501 §6.2.1), and 'none' never attempts TLS at all.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ImapFlowOptions } from 'imapflow';
import type { ServerSettings } from '../../../src-shared/model';

export interface ImapTarget {
  server: ServerSettings;
  password: string;
  /** PEM certificates to trust besides the default authorities (self-signed servers). */
  trustedCertificates: readonly string[];
}

export interface ConnectionTimeouts {
  /** TCP + TLS handshake. */
  connectMs: number;
  /** From connected to the server's greeting. */
  greetingMs: number;
  /** Silence on an open connection before it counts as dead. */
  socketMs: number;
}

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = { connectMs: 20_000, greetingMs: 15_000, socketMs: 5 * 60_000 };

/** Bodies above this are refused before download (see sync/body-download.ts), so no literal needs more. */
const MAX_LITERAL_BYTES = 64 * 1024 * 1024;

export function imapFlowOptions({ server, password, trustedCertificates }: ImapTarget, timeouts: ConnectionTimeouts): ImapFlowOptions {
  const base: ImapFlowOptions = {
    host: server.host,
    port: server.port,
    auth: { user: server.user, pass: password },
    logger: false,
    // IDLE comes with push (issue 3); until then the supervisor polls on its own schedule.
    disableAutoIdle: true,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // COMPRESS=DEFLATE (RFC 4978) saves bytes on slow links but costs CPU on both ends; on
    // loopback there is no link to save and it made header sync several times slower.
    disableCompression: isLoopback(server.host),
    // ENABLE QRESYNC where offered (RFC 7162 §3.2.3): a resync then learns expunges from
    // VANISHED (EARLIER) instead of listing every UID.
    qresync: true,
    maxLiteralSize: MAX_LITERAL_BYTES,
    maxResponseSize: MAX_LITERAL_BYTES * 2,
    // Sent with ID (RFC 2971); say no more about this machine than the program's name.
    clientInfo: { name: 'Tern', version: false, vendor: false, 'support-url': false },
  };
  switch (server.security) {
    case 'tls':
      return { ...base, secure: true, tls: verifiedTls(trustedCertificates) };
    case 'starttls':
      return { ...base, secure: false, doSTARTTLS: true, tls: verifiedTls(trustedCertificates) };
    case 'none':
      return { ...base, secure: false, doSTARTTLS: false };
  }
}

/** The host names and addresses that never leave this machine (RFC 6761 §6.3, RFC 1122 §3.2.1.3, RFC 4291 §2.5.3). */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  const bare = name.replace(/^\[|\]$/g, '');
  if (!net.isIPv6(bare)) return false;
  return bare === '::1' || /^::ffff:127\./.test(bare);
}

function verifiedTls(trusted: readonly string[]): tls.ConnectionOptions {
  const options: tls.ConnectionOptions = { rejectUnauthorized: true, minVersion: 'TLSv1.2' };
  // Node's `ca` replaces the default authorities, so they are listed again with the extra ones.
  if (trusted.length > 0) options.ca = [...defaultAuthorities(), ...trusted];
  return options;
}

/** The authorities Node trusts by default (Node ≥ 22.15 can say, including the system store). */
function defaultAuthorities(): readonly string[] {
  const withSystemStore = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return withSystemStore ? withSystemStore('default') : tls.rootCertificates;
}
