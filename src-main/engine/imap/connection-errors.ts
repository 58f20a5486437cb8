/**
 * Turns what connecting or talking to a server threw into what the user is told and what
 * the supervisor does next: retry later (the network), or wait for the user (a refused
 * login, a connection that cannot be secured). Texts name the server and, for a refused
 * login, quote the server's own words.
 */
import type { ServerSettings } from '../../../src-shared/model';

export type FailureKind =
  /** The server could not be reached or the connection broke: retry with backoff. */
  | 'network'
  /** The server refused the credentials: retrying would only repeat it (and may lock the account). */
  | 'auth'
  /** TLS or STARTTLS failed: never fall back to plaintext, wait for the user. */
  | 'tls';

export interface ConnectionFailure {
  kind: FailureKind;
  detail: string;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  CONNECT_TIMEOUT: 'timed out',
  GREETING_TIMEOUT: 'the server did not greet',
  ETIMEOUT: 'the connection went silent',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  NoConnection: 'connection closed',
  EConnectionClosed: 'connection closed',
  ClosedAfterConnectText: 'the server closed the connection',
  ClosedAfterConnectTLS: 'the server closed the connection',
};

/** RFC 5530 codes saying a refused login is temporary, so it is retried like a network failure. */
const TEMPORARY_LOGIN_CODES = new Set(['UNAVAILABLE', 'INUSE', 'LIMIT']);

const MAX_SERVER_TEXT = 500;

export function describeFailure(error: unknown, server: Pick<ServerSettings, 'host' | 'port'>): ConnectionFailure {
  const where = `${server.host}:${server.port}`;
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message = clip(typeof e.message === 'string' && e.message !== '' ? e.message : String(error));
  const code = typeof e.code === 'string' ? e.code : '';
  if (e.authenticationFailed === true) {
    const serverText = clip(typeof e.responseText === 'string' && e.responseText !== '' ? e.responseText : message);
    if (TEMPORARY_LOGIN_CODES.has(String(e.serverResponseCode ?? '').toUpperCase())) {
      return { kind: 'network', detail: `${where} cannot log in now: ${serverText}` };
    }
    return { kind: 'auth', detail: `Login failed: ${serverText}` };
  }
  if (e.tlsFailed === true || isTlsCode(code)) {
    return { kind: 'tls', detail: `Cannot secure the connection to ${where}: ${message}` };
  }
  const reason = NETWORK_REASONS[code];
  if (reason !== undefined) return { kind: 'network', detail: `Cannot reach ${where} (${reason})` };
  return { kind: 'network', detail: `Connection to ${where} failed: ${message}` };
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'STARTTLS_INJECTION'
  );
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SERVER_TEXT ? `${oneLine.slice(0, MAX_SERVER_TEXT)}…` : oneLine;
}
