// The outbox against a real IMAP server (Dovecot, for the Sent copy) and an SMTP sink on
// loopback: undo, the send delay, retries while the server is down, per-recipient
// outcomes, and restarts that must neither lose nor repeat a message.
import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Account } from '../../../src-shared/model';
import type { ComposedOutgoing, OutboxEntry } from '../../../src-shared/outgoing';
import { startSmtpSink, type SmtpSink } from '../smtp/smtp-sink';
import { accountFor } from '../testing/engine-harness';
import { createMemorySecrets } from '../testing/memory-secrets';
import { DEFAULT_OUTBOX_TIMING, Outbox } from './outbox';
import { OutboxSpool } from './outbox-spool';
import { smtpSecretKey } from './submission-target';

const TIMEOUT = 60_000;
let dovecot: DovecotServer;
let sink: SmtpSink;
let dir: string;
let account: Account;
let published: OutboxEntry[][];
const open: Outbox[] = [];

beforeAll(async () => {
  dovecot = await startDovecot();
}, TIMEOUT);
afterAll(() => dovecot?.dispose());

beforeEach(async () => {
  sink = await startSmtpSink();
  dir = await mkdtemp(join(tmpdir(), 'tern-outbox-test-'));
  account = { ...accountFor(dovecot, { id: `acc${Date.now()}` }), smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'alice' } };
  published = [];
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
  await sink.stop();
});

async function openOutbox(accounts: Account[] = [account]): Promise<Outbox> {
  const outbox = await Outbox.open({
    spool: new OutboxSpool(dir),
    secrets: createMemorySecrets({ [account.id]: 'secret-alice' }),
    accountOf: (id) => accounts.find((a) => a.id === id) ?? null,
    relayAddress: () => null,
    publish: (entries) => published.push(entries),
    timing: { ...DEFAULT_OUTBOX_TIMING, retryInitialMs: 200, retryMaxMs: 400, smtpTimeoutMs: 10_000 },
  });
  open.push(outbox);
  return outbox;
}

function message(overrides: Partial<ComposedOutgoing> = {}): ComposedOutgoing {
  return {
    from: { name: 'Alice', address: 'alice@example.org' },
    to: [{ name: 'Bob', address: 'bob@example.org' }],
    cc: [],
    bcc: [{ name: 'Hidden', address: 'hidden@example.org' }],
    subject: 'Zug fährt ab',
    text: 'Bis gleich!',
    html: null,
    inReplyTo: null,
    references: [],
    attachments: [],
    ...overrides,
  };
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function sentFolderFiles(): Promise<string[]> {
  const names: string[] = [];
  for (const sub of ['cur', 'new']) {
    names.push(...(await readdir(join(dovecot.maildirPath('alice', 'Sent'), sub)).catch(() => [] as string[])).map((n) => join(sub, n)));
  }
  return names;
}

async function sentCopiesOf(messageId: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await sentFolderFiles()) {
    const text = await readFile(join(dovecot.maildirPath('alice', 'Sent'), name), 'latin1');
    if (text.includes(messageId)) found.push(name);
  }
  return found;
}

describe('outbox', () => {
  it('holds a message for the undo delay, submits it once with Bcc only in the envelope, and files it in Sent as read', async () => {
    const outbox = await openOutbox();
    const undone = await outbox.queue(account.id, message({ subject: 'Undone' }), Date.now() + 60_000);
    const { id, messageId } = await outbox.queue(account.id, message(), Date.now() + 300);
    expect(outbox.list().map((e) => e.state)).toEqual(['waiting', 'waiting']);
    await outbox.cancel(undone.id);
    expect(sink.received).toHaveLength(0);
    await until('the entry to leave the outbox', () => outbox.list().length === 0);
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail!.to.sort()).toEqual(['bob@example.org', 'hidden@example.org']);
    const parsed = await simpleParser(mail!.data);
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.subject).toBe('Zug fährt ab');
    expect(mail!.data.toString('latin1')).not.toMatch(/hidden@example\.org|^Bcc:/im);
    const copies = await until('the Sent copy', () => sentCopiesOf(messageId).then((c) => c.length > 0 && c));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/:2,[A-Z]*S/); // \Seen
    expect(published.some((list) => list.some((e) => e.id === id && e.state === 'sending'))).toBe(true);
    await expect(outbox.cancel(id)).rejects.toThrow(/no longer in the outbox/);
  }, TIMEOUT);

  it('waits while the SMTP server is down and delivers exactly once when it is back', async () => {
    await sink.stop();
    const outbox = await openOutbox();
    const { messageId } = await outbox.queue(account.id, message(), Date.now());
    const waiting = await until('a retryable failure', () => outbox.list().find((e) => e.state === 'waiting' && e.attempts >= 1 && e.error));
    expect(waiting.error).toMatch(/Cannot reach/);
    await sink.start();
    await until('delivery', () => outbox.list().length === 0);
    // Later retries find nothing left to send.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sink.received.filter((m) => m.data.includes(messageId))).toHaveLength(1);
  }, TIMEOUT);

  it('records refused and deferred recipients, retries only the deferred ones, and copies to Sent once', async () => {
    sink.setRcptReply((address) =>
      address.startsWith('gone@') ? { code: 550, text: '5.1.1 No such user' } : address.startsWith('busy@') ? { code: 452, text: '4.2.2 Mailbox full' } : null,
    );
    const outbox = await openOutbox();
    const { id, messageId } = await outbox.queue(
      account.id,
      message({ to: [{ name: '', address: 'bob@example.org' }, { name: '', address: 'gone@example.org' }, { name: '', address: 'busy@example.org' }], bcc: [] }),
      Date.now(),
    );
    const first = await until('the first outcome', () => outbox.list().find((e) => e.id === id && e.recipients.some((r) => r.outcome === 'deferred') && e.state === 'waiting'));
    expect(first.recipients.find((r) => r.address === 'gone@example.org')).toMatchObject({ outcome: 'rejected', text: expect.stringMatching(/550 .*No such user/) });
    expect(first.recipients.find((r) => r.address === 'bob@example.org')!.outcome).toBe('accepted');
    sink.setRcptReply((address) => (address.startsWith('gone@') ? { code: 550, text: '5.1.1 No such user' } : null));
    const done = await until('the deferred recipient to be accepted', () => outbox.list().find((e) => e.id === id && e.state === 'failed'));
    expect(done.recipients.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(done.error).toMatch(/refused for gone@example\.org/);
    expect(sink.received.map((m) => m.to)).toEqual([['bob@example.org'], ['busy@example.org']]);
    expect(await sentCopiesOf(messageId)).toHaveLength(1);
    await outbox.cancel(id);
    expect(outbox.list()).toEqual([]);
  }, TIMEOUT);

  it('after a restart sends a message that was queued, and never resends one the server took', async () => {
    const before = await openOutbox();
    const queued = await before.queue(account.id, message({ subject: 'queued before the restart' }), Date.now() + 1_500);
    await before.close();
    // A submitted entry whose Sent copy failed (IMAP down) must come back as "copy only".
    await dovecot.stop();
    const other = await openOutbox();
    const submitted = await other.queue(account.id, message({ subject: 'taken before the restart' }), Date.now());
    await until('submission with the Sent copy pending', () => other.list().find((e) => e.id === submitted.id && e.state === 'submitted' && e.error));
    await other.close();
    expect(sink.received).toHaveLength(1);
    await dovecot.start();

    const after = await openOutbox();
    expect(after.list().map((e) => e.messageId).sort()).toEqual([queued.messageId, submitted.messageId].sort());
    after.retryNow();
    await until('both to leave the outbox', () => after.list().length === 0);
    expect(sink.received.map((m) => m.data.includes(submitted.messageId))).toEqual([true, false]);
    expect(sink.received[1]!.data.includes(queued.messageId)).toBe(true);
    expect(await sentCopiesOf(submitted.messageId)).toHaveLength(1);
  }, TIMEOUT);

  it('files no second Sent copy when the first was saved just before a cut', async () => {
    // The server took the message, but the IMAP server was down for the Sent copy.
    await dovecot.stop();
    const before = await openOutbox();
    const { id, messageId } = await before.queue(account.id, message({ subject: 'copied before the cut' }), Date.now());
    await until('submission with the Sent copy pending', () => before.list().find((e) => e.id === id && e.state === 'submitted' && e.error));
    await before.close();
    // As if the APPEND had completed and the process died before recording it.
    await dovecot.seed('alice', 'Sent', [{ raw: await new OutboxSpool(dir).readMessage(id), flags: ['\\Seen'] }]);
    await dovecot.start();
    expect(await sentCopiesOf(messageId)).toHaveLength(1);

    const after = await openOutbox();
    after.retryNow();
    await until('the entry to leave the outbox', () => after.list().length === 0);
    expect(await sentCopiesOf(messageId)).toHaveLength(1);
    expect(sink.received).toHaveLength(1);
  }, TIMEOUT);

  it('uses the separate SMTP password when one is stored, and files no Sent copy where the server does', async () => {
    const outbox = await Outbox.open({
      spool: new OutboxSpool(dir),
      secrets: createMemorySecrets({ [account.id]: 'wrong-imap-password', [smtpSecretKey(account.id)]: 'secret-alice' }),
      accountOf: (id) => (id === account.id ? { ...account, serverSavesSent: true } : null),
      relayAddress: () => null,
      publish: () => undefined,
      timing: { ...DEFAULT_OUTBOX_TIMING, retryInitialMs: 200, retryMaxMs: 400 },
    });
    open.push(outbox);
    const { messageId } = await outbox.queue(account.id, message(), Date.now());
    await until('delivery', () => outbox.list().length === 0);
    expect(sink.received).toHaveLength(1);
    // The account says its server files sent mail itself: no copy from Tern.
    expect(await sentCopiesOf(messageId)).toHaveLength(0);
  }, TIMEOUT);

  it('sends a 0-byte attachment and a hostile filename safely, and refuses a too-large message before uploading it', async () => {
    const outbox = await openOutbox();
    const empty = await outbox.createBlob();
    const named = await outbox.createBlob();
    await outbox.appendBlob(named, 0, Buffer.from('secret plans'));
    await outbox.queue(
      account.id,
      message({
        attachments: [
          { filename: 'empty.txt', contentType: 'text/plain', blobId: empty },
          { filename: '../../etc/pass\u0007wd\r\n.txt', contentType: 'text/plain', blobId: named },
        ],
      }),
      Date.now(),
    );
    await until('delivery', () => outbox.list().length === 0);
    const parsed = await simpleParser(sink.received[0]!.data);
    expect(parsed.attachments.map((a) => [a.filename, a.content.length])).toEqual([
      ['empty.txt', 0],
      ['passwd.txt', 12],
    ]);

    await sink.stop();
    const small = await startSmtpSink({ maxSize: 20 * 1024 * 1024 });
    try {
      const big = await outbox.createBlob();
      const chunk = Buffer.alloc(4 * 1024 * 1024, 0x41);
      for (let offset = 0; offset < 50 * 1024 * 1024; offset += chunk.length) await outbox.appendBlob(big, offset, chunk);
      const tooLarge: Account = { ...account, smtp: { host: '127.0.0.1', port: small.port, security: 'none', user: 'alice' } };
      const other = await Outbox.open({
        spool: new OutboxSpool(dir),
        secrets: createMemorySecrets({ [account.id]: 'secret-alice' }),
        accountOf: (id) => (id === account.id ? tooLarge : null),
        relayAddress: () => null,
        publish: () => undefined,
        timing: { ...DEFAULT_OUTBOX_TIMING, retryInitialMs: 200, retryMaxMs: 400 },
      });
      open.push(other);
      await outbox.close();
      await other.queue(account.id, message({ attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', blobId: big }] }), Date.now());
      const failed = await until('a clear failure', () => other.list().find((e) => e.state === 'failed'), 60_000);
      expect(failed.error).toMatch(/too large/);
      expect(failed.size).toBeGreaterThan(50 * 1024 * 1024);
      expect(small.dataStarted).toBe(0);
    } finally {
      await small.stop();
      await sink.start();
    }
  }, TIMEOUT);
});
