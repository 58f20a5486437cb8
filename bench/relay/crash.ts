/**
 * Zero loss under SIGKILL: N messages of 10 KB, three recipients over two domains, are
 * submitted by 20 concurrent sessions to the standalone relay (fsync on) while it delivers
 * to two recording SMTP sinks (MX hosts on 127.0.0.2 and 127.0.0.3); the relay is killed
 * with SIGKILL half-way through the submissions, restarted on the same spool, the rest is
 * submitted and the queue drained. Every message answered 250 must reach both domains;
 * counts what arrived, what was lost and what came twice. Run with bench/relay/run.sh crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDnsServer } from '../../e2e/servers/dns-server';
import { freePort } from '../../e2e/servers/free-port';
import { startSink, submit, type Sink } from '../../src-main/relay/test-kit';

const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const SESSIONS = 20;
const ROOT = resolve(process.argv[2] ?? '.');
const BODY = 'x'.repeat(76).concat('\r\n').repeat(130);

async function main(): Promise<void> {
  const mxPort = await freePort();
  const dns = await startDnsServer(await freePort());
  dns.zone.set('d1.test', { mx: [{ preference: 10, exchange: 'mx.d1.test' }] });
  dns.zone.set('mx.d1.test', { a: ['127.0.0.2'] });
  dns.zone.set('d2.test', { mx: [{ preference: 10, exchange: 'mx.d2.test' }] });
  dns.zone.set('mx.d2.test', { a: ['127.0.0.3'] });
  const sinks = await Promise.all(['127.0.0.2', '127.0.0.3'].map((ip) => startSink(ip, mxPort)));
  const spool = await mkdtemp(join(tmpdir(), 'tern-relay-crash-'));
  const port = await freePort();
  const args = [join(ROOT, process.env.TERN_BUILD_DIR ?? 'out', 'main/relay.js'), '--listen', `127.0.0.1:${port}`, '--spool', spool, '--dns', `127.0.0.1:${dns.port}`, '--mx-port', String(mxPort)];
  const accepted = new Set<string>();
  let next = 0;
  let refused = 0;

  async function submitter(until: number): Promise<void> {
    while (next < until) {
      const subject = `crash${next++}`;
      const data = `From: bench@sender.test\r\nTo: r@d1.test\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@sender.test>\r\n\r\n${BODY}`;
      const reply = await submit(port, 'bench@sender.test', ['r1@d1.test', 'r2@d1.test', 'r3@d2.test'], data).catch(() => 'no connection');
      if (/^250 /.test(reply)) accepted.add(subject);
      else refused += 1;
    }
  }

  let relay = await startRelayProcess(args);
  const firstHalf = Promise.all(Array.from({ length: SESSIONS }, () => submitter(MESSAGES)));
  while (next < MESSAGES / 2) await pause(5);
  relay.kill('SIGKILL');
  await firstHalf;
  const acceptedBeforeKill = accepted.size;
  relay = await startRelayProcess(args);
  // Submissions refused while the relay was down are not retried: only 250s count.
  const total = MESSAGES + refused;
  await Promise.all(Array.from({ length: SESSIONS }, () => submitter(total)));
  while ((await readdir(join(spool, 'queue'))).some((n) => n.endsWith('.json'))) await pause(50);
  relay.kill('SIGTERM');
  await dns.close();
  for (const sink of sinks) await sink.close();
  await rm(spool, { recursive: true, force: true });

  const [d1, d2] = sinks.map(countBySubject) as [Map<string, number>, Map<string, number>];
  const lost = [...accepted].filter((s) => !d1.has(s) || !d2.has(s)).length;
  const duplicates = [...d1.values(), ...d2.values()].reduce((sum, n) => sum + n - 1, 0);
  const unacknowledged = new Set([...d1.keys(), ...d2.keys()].filter((s) => !accepted.has(s))).size;
  const table = [
    '| submitted | answered 250 (before the kill) | delivered to both domains | lost | duplicate transactions | delivered without a 250 |',
    '|---|---|---|---|---|---|',
    `| ${next} | ${accepted.size} (${acceptedBeforeKill}) | ${[...accepted].filter((s) => d1.has(s) && d2.has(s)).length} | ${lost} | ${duplicates} | ${unacknowledged} |`,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  await writeFile(
    join(ROOT, 'bench/relay/RESULTS-crash.md'),
    [
      '# Relay crash benchmark',
      '',
      `${new Date().toISOString()}, \`bench/relay/run.sh crash\` (MESSAGES=${MESSAGES}): ${SESSIONS} sessions submit 10 KB messages with three`,
      'recipients over two domains; the relay is killed with SIGKILL half-way, restarted on the same spool, and drained.',
      '',
      table,
      '',
    ].join('\n'),
  );
  if (lost > 0) process.exitCode = 1;
}

function countBySubject(sink: Sink): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of sink.transactions) {
    const subject = /^Subject: (\S+)/m.exec(t.data)?.[1];
    if (subject) counts.set(subject, (counts.get(subject) ?? 0) + 1);
  }
  return counts;
}

async function startRelayProcess(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      // Read on after start-up too, so the relay never blocks on a full pipe.
      if (seen.includes('listening on')) return;
      seen += d;
      if (seen.includes('listening on')) resolve();
    });
    child.once('exit', () => reject(new Error(`relay exited at start: ${seen}`)));
  });
  return child;
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

await main();
