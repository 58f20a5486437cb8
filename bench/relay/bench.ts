/**
 * Relay throughput: N messages of 10 KB, three recipients each, split over two domains whose
 * MX hosts are Postfix `smtp-sink`s on 127.0.0.2 and 127.0.0.3, submitted by `smtp-source`
 * with 20 sessions (with and without connection reuse). Measures messages accepted per
 * second (submission done) and delivered end to end (queue empty), for Tern's relay
 * (fsync on) and, when Postfix can run here, a private Postfix instance on loopback.
 * Run with bench/relay/run.sh; prints a table and writes bench/relay/RESULTS.md.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startDnsServer } from '../../e2e/servers/dns-server';
import { freePort } from '../../e2e/servers/free-port';
import { startPostfix } from '../../e2e/servers/postfix';

const run = promisify(execFile);
const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const SESSIONS = 20;
const ROOT = resolve(process.argv[2] ?? '.');
// smtp-sink refuses to keep root privileges.
const asRoot = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];

interface Row {
  target: string;
  reuse: boolean;
  accepted: number;
  delivered: number | undefined;
}

async function main(): Promise<void> {
  const mxPort = await freePort();
  const dns = await startDnsServer(await freePort());
  dns.zone.set('d1.test', { mx: [{ preference: 10, exchange: 'mx.d1.test' }] });
  dns.zone.set('mx.d1.test', { a: ['127.0.0.2'] });
  dns.zone.set('d2.test', { mx: [{ preference: 10, exchange: 'mx.d2.test' }] });
  dns.zone.set('mx.d2.test', { a: ['127.0.0.3'] });
  const sinks = ['127.0.0.2', '127.0.0.3'].map((ip) => spawn('smtp-sink', [...asRoot, `${ip}:${mxPort}`, '256'], { stdio: 'inherit' }));
  const rows: Row[] = [];
  try {
    await pause(300);
    for (const reuse of [true, false]) rows.push({ target: 'smtp-sink directly (no queue)', reuse, accepted: await submitAll(`127.0.0.2:${mxPort}`, reuse), delivered: undefined });
    for (const reuse of [true, false]) rows.push(await benchTern(dns.port, mxPort, reuse));
    for (const reuse of [true, false]) {
      const row = await benchPostfix(mxPort, reuse);
      if (row) rows.push(row);
    }
  } finally {
    for (const s of sinks) s.kill();
    await dns.close();
  }
  await report(rows);
}

/** Submits MESSAGES messages, half to each domain, 3 recipients each; returns messages/s. */
async function submitAll(server: string, reuse: boolean): Promise<number> {
  const half = Math.ceil(MESSAGES / 2);
  const started = performance.now();
  await Promise.all(
    ['d1.test', 'd2.test'].map((domain) =>
      run('smtp-source', [...(reuse ? ['-d'] : []), '-s', String(SESSIONS / 2), '-m', String(half), '-l', '10240', '-r', '3', '-f', 'bench@sender.test', '-t', `rcpt@${domain}`, server], { maxBuffer: 1 << 24 }),
    ),
  );
  return (2 * half) / ((performance.now() - started) / 1000);
}

async function benchTern(dnsPort: number, mxPort: number, reuse: boolean): Promise<Row> {
  const spool = await mkdtemp(join(tmpdir(), 'tern-relay-bench-'));
  const port = await freePort();
  const relay = spawn(process.execPath, [join(ROOT, 'out/main/relay.js'), '--listen', `127.0.0.1:${port}`, '--spool', spool, '--dns', `127.0.0.1:${dnsPort}`, '--mx-port', String(mxPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await waitForOutput(relay, 'listening on');
    const started = performance.now();
    const accepted = await submitAll(`127.0.0.1:${port}`, reuse);
    await waitUntil(async () => (await readdir(join(spool, 'queue'))).every((n) => !n.endsWith('.json')));
    const delivered = MESSAGES / ((performance.now() - started) / 1000);
    return { target: 'Tern relay (fsync)', reuse, accepted, delivered };
  } finally {
    relay.kill('SIGTERM');
    await rm(spool, { recursive: true, force: true });
  }
}

async function benchPostfix(mxPort: number, reuse: boolean): Promise<Row | undefined> {
  // Relays d1.test and d2.test to the sinks through transport_maps (no DNS).
  const routing = [
    'mynetworks = 127.0.0.0/8',
    'smtpd_relay_restrictions = permit_mynetworks, reject',
    `transport_maps = inline:{ d1.test=smtp:[127.0.0.2]:${mxPort}, d2.test=smtp:[127.0.0.3]:${mxPort} }`,
  ].join('\n');
  const postfix = await startPostfix(routing).catch((error: unknown) => {
    process.stderr.write(`postfix not benchmarked: ${String(error)}\n`);
    return undefined;
  });
  if (!postfix) return undefined;
  try {
    const started = performance.now();
    const accepted = await submitAll(`127.0.0.1:${postfix.port}`, reuse);
    await waitUntil(() => postfix.queueEmpty());
    return { target: 'Postfix (private instance)', reuse, accepted, delivered: MESSAGES / ((performance.now() - started) / 1000) };
  } finally {
    await postfix.stop();
  }
}

async function report(rows: Row[]): Promise<void> {
  const header = `| target | connection reuse | accepted msg/s | delivered end to end msg/s |\n|---|---|---|---|`;
  const lines = rows.map((r) => `| ${r.target} | ${r.reuse ? 'yes' : 'no'} | ${r.accepted.toFixed(0)} | ${r.delivered === undefined ? '-' : r.delivered.toFixed(0)} |`);
  const table = [header, ...lines].join('\n');
  process.stdout.write(`${table}\n`);
  const text = [
    '# Relay benchmark',
    '',
    `${new Date().toISOString()}, \`bench/relay/run.sh\` (MESSAGES=${MESSAGES}): ${MESSAGES} messages of 10 KB, 3 recipients each,`,
    `half to each of two domains whose MX hosts are smtp-sinks on 127.0.0.2 and 127.0.0.3; ${SESSIONS} smtp-source sessions,`,
    'with (`-d`) and without connection reuse. "Delivered end to end" runs from the first submission until the queue is empty.',
    '',
    table,
    '',
  ].join('\n');
  await writeFile(join(ROOT, 'bench/relay/RESULTS.md'), text);
}

function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      seen += d;
      if (seen.includes(text)) resolve();
    });
    child.once('exit', () => reject(new Error(`exited before "${text}"`)));
  });
}

async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await pause(20);
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

await main();
