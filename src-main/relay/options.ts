import type { Clock } from './clock';
import { systemClock } from './clock';

export interface SmarthostOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465 style); otherwise STARTTLS is required unless `insecure`. */
  secure: boolean;
  /** Allow a smarthost without TLS (only sensible on loopback). */
  insecure?: boolean;
  user?: string;
  password?: string;
  /** Extra trusted certificates (PEM) for the smarthost. */
  ca?: string;
}

export interface RelayOptions {
  /** Spool directory; the queue lives in `<spool>/queue`. */
  spool: string;
  listenHost: string;
  listenPort: number;
  /** The name in the greeting, the Received header and the DSNs. */
  hostname: string;
  /** Domains accepted from unauthenticated clients when listening beyond loopback. */
  localDomains: string[];
  /** Users allowed to AUTH (and then relay anywhere); AUTH is offered only when set. */
  users?: Map<string, string>;
  /** Certificate and key (PEM) for STARTTLS; offered only when set. */
  tls?: { cert: string; key: string };
  maxMessageSize: number;
  maxRecipients: number;
  smarthost?: SmarthostOptions;
  /** DNS servers as `ip:port`; the system's when absent. */
  dnsServers?: string[];
  /** Port MX hosts are contacted on: 25 in the real world, a high port in tests. */
  mxPort: number;
  /** Verify MX certificates; off by default because STARTTLS to MX is opportunistic (RFC 7435). */
  verifyMxCertificates: boolean;
  /** Retry delays in ms after the 1st, 2nd, … failure; the last repeats (RFC 5321 §4.5.4.1). */
  retrySchedule: number[];
  /** Give up on a recipient this long after queueing (RFC 5321 §4.5.4.1 suggests 4-5 days). */
  maxQueueAge: number;
  /** Send a delay DSN once a recipient is still pending this long after queueing. */
  warnAfter: number;
  maxConnections: number;
  maxConnectionsPerDestination: number;
  /** Most messages handed to one connection before it is closed and a new one opened. */
  messagesPerConnection: number;
  /** Idle time after which a submitting client is dropped (slow-loris defence), in ms. */
  clientTimeout: number;
  /** Timeouts for outgoing SMTP, in ms. */
  connectTimeout: number;
  socketTimeout: number;
  clock: Clock;
  log: (line: string) => void;
  /** Called after any change to the queue (a message added, attempted, finished or deleted). */
  onQueueChange: () => void;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY_SCHEDULE = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR];

export function resolveOptions(partial: Partial<RelayOptions> & { spool: string }): RelayOptions {
  return {
    listenHost: '127.0.0.1',
    listenPort: 2525,
    hostname: 'localhost',
    localDomains: [],
    maxMessageSize: 50 * 1024 * 1024,
    maxRecipients: 1000,
    mxPort: 25,
    verifyMxCertificates: false,
    retrySchedule: DEFAULT_RETRY_SCHEDULE,
    maxQueueAge: 5 * 24 * HOUR,
    warnAfter: 4 * HOUR,
    maxConnections: 20,
    maxConnectionsPerDestination: 4,
    messagesPerConnection: 100,
    clientTimeout: 60_000,
    connectTimeout: 30_000,
    socketTimeout: 5 * MINUTE,
    clock: systemClock,
    log: () => undefined,
    onQueueChange: () => undefined,
    ...partial,
  };
}
