import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { startDnsServer } from '../../e2e/servers/dns-server';
import { freePort } from '../../e2e/servers/free-port';
import { defaultRelaySettings, type RelayQueuedMessage, type RelaySettings, type RelayStatus } from '../../src-shared/relay-settings';
import { createMemorySecrets } from '../engine/testing/memory-secrets';
import { message, submit, withTempDir } from '../relay/test-kit';
import { createRelayRunner, smarthostSecretKey, type RelayRunner } from './relay-runner';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(what: string, probe: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function runner(profileDir: string, secrets = createMemorySecrets()) {
  const statuses: RelayStatus[] = [];
  const queues: RelayQueuedMessage[][] = [];
  const logs: string[] = [];
  const r: RelayRunner = createRelayRunner({ profileDir, secrets, publishStatus: (s) => statuses.push(s), publishQueue: (q) => queues.push(q), log: (line) => logs.push(line) });
  cleanups.push(() => r.close());
  return { runner: r, statuses, queues, secrets, logs, lastQueue: () => queues[queues.length - 1] ?? [] };
}

/** A smarthost that insists on AUTH (plaintext is allowed: it is on loopback) and records who sent what. */
async function startAuthSink(port: number): Promise<{ received: Array<{ user: string; data: string }>; close(): Promise<void> }> {
  const received: Array<{ user: string; data: string }> = [];
  const server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'relay-user' && auth.password === 's3cret') return cb(null, { user: auth.username });
      cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ user: String(session.user), data: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const portIsOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('the host runs the embedded relay', () => {
  it('is off by default, starts when turned on, keeps its queue and state across restarts, and delivers through an authenticated smarthost on flush', async () => {
    const temp = await withTempDir();
    cleanups.push(temp.remove);
    const first = runner(temp.dir);
    const fresh = await first.runner.overview();
    expect(fresh.settings).toEqual(defaultRelaySettings);
    expect(fresh.status.state).toBe('off');
    expect(first.runner.address()).toBeNull();

    const listenPort = await freePort();
    const smarthostPort = await freePort();
    const settings: RelaySettings = { ...defaultRelaySettings, enabled: true, listenPort, mode: 'smarthost', smarthostUrl: `smtp://127.0.0.1:${smarthostPort}`, smarthostUser: 'relay-user' };
    await first.runner.configure(settings, 's3cret');
    expect(first.statuses.map((s) => s.state)).toEqual(['off', 'starting', 'running']);
    expect(first.runner.address()).toEqual({ host: '127.0.0.1', port: listenPort });
    // The password is in the secret store, not in the settings file.
    expect(first.secrets.secrets.get(smarthostSecretKey)).toBe('s3cret');
    expect(await readFile(join(temp.dir, 'relay', 'settings.json'), 'utf8')).not.toContain('s3cret');

    expect(await submit(listenPort, 'alice@example.org', ['bob@example.net'], message('kept'))).toMatch(/^250/);
    await until('a deferral in the queue event', () => first.lastQueue()[0]?.recipients[0]?.attempts === 1);
    expect(first.lastQueue()[0]!.recipients[0]!.lastError).toMatch(/ECONNREFUSED/);
    await first.runner.close();
    expect(await portIsOpen(listenPort)).toBe(false);

    // The app starts again: the relay is on again and the message still queued.
    const second = runner(temp.dir, first.secrets);
    const resumed = await second.runner.overview();
    expect(resumed.status).toEqual({ state: 'running', address: { host: '127.0.0.1', port: listenPort }, error: null });
    expect(resumed.smarthostPasswordSaved).toBe(true);
    expect(resumed.queue.map((m) => m.from)).toEqual(['alice@example.org']);

    const smarthost = await startAuthSink(smarthostPort);
    cleanups.push(() => smarthost.close());
    await second.runner.flush();
    await until('delivery through the smarthost', () => smarthost.received.length === 1 && second.lastQueue().length === 0);
    expect(smarthost.received[0]!.user).toBe('relay-user');
    expect(smarthost.received[0]!.data).toContain('Subject: kept');

    await second.runner.configure({ ...settings, enabled: false });
    expect(second.runner.address()).toBeNull();
    expect(await portIsOpen(listenPort)).toBe(false);
    await expect(second.runner.flush()).rejects.toThrow(/relay is off/);
  }, 60_000);

  it('looks up MX records through the DNS server the settings name (direct mode)', async () => {
    const temp = await withTempDir();
    cleanups.push(temp.remove);
    const dns = await startDnsServer(await freePort());
    cleanups.push(() => dns.close());
    // Names only this DNS server knows: both domains accept no mail (RFC 7505 null MX).
    dns.zone.set('nomail.test', { mx: [{ preference: 0, exchange: '.' }] });
    dns.zone.set('sender.test', { mx: [{ preference: 0, exchange: '.' }] });
    const { runner: r, logs, lastQueue } = runner(temp.dir);
    const listenPort = await freePort();
    await r.configure({ ...defaultRelaySettings, enabled: true, listenPort, dnsServer: `127.0.0.1:${dns.port}` });
    expect(await submit(listenPort, 'a@sender.test', ['b@nomail.test'], message('nowhere'))).toMatch(/^250/);
    await until('the failure and its bounce', () => logs.some((l) => l.includes('<b@nomail.test> failed: Domain nomail.test accepts no mail (null MX')) && logs.some((l) => / done$/.test(l)));
    await until('an empty queue', () => lastQueue().length === 0 && logs.filter((l) => / done$/.test(l)).length === 2);
  }, 30_000);

  it('reports a listen port already taken as a failed start, with the reason', async () => {
    const temp = await withTempDir();
    cleanups.push(temp.remove);
    const taken = await freePort();
    const other = await startAuthSink(taken);
    cleanups.push(() => other.close());
    const { runner: r } = runner(temp.dir);
    await r.configure({ ...defaultRelaySettings, enabled: true, listenPort: taken });
    const { status } = await r.overview();
    expect(status.state).toBe('failed');
    expect(status.error).toBe(`127.0.0.1:${taken} is already in use by another program; choose another port.`);
    expect(r.address()).toBeNull();
  }, 30_000);
});
