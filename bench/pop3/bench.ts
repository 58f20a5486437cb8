/**
 * POP3 first-download benchmark: INBOX seeded with N messages (MESSAGES, default 10,000) on
 * the test Dovecot, warmed by one untimed RETR of every message, then in one run:
 *  (a) Tern's engine (Pop3Supervisor: UIDL, LIST, pipelined RETR, mailparser parse of every
 *      message, batched store writes) into the in-memory store (engine/testing/memory-store);
 *  (b) getmail6 (Debian) retrieving the same mailbox to a Maildir in a temp dir, its
 *      defaults apart from the connection, leaving mail on the server as Tern does;
 *  (c) optionally (BROWSER=1), Tern as a person runs it: the built web host serving Chromium,
 *      with the real IndexedDB cache, from "Save account" to the account's "Online".
 * Run with bench/pop3/run.sh; writes bench/pop3/RESULTS.md.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startDovecot } from '../../e2e/servers/dovecot';
import { Pop3Client } from '../../src-main/engine/pop3/pop3-client';
import { DEFAULT_POP3_TIMING, Pop3Supervisor } from '../../src-main/engine/pop3/pop3-supervisor';
import { createMemorySecrets } from '../../src-main/engine/testing/memory-secrets';
import { createMemoryStore } from '../../src-main/engine/testing/memory-store';
import type { AccountStatus } from '../../src-shared/model';
import { browserRun } from './browser-run';

const run = promisify(execFile);
const MESSAGES = Number(process.env.MESSAGES ?? 10_000);
const ROOT = resolve(process.argv[2] ?? '.');
const USER = 'alice';
const PASS = 'secret-alice';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** A plausible message: a few header fields, a couple of KB of text. */
function message(i: number) {
  const line = `Line of the message number ${i}, long enough to look like prose in a mail.`;
  return {
    from: `Sender ${i % 97} <sender${i % 97}@example.org>`,
    subject: `Message ${i} about the quarterly figures`,
    body: Array.from({ length: 30 }, () => line).join('\n'),
    date: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  };
}

async function warmUp(port: number): Promise<void> {
  const client = await Pop3Client.connect({ host: '127.0.0.1', port, security: 'none', user: USER, password: PASS });
  const listing = await client.uidl();
  await client.retrMany(listing.map((m) => m.number), async () => undefined);
  await client.quit();
}

async function ternEngine(port: number): Promise<number> {
  const store = createMemoryStore();
  const statuses: AccountStatus[] = [];
  const supervisor = new Pop3Supervisor(
    {
      id: 'bench', name: 'Bench', email: 'alice@example.org',
      incoming: { protocol: 'pop3', host: '127.0.0.1', port, security: 'none', user: USER },
      smtp: null, identities: [], sendThroughRelay: false, trustedCertificates: [],
    },
    { store, secrets: createMemorySecrets({ bench: PASS }), publishStatus: (s) => void statuses.push(s), outboxDir: tmpdir(), publishOutbox: () => undefined, relayAddress: () => null, cacheDiskFree: async () => null },
    DEFAULT_POP3_TIMING,
  );
  await supervisor.syncNow();
  await supervisor.stop();
  const last = statuses.at(-1);
  if (last?.state !== 'online') throw new Error(`Tern's check ended ${last?.state}: ${last?.detail ?? ''}`);
  return store.messages('bench', 'INBOX').size;
}

function getmailConfig(port: number, maildir: string): string {
  return [
    '[retriever]', 'type = SimplePOP3Retriever', 'server = 127.0.0.1', `port = ${port}`, `username = ${USER}`, `password = ${PASS}`,
    '[destination]', 'type = Maildir', `path = ${maildir}/`,
    // Like Tern's default: only messages not seen before (by UIDL), left on the server.
    '[options]', 'read_all = false', 'delete = false', 'verbose = 0', 'message_log_syslog = false', '',
  ].join('\n');
}

async function getmail(port: number, work: string): Promise<number> {
  const maildir = join(work, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(maildir, sub), { recursive: true });
  await writeFile(join(work, 'getmailrc'), getmailConfig(port, maildir));
  const command = ['getmail', '--getmaildir', work, '--rcfile', 'getmailrc'];
  if (process.getuid?.() === 0) {
    // getmail refuses to deliver as root: run it as nobody, owning its directories.
    const { uid, gid } = await nobody();
    await chmod(work, 0o755);
    await run('chown', ['-R', `${uid}:${gid}`, work]);
    command.unshift('setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups');
  }
  // getmail-wakeup/sitecustomize.py fixes a lost wakeup in getmail's wait for its delivery child.
  const env = { ...process.env, PYTHONPATH: join(ROOT, 'bench/pop3/getmail-wakeup') };
  await run(command[0]!, command.slice(1), { maxBuffer: 1 << 24, env });
  return (await readdir(join(maildir, 'new'))).length;
}

async function nobody(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'nobody']);
  const { stdout: group } = await run('id', ['-g', 'nobody']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}

async function main(): Promise<void> {
  const dovecot = await startDovecot();
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-pop3-'));
  try {
    for (let from = 0; from < MESSAGES; from += 1000) {
      await dovecot.seed(USER, 'INBOX', Array.from({ length: Math.min(1000, MESSAGES - from) }, (_, i) => message(from + i + 1)));
    }
    await warmUp(dovecot.ports.pop3);
    const loadBefore = loadavg()[0]!.toFixed(2);
    // Each figure is printed as it comes, so a later failure does not lose the earlier ones.
    const tern = await timed(() => ternEngine(dovecot.ports.pop3));
    console.log(`Tern engine → memory: ${tern.ms.toFixed(0)} ms`);
    const browser = process.env.BROWSER === '1' ? await browserRun({ pop3Port: dovecot.ports.pop3, user: USER, password: PASS, expected: MESSAGES }) : null;
    if (browser) console.log(`Tern in Chromium → IndexedDB: ${browser.ms.toFixed(0)} ms`);
    const peer = await timed(() => getmail(dovecot.ports.pop3, work));
    console.log(`getmail6 → Maildir: ${peer.ms.toFixed(0)} ms`);
    for (const [name, count] of [['Tern', tern.result], ['getmail6', peer.result]] as const) {
      if (count !== MESSAGES) throw new Error(`${name} stored ${count} of ${MESSAGES} messages`);
    }

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const ratio = (ms: number) => `${(ms / peer.ms).toFixed(2)}×`;
    const rows = [
      ['Tern engine → in-memory store (parse included)', s(tern.ms), ratio(tern.ms)],
      ['getmail6 → Maildir', s(peer.ms), '1.00×'],
      ...(browser ? [['Tern in Chromium → IndexedDB (web host, "Save account" to Online)', s(browser.ms), ratio(browser.ms)]] : []),
    ];
    const table = [
      `# POP3 first download, ${MESSAGES.toLocaleString('en')} messages`,
      '',
      `Measured ${new Date().toISOString()} with \`MESSAGES=${MESSAGES}${browser ? ' BROWSER=1' : ''} bench/pop3/run.sh\` on this machine (2 cores shared with other work; 1-minute load average ${loadBefore} before the timed runs, ${loadavg()[0]!.toFixed(2)} after), one run after one untimed RETR of every message (Dovecot's index and the page cache warm). Dovecot on loopback, no TLS, mail left on the server by all. getmail6 runs with its defaults and bench/pop3/getmail-wakeup (a lost SIGCHLD otherwise stalls a delivery for its 180 s timeout); it forks a delivery child per message and waits for it, which is most of its time (see bench/pop3/README.md). Ratio: time ÷ getmail6's time to disk (below 1 means Tern is faster).`,
      '',
      '| Run | Time | Ratio to getmail6 |',
      '| --- | ---: | ---: |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
    ].join('\n');
    console.log(table);
    await writeFile(join(ROOT, 'bench/pop3/RESULTS.md'), table);
  } finally {
    await rm(work, { recursive: true, force: true });
    await dovecot.dispose();
  }
}

await main();
