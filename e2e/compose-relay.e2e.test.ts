/**
 * "Send through the embedded relay": the outbox hands the message to the relay the host
 * runs (src-main/relay, started here with its test kit) instead of the account's own
 * submission server, waits while the relay is off, and the relay delivers it onwards.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOX_TIMING, Outbox } from '../src-main/engine/outbox/outbox';
import { OutboxSpool } from '../src-main/engine/outbox/outbox-spool';
import { startSmtpSink, type SmtpSink } from '../src-main/engine/smtp/smtp-sink';
import { createMemorySecrets } from '../src-main/engine/testing/memory-secrets';
import { startReceivingRelay, startSink } from '../src-main/relay/test-kit';
import type { Account } from '../src-shared/model';
import type { ComposedOutgoing } from '../src-shared/outgoing';
import { freePort } from './servers/free-port';

const TIMEOUT = 60_000;
let sink: SmtpSink;
let dir: string;
const open: Outbox[] = [];

beforeEach(async () => {
  sink = await startSmtpSink();
  dir = await mkdtemp(join(tmpdir(), 'tern-outbox-relay-spool-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
  await sink.stop();
});

const account: Account = {
  id: 'relayed',
  name: 'Relayed',
  email: 'alice@example.org',
  incoming: { protocol: 'imap', accessModel: 'disconnected', host: '127.0.0.1', port: 1, security: 'none', user: 'alice' },
  smtp: null,
  identities: [],
  sendThroughRelay: false,
  serverSavesSent: true,
  trustedCertificates: [],
};

const message: ComposedOutgoing = {
  from: { name: 'Alice', address: 'alice@example.org' },
  to: [{ name: 'Bob', address: 'bob@example.org' }],
  cc: [],
  bcc: [{ name: '', address: 'hidden@example.org' }],
  subject: 'Über das Relais',
  text: 'Hallo',
  html: null,
  inReplyTo: null,
  references: [],
  attachments: [],
};

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('sending through the embedded relay', () => {
  it('hands mail to the embedded relay when the account says so, and waits while the relay is off', async () => {
    const relayDir = await mkdtemp(join(tmpdir(), 'tern-outbox-relay-'));
    const smarthostPort = await freePort();
    const smarthost = await startSink('127.0.0.1', smarthostPort);
    let relay: Awaited<ReturnType<typeof startReceivingRelay>> | null = null;
    const viaRelay: Account = { ...account, smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'alice' }, sendThroughRelay: true };
    const outbox = await Outbox.open({
      spool: new OutboxSpool(dir),
      secrets: createMemorySecrets(),
      accountOf: (id) => (id === viaRelay.id ? viaRelay : null),
      relayAddress: () => (relay ? { host: '127.0.0.1', port: relay.port } : null),
      publish: () => undefined,
      timing: { ...DEFAULT_OUTBOX_TIMING, retryInitialMs: 200, retryMaxMs: 400 },
    });
    open.push(outbox);
    try {
      const { messageId } = await outbox.queue(account.id, message, Date.now());
      const waiting = await until('a wait for the relay', () => outbox.list().find((e) => e.state === 'waiting' && e.error));
      expect(waiting.error).toMatch(/relay is not running/);
      relay = await startReceivingRelay(relayDir, { smarthost: { host: '127.0.0.1', port: smarthostPort, secure: false, insecure: true } });
      await until('the relay to take it', () => outbox.list().length === 0);
      await until('the relay to deliver it', () => smarthost.transactions.length === 1);
      expect(smarthost.transactions[0]!.data).toContain(messageId);
      expect(smarthost.transactions[0]!.to.sort()).toEqual(['bob@example.org', 'hidden@example.org']);
      // Nothing went to the account's own submission server.
      expect(sink.received).toHaveLength(0);
    } finally {
      await relay?.stop();
      await smarthost.close();
    }
  }, TIMEOUT);

});
