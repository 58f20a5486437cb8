// A crash in the middle of DATA: the outbox runs in its own process (testing/outbox-process.ts,
// bundled with rolldown for the occasion), which is killed with SIGKILL while the server is
// still reading the message. After a restart the message goes out exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Account } from '../../../src-shared/model';
import { startSmtpSink, type SmtpSink } from '../smtp/smtp-sink';
import { accountFor } from '../testing/engine-harness';
import { createMemorySecrets } from '../testing/memory-secrets';
import { DEFAULT_OUTBOX_TIMING, Outbox } from './outbox';
import { OutboxSpool } from './outbox-spool';

const TIMEOUT = 90_000;
let dovecot: DovecotServer;
let sink: SmtpSink;
let childScript: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  const out = await mkdtemp(join(tmpdir(), 'tern-outbox-child-'));
  childScript = join(out, 'outbox-process.mjs');
  await build({
    input: fileURLToPath(new URL('./testing/outbox-process.ts', import.meta.url)),
    platform: 'node',
    logLevel: 'silent',
    output: { file: childScript, format: 'esm' },
  });
}, TIMEOUT);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sink?.stop();
  await dovecot?.dispose();
});

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('outbox crash safety', () => {
  it('sends again, exactly once, when the process dies during DATA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tern-outbox-crash-'));
    const account: Account = { ...accountFor(dovecot, { id: 'crash' }), smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'alice' } };
    const outboxOf = () =>
      Outbox.open({
        spool: new OutboxSpool(dir),
        secrets: createMemorySecrets({ [account.id]: 'secret-alice' }),
        accountOf: (id) => (id === account.id ? account : null),
        relayAddress: () => null,
        publish: () => undefined,
        timing: { ...DEFAULT_OUTBOX_TIMING, retryInitialMs: 200, retryMaxMs: 400 },
      });

    // Queue here, due in a moment, with an attachment large enough that the server's
    // stalled read leaves the client stuck mid-DATA: far more than loopback's socket
    // buffers on both sides can hold (a few MB each), or the whole message, final dot
    // included, could already sit in them when the process dies, and the server would
    // rightly take it.
    const queuing = await outboxOf();
    const blobId = await queuing.createBlob();
    const payload = randomBytes(24 * 1024 * 1024);
    await queuing.appendBlob(blobId, 0, payload);
    const { messageId } = await queuing.queue(
      account.id,
      {
        from: { name: 'Alice', address: 'alice@example.org' },
        to: [{ name: '', address: 'bob@example.org' }],
        cc: [],
        bcc: [],
        subject: 'Survives a crash',
        text: 'See attachment.',
        html: null,
        inReplyTo: null,
        references: [],
        attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', blobId }],
      },
      Date.now() + 1_000,
    );
    await queuing.close();

    sink.holdData();
    const child = spawn(process.execPath, [childScript], {
      env: { ...process.env, TERN_ACCOUNT: JSON.stringify(account), TERN_OUTBOX_DIR: dir, TERN_PASSWORD: 'secret-alice' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await until('DATA to begin', () => sink.dataStarted === 1);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    sink.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received).toHaveLength(0);

    const restarted = await outboxOf();
    try {
      await until('delivery after the restart', () => restarted.list().length === 0);
    } finally {
      await restarted.close();
    }
    expect(sink.received).toHaveLength(1);
    const parsed = await simpleParser(sink.received[0]!.data);
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.attachments[0]!.content.equals(payload)).toBe(true);
  }, TIMEOUT);
});
