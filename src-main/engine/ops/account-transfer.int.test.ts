/**
 * Moving and copying messages between two accounts on two real Dovecot servers: the target
 * with all its capabilities, and with IMAP4rev1 alone (no UIDPLUS, so the new UID is found by
 * Message-ID). Each message arrives whole, with its flags and INTERNALDATE, exactly once,
 * however often the operation is replayed, and also when the connection to the other server
 * is cut (fault-proxy.ts) after it stored the message but before its answer arrived; a target folder that is
 * gone is a conflict; a target server that cannot be reached keeps the operation queued.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withAlice } from '../../../e2e/harness/server-mailbox';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Account } from '../../../src-shared/model';
import type { Operation } from '../../../src-shared/operations';
import type { ImapConnection } from '../imap/imap-connection';
import { accountFor, connectTestImap } from '../testing/engine-harness';
import { createMemorySecrets } from '../testing/memory-secrets';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { startFaultProxy } from '../testing/fault-proxy';
import { transferableFlags } from './account-transfer';
import { otherAccounts, OtherAccountUnavailable, type OtherAccounts } from './other-accounts';
import { replayOperations } from './replay-operations';

const TIMEOUT = 60_000;
const SOURCE = 'source';
const OLD_DATE = new Date('2025-03-04T05:06:07Z');
const TIMEOUTS = { connectMs: 5_000, greetingMs: 5_000, socketMs: 30_000 };

const TARGETS = [
  { name: 'all capabilities', imapCapability: undefined },
  { name: 'IMAP4rev1 alone', imapCapability: 'IMAP4rev1 LITERAL+' },
];

interface SeenMessage {
  uid: number;
  subject: string;
  flags: string[];
  date: string;
  body: string;
}

/** Subject, flags, INTERNALDATE and body of every message in `folder`, as another mail program sees them. */
function serverState(server: DovecotServer, folder: string): Promise<SeenMessage[]> {
  return withAlice(server, async (client) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const found: SeenMessage[] = [];
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const m of client.fetch('1:*', { uid: true, envelope: true, flags: true, internalDate: true, source: true })) {
          const date = m.internalDate instanceof Date ? m.internalDate.toISOString() : '';
          // \Recent is this session's own view of a new message (RFC 3501 §2.3.2), not a flag that was carried.
          const flags = [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort();
          found.push({ uid: m.uid, subject: m.envelope?.subject ?? '', flags, date, body: m.source?.toString('utf8').split('\r\n\r\n')[1] ?? '' });
        }
      }
      return found.sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  });
}

describe.each(TARGETS)('moving mail to another account whose server has $name', { timeout: TIMEOUT }, ({ imapCapability }) => {
  let source: DovecotServer;
  let target: DovecotServer;
  let targetAccount: Account;
  let others: OtherAccounts;
  let connection: ImapConnection;
  let store: MemoryStore;
  let run = 0;
  let inbox: string;
  let filed: string;

  beforeAll(async () => {
    [source, target] = await Promise.all([startDovecot(), startDovecot({ imapCapability })]);
    targetAccount = accountFor(target, { id: 'target' });
    others = otherAccounts((id) => (id === targetAccount.id ? targetAccount : null), createMemorySecrets({ target: 'secret-alice' }), TIMEOUTS);
  }, TIMEOUT);

  afterAll(async () => {
    await source?.dispose();
    await target?.dispose();
  }, TIMEOUT);

  beforeEach(async () => {
    run += 1;
    inbox = `Work${run}`;
    filed = `Filed${run}`;
    await source.seed('alice', inbox, [
      { subject: 'one', messageId: `<one.${run}@tern.test>`, body: 'The first one.', flags: ['\\Seen', '\\Flagged'], date: OLD_DATE },
      { subject: 'two', messageId: `<two.${run}@tern.test>`, body: 'The second one.' },
    ]);
    // A keyword, which a Maildir file name cannot carry: set as a mail program would.
    await withAlice(source, async (client) => {
      const lock = await client.getMailboxLock(inbox);
      try {
        await client.messageFlagsAdd('1', ['$Label1'], { uid: true });
      } finally {
        lock.release();
      }
    });
    await target.createFolder('alice', filed);
    store = createMemoryStore();
    connection = await connectTestImap(source);
  }, TIMEOUT);

  afterEach(async () => {
    await connection?.logout();
  });

  const ref = (uid: number, name: string) => ({ uid, messageId: `<${name}.${run}@tern.test>` });
  const uidValidity = () =>
    withAlice(source, async (client) => {
      const status = await client.status(inbox, { uidValidity: true });
      if (!status) throw new Error(`no STATUS for ${inbox}`);
      return Number(status.uidValidity);
    });

  async function replay(op: Operation, through: OtherAccounts = others) {
    const seq = store.enqueue(SOURCE, op);
    await replayOperations(connection, store, SOURCE, through);
    expect(await store.listOperations({ accountId: SOURCE })).toEqual([]);
    return store.settled.find((s) => s.seq === seq)!.outcome;
  }

  it('moves a message whole, with its flags and date, once, and a replay changes nothing', async () => {
    const op: Operation = { kind: 'to-account', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(1, 'one')], targetAccountId: 'target', target: filed, keepOriginal: false };
    const first = await replay(op);
    const arrived = await serverState(target, filed);
    expect(arrived).toEqual([{ uid: arrived[0]!.uid, subject: 'one', flags: ['$Label1', '\\Flagged', '\\Seen'], date: OLD_DATE.toISOString(), body: expect.stringContaining('The first one.') as string }]);
    expect(first).toEqual({ result: 'done', placed: [{ fromUid: 1, toUid: arrived[0]!.uid }], issue: null });
    expect((await serverState(source, inbox)).map((m) => m.subject)).toEqual(['two']);

    // Replayed again (a cut after the server did it, before the cache heard): found there, not sent twice.
    expect(await replay(op)).toEqual(first);
    expect((await serverState(target, filed)).map((m) => m.subject)).toEqual(['one']);
  });

  it('finishes a move cut between its APPEND and its expunge without a second copy', async () => {
    const copy: Operation = { kind: 'to-account', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(2, 'two')], targetAccountId: 'target', target: filed, keepOriginal: true };
    await replay(copy);
    expect((await serverState(source, inbox)).map((m) => m.subject)).toEqual(['one', 'two']);
    const outcome = await replay({ ...copy, keepOriginal: false });
    expect(outcome).toMatchObject({ result: 'done', issue: null });
    expect((await serverState(target, filed)).map((m) => m.subject)).toEqual(['two']);
    expect((await serverState(source, inbox)).map((m) => m.subject)).toEqual(['one']);
  });

  it('lists a message gone from both accounts, and moves the rest', async () => {
    const op: Operation = { kind: 'to-account', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(2, 'two'), { uid: 99, messageId: `<never.${run}@tern.test>` }], targetAccountId: 'target', target: filed, keepOriginal: false };
    expect(await replay(op)).toMatchObject({ result: 'done', issue: { kind: 'message-gone' } });
    expect((await serverState(target, filed)).map((m) => m.subject)).toEqual(['two']);
  });

  it('makes a target folder that is gone a conflict, and leaves the message where it was', async () => {
    const op: Operation = { kind: 'to-account', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(1, 'one')], targetAccountId: 'target', target: `Gone${run}`, keepOriginal: false };
    expect(await replay(op)).toMatchObject({ result: 'conflict', issue: { kind: 'folder-gone' } });
    expect((await serverState(source, inbox)).map((m) => m.subject)).toEqual(['one', 'two']);
  });

  it('sends a message once when the other server stored it but the connection was cut before its answer', async () => {
    const proxy = await startFaultProxy(target.ports.imap);
    try {
      const throughProxy = otherAccounts(() => ({ ...targetAccount, incoming: { ...targetAccount.incoming, port: proxy.port } }), createMemorySecrets({ target: 'secret-alice' }), TIMEOUTS);
      const move: Operation = { kind: 'to-account', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(1, 'one')], targetAccountId: 'target', target: filed, keepOriginal: false };
      store.enqueue(SOURCE, move);
      proxy.cutAfter('Append completed', 0);
      await expect(replayOperations(connection, store, SOURCE, throughProxy)).rejects.toBeInstanceOf(OtherAccountUnavailable);
      expect(proxy.fired).toBe(true);
      expect((await store.listOperations({ accountId: SOURCE })).map((p) => p.operation.kind)).toEqual(['to-account']);
      expect((await serverState(source, inbox)).map((m) => m.subject)).toEqual(['one', 'two']);

      await replayOperations(connection, store, SOURCE, throughProxy);
      expect(await store.listOperations({ accountId: SOURCE })).toEqual([]);
      expect((await serverState(target, filed)).map((m) => m.subject)).toEqual(['one']);
      expect((await serverState(source, inbox)).map((m) => m.subject)).toEqual(['two']);
    } finally {
      await proxy.close();
    }
  });

  it('keeps the operation queued, and the ones after it, while the other server cannot be reached', async () => {
    const unreachable = otherAccounts(() => ({ ...targetAccount, incoming: { ...targetAccount.incoming, port: 1 } }), createMemorySecrets({ target: 'secret-alice' }), TIMEOUTS);
    const move: Operation = { kind: 'to-account', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(1, 'one')], targetAccountId: 'target', target: filed, keepOriginal: false };
    const flag: Operation = { kind: 'flag', folderPath: inbox, uidValidity: await uidValidity(), messages: [ref(2, 'two')], flag: '\\Flagged', value: true };
    store.enqueue(SOURCE, move);
    store.enqueue(SOURCE, flag);
    await expect(replayOperations(connection, store, SOURCE, unreachable)).rejects.toBeInstanceOf(OtherAccountUnavailable);
    expect((await store.listOperations({ accountId: SOURCE })).map((p) => p.operation.kind)).toEqual(['to-account', 'flag']);
    expect((await serverState(source, inbox)).map((m) => [m.subject, m.flags])).toEqual([['one', ['$Label1', '\\Flagged', '\\Seen']], ['two', []]]);

    // Reachable again: both go, in order.
    await replayOperations(connection, store, SOURCE, others);
    expect(await store.listOperations({ accountId: SOURCE })).toEqual([]);
    expect((await serverState(target, filed)).map((m) => m.subject)).toEqual(['one']);
    expect((await serverState(source, inbox)).map((m) => [m.subject, m.flags])).toEqual([['two', ['\\Flagged']]]);
  });
});

describe('flags carried to another server', () => {
  it('keeps system flags and plain keywords, and drops \\Recent, \\Deleted and anything that could break the command', () => {
    expect(transferableFlags(['\\Seen', '\\Recent', '\\Deleted', '\\Answered', '$Forwarded', 'Work', 'bad flag', 'x)(', '\\Unknown', 'ok.2'])).toEqual(['\\Seen', '\\Answered', '$Forwarded', 'Work', 'ok.2']);
  });
});
