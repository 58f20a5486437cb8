/**
 * A connection cut in the middle of an APPEND (a draft saved to the server's Drafts folder),
 * through the fault-injecting proxy in front of a real Dovecot. Two cuts: after the server
 * stored the message but before its OK arrived (the client cannot know it was stored), and
 * before the server received the message at all (no LITERAL+, so the cut falls between the
 * continuation request and the literal). Either way, running the save again leaves exactly
 * one copy: the re-run finds earlier versions by the draft's Message-ID.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { ComposedOutgoing } from '../../../src-shared/outgoing';
import { draftMessageId, saveDraftOnServer, type DraftSyncDeps } from '../drafts/draft-sync';
import { OutboxSpool } from '../outbox/outbox-spool';
import { accountFor } from '../testing/engine-harness';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy';
import { createMemorySecrets } from '../testing/memory-secrets';

const TIMEOUT = 60_000;

const draft = (text: string): ComposedOutgoing => ({
  from: { name: 'Alice', address: 'alice@example.org' },
  to: [{ name: 'Bob', address: 'bob@example.org' }],
  cc: [],
  bcc: [],
  subject: 'Cut short',
  text,
  html: null,
  inReplyTo: null,
  references: [],
  attachments: [],
});

/** The texts of the Drafts messages carrying this Message-ID, read straight from the server. */
async function draftsOnServer(server: DovecotServer, messageId: string): Promise<string[]> {
  const client = new ImapFlow({ host: server.host, port: server.ports.imap, secure: false, doSTARTTLS: false, auth: { user: 'alice', pass: 'secret-alice' }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('Drafts', { readOnly: true });
    try {
      const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      const texts: string[] = [];
      for (const uid of Array.isArray(uids) ? uids : []) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (message && message.source) texts.push(message.source.toString('utf8'));
      }
      return texts;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe.each([
  { name: 'after the server stored the message, before its OK', imapCapability: undefined, cutAt: '[APPENDUID ', storedBeforeRetry: 1 },
  { name: 'before the server received the message (no LITERAL+)', imapCapability: 'IMAP4rev1 UIDPLUS', cutAt: '+ OK', storedBeforeRetry: 0 },
])('a connection cut mid-APPEND $name', { timeout: TIMEOUT }, ({ imapCapability, cutAt, storedBeforeRetry }) => {
  let server: DovecotServer;
  let proxy: FaultProxy;
  let deps: DraftSyncDeps;

  beforeAll(async () => {
    server = await startDovecot({ imapCapability });
    await server.createFolder('alice', 'Drafts');
    proxy = await startFaultProxy(server.ports.imap);
    const secrets = createMemorySecrets();
    deps = { spool: new OutboxSpool(await mkdtemp(join(tmpdir(), 'tern-append-faults-'))), secrets, timeouts: { connectMs: 5_000, greetingMs: 5_000, socketMs: 10_000 } };
  }, TIMEOUT);

  afterAll(async () => {
    await proxy?.close();
    await server?.dispose();
  }, TIMEOUT);

  it('fails the save, and the save run again leaves exactly one copy of the draft', async () => {
    const account = accountFor(server, { id: 'cut', port: proxy.port });
    await deps.secrets.set(account.id, 'secret-alice');
    const draftId = `draft-${storedBeforeRetry}`;
    const messageId = draftMessageId(draftId);

    proxy.cutAfter(cutAt, 0);
    await expect(saveDraftOnServer(deps, account, draftId, draft('The one and only version.'), Date.now())).rejects.toThrow();
    expect(proxy.fired).toBe(true);
    expect(await draftsOnServer(server, messageId)).toHaveLength(storedBeforeRetry);

    await saveDraftOnServer(deps, account, draftId, draft('The one and only version.'), Date.now());
    const copies = await draftsOnServer(server, messageId);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toContain('The one and only version.');
  });
});
