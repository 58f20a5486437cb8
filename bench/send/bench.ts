/**
 * Sending benchmarks, one run:
 * 1. Drain: N queued messages of 10 KB, one recipient each, leave Tern's outbox for a Postfix
 *    `smtp-sink` (no Sent copy), compared with Postfix's own `smtp-source` sending the same
 *    number of 10 KB messages to the same sink with as many sessions as the outbox uses, with
 *    and without connection reuse.
 * 2. Memory: one message with a 50 MB attachment staged, queued (MIME written to the
 *    spool) and submitted, in a process of its own whose RSS is sampled; the growth over the
 *    baseline is compared with the attachment's size (the target is at most 2×).
 * Run with bench/send/run.sh; prints the results and writes bench/send/RESULTS.md.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../e2e/servers/free-port';
import type { Account } from '../../src-shared/model';
import type { ComposedOutgoing } from '../../src-shared/outgoing';
import { createMemorySecrets } from '../../src-main/engine/testing/memory-secrets';
import { DEFAULT_OUTBOX_TIMING, Outbox } from '../../src-main/engine/outbox/outbox';
import { OutboxSpool } from '../../src-main/engine/outbox/outbox-spool';

const run = promisify(execFile);
const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const ATTACHMENT_MB = 50;
const ROOT = resolve(process.argv[2] ?? '.');
// smtp-sink refuses to keep root privileges.
const asRoot = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
const SESSIONS = DEFAULT_OUTBOX_TIMING.concurrency;

/** The account sends through "the relay" at the sink's address: no AUTH, no Sent copy (POP3). */
function accountFor(port: number): { account: Account; relay: { host: string; port: number } } {
  return {
    account: {
      id: 'bench',
      name: 'Bench',
      email: 'bench@sender.test',
      incoming: { protocol: 'pop3', host: '127.0.0.1', port: 1, security: 'none', user: 'bench' },
      smtp: null,
      identities: [],
      sendThroughRelay: true,
      trustedCertificates: [],
    },
    relay: { host: '127.0.0.1', port },
  };
}

function message(i: number, attachments: ComposedOutgoing['attachments'] = []): ComposedOutgoing {
  return {
    from: { name: 'Bench', address: 'bench@sender.test' },
    to: [{ name: '', address: 'rcpt@example.test' }],
    cc: [],
    bcc: [],
    subject: `Bench message ${i}`,
    text: `${'x'.repeat(76)}\n`.repeat(133),
    html: null,
    inReplyTo: null,
    references: [],
    attachments,
  };
}

/** `clock.skew` moves the outbox's clock, to make every message queued "for later" due at once. */
async function openOutbox(port: number, clock = { skew: 0 }): Promise<{ outbox: Outbox; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tern-bench-outbox-'));
  const { account, relay } = accountFor(port);
  const outbox = await Outbox.open({
    spool: new OutboxSpool(dir),
    secrets: createMemorySecrets(),
    accountOf: (id) => (id === account.id ? account : null),
    relayAddress: () => relay,
    publish: () => undefined,
    timing: DEFAULT_OUTBOX_TIMING,
    now: () => Date.now() + clock.skew,
  });
  return { outbox, dir };
}

async function drainTern(port: number): Promise<{ queuedPerSecond: number; sentPerSecond: number }> {
  const clock = { skew: 0 };
  const { outbox } = await openOutbox(port, clock);
  const hourLater = Date.now() + 3600_000;
  const queueStart = performance.now();
  for (let i = 0; i < MESSAGES; i++) await outbox.queue('bench', message(i), hourLater);
  const queuedPerSecond = MESSAGES / ((performance.now() - queueStart) / 1000);
  // An hour on: the whole queue is due at once, as when the network returns.
  const drainStart = performance.now();
  clock.skew = 3600_000;
  outbox.retryNow();
  while (outbox.list().length > 0) await pause(10);
  const sentPerSecond = MESSAGES / ((performance.now() - drainStart) / 1000);
  await outbox.close();
  return { queuedPerSecond, sentPerSecond };
}

async function smtpSource(port: number, reuse: boolean): Promise<number> {
  const started = performance.now();
  await run('smtp-source', [...(reuse ? ['-d'] : []), '-s', String(SESSIONS), '-m', String(MESSAGES), '-l', '10240', '-f', 'bench@sender.test', '-t', 'rcpt@example.test', `127.0.0.1:${port}`], {
    maxBuffer: 1 << 24,
  });
  return MESSAGES / ((performance.now() - started) / 1000);
}

/** In a child process (this same bundle, with `memory` as argument): RSS growth while one 50 MB message goes out. */
async function memoryChild(port: number): Promise<void> {
  const { outbox } = await openOutbox(port);
  const blobId = await outbox.createBlob();
  for (let offset = 0; offset < ATTACHMENT_MB * 1024 * 1024; offset += 1024 * 1024) await outbox.appendBlob(blobId, offset, randomBytes(1024 * 1024));
  global.gc?.();
  await pause(200);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  await outbox.queue('bench', message(0, [{ filename: 'big.bin', contentType: 'application/octet-stream', blobId }]), Date.now());
  while (outbox.list().length > 0) await pause(10);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await outbox.close();
  process.stdout.write(JSON.stringify({ baseline, peak }));
}

async function main(): Promise<void> {
  const port = await freePort();
  // A sink that accepts everything and keeps nothing (Postfix's test server).
  const sink = spawn('smtp-sink', [...asRoot, `127.0.0.1:${port}`, '256'], { stdio: 'inherit' });
  try {
    await pause(300);
    const tern = await drainTern(port);
    const plain = await smtpSource(port, false);
    const reused = await smtpSource(port, true);
    const child = await run(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ROOT, 'memory', String(port)], { maxBuffer: 1 << 20 });
    const { baseline, peak } = JSON.parse(child.stdout) as { baseline: number; peak: number };
    await report(tern, plain, reused, (peak - baseline) / 1024 / 1024);
  } finally {
    sink.kill();
  }
}

async function report(tern: { queuedPerSecond: number; sentPerSecond: number }, plain: number, reused: number, growthMb: number): Promise<void> {
  const drain = [
    '| sender | connection per message | msg/s |',
    '|---|---|---|',
    `| Tern outbox (${SESSIONS} at once), queueing (durable, fsync) | - | ${tern.queuedPerSecond.toFixed(0)} |`,
    `| Tern outbox (${SESSIONS} at once), draining to smtp-sink | yes | ${tern.sentPerSecond.toFixed(0)} |`,
    `| smtp-source -s ${SESSIONS} | yes | ${plain.toFixed(0)} |`,
    `| smtp-source -s ${SESSIONS} -d | no (reused) | ${reused.toFixed(0)} |`,
  ].join('\n');
  const memory = `Main-process RSS growth while queueing and sending one message with a ${ATTACHMENT_MB} MB attachment: ${growthMb.toFixed(0)} MB (${(growthMb / ATTACHMENT_MB).toFixed(2)}× the attachment; target ≤ 2×).`;
  process.stdout.write(`${drain}\n\n${memory}\n`);
  const text = [
    '# Sending benchmark',
    '',
    `${new Date().toISOString()}, \`bench/send/run.sh\` (MESSAGES=${MESSAGES}): ${MESSAGES} messages of 10 KB, one recipient, to Postfix's smtp-sink on loopback.`,
    '',
    drain,
    '',
    memory,
    '',
  ].join('\n');
  await writeFile(join(ROOT, 'bench/send/RESULTS.md'), text);
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

if (process.argv[3] === 'memory') await memoryChild(Number(process.argv[4]));
else await main();
