/**
 * IMAP header sync benchmark: INBOX seeded with N messages (MESSAGES, default 10,000) on
 * the test Dovecot, warmed by one untimed full FETCH, then in one run:
 *  (a) Tern's engine: initial header sync (syncAccount) into the in-memory store;
 *  (b) a plain imapflow fetch loop over the same fields (UID FLAGS ENVELOPE INTERNALDATE
 *      RFC822.SIZE), one FETCH 1:*;
 *  (c) mbsync (isync) syncing INBOX to a Maildir in a temp dir: whole messages, not just
 *      headers, with its default settings apart from the connection;
 *  (d) Tern's no-change resync, and (e) mbsync's no-change run.
 * Both imapflow clients go through a byte-counting loopback proxy, COMPRESS off as Tern
 * turns it off on loopback. Run with bench/imap/run.sh; writes bench/imap/RESULTS.md.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../../e2e/servers/dovecot';
import { HEADER_FETCH_QUERY } from '../../src-main/engine/imap/header-fetch';
import { connectImap } from '../../src-main/engine/imap/imap-connection';
import { DEFAULT_TIMEOUTS } from '../../src-main/engine/imap/connection-options';
import { syncAccount } from '../../src-main/engine/sync/account-sync';
import { DEFAULT_BATCHES } from '../../src-main/engine/sync/folder-sync';
import { createMemoryStore, type MemoryStore } from '../../src-main/engine/testing/memory-store';
import { startCountingProxy, type CountingProxy } from './counting-proxy';

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

async function ternPass(proxy: CountingProxy, store: MemoryStore): Promise<void> {
  const server = { host: '127.0.0.1', port: proxy.port, security: 'none' as const, user: USER };
  const connection = await connectImap({ server, password: PASS, trustedCertificates: [] }, DEFAULT_TIMEOUTS);
  try {
    await syncAccount(connection, store, 'bench', DEFAULT_BATCHES, new Set(['INBOX']));
  } finally {
    await connection.logout();
  }
}

async function imapflowLoop(port: number): Promise<number> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user: USER, pass: PASS }, logger: false, disableCompression: true });
  await client.connect();
  let count = 0;
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      for await (const message of client.fetch('1:*', HEADER_FETCH_QUERY, { uid: true })) if (message.uid) count++;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return count;
}

async function mbsync(config: string): Promise<void> {
  await run('mbsync', ['-c', config, '-q', 'bench'], { maxBuffer: 1 << 24 });
}

function mbsyncConfig(port: number, dir: string): string {
  return [
    'IMAPAccount bench', 'Host 127.0.0.1', `Port ${port}`, `User ${USER}`, `Pass ${PASS}`, 'SSLType None', 'AuthMechs LOGIN', '',
    'IMAPStore remote', 'Account bench', '',
    'MaildirStore local', `Path ${dir}/`, `Inbox ${dir}/INBOX`, '',
    'Channel bench', 'Far :remote:', 'Near :local:', 'Patterns INBOX', 'Create Near', 'SyncState *', '',
  ].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dovecot = await startDovecot();
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-imap-'));
  const proxy = await startCountingProxy(dovecot.host, dovecot.ports.imap);
  try {
    const seedStart = performance.now();
    for (let i = 0; i < MESSAGES; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, MESSAGES - i) }, (_, j) => ({ subject: `Message ${i + j + 1}`, body: `Body ${i + j + 1}\n`.repeat(20) }));
      await dovecot.seed(USER, 'INBOX', batch);
    }
    console.log(`seeded ${MESSAGES} messages in ${s(performance.now() - seedStart)}`);
    await imapflowLoop(dovecot.ports.imap); // warm Dovecot's index and the page cache, untimed

    const store = createMemoryStore();
    proxy.reset();
    const tern = await timed(() => ternPass(proxy, store));
    const ternBytes = proxy.bytes();
    const cached = store.messages('bench', 'INBOX').size;
    if (cached !== MESSAGES) throw new Error(`Tern cached ${cached} of ${MESSAGES}`);

    proxy.reset();
    const loop = await timed(() => imapflowLoop(proxy.port));
    const loopBytes = proxy.bytes();
    if (loop.result !== MESSAGES) throw new Error(`imapflow fetched ${loop.result} of ${MESSAGES}`);

    const config = join(work, 'mbsyncrc');
    const maildir = join(work, 'maildir');
    await mkdir(maildir);
    await writeFile(config, mbsyncConfig(dovecot.ports.imap, maildir));
    const mb = await timed(() => mbsync(config));
    const mbAgain = await timed(() => mbsync(config));

    proxy.reset();
    const resync = await timed(() => ternPass(proxy, store));
    const resyncBytes = proxy.bytes();

    const rows = [
      ['Tern initial header sync (in-memory store)', s(tern.ms), '1.00×', kb(ternBytes.up + ternBytes.down)],
      ['plain imapflow FETCH 1:* (same fields)', s(loop.ms), `${(loop.ms / tern.ms).toFixed(2)}×`, kb(loopBytes.up + loopBytes.down)],
      ['mbsync initial (whole messages)', s(mb.ms), `${(mb.ms / tern.ms).toFixed(2)}×`, '–'],
      ['Tern no-change resync (connect, login, LIST, EXAMINE, logout)', s(resync.ms), '–', kb(resyncBytes.up + resyncBytes.down)],
      ['mbsync no-change run', s(mbAgain.ms), `${(mbAgain.ms / resync.ms).toFixed(2)}× Tern's`, '–'],
    ];
    const table = [
      `# IMAP sync benchmark — ${MESSAGES} messages in INBOX`,
      '',
      `Measured ${new Date().toISOString()} on this machine, one run, after one untimed warm-up FETCH. Dovecot on loopback, no TLS; imapflow clients via a byte-counting proxy, COMPRESS off. Ratio: the row's time over Tern's initial sync (no-change rows: mbsync over Tern).`,
      '',
      '| run | time | ratio | bytes on the wire |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
    ].join('\n');
    console.log(table);
    await writeFile(join(ROOT, 'bench/imap/RESULTS.md'), table);
  } finally {
    await proxy.close();
    await dovecot.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
