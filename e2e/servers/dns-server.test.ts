import { promises as dns } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from './dns-server';
import { freePort } from './free-port';

describe('test DNS server', () => {
  let server: DnsServer;
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });

  beforeAll(async () => {
    server = await startDnsServer(await freePort());
    server.zone.set('example.test', { mx: [{ preference: 10, exchange: 'mx1.example.test' }], a: ['127.0.0.9'] });
    server.zone.set('mx1.example.test', { a: ['127.0.0.2'], aaaa: ['::1'] });
    server.zone.set('null.test', { mx: [{ preference: 0, exchange: '.' }] });
    resolver.setServers([`127.0.0.1:${server.port}`]);
  });
  afterAll(async () => server.close());

  it('answers MX, A and AAAA from the table', async () => {
    expect(await resolver.resolveMx('example.test')).toEqual([{ priority: 10, exchange: 'mx1.example.test' }]);
    expect(await resolver.resolve4('mx1.example.test')).toEqual(['127.0.0.2']);
    expect(await resolver.resolve6('mx1.example.test')).toEqual(['::1']);
    expect(server.queries.get('example.test/MX')).toBe(1);
  });

  it('answers a null MX with an empty exchange', async () => {
    expect(await resolver.resolveMx('null.test')).toEqual([{ priority: 0, exchange: '' }]);
  });

  it('answers NXDOMAIN for unknown names and NODATA for missing types', async () => {
    await expect(resolver.resolveMx('nowhere.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolveMx('mx1.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('drops queries for names marked unreachable', async () => {
    server.dropped.add('example.test');
    const impatient = new dns.Resolver({ timeout: 200, tries: 1 });
    impatient.setServers([`127.0.0.1:${server.port}`]);
    await expect(impatient.resolveMx('example.test')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    server.dropped.delete('example.test');
  });
});
