/**
 * Everything discovery and verification reach on the network, in one place, so a user with
 * split DNS (or a test, where only loopback exists) can point each lookup elsewhere: the DNS
 * servers, a name lookup for connections, the HTTPS port and extra authorities for
 * autoconfig files, the ISPDB base URL, the ports guessing probes, and the time limits.
 */
import { Resolver } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import type { Security } from '../../../src-shared/model';
import type { MailProtocol } from './client-config';
import type { ResolveSrv } from './srv-records';

export interface MxRecord {
  exchange: string;
  priority: number;
}

export type GuessPorts = Record<MailProtocol, Partial<Record<Security, number>>>;

export interface DiscoveryConfig {
  resolveSrv: ResolveSrv;
  resolveMx(domain: string): Promise<MxRecord[]>;
  /** Node's `lookup` connection option; undefined means the system resolver. */
  lookup: LookupFunction | undefined;
  /** The port `https://` URLs are fetched from (443, except in tests). */
  httpsPort: number;
  /** Authorities trusted for autoconfig files besides the default ones (PEM). */
  httpsTrusted: readonly string[];
  /** Thunderbird's ISPDB, or a mirror; the domain is appended. */
  ispdbBase: string;
  /** The ports guessing probes, per protocol and security (RFC 8314 and RFC 6409 defaults). */
  guessPorts: GuessPorts;
  /** The whole discovery, all steps together. */
  timeLimitMs: number;
  /** One HTTP fetch, or one probe connection. */
  requestTimeoutMs: number;
}

export const STANDARD_PORTS: GuessPorts = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

export interface DiscoveryOverrides extends Partial<Omit<DiscoveryConfig, 'resolveSrv' | 'resolveMx'>> {
  /** DNS servers as "address" or "address:port"; the system's when absent. */
  dnsServers?: string[];
}

export function discoveryConfig(overrides: DiscoveryOverrides = {}): DiscoveryConfig {
  const requestTimeoutMs = overrides.requestTimeoutMs ?? 8_000;
  const resolver = new Resolver({ timeout: Math.min(requestTimeoutMs, 5_000), tries: 2 });
  if (overrides.dnsServers && overrides.dnsServers.length > 0) resolver.setServers(overrides.dnsServers);
  return {
    resolveSrv: (name) => resolver.resolveSrv(name),
    resolveMx: (domain) => resolver.resolveMx(domain),
    lookup: overrides.lookup,
    httpsPort: overrides.httpsPort ?? 443,
    httpsTrusted: overrides.httpsTrusted ?? [],
    ispdbBase: overrides.ispdbBase ?? 'https://autoconfig.thunderbird.net/v1.1/',
    guessPorts: overrides.guessPorts ?? STANDARD_PORTS,
    timeLimitMs: overrides.timeLimitMs ?? 30_000,
    requestTimeoutMs,
  };
}
