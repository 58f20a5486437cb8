import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../e2e/servers/dns-server';
import { freePort } from '../../e2e/servers/free-port';
import { createResolver, resolveRoute } from './mx';

describe('MX resolution (RFC 5321 §5.1, RFC 7505)', () => {
  let dns: DnsServer;
  let resolver: ReturnType<typeof createResolver>;

  beforeAll(async () => {
    dns = await startDnsServer(await freePort());
    resolver = createResolver([`127.0.0.1:${dns.port}`]);
    const z = dns.zone;
    z.set('many.test', { mx: [30, 10, 10, 20].map((p, i) => ({ preference: p, exchange: `mx${i}.many.test` })) });
    for (const i of [0, 1, 2, 3]) z.set(`mx${i}.many.test`, { a: [`127.0.1.${i}`] });
    z.set('dual.test', { a: ['127.0.0.2'], aaaa: ['::1'] });
    z.set('null.test', { mx: [{ preference: 0, exchange: '.' }] });
    z.set('noaddr.test', { mx: [{ preference: 10, exchange: 'gone.noaddr.test' }] });
  });
  afterAll(async () => dns.close());

  it('orders hosts by preference and shuffles only equal preferences', async () => {
    const reversed = <T>(items: T[]): T[] => [...items].reverse();
    const route = await resolveRoute(resolver, 'many.test', reversed);
    expect(route).toEqual({
      kind: 'hosts',
      hosts: [
        { name: 'mx2.many.test', addresses: ['127.0.1.2'] },
        { name: 'mx1.many.test', addresses: ['127.0.1.1'] },
        { name: 'mx3.many.test', addresses: ['127.0.1.3'] },
        { name: 'mx0.many.test', addresses: ['127.0.1.0'] },
      ],
    });
  });

  it('uses the domain itself (A and AAAA) when there is no MX', async () => {
    expect(await resolveRoute(resolver, 'dual.test')).toEqual({ kind: 'hosts', hosts: [{ name: 'dual.test', addresses: ['127.0.0.2', '::1'] }] });
  });

  it('fails permanently for a null MX, a missing domain and MX hosts without addresses', async () => {
    expect(await resolveRoute(resolver, 'null.test')).toMatchObject({ kind: 'fail', permanent: true, reason: expect.stringContaining('null MX') });
    expect(await resolveRoute(resolver, 'missing.test')).toMatchObject({ kind: 'fail', permanent: true, reason: expect.stringContaining('NXDOMAIN') });
    expect(await resolveRoute(resolver, 'noaddr.test')).toMatchObject({ kind: 'fail', permanent: true });
  });

  it('fails temporarily when DNS does not answer', async () => {
    dns.dropped.add('many.test');
    const impatient = createResolver([`127.0.0.1:${dns.port}`]);
    expect(await resolveRoute(impatient, 'many.test')).toMatchObject({ kind: 'fail', permanent: false });
    dns.dropped.delete('many.test');
  }, 60_000);
});
