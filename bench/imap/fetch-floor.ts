/**
 * Fetch floor (issue 3, benchmark 2's target "≥ 2× faster than the plain imapflow loop"):
 * how fast this machine can take N messages' header fields off Dovecot at all, before any
 * storage, so the target can be weighed against what fetching alone costs. INBOX is seeded
 * with N messages (MESSAGES, default 10,000) and warmed by one untimed FETCH; then the same
 * UID FETCH as Tern's sync (header-fetch.ts) runs four ways:
 *  - imapflow, one connection (the benchmark's loop), and two connections over the two
 *    halves of the UID range, each in its own process (a Node process parses on one core);
 *  - a raw socket that sends the FETCH and counts the answer's bytes without parsing them
 *    (what the server and the loopback can deliver), on one and on two connections.
 * Each connection is logged in and has examined INBOX before the clock starts. Reported per
 * way: wall time, the client processes' CPU seconds and Dovecot's (its master's process tree,
 * read from /proc before the connections log out). Run with `bench/imap/run.sh --fetch-floor`;
 * writes bench/imap/RESULTS-fetch-floor.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../../e2e/servers/dovecot';
import { HEADER_FETCH_QUERY } from '../../src-main/engine/imap/header-fetch';
import { cpuSnapshot, findPid } from '../process-cpu';

const MESSAGES = Number(process.env.MESSAGES ?? 10_000);
const USER = 'alice';
const PASS = 'secret-alice';

type Client = 'imapflow' | 'raw';
interface Job {
  client: Client;
  port: number;
  firstUid: number;
  lastUid: number;
}
/** What a connection process tells the parent: ready to fetch, then the fetch's result. */
type Report = { ready: true } | { fetched: number; cpuSeconds: number };

/** The FETCH's attributes as IMAP text, the same imapflow sends for HEADER_FETCH_QUERY. */
const RAW_ATTRIBUTES = `(UID FLAGS INTERNALDATE RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (${HEADER_FETCH_QUERY.headers.join(' ').toUpperCase()})])`;

async function imapflowFetch(job: Job, go: Promise<void>): Promise<{ fetched: number; logout: () => Promise<void> }> {
  const client = new ImapFlow({ host: '127.0.0.1', port: job.port, secure: false, doSTARTTLS: false, auth: { user: USER, pass: PASS }, logger: false, disableCompression: true });
  await client.connect();
  const lock = await client.getMailboxLock('INBOX', { readOnly: true });
  await go;
  let fetched = 0;
  for await (const message of client.fetch(`${job.firstUid}:${job.lastUid}`, HEADER_FETCH_QUERY, { uid: true })) if (message.uid) fetched++;
  return {
    fetched,
    logout: async () => {
      lock.release();
      await client.logout();
    },
  };
}

const MARKER = ' FETCH (';

/** One command at a time over a plain socket; resolves each command's answer's message count once its tagged OK arrives. */
async function rawFetch(job: Job, go: Promise<void>): Promise<{ fetched: number; logout: () => Promise<void> }> {
  const socket = connect(job.port, '127.0.0.1');
  let waiting: { tag: string; done: (fetched: number) => void; fail: (error: Error) => void } | null = null;
  let tail = '';
  let fetched = 0;
  socket.on('data', (chunk: Buffer) => {
    // The tail of the last chunk is kept so a marker split across two chunks is still seen.
    const text = tail + chunk.toString('latin1');
    for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + 1)) if (at + MARKER.length > tail.length) fetched++;
    tail = text.slice(-64);
    if (!waiting) return;
    const end = text.lastIndexOf(`\r\n${waiting.tag} `);
    if (end < 0) return;
    const status = text.slice(end + 2 + waiting.tag.length + 1, end + 2 + waiting.tag.length + 3);
    const { done, fail } = waiting;
    waiting = null;
    tail = '';
    if (status === 'OK') done(fetched);
    else fail(new Error(`raw IMAP command refused: ${text.slice(end, end + 200)}`));
  });
  const command = (tag: string, text: string) =>
    new Promise<number>((done, fail) => {
      fetched = 0;
      waiting = { tag, done, fail };
      socket.write(`${tag} ${text}\r\n`);
    });
  await new Promise<void>((ready, fail) => socket.once('data', () => ready()).once('error', fail));
  await command('L1', `LOGIN ${USER} ${PASS}`);
  await command('E1', 'EXAMINE INBOX');
  await go;
  const count = await command('F1', `UID FETCH ${job.firstUid}:${job.lastUid} ${RAW_ATTRIBUTES}`);
  return {
    fetched: count,
    logout: async () => {
      await command('Z1', 'LOGOUT').catch(() => 0);
      socket.destroy();
    },
  };
}

/** The connection process: connects, says ready, fetches on "go", reports, logs out on "logout". */
async function connectionProcess(job: Job): Promise<void> {
  let start!: () => void;
  const go = new Promise<void>((resolve) => (start = resolve));
  let leave!: () => void;
  const logoutAsked = new Promise<void>((resolve) => (leave = resolve));
  process.on('message', (message) => (message === 'go' ? start() : message === 'logout' ? leave() : undefined));
  const running = (job.client === 'imapflow' ? imapflowFetch : rawFetch)(job, go);
  process.send!({ ready: true } satisfies Report);
  const cpuBefore = process.cpuUsage();
  const { fetched, logout } = await running;
  const cpu = process.cpuUsage(cpuBefore);
  process.send!({ fetched, cpuSeconds: (cpu.user + cpu.system) / 1e6 } satisfies Report);
  await logoutAsked;
  await logout();
  process.exit(0);
}

function nextReport(child: ChildProcess): Promise<Report> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as Report));
    child.once('exit', (code) => reject(new Error(`connection process exited with ${code}`)));
  });
}

interface Way {
  name: string;
  client: Client;
  connections: number;
}
const WAYS: Way[] = [
  { name: 'imapflow, 1 connection (the loop)', client: 'imapflow', connections: 1 },
  { name: 'imapflow, 2 connections (UID halves, 2 processes)', client: 'imapflow', connections: 2 },
  { name: 'raw socket, 1 connection, bytes counted, not parsed', client: 'raw', connections: 1 },
  { name: 'raw socket, 2 connections (UID halves)', client: 'raw', connections: 2 },
];

async function measure(way: Way, port: number, dovecotPid: number): Promise<{ ms: number; clientCpu: number; dovecotCpu: number }> {
  const per = Math.ceil(MESSAGES / way.connections);
  const children = Array.from({ length: way.connections }, (_, i) => {
    const job: Job = { client: way.client, port, firstUid: i * per + 1, lastUid: Math.min(MESSAGES, (i + 1) * per) };
    return fork(process.argv[1]!, [process.argv[2] ?? '.', '--connection', JSON.stringify(job)]);
  });
  await Promise.all(children.map(nextReport));
  const dovecot = [{ label: 'Dovecot', pid: dovecotPid }];
  const dovecotBefore = (await cpuSnapshot(dovecot)).get('Dovecot') ?? 0;
  const started = performance.now();
  const results = children.map(nextReport);
  for (const child of children) child.send('go');
  const reports = await Promise.all(results);
  const ms = performance.now() - started;
  const dovecotCpu = ((await cpuSnapshot(dovecot)).get('Dovecot') ?? 0) - dovecotBefore;
  const exited = children.map((child) => new Promise((gone) => child.once('exit', gone)));
  for (const child of children) child.send('logout');
  await Promise.all(exited);
  let fetched = 0;
  let clientCpu = 0;
  for (const report of reports) {
    if (!('fetched' in report)) throw new Error('connection process reported out of turn');
    fetched += report.fetched;
    clientCpu += report.cpuSeconds;
  }
  if (fetched !== MESSAGES) throw new Error(`${way.name}: fetched ${fetched} of ${MESSAGES}`);
  return { ms, clientCpu, dovecotCpu };
}

async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? '.');
  const dovecot = await startDovecot();
  try {
    for (let i = 0; i < MESSAGES; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, MESSAGES - i) }, (_, j) => ({ subject: `Message ${i + j + 1}`, body: `Body ${i + j + 1}\n`.repeat(20) }));
      await dovecot.seed(USER, 'INBOX', batch);
    }
    const dovecotPid = await findPid(join(dovecot.dir, 'dovecot.conf'));
    await measure(WAYS[0]!, dovecot.ports.imap, dovecotPid); // warm Dovecot's index and the page cache, untimed
    const rows: string[] = [];
    let loopMs = 0;
    for (const way of WAYS) {
      const { ms, clientCpu, dovecotCpu } = await measure(way, dovecot.ports.imap, dovecotPid);
      if (way === WAYS[0]) loopMs = ms;
      rows.push(`| ${way.name} | ${(ms / 1000).toFixed(2)} s | ${(loopMs / ms).toFixed(2)}× | ${clientCpu.toFixed(1)} s | ${dovecotCpu.toFixed(1)} s | ${(clientCpu + dovecotCpu).toFixed(1)} s |`);
    }
    const table = [
      `# Fetch floor — ${MESSAGES} messages' header fields from Dovecot, nothing stored`,
      '',
      `Measured ${new Date().toISOString()} on this machine (2 cores shared with other work), one run per way after one untimed warm-up, Dovecot on loopback, no TLS, COMPRESS off. "vs the loop": the one-connection imapflow time over this way's (above 1 is faster). The header target (≥ 2× the loop) asks for the whole sync into IndexedDB in at most ${((loopMs / 2) / 1000).toFixed(2)} s here, that is, at most ${(loopMs / 1000).toFixed(1)} CPU seconds on two cores for everything: server, client, cache.`,
      '',
      '| way | time | vs the loop | client CPU | Dovecot CPU | CPU in all |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    console.log(table);
    await writeFile(join(root, 'bench/imap/RESULTS-fetch-floor.md'), table);
  } finally {
    await dovecot.dispose();
  }
}

const asked = process.argv.indexOf('--connection');
if (asked >= 0) await connectionProcess(JSON.parse(process.argv[asked + 1]!) as Job);
else await main();
