import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/servers/free-port';
import { startDnsServer, type DnsServer } from '../../e2e/servers/dns-server';
import { startRelay, type Relay } from './relay';
import { FakeClock, message, startSink, submit, withTempDir, type Sink } from './test-kit';

const MINUTE = 60_000;

// Destination MX hosts are smtp-server sinks on distinct loopback addresses, all on one
// high port (the relay's mxPort); a test DNS server maps the test domains onto them.
describe('relay delivery to MX hosts', () => {
  let dns: DnsServer;
  let relay: Relay;
  let temp: Awaited<ReturnType<typeof withTempDir>>;
  let mxPort: number;
  const clock = new FakeClock();
  const sinks: Sink[] = [];
  let primary: Sink, secondary: Sink, picky: Sink, senderMx: Sink;
  const deferredOnce = new Set<string>();

  beforeAll(async () => {
    mxPort = await freePort();
    dns = await startDnsServer(await freePort());
    const z = dns.zone;
    z.set('example.test', { mx: [{ preference: 20, exchange: 'mx2.example.test' }, { preference: 10, exchange: 'mx1.example.test' }] });
    z.set('mx1.example.test', { a: ['127.0.0.2'] });
    z.set('mx2.example.test', { a: ['127.0.0.3'] });
    z.set('implicit.test', { a: ['127.0.0.3'] });
    z.set('fallback.test', { mx: [{ preference: 5, exchange: 'dead.fallback.test' }, { preference: 50, exchange: 'mx2.example.test' }] });
    z.set('dead.fallback.test', { a: ['127.0.0.4'] });
    z.set('null.test', { mx: [{ preference: 0, exchange: '.' }] });
    z.set('picky.test', { mx: [{ preference: 10, exchange: 'mx.picky.test' }] });
    z.set('mx.picky.test', { a: ['127.0.0.5'] });
    z.set('sender.test', { mx: [{ preference: 10, exchange: 'mx.sender.test' }] });
    z.set('mx.sender.test', { a: ['127.0.0.6'] });
    z.set('late.test', { mx: [{ preference: 10, exchange: 'mx.late.test' }] });
    z.set('mx.late.test', { a: ['127.0.0.7'] });
    primary = await startSink('127.0.0.2', mxPort);
    secondary = await startSink('127.0.0.3', mxPort);
    picky = await startSink('127.0.0.5', mxPort, (address) => {
      if (address.startsWith('no@')) return { code: 550, text: '<no@picky.test>: Recipient address rejected: User unknown' };
      if (address.startsWith('always@')) return { code: 451, text: 'Try again later' };
      if (address.startsWith('later@') && !deferredOnce.has(address)) {
        deferredOnce.add(address);
        return { code: 451, text: 'Greylisted, come back later' };
      }
      return undefined;
    });
    senderMx = await startSink('127.0.0.6', mxPort);
    sinks.push(primary, secondary, picky, senderMx);
    temp = await withTempDir();
    relay = await startRelay({
      spool: temp.dir,
      listenPort: await freePort(),
      hostname: 'relay.test',
      dnsServers: [`127.0.0.1:${dns.port}`],
      mxPort,
      clock,
      connectTimeout: 10_000,
      maxQueueAge: 3 * 60 * MINUTE,
      warnAfter: 30 * MINUTE,
    });
  });

  afterAll(async () => {
    await relay.stop();
    for (const sink of sinks) await sink.close();
    await dns.close();
    await temp.remove();
  });

  const bouncesAbout = (needle: string) => senderMx.transactions.filter((t) => t.data.includes(needle));

  it('sends recipients at one domain in one transaction to the most preferred MX, and uses implicit MX', async () => {
    expect(await submit(relay.port, 'a@sender.test', ['a@example.test', 'b@example.test', 'c@implicit.test'], message('pref'))).toMatch(/^250 /);
    await relay.queue.drain();
    const first = primary.transactions.filter((t) => t.data.includes('Subject: pref'));
    expect(first.map((t) => t.to)).toEqual([['a@example.test', 'b@example.test']]);
    expect(secondary.transactions.filter((t) => t.data.includes('Subject: pref')).map((t) => t.to)).toEqual([['c@implicit.test']]);
    expect(first[0]?.data).toMatch(/^Received: from client\.test/);
    expect(relay.queue.list()).toEqual([]);
  });

  it('falls back to the next MX when the first refuses connections', async () => {
    await submit(relay.port, 'a@sender.test', ['d@fallback.test'], message('fallback'));
    await relay.queue.drain();
    expect(secondary.transactions.filter((t) => t.data.includes('Subject: fallback')).map((t) => t.to)).toEqual([['d@fallback.test']]);
  });

  it('bounces a null MX domain at once with an RFC 3464 report', async () => {
    await submit(relay.port, 'a@sender.test', ['x@null.test'], message('nullmx'));
    await relay.queue.drain();
    const [bounce] = bouncesAbout('Subject: nullmx');
    expect(bounce?.from).toBe('');
    expect(bounce?.to).toEqual(['a@sender.test']);
    expect(bounce?.data).toMatch(/Content-Type: multipart\/report; report-type=delivery-status/);
    expect(bounce?.data).toContain('Final-Recipient: rfc822; x@null.test');
    expect(bounce?.data).toContain('Action: failed');
    expect(bounce?.data).toContain('null MX, RFC 7505');
  });

  it("bounces a 5xx with the server's words, threaded to the original, and never bounces a bounce", async () => {
    await submit(relay.port, 'a@sender.test', ['no@picky.test', 'yes@picky.test'], message('fivexx'));
    await submit(relay.port, '', ['no@picky.test'], message('nullsender'));
    await relay.queue.drain();
    expect(picky.transactions.filter((t) => t.data.includes('Subject: fivexx')).map((t) => t.to)).toEqual([['yes@picky.test']]);
    const [bounce] = bouncesAbout('Subject: fivexx');
    expect(bounce?.data).toContain('In-Reply-To: <fivexx@sender.test>');
    expect(bounce?.data).toMatch(/Status: 5\.\d\.\d/);
    expect(bounce?.data).toContain('Remote-MTA: dns; mx.picky.test');
    expect(bounce?.data).toMatch(/Diagnostic-Code: smtp; 550 5\.\d\.\d <no@picky\.test>: Recipient address rejected: User unknown/);
    expect(bounce?.data).not.toContain('yes@picky.test>:');
    expect(bouncesAbout('Subject: nullsender')).toEqual([]);
    expect(relay.queue.list()).toEqual([]);
  });

  it('schedules a retry after a 4xx and delivers on flush', async () => {
    await submit(relay.port, 'a@sender.test', ['later@picky.test'], message('greylist'));
    await relay.queue.drain();
    const pending = relay.queue.list().find((e) => e.recipients[0]?.address === 'later@picky.test');
    expect(pending?.recipients[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('Greylisted') });
    expect(pending?.recipients[0]?.nextAttemptAt).toBe(clock.now() + MINUTE);
    // A flush makes it due at once, without waiting for the schedule.
    await relay.queue.flush();
    await relay.queue.drain();
    expect(picky.transactions.filter((t) => t.data.includes('Subject: greylist')).map((t) => t.to)).toEqual([['later@picky.test']]);
    expect(relay.queue.list()).toEqual([]);
  });

  it('reuses one connection for several queued messages to one host after the host comes back', async () => {
    for (const n of [1, 2, 3]) await submit(relay.port, 'a@sender.test', [`u${n}@late.test`], message(`late${n}`));
    await relay.queue.drain();
    expect(relay.queue.list().filter((e) => e.recipients[0]?.address.endsWith('@late.test'))).toHaveLength(3);
    const late = await startSink('127.0.0.7', mxPort);
    sinks.push(late);
    clock.advance(MINUTE);
    await relay.queue.drain();
    expect(late.transactions.map((t) => t.to[0]).sort()).toEqual(['u1@late.test', 'u2@late.test', 'u3@late.test']);
    expect(late.connections).toBe(1);
  });

  it('fails a message whose spool file is damaged without stopping the others', async () => {
    const { rm } = await import('node:fs/promises');
    // Queue two messages while the destination's DNS is silent, then damage one on disk.
    dns.dropped.add('example.test');
    await submit(relay.port, 'a@sender.test', ['e@example.test'], message('damaged'));
    await submit(relay.port, 'a@sender.test', ['f@example.test'], message('intact'));
    await relay.queue.drain();
    dns.dropped.delete('example.test');
    const damaged = relay.queue.list().find((e) => e.recipients[0]?.address === 'e@example.test');
    await rm(`${temp.dir}/queue/${damaged?.id ?? ''}.eml`);
    clock.advance(MINUTE);
    await relay.queue.drain();
    expect(primary.transactions.filter((t) => t.data.includes('Subject: intact'))).toHaveLength(1);
    expect(relay.queue.list().filter((e) => e.recipients[0]?.address.match(/^[ef]@example/))).toEqual([]);
    expect(bouncesAbout('Final-Recipient: rfc822; e@example.test')[0]?.data).toContain('queued message unreadable');
  });

  it('warns once after the delay and gives up after the maximum age with a 4.4.7 bounce', async () => {
    await submit(relay.port, 'a@sender.test', ['always@picky.test'], message('giveup'));
    await relay.queue.drain();
    for (let i = 0; i < 20 && relay.queue.list().some((e) => e.recipients[0]?.address === 'always@picky.test'); i++) {
      clock.advance(60 * MINUTE);
      await relay.queue.drain();
    }
    const reports = bouncesAbout('Subject: giveup');
    expect(reports.filter((r) => r.data.includes('Action: delayed'))).toHaveLength(1);
    const failed = reports.filter((r) => r.data.includes('Action: failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.data).toContain('Status: 4.4.7');
    expect(failed[0]?.data).toContain('Try again later');
  });
});
