import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/servers/free-port';
import { countBySubject, killCli, relayCli, startCli, waitFor, type RunningCli } from './cli-test-kit';
import { runQueueCommand } from './queue-command';
import { message, startSink, submit, withTempDir, type Sink } from './test-kit';

// SIGTERM while clients are submitting and the relay is delivering: it stops taking mail,
// lets running deliveries record their results and exits 0; after a restart on the same
// spool every message that was answered 250 arrives exactly once, and nothing that was not
// answered 250 arrives at all.
describe('relay stopped with SIGTERM', () => {
  const children: RunningCli[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of children) await killCli(c);
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('loses nothing and sends nothing twice when stopped mid-submission and mid-delivery', async () => {
    const temp = await withTempDir();
    cleanups.push(temp.remove);
    const [port, sinkPort] = await Promise.all([freePort(), freePort()]);
    // 100 ms per message at the destination keeps deliveries in flight when the signal lands.
    const sink: Sink = await startSink('127.0.0.1', sinkPort, undefined, 100);
    cleanups.push(() => sink.close());
    const args = ['--listen', `127.0.0.1:${port}`, '--spool', temp.dir, '--smarthost', `127.0.0.1:${sinkPort}`, '--smarthost-insecure', '--hostname', 'relay.test'];
    const first = await startCli(args);
    children.push(first);

    const accepted = new Set<string>();
    let next = 0;
    async function submitter(): Promise<void> {
      for (;;) {
        const subject = `term${next++}`;
        let reply: string;
        try {
          reply = await submit(port, 'a@sender.test', ['r@dest.test'], message(subject));
        } catch {
          return; // The listener is gone: the relay is shutting down.
        }
        if (/^250 /.test(reply)) accepted.add(subject);
        else if (reply === '(closed)' || /^421 /.test(reply)) return;
      }
    }
    const submitters = Promise.all([submitter(), submitter(), submitter(), submitter()]);
    await waitFor(() => accepted.size >= 30 && sink.transactions.length >= 3, () => `only ${accepted.size} accepted, ${sink.transactions.length} delivered`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    await submitters;
    expect(first.output.join('')).toMatch(/stopped\n$/);
    const deliveredBeforeStop = countBySubject(sink, 'term');
    expect(deliveredBeforeStop.size).toBeLessThan(accepted.size);

    const second = await startCli(args);
    children.push(second);
    // The queue commands reach the restarted relay through its control socket (a line may
    // catch a message between its delivery and its removal).
    const { stdout } = await promisify(execFile)(process.execPath, [relayCli, 'queue', 'list', '--spool', temp.dir]);
    expect(stdout.split('\n').every((line) => line === '' || /^\S+\t<a@sender\.test>\t<r@dest\.test>\t(pending|delivered)\t/.test(line))).toBe(true);
    await waitFor(() => countBySubject(sink, 'term').size >= accepted.size, () => `delivered ${countBySubject(sink, 'term').size} of ${accepted.size}`);
    await expect.poll(() => runQueueCommand(temp.dir, { action: 'list' }), { timeout: 30_000 }).toBe('');

    const delivered = countBySubject(sink, 'term');
    expect([...delivered.keys()].filter((subject) => !accepted.has(subject))).toEqual([]);
    expect([...accepted].filter((subject) => delivered.get(subject) !== 1)).toEqual([]);
    await killCli(second, 'SIGTERM');
  }, 120_000);
});
