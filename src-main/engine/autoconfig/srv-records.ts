/**
 * Server candidates from DNS SRV records (RFC 6186, with RFC 8314's `_submissions` for
 * implicit-TLS submission). Records of one service are ordered by priority, and by a
 * weighted random draw among equal priorities (RFC 2782). A target of "." means the
 * service is deliberately not offered (RFC 6186 §3.4); a target that is not a hostname, or
 * port 0, is hostile or broken and is skipped.
 */
import type { Security } from '../../../src-shared/model';
import type { MailProtocol, ServerCandidate } from './client-config';

export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

/** node:dns's `Resolver#resolveSrv`, or a stand-in in tests. */
export type ResolveSrv = (name: string) => Promise<SrvRecord[]>;

const services: ReadonlyArray<{ label: string; protocol: MailProtocol; security: Security }> = [
  { label: '_imaps._tcp', protocol: 'imap', security: 'tls' },
  { label: '_imap._tcp', protocol: 'imap', security: 'starttls' },
  { label: '_pop3s._tcp', protocol: 'pop3', security: 'tls' },
  { label: '_pop3._tcp', protocol: 'pop3', security: 'starttls' },
  { label: '_submissions._tcp', protocol: 'smtp', security: 'tls' },
  { label: '_submission._tcp', protocol: 'smtp', security: 'starttls' },
];

const hostnamePattern = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export interface SrvOutcome {
  candidates: ServerCandidate[];
  /** Records skipped as hostile or broken, said in words a user can pass on to the domain's admin. */
  problems: Array<{ source: string; message: string }>;
}

export async function srvCandidates(domain: string, email: string, resolveSrv: ResolveSrv, random: () => number = Math.random): Promise<SrvOutcome> {
  const lookups = services.map(async (service) => {
    const name = `${service.label}.${domain}`;
    const records = await resolveSrv(name).catch(() => []);
    const offered = records.filter((record) => record.name !== '.' && record.name !== '');
    const problems = offered.filter((record) => !usable(record)).map((record) => ({
      source: `DNS SRV ${name}`,
      message: `Skipped the SRV record of ${name} pointing at "${printable(record.name)}" port ${String(record.port)}: not a usable host name and port.`,
    }));
    const candidates = orderRecords(offered.filter(usable), random).map((record) => ({
      protocol: service.protocol,
      host: record.name.replace(/\.$/, '').toLowerCase(),
      port: record.port,
      security: service.security,
      // RFC 6186 §4: the full address is the first user name to try.
      username: email,
      source: `DNS SRV ${name}`,
    }));
    return { candidates, problems };
  });
  const outcomes = await Promise.all(lookups);
  return { candidates: outcomes.flatMap((o) => o.candidates), problems: outcomes.flatMap((o) => o.problems) };
}

/** A server-supplied name, shortened and with control characters made visible, for a message. */
function printable(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

function usable(record: SrvRecord): boolean {
  return hostnamePattern.test(record.name) && Number.isInteger(record.port) && record.port > 0 && record.port <= 65535;
}

/** RFC 2782: ascending priority; within one priority, a weighted random order. */
export function orderRecords(records: readonly SrvRecord[], random: () => number): SrvRecord[] {
  const byPriority = new Map<number, SrvRecord[]>();
  for (const record of records) byPriority.set(record.priority, [...(byPriority.get(record.priority) ?? []), record]);
  return [...byPriority.keys()].sort((a, b) => a - b).flatMap((priority) => weightedOrder(byPriority.get(priority)!, random));
}

function weightedOrder(records: readonly SrvRecord[], random: () => number): SrvRecord[] {
  const left = [...records];
  const ordered: SrvRecord[] = [];
  while (left.length > 0) {
    const total = left.reduce((sum, r) => sum + Math.max(0, r.weight), 0);
    let pick = random() * total;
    let index = left.findIndex((r) => (pick -= Math.max(0, r.weight)) < 0);
    if (index === -1) index = 0; // all weights zero: take them in the order given
    ordered.push(...left.splice(index, 1));
  }
  return ordered;
}
