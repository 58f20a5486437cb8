import { promises as dns, type MxRecord } from 'node:dns';

export interface MxHost {
  /** The host name (for TLS SNI and DSNs). */
  name: string;
  addresses: string[];
}

export type Route =
  | { kind: 'hosts'; hosts: MxHost[] }
  /** Permanent: the domain does not exist, has a null MX, or its MX hosts have no address. */
  | { kind: 'fail'; permanent: boolean; reason: string };

export type Shuffle = <T>(items: T[]) => T[];

function randomShuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function createResolver(servers?: string[]): dns.Resolver {
  const resolver = new dns.Resolver({ timeout: 5000, tries: 2 });
  if (servers && servers.length > 0) resolver.setServers(servers);
  return resolver;
}

/**
 * Finds where mail for `domain` goes (RFC 5321 §5.1): MX hosts by ascending preference,
 * equal preferences in random order to spread load; no MX record means the domain itself
 * is the implicit MX (its A/AAAA); a single MX of "." is a null MX (RFC 7505 §3), meaning
 * the domain accepts no mail at all, so the sender is told at once.
 */
export async function resolveRoute(resolver: dns.Resolver, domain: string, shuffle: Shuffle = randomShuffle): Promise<Route> {
  let records: MxRecord[];
  try {
    records = await resolver.resolveMx(domain);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND') return { kind: 'fail', permanent: true, reason: `Domain ${domain} does not exist (NXDOMAIN)` };
    if (code !== 'ENODATA') return { kind: 'fail', permanent: false, reason: `DNS lookup of ${domain} MX failed: ${code ?? String(error)}` };
    records = [];
  }
  if (records.some((r) => r.exchange === '' || r.exchange === '.')) {
    return { kind: 'fail', permanent: true, reason: `Domain ${domain} accepts no mail (null MX, RFC 7505)` };
  }
  if (records.length === 0) {
    const addresses = await addressesOf(resolver, domain);
    if (addresses.kind === 'fail') return addresses;
    if (addresses.list.length === 0) return { kind: 'fail', permanent: true, reason: `Domain ${domain} has no MX and no address record` };
    return { kind: 'hosts', hosts: [{ name: domain, addresses: addresses.list }] };
  }
  const byPreference = new Map<number, string[]>();
  for (const r of records) byPreference.set(r.priority, [...(byPreference.get(r.priority) ?? []), r.exchange]);
  const ordered = [...byPreference.keys()].sort((a, b) => a - b).flatMap((p) => shuffle(byPreference.get(p) ?? []));
  const hosts: MxHost[] = [];
  let temporary: string | undefined;
  for (const name of ordered) {
    const addresses = await addressesOf(resolver, name);
    if (addresses.kind === 'fail') temporary = addresses.reason;
    else if (addresses.list.length > 0) hosts.push({ name, addresses: addresses.list });
  }
  if (hosts.length > 0) return { kind: 'hosts', hosts };
  if (temporary) return { kind: 'fail', permanent: false, reason: temporary };
  return { kind: 'fail', permanent: true, reason: `No MX host of ${domain} has an address` };
}

async function addressesOf(resolver: dns.Resolver, name: string): Promise<{ kind: 'ok'; list: string[] } | { kind: 'fail'; permanent: false; reason: string }> {
  const list: string[] = [];
  let failure: string | undefined;
  for (const lookup of [() => resolver.resolve4(name), () => resolver.resolve6(name)]) {
    try {
      list.push(...(await lookup()));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENODATA' && code !== 'ENOTFOUND') failure = `DNS lookup of ${name} failed: ${code ?? String(error)}`;
    }
  }
  if (list.length === 0 && failure) return { kind: 'fail', permanent: false, reason: failure };
  return { kind: 'ok', list };
}
