/**
 * Discovery settings a host reads from its environment (`TERN_DISCOVERY`, JSON), for split
 * DNS, a private ISPDB mirror, or a test world on loopback: DNS servers, fixed host
 * addresses, the HTTPS port and extra authorities for autoconfig files, the ISPDB base,
 * the ports guessing probes, and the time limits. Checked like any other input: a wrong
 * setting stops the host with a clear message instead of being half applied.
 */
import * as dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { z } from 'zod';
import type { DiscoveryOverrides } from './discovery-config';

const port = z.number().int().min(1).max(65535);
const portsOfProtocol = z.object({ tls: port.optional(), starttls: port.optional(), none: port.optional() }).strict();

const settingsSchema = z
  .object({
    dnsServers: z.array(z.string().regex(/^[0-9a-fA-F.:[\]]+$/)).max(8).optional(),
    /** Host name → IPv4/IPv6 address, used before the system resolver. */
    hosts: z.record(z.string().max(253), z.union([z.ipv4(), z.ipv6()])).optional(),
    httpsPort: port.optional(),
    httpsTrusted: z.array(z.string().max(20_000)).max(8).optional(),
    ispdbBase: z.url({ protocol: /^https$/ }).optional(),
    guessPorts: z.object({ imap: portsOfProtocol, pop3: portsOfProtocol, smtp: portsOfProtocol }).strict().optional(),
    timeLimitMs: z.number().int().min(1_000).max(120_000).optional(),
    requestTimeoutMs: z.number().int().min(500).max(60_000).optional(),
  })
  .strict();

export function discoveryOverridesFromEnv(env: NodeJS.ProcessEnv): DiscoveryOverrides {
  const text = env.TERN_DISCOVERY;
  if (text === undefined || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('TERN_DISCOVERY is not valid JSON.');
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`TERN_DISCOVERY: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { hosts, ...rest } = parsed.data;
  return { ...rest, ...(hosts ? { lookup: fixedHosts(hosts) } : {}) };
}

/** Node's `lookup` option answering the listed names itself and the rest through the system. */
export function fixedHosts(hosts: Record<string, string>): LookupFunction {
  const table = new Map(Object.entries(hosts).map(([name, address]) => [name.toLowerCase().replace(/\.$/, ''), address]));
  return (hostname, options, callback) => {
    const address = table.get(hostname.toLowerCase().replace(/\.$/, ''));
    if (address === undefined) {
      dns.lookup(hostname, options, callback);
      return;
    }
    const family = address.includes(':') ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
