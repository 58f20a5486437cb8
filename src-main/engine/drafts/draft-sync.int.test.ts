// Drafts on a real IMAP server (Dovecot): each save replaces the previous version, a
// draft saved by one profile is found and continued by another, and sending it from
// there leaves one message sent and no draft behind.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Account } from '../../../src-shared/model';
import type { ComposedOutgoing } from '../../../src-shared/outgoing';
import { startSmtpSink, type SmtpSink } from '../smtp/smtp-sink';
import { accountFor, startOnlineEngine, type TestEngine } from '../testing/engine-harness';
import { draftMessageId } from './draft-sync';

const TIMEOUT = 90_000;
let dovecot: DovecotServer;
let sink: SmtpSink;
let account: Account;
const engines: TestEngine[] = [];

beforeAll(async () => {
  [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  account = { ...accountFor(dovecot, { id: 'drafts' }), smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'alice' } };
}, TIMEOUT);
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.engine.close()));
});
afterAll(async () => {
  await sink?.stop();
  await dovecot?.dispose();
});

const draft = (text: string): ComposedOutgoing => ({
  from: { name: 'Alice', address: 'alice@example.org' },
  to: [{ name: 'Bob', address: 'bob@example.org' }],
  cc: [],
  bcc: [],
  subject: 'Plan für morgen',
  text,
  html: null,
  inReplyTo: null,
  references: [],
  attachments: [],
});

async function folderFiles(folder: string): Promise<string[]> {
  const texts: string[] = [];
  for (const sub of ['cur', 'new']) {
    const dir = join(dovecot.maildirPath('alice', folder), sub);
    for (const name of await readdir(dir).catch(() => [] as string[])) texts.push(`${name}\n${await readFile(join(dir, name), 'latin1')}`);
  }
  return texts;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('drafts on the server', () => {
  it('replaces older versions, continues on another profile, and is gone once sent', async () => {
    const draftId = '0b5e3a52-6f2c-4a51-9a34-3f1d2c7e8a90';
    const a = await startOnlineEngine(account);
    engines.push(a);
    await a.engine.handlers['draft.save']({ accountId: account.id, draftId, message: draft('Erste Fassung') });
    await a.engine.handlers['draft.save']({ accountId: account.id, draftId, message: draft('Zweite Fassung') });
    const saved = await folderFiles('Drafts');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toContain('Zweite Fassung');
    expect(saved[0]).toContain(draftMessageId(draftId));
    expect(saved[0]!.split('\n')[0]).toMatch(/:2,[A-Z]*D[A-Z]*S/); // \Draft \Seen

    // Profile B: its own cache and spool; the draft reaches it by syncing Drafts.
    const b = await startOnlineEngine(account);
    engines.push(b);
    const found = await until('the draft in B’s cache', () =>
      [...b.store.messages(account.id, 'Drafts').values()].find((m) => m.messageId === draftMessageId(draftId)),
    );
    expect(found.subject).toBe('Plan für morgen');
    await b.engine.handlers['draft.save']({ accountId: account.id, draftId, message: draft('Dritte Fassung, von B') });
    const { messageId } = await b.engine.handlers['outbox.queue']({ accountId: account.id, message: draft('Dritte Fassung, von B'), sendAt: Date.now(), draftId });
    await until('the Sent copy', async () => (await folderFiles('Sent')).some((t) => t.includes(messageId)));
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.data.toString()).toContain('Dritte Fassung, von B');
    expect(await folderFiles('Drafts')).toEqual([]);
  }, TIMEOUT);

  it('removes a discarded draft', async () => {
    const draftId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const a = await startOnlineEngine(account);
    engines.push(a);
    await a.engine.handlers['draft.save']({ accountId: account.id, draftId, message: draft('Verworfen') });
    expect((await folderFiles('Drafts')).some((t) => t.includes('Verworfen'))).toBe(true);
    await a.engine.handlers['draft.remove']({ accountId: account.id, draftId });
    expect((await folderFiles('Drafts')).some((t) => t.includes('Verworfen'))).toBe(false);
  }, TIMEOUT);
});
