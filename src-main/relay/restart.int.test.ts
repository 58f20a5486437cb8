import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../e2e/servers/dns-server';
import { freePort } from '../../e2e/servers/free-port';
import { countBySubject, killCli as kill, startCli, waitFor, type RunningCli as Running } from './cli-test-kit';
import { message, startSink, submit, withTempDir, type Sink } from './test-kit';

// The standalone relay (built by `npm test` / `electron-vite build` into out/main/relay.js)
// is killed with SIGKILL and restarted on the same spool: the queue on disk must carry
// every accepted message to the destination.
describe('relay killed with SIGKILL and restarted', () => {
  let dns: DnsServer;
  let sink: Sink;
  let mxPort: number;
  const children: Running[] = [];
  const temps: Array<{ remove(): Promise<void> }> = [];

  beforeAll(async () => {
    mxPort = await freePort();
    dns = await startDnsServer(await freePort());
    dns.zone.set('crash.test', { mx: [{ preference: 10, exchange: 'mx.crash.test' }] });
    dns.zone.set('mx.crash.test', { a: ['127.0.0.8'] });
    sink = await startSink('127.0.0.8', mxPort, undefined, 150);
  });
  afterAll(async () => {
    for (const c of children) await kill(c);
    await sink.close();
    await dns.close();
    for (const t of temps) await t.remove();
  });

  async function relayOn(spool: string, port: number): Promise<Running> {
    const running = await startCli(['--listen', `127.0.0.1:${port}`, '--spool', spool, '--dns', `127.0.0.1:${dns.port}`, '--mx-port', String(mxPort), '--hostname', 'relay.test']);
    children.push(running);
    return running;
  }

  it('delivers every message exactly once when killed after 250 and before delivery', async () => {
    const temp = await withTempDir();
    temps.push(temp);
    const port = await freePort();
    // DNS for the domain does not answer, so every delivery is stuck before it begins.
    dns.dropped.add('crash.test');
    const first = await relayOn(temp.dir, port);
    for (let i = 0; i < 10; i++) expect(await submit(port, 'a@sender.test', ['r@crash.test'], message(`before${i}`))).toMatch(/^250 /);
    await kill(first);
    dns.dropped.delete('crash.test');
    const second = await relayOn(temp.dir, port);
    await waitFor(() => countBySubject(sink, 'before').size === 10, () => `delivered ${countBySubject(sink, 'before').size} of 10`);
    await waitFor(() => (second.output.join('').match(/ done\n/g) ?? []).length >= 10, () => 'queue not emptied');
    expect([...countBySubject(sink, 'before').values()]).toEqual(Array<number>(10).fill(1));
    await kill(second);
  });

  it('loses nothing when killed in the middle of delivering', async () => {
    const temp = await withTempDir();
    temps.push(temp);
    const port = await freePort();
    const first = await relayOn(temp.dir, port);
    for (let i = 0; i < 20; i++) expect(await submit(port, 'a@sender.test', ['r@crash.test'], message(`during${i}`))).toMatch(/^250 /);
    // The sink takes 150 ms per message, so the kill lands with deliveries in flight.
    await waitFor(() => countBySubject(sink, 'during').size >= 3, () => 'no delivery started');
    await kill(first);
    await relayOn(temp.dir, port);
    await waitFor(() => countBySubject(sink, 'during').size === 20, () => `delivered ${countBySubject(sink, 'during').size} of 20`);
    const counts = [...countBySubject(sink, 'during').values()];
    // A message whose 250 arrived just before the kill, before the envelope was saved, is
    // sent again (RFC 5321 §6.1 accepts such duplicates); at most one per open connection.
    const duplicates = counts.reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(4);
  });
});
