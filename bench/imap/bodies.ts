/**
 * Offline body download benchmark (issue 3, benchmark 3): INBOX seeded with N messages
 * (MESSAGES, default 10,000) of a few KB each on the test Dovecot, warmed by one untimed
 * FETCH of every whole message, then in one run, each starting from nothing and ending with
 * every message readable offline:
 *  (a) Tern through the web host in Chromium with the real IndexedDB cache, the account's
 *      default policy (the last 90 days: every seeded message is new): from "Save account"
 *      until IndexedDB holds N bodies;
 *  (b) Tern's engine alone, for its share: header sync, then the background body download
 *      (body-background.ts) into the in-memory store of the tests;
 *  (c) mbsync (isync) syncing INBOX to a Maildir, whole messages, default settings apart
 *      from the connection.
 * Run with `bench/imap/run.sh --bodies`; writes bench/imap/RESULTS-bodies.md.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { launchBrowser } from '../../e2e/harness/browser';
import { timeSpentLines, topSelfTime } from '../cpu-profile';
import { chromiumPid, cpuBetween, cpuSnapshot, type CpuSnapshot } from '../process-cpu';
import { addAccount } from './browser-run';
import { cachedBodies, inboxSyncedThrough, lowestCachedBodyUid } from './cached-count';
import { startWebHostProcess } from '../../e2e/harness/web-host-process';
import { startDovecot } from '../../e2e/servers/dovecot';
import { freePort } from '../../e2e/servers/free-port';
import type { Account } from '../../src-shared/model';
import { DEFAULT_TIMEOUTS } from '../../src-main/engine/imap/connection-options';
import { connectImap } from '../../src-main/engine/imap/imap-connection';
import { syncAccount } from '../../src-main/engine/sync/account-sync';
import { downloadPolicyBodies } from '../../src-main/engine/sync/body-background';
import { DEFAULT_BATCHES } from '../../src-main/engine/sync/folder-sync';
import { createMemoryStore } from '../../src-main/engine/testing/memory-store';

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

/** A few paragraphs of varied text, about 3 KB. */
function bodyOf(i: number): string {
  const line = `Message ${i}: the quarterly figures, the meeting notes and a reply to the thread.\n`;
  return Array.from({ length: 36 }, (_, j) => `${j % 6 === 0 ? '\n' : ''}${line}`).join('');
}

async function warm(port: number): Promise<void> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user: USER, pass: PASS }, logger: false, disableCompression: true });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      for await (const message of client.fetch('1:*', { uid: true, source: true })) if (!message.source) throw new Error('warm-up fetch missed a message');
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

function benchAccount(port: number): Account {
  return {
    id: 'bench',
    name: 'Bench',
    email: `${USER}@example.org`,
    incoming: { protocol: 'imap', accessModel: 'disconnected', host: '127.0.0.1', port, security: 'none', user: USER },
    smtp: null,
    identities: [],
    sendThroughRelay: false,
    trustedCertificates: [],
    offline: { defaultPolicy: { kind: 'all' } },
  };
}

async function engineAlone(port: number): Promise<{ headersMs: number; bodiesMs: number }> {
  const account = benchAccount(port);
  const store = createMemoryStore();
  const connection = await connectImap({ server: account.incoming, password: PASS, trustedCertificates: [] }, DEFAULT_TIMEOUTS);
  try {
    const headers = await timed(() => syncAccount(connection, store, account.id, DEFAULT_BATCHES, new Set(['INBOX'])));
    const bodies = await timed(() => downloadPolicyBodies(connection, store, account, new AbortController().signal));
    if (bodies.result.stored !== MESSAGES) throw new Error(`the engine stored ${bodies.result.stored} of ${MESSAGES} bodies`);
    return { headersMs: headers.ms, bodiesMs: bodies.ms };
  } finally {
    await connection.logout();
  }
}

/** Adds the account through the UI, sets "All messages", and times until every body is cached. */
async function inChromium(imapPort: number): Promise<{ ms: number; headersMs: number; firstBodyMs: number; profile: string[]; cpu: string[] }> {
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-bodies-'));
  const host = await startWebHostProcess({ port: await freePort(), profileDir: join(work, 'profile') });
  const browser = await launchBrowser(join(work, 'chromium'));
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    const roots = [
      { label: 'Chromium', pid: await chromiumPid(join(work, 'chromium')) },
      { label: 'web host (engine)', pid: host.pid },
    ];
    let cpuAtFirstBody: CpuSnapshot | null = null;
    const start = await addAccount(page, { imapPort, user: USER, password: PASS });
    // The default policy (the last 90 days) keeps every one of these new messages.
    const deadline = start + 1_800_000;
    let headersMs: number | null = null;
    let firstBodyMs: number | null = null;
    // The renderer's CPU profile while the bodies arrive: where its share of the time goes.
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Profiler.enable');
    for (;;) {
      const lowest = await lowestCachedBodyUid(page);
      if (headersMs === null && (await inboxSyncedThrough(page)) >= MESSAGES) headersMs = performance.now() - start;
      if (firstBodyMs === null && lowest !== null) {
        firstBodyMs = performance.now() - start;
        cpuAtFirstBody = await cpuSnapshot(roots);
        await cdp.send('Profiler.start');
      }
      // UID 1 comes last (newest first); the count confirms that none is missing.
      if (lowest === 1 && (await cachedBodies(page)) >= MESSAGES) break;
      if (performance.now() > deadline) throw new Error('the bodies did not all arrive within 30 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ms = performance.now() - start;
    const cpu = cpuBetween(cpuAtFirstBody ?? new Map(), await cpuSnapshot(roots));
    const { profile } = await cdp.send('Profiler.stop');
    return { ms, headersMs: headersMs ?? Number.NaN, firstBodyMs: firstBodyMs ?? Number.NaN, profile: topSelfTime(profile), cpu };
  } finally {
    await browser.close();
    await host.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** mbsync's configuration; `fsync` false adds `FSync no` (its default syncs every file to disk). */
function mbsyncConfig(port: number, dir: string, fsync = true): string {
  return [
    ...(fsync ? [] : ['FSync no', '']),
    'IMAPAccount bench', 'Host 127.0.0.1', `Port ${port}`, `User ${USER}`, `Pass ${PASS}`, 'SSLType None', 'AuthMechs LOGIN', '',
    'IMAPStore remote', 'Account bench', '',
    'MaildirStore local', `Path ${dir}/`, `Inbox ${dir}/INBOX`, '',
    'Channel bench', 'Far :remote:', 'Near :local:', 'Patterns INBOX', 'Create Near', 'SyncState *', '',
  ].join('\n');
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dovecot = await startDovecot();
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-bodies-mbsync-'));
  try {
    for (let i = 0; i < MESSAGES; i += 1000) {
      await dovecot.seed(USER, 'INBOX', Array.from({ length: Math.min(1000, MESSAGES - i) }, (_, j) => ({ subject: `Message ${i + j + 1}`, body: bodyOf(i + j + 1) })));
    }
    await warm(dovecot.ports.imap);

    const browser = await inChromium(dovecot.ports.imap);
    const engine = await engineAlone(dovecot.ports.imap);
    const mbsync = async (name: string, fsync: boolean) => {
      const config = join(work, `${name}rc`);
      const maildir = join(work, name);
      await mkdir(maildir);
      await writeFile(config, mbsyncConfig(dovecot.ports.imap, maildir, fsync));
      return timed(() => run('mbsync', ['-c', config, '-q', 'bench'], { maxBuffer: 1 << 24 }));
    };
    const mb = await mbsync('maildir', true);
    // Its default fsyncs each message, which makes its time follow the disk's mood (5 to 15 s
    // for the same 10,000 messages in one day here); without, it is what the CPU can do.
    const mbNoFsync = await mbsync('maildir-nofsync', false);

    const ratio = (ours: number) => `${(ours / mb.ms).toFixed(2)}×`;
    const table = [
      `# Offline body download benchmark — ${MESSAGES} messages in INBOX`,
      '',
      `Measured ${new Date().toISOString()} on this machine (2 cores shared with other work, so under load), one run, after one untimed warm-up FETCH of every whole message (Dovecot's index and the page cache). Dovecot on loopback, no TLS. Each row starts with nothing cached and ends with every message readable offline. Ratio: Tern's time over mbsync's (the target is at most 1.00×).`,
      '',
      '| run | time | Tern / mbsync |',
      '| --- | ---: | ---: |',
      `| Tern in Chromium: Save account → every body in IndexedDB (headers first, then bodies) | ${s(browser.ms)} | ${ratio(browser.ms)} |`,
      `| … of which until every header is in IndexedDB / until the first body is | ${s(browser.headersMs)} / ${s(browser.firstBodyMs)} | – |`,
      `| Tern engine alone, in-memory store: header sync | ${s(engine.headersMs)} | – |`,
      `| Tern engine alone, in-memory store: background body download | ${s(engine.bodiesMs)} | – |`,
      `| Tern engine alone: both | ${s(engine.headersMs + engine.bodiesMs)} | ${ratio(engine.headersMs + engine.bodiesMs)} |`,
      `| mbsync initial (whole messages to a Maildir) | ${s(mb.ms)} | 1.00× |`,
      `| mbsync initial with \`FSync no\` (for scale: not its default) | ${s(mbNoFsync.ms)} | Tern in Chromium ${(browser.ms / mbNoFsync.ms).toFixed(2)}× |`,
      '',
      ...timeSpentLines('while the bodies arrived (first body to last)', browser.cpu, browser.profile),
    ].join('\n');
    console.log(table);
    await writeFile(join(ROOT, 'bench/imap/RESULTS-bodies.md'), table);
  } finally {
    await dovecot.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
