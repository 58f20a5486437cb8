/**
 * IMAP header sync benchmark: INBOX seeded with N messages (MESSAGES, default 10,000) on
 * the test Dovecot, warmed by one untimed full FETCH with QRESYNC enabled, then in one run:
 *  (a) Tern through the web host in Chromium with the real IndexedDB cache (browser-run.ts):
 *      time to the first 50 rows after "Save account", full header sync, renderer heap and
 *      web host RSS afterwards;
 *  (b) Tern's engine alone: initial header sync (syncAccount) into the in-memory store;
 *  (c) a plain imapflow fetch loop over the same fields (UID FLAGS INTERNALDATE RFC822.SIZE
 *      BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (…)]), one FETCH 1:*;
 *  (d) mbsync (isync) syncing INBOX to a Maildir in a temp dir: whole messages, not just
 *      headers, with its default settings apart from the connection;
 *  (e) Tern's no-change resync, and mbsync's no-change run;
 *  (f) both again after 100 new messages, 100 flag changes and 100 expunges on the server.
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
import { rawClient } from '../../src-main/engine/testing/imap-truth';
import { timeSpentLines } from '../cpu-profile';
import { browserRun } from './browser-run';
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
  const connection = await ternConnection(proxy);
  try {
    await syncAccount(connection, store, 'bench', DEFAULT_BATCHES, new Set(['INBOX']));
  } finally {
    await connection.logout();
  }
}

function ternConnection(proxy: CountingProxy) {
  const server = { host: '127.0.0.1', port: proxy.port, security: 'none' as const, user: USER };
  return connectImap({ server, password: PASS, trustedCertificates: [] }, DEFAULT_TIMEOUTS);
}

/**
 * A resync as the running app does it, on the account's open connection: what crosses the
 * wire then is LIST and STATUS (EXAMINE too where anything changed), not the login.
 * Returns the time and bytes of that pass only.
 */
async function ternResyncOnOpenConnection(proxy: CountingProxy, store: MemoryStore): Promise<{ ms: number; bytes: number }> {
  const connection = await ternConnection(proxy);
  try {
    proxy.reset();
    const pass = await timed(() => syncAccount(connection, store, 'bench', DEFAULT_BATCHES, new Set(['INBOX'])));
    const { up, down } = proxy.bytes();
    return { ms: pass.ms, bytes: up + down };
  } finally {
    await connection.logout();
  }
}

/**
 * One FETCH 1:* over the sync's fields. `qresync` ENABLEs QRESYNC first, as Tern does: for
 * the warm-up, because Dovecot starts keeping mod-sequences for a mailbox the first time a
 * client enables CONDSTORE, a one-off cost (0.2 s at 30,000 messages) that a server used by
 * such clients has long paid and that would otherwise land in Tern's first-rows time.
 */
async function imapflowLoop(port: number, qresync = false): Promise<number> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user: USER, pass: PASS }, logger: false, disableCompression: true, qresync });
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

/** 100 new messages, \Flagged on 100, 100 expunged: spread over the folder, by another client. */
async function changeOnServer(port: number): Promise<void> {
  const client = await rawClient({ port, user: USER, password: PASS });
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const step = Math.floor(MESSAGES / 100);
      const every = (offset: number) => Array.from({ length: 100 }, (_, i) => i * step + offset).join(',');
      await client.messageFlagsAdd(every(1), ['\\Flagged'], { uid: true });
      await client.messageDelete(every(2), { uid: true });
    } finally {
      lock.release();
    }
    for (let i = 0; i < 100; i++) await client.append('INBOX', `Subject: new ${i}\r\n\r\nbody\r\n`);
  } finally {
    await client.logout();
  }
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
    await imapflowLoop(dovecot.ports.imap, true); // warm Dovecot's index, its mod-sequences and the page cache, untimed

    const browser = await browserRun({ imapPort: dovecot.ports.imap, user: USER, password: PASS, expected: MESSAGES, rows: Math.min(50, MESSAGES) });

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
    const warmResync = await ternResyncOnOpenConnection(proxy, store);

    await changeOnServer(dovecot.ports.imap);
    proxy.reset();
    const changed = await timed(() => ternPass(proxy, store));
    const changedBytes = proxy.bytes();
    const mbChanged = await timed(() => mbsync(config));

    const ratio = (peer: number, ours: number) => `${(peer / ours).toFixed(2)}×`;
    const rows = [
      ['Tern in Chromium: first 50 rows visible after Save account', s(browser.firstRowsMs), '–', '–'],
      ['Tern in Chromium: full header sync into IndexedDB', s(browser.fullSyncMs), ratio(loop.ms, browser.fullSyncMs), '–'],
      ['Tern engine alone: initial header sync (in-memory store)', s(tern.ms), ratio(loop.ms, tern.ms), kb(ternBytes.up + ternBytes.down)],
      ['plain imapflow FETCH 1:* (same fields)', s(loop.ms), '1.00×', kb(loopBytes.up + loopBytes.down)],
      ['mbsync initial (whole messages)', s(mb.ms), '–', '–'],
      ['Tern no-change resync (connect, login, LIST, STATUS, logout)', s(resync.ms), ratio(mbAgain.ms, resync.ms), kb(resyncBytes.up + resyncBytes.down)],
      ['Tern no-change resync on the open connection (LIST, STATUS)', s(warmResync.ms), ratio(mbAgain.ms, warmResync.ms), kb(warmResync.bytes)],
      ['mbsync no-change run', s(mbAgain.ms), '1.00×', '–'],
      ['Tern resync after 100 new, 100 flag changes, 100 expunges', s(changed.ms), ratio(mbChanged.ms, changed.ms), kb(changedBytes.up + changedBytes.down)],
      ['mbsync run after the same changes', s(mbChanged.ms), '1.00×', '–'],
    ];
    const memory = `Memory after the browser sync: renderer JS heap ${browser.rendererHeapMB.toFixed(1)} MB (after GC), web host RSS ${browser.mainRssMB.toFixed(1)} MB as found, ${browser.mainRssAfterGcMB.toFixed(1)} MB after a full GC (JS heap ${browser.mainHeapAfterGcMB.toFixed(1)} MB).`;
    const table = [
      `# IMAP sync benchmark — ${MESSAGES} messages in INBOX`,
      '',
      `Measured ${new Date().toISOString()} on this machine (2 cores shared with other work, so under load), one run, after one untimed warm-up FETCH (QRESYNC enabled, as Tern does) that fills Dovecot's index cache, its mod-sequences and the page cache. Dovecot on loopback, no TLS; the engine's and imapflow's connections via a byte-counting proxy, COMPRESS off. Ratio: how many times longer the peer took (above 1 means Tern is faster); header rows are compared with the imapflow loop, resync rows with mbsync.`,
      '',
      '| run | time | ratio | bytes on the wire |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
      memory,
      '',
      ...timeSpentLines('from "Save account" to the full header sync in Chromium', browser.cpu, browser.rendererProfile),
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
