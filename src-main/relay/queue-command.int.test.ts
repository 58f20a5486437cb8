import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/servers/free-port';
import { controlSocketPath, sendControl } from './control';
import { runQueueCommand } from './queue-command';
import { startRelay, type Relay } from './relay';
import { acquireSpoolLock, lockPath } from './spool-lock';
import { message, startReceivingRelay, startSink, submit, withTempDir, type Sink } from './test-kit';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempSpool(): Promise<string> {
  const temp = await withTempDir();
  cleanups.push(temp.remove);
  return temp.dir;
}

async function until(what: string, probe: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sends raw bytes to the control socket, as a confused or hostile local program might. */
function rawControl(spool: string, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(spool));
    let reply = '';
    socket.setEncoding('utf8').on('data', (d: string) => (reply += d));
    socket.on('end', () => resolve(reply)).on('error', reject);
    socket.write(bytes);
  });
}

const idsIn = (listing: string): string[] => [...new Set(listing.trim().split('\n').filter(Boolean).map((line) => line.split('\t')[0]!))];

describe('queue commands (list, flush, delete)', () => {
  it('reach a running relay over its 0600 control socket, and work on the spool under the lock when none runs', async () => {
    const spool = await tempSpool();
    const relay = await startReceivingRelay(spool);
    let running: Relay | null = relay;
    cleanups.push(async () => void (await running?.stop()));
    expect(statSync(controlSocketPath(spool)).mode & 0o777).toBe(0o600);
    await submit(relay.port, 'a@sender.test', ['b@example.test'], message('first'));
    await submit(relay.port, 'a@sender.test', ['c@example.test', 'd@example.test'], message('second'));
    // The smarthost has no listener: both are deferred with the connection failure as reason.
    await until('both deferred', () => relay.queue.list().every((e) => e.recipients.every((r) => r.attempts === 1)));

    const listing = await runQueueCommand(spool, { action: 'list' });
    const lines = listing.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/\t<a@sender\.test>\t<c@example\.test>\tpending\t1\t\d{4}-\d\d-\d\dT[^\t]+\t.*ECONNREFUSED/);
    const [first, second] = idsIn(listing);

    expect(await runQueueCommand(spool, { action: 'delete', id: first! })).toBe(`${first}: deleted\n`);
    expect(relay.queue.list().map((e) => e.id)).toEqual([second]);
    expect((await readdir(join(spool, 'queue'))).sort()).toEqual([`${second}.eml`, `${second}.json`]);
    expect(await runQueueCommand(spool, { action: 'delete', id: first! })).toBe(`${first}: not in the queue\n`);
    await expect(runQueueCommand(spool, { action: 'delete', id: '../../etc/passwd' })).rejects.toThrow(/not a queue id/);
    expect(await sendControl(spool, { command: 'delete', id: 'x' } as never)).toEqual({ ok: false, error: 'malformed request' });
    expect(await rawControl(spool, 'not json\n')).toBe('{"ok":false,"error":"malformed request"}\n');
    expect(await rawControl(spool, 'x'.repeat(5000))).toBe('{"ok":false,"error":"malformed request"}\n');

    await relay.stop();
    running = null;
    expect(existsSync(lockPath(spool))).toBe(false);
    // No relay: the same commands work on the files.
    expect(idsIn(await runQueueCommand(spool, { action: 'list' }))).toEqual([second]);
    expect(await runQueueCommand(spool, { action: 'flush' })).toMatch(/1 message\(s\) will be tried as soon as it starts/);
    expect(await runQueueCommand(spool, { action: 'delete', id: second! })).toBe(`${second}: deleted\n`);
    expect(await runQueueCommand(spool, { action: 'list' })).toBe('');
    expect(existsSync(lockPath(spool))).toBe(false);

    // While a queue command (here: this test) holds the lock, a relay cannot take the spool.
    const lock = await acquireSpoolLock(spool);
    await expect(startRelay({ spool, listenPort: await freePort() })).rejects.toThrow(/in use by process/);
    await lock.release();
  }, 60_000);

  it('flush delivers deferred mail now; delete waits out a delivery in progress and leaves nothing behind', async () => {
    const spool = await tempSpool();
    const smarthostPort = await freePort();
    const relay = await startRelay({ spool, listenPort: await freePort(), smarthost: { host: '127.0.0.1', port: smarthostPort, secure: false, insecure: true }, retrySchedule: [3_600_000] });
    cleanups.push(() => relay.stop());
    await submit(relay.port, 'a@sender.test', ['b@example.test'], message('deferred'));
    await until('the deferral', () => relay.queue.list()[0]?.recipients[0]?.attempts === 1);

    // The destination comes up, but answers each message only after a pause.
    const sink: Sink = await startSink('127.0.0.1', smarthostPort, undefined, 1500);
    cleanups.push(() => sink.close());
    expect(await runQueueCommand(spool, { action: 'flush' })).toMatch(/flush requested/);
    await until('the flushed delivery', () => sink.transactions.length === 1 && relay.queue.list().length === 0);

    await submit(relay.port, 'a@sender.test', ['late@example.test'], message('deleted-mid-delivery'));
    const id = relay.queue.list()[0]!.id;
    // The sink has the data but has not answered yet: the delivery is in flight.
    await until('the delivery to start', () => sink.transactions.length === 2);
    expect(await runQueueCommand(spool, { action: 'delete', id })).toBe(`${id}: deleted\n`);
    expect(relay.queue.list()).toEqual([]);
    // The finished attempt neither rewrote the envelope nor queued a report.
    expect((await readdir(join(spool, 'queue'))).filter((n) => !n.startsWith('.tmp-'))).toEqual([]);
  }, 60_000);
});
