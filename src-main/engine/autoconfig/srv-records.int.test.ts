// SRV discovery through node's real resolver, pointed at the loopback DNS server of the
// test kit (only loopback is reachable, and users with split DNS need the same option).
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../e2e/servers/dns-server';
import { freePort } from '../../../e2e/servers/free-port';
import { srvCandidates } from './srv-records';

let dns: DnsServer;
const resolver = new Resolver({ timeout: 2_000, tries: 1 });

beforeAll(async () => {
  dns = await startDnsServer(await freePort());
  dns.zone.set('_imaps._tcp.srv.test', { srv: [{ priority: 10, weight: 0, port: 993, target: 'mail.srv.test' }] });
  dns.zone.set('_submission._tcp.srv.test', { srv: [{ priority: 0, weight: 1, port: 587, target: 'smtp.srv.test' }] });
  dns.zone.set('_pop3._tcp.srv.test', { srv: [{ priority: 0, weight: 0, port: 0, target: '.' }] });
  resolver.setServers([`127.0.0.1:${dns.port}`]);
});
afterAll(() => dns?.close());

describe('SRV discovery over DNS', () => {
  it('finds the services a domain publishes, and nothing for the ones it declines or lacks', async () => {
    const found = await srvCandidates('srv.test', 'zoe@srv.test', (name) => resolver.resolveSrv(name));
    expect(found.candidates.map((c) => `${c.protocol} ${c.security} ${c.host}:${c.port}`)).toEqual(['imap tls mail.srv.test:993', 'smtp starttls smtp.srv.test:587']);
    expect(dns.queries.get('_pop3s._tcp.srv.test/SRV')).toBe(1);
  });
});
