/**
 * Replaying queued operations against a real Dovecot, with its full capabilities (MOVE,
 * UIDPLUS), without MOVE (UID COPY + STORE \Deleted + UID EXPUNGE, RFC 4315) and with
 * neither (COPY + EXPUNGE; new UIDs found by Message-ID). Another client (imapflow, as another
 * mail program would) reads the server's state. Every operation is replayed a second time
 * to show that the second run changes nothing.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import type { Operation } from '../../../src-shared/operations';
import type { ImapConnection } from '../imap/imap-connection';
import { connectTestImap } from '../testing/engine-harness';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { replayOperations } from './replay-operations';

const TIMEOUT = 60_000;
const ACCOUNT = 'ops';

const SERVERS = [
  { name: 'full capabilities', imapCapability: undefined },
  { name: 'UIDPLUS but no MOVE', imapCapability: 'IMAP4rev1 LITERAL+ UIDPLUS' },
  { name: 'IMAP4rev1 only', imapCapability: 'IMAP4rev1 LITERAL+' },
];

describe.each(SERVERS)('replaying operations on Dovecot with $name', { timeout: TIMEOUT }, ({ imapCapability }) => {
  let server: DovecotServer;
  let connection: ImapConnection;
  let store: MemoryStore;
  let other: ImapFlow;
  let run = 0;
  /** Each test works in its own folders, so the tests do not depend on each other. */
  let inbox: string;
  let archive: string;

  beforeAll(async () => {
    server = await startDovecot({ imapCapability });
    other = new ImapFlow({
      host: server.host,
      port: server.ports.imap,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'alice', pass: 'secret-alice' },
      logger: false,
      disableAutoIdle: true,
    });
    await other.connect();
  }, TIMEOUT);

  afterAll(async () => {
    await other?.logout();
    await server?.dispose();
  }, TIMEOUT);

  beforeEach(async () => {
    run += 1;
    inbox = `Work${run}`;
    archive = `Archive${run}`;
    await server.seed('alice', inbox, [
      { subject: 'one', messageId: `<one.${run}@tern.test>` },
      { subject: 'two', messageId: `<two.${run}@tern.test>` },
      { subject: 'three', messageId: `<three.${run}@tern.test>` },
    ]);
    await server.createFolder('alice', archive);
    store = createMemoryStore();
    connection = await connectTestImap(server);
  }, TIMEOUT);

  afterEach(async () => {
    await connection?.logout();
  });

  /** UID, subject and flags of every message in `folder`, as another client sees them. */
  async function serverState(folder: string): Promise<{ uid: number; subject: string; flags: string[] }[]> {
    const lock = await other.getMailboxLock(folder, { readOnly: true });
    try {
      const found: { uid: number; subject: string; flags: string[] }[] = [];
      if (other.mailbox && other.mailbox.exists > 0) {
        for await (const m of other.fetch('1:*', { uid: true, envelope: true, flags: true })) {
          // Unsolicited FETCH responses (flag changes made by the replay) carry no UID.
          if (typeof m.uid !== 'number') continue;
          found.push({ uid: m.uid, subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])].sort() });
        }
      }
      return found.sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  }

  async function uidValidity(folder: string): Promise<number> {
    const status = await other.status(folder, { uidValidity: true });
    if (!status) throw new Error(`no STATUS for ${folder}`);
    return Number(status.uidValidity);
  }

  const ref = (uid: number, name: string) => ({ uid, messageId: `<${name}.${run}@tern.test>` });

  /** Queues `op`, replays, and returns the outcome the cache was given. */
  async function replay(op: Operation) {
    const seq = store.enqueue(ACCOUNT, op);
    const touched = await replayOperations(connection, store, ACCOUNT);
    expect(await store.listOperations({ accountId: ACCOUNT })).toEqual([]);
    return { touched, outcome: store.settled.find((s) => s.seq === seq)!.outcome };
  }

  it('sets and clears flags as absolutes, so a second replay changes nothing', async () => {
    const validity = await uidValidity(inbox);
    const seen: Operation = { kind: 'flag', folderPath: inbox, uidValidity: validity, messages: [ref(1, 'one'), ref(3, 'three')], flag: '\\Seen', value: true };
    expect((await replay(seen)).outcome).toEqual({ result: 'done', placed: [], issue: null });
    await replay(seen);
    expect((await serverState(inbox)).map((m) => m.flags)).toEqual([['\\Seen'], [], ['\\Seen']]);

    const unseen: Operation = { ...seen, messages: [ref(3, 'three')], value: false };
    await replay(unseen);
    await replay(unseen);
    expect((await serverState(inbox)).map((m) => m.flags)).toEqual([['\\Seen'], [], []]);
  });

  it('moves messages once and maps their new UIDs, even when replayed again', async () => {
    const op: Operation = { kind: 'move', folderPath: inbox, uidValidity: await uidValidity(inbox), messages: [ref(1, 'one'), ref(2, 'two')], target: archive };
    const first = await replay(op);
    expect(first.touched.sort()).toEqual([archive, inbox].sort());
    const archived = await serverState(archive);
    expect(archived.map((m) => m.subject)).toEqual(['one', 'two']);
    expect((await serverState(inbox)).map((m) => m.subject)).toEqual(['three']);
    const expected = [
      { fromUid: 1, toUid: archived[0]!.uid },
      { fromUid: 2, toUid: archived[1]!.uid },
    ];
    expect(first.outcome.result === 'done' && [...first.outcome.placed].sort((a, b) => a.fromUid - b.fromUid)).toEqual(expected);

    // The same operation again (the cut came after the server moved them, before the cache heard).
    const second = await replay(op);
    expect(second.outcome.result === 'done' && [...second.outcome.placed].sort((a, b) => a.fromUid - b.fromUid)).toEqual(expected);
    expect((await serverState(archive)).map((m) => m.subject)).toEqual(['one', 'two']);
    expect((await serverState(inbox)).map((m) => m.subject)).toEqual(['three']);
  });

  it('finishes a move that was cut between its COPY and its expunge without copying again', async () => {
    // What a COPY-based move leaves behind when the connection breaks after the COPY.
    const lock = await other.getMailboxLock(inbox);
    try {
      await other.messageCopy('2', archive, { uid: true });
    } finally {
      lock.release();
    }
    const op: Operation = { kind: 'move', folderPath: inbox, uidValidity: await uidValidity(inbox), messages: [ref(2, 'two')], target: archive };
    const { outcome } = await replay(op);
    expect(outcome.result).toBe('done');
    expect((await serverState(archive)).map((m) => m.subject)).toEqual(['two']);
    expect((await serverState(inbox)).map((m) => m.subject)).toEqual(['one', 'three']);
  });

  it('copies once: a copy replayed again finds the first one', async () => {
    const op: Operation = { kind: 'copy', folderPath: inbox, uidValidity: await uidValidity(inbox), messages: [ref(3, 'three')], target: archive };
    await replay(op);
    const { outcome } = await replay(op);
    const archived = await serverState(archive);
    expect(archived.map((m) => m.subject)).toEqual(['three']);
    expect(outcome).toEqual({ result: 'done', placed: [{ fromUid: 3, toUid: archived[0]!.uid }], issue: null });
    expect((await serverState(inbox)).map((m) => m.subject)).toEqual(['one', 'two', 'three']);
  });

  it('deletes for good only the messages named, and a second replay is a no-op', async () => {
    const op: Operation = { kind: 'expunge', folderPath: inbox, uidValidity: await uidValidity(inbox), messages: [ref(2, 'two')] };
    expect((await replay(op)).outcome).toEqual({ result: 'done', placed: [], issue: null });
    expect((await replay(op)).outcome).toEqual({ result: 'done', placed: [], issue: null });
    expect((await serverState(inbox)).map((m) => m.subject)).toEqual(['one', 'three']);
  });

  it('reports a move to a folder deleted on the server as a conflict and leaves the message', async () => {
    const op: Operation = { kind: 'move', folderPath: inbox, uidValidity: await uidValidity(inbox), messages: [ref(1, 'one')], target: `Gone${run}` };
    const { outcome } = await replay(op);
    expect(outcome).toMatchObject({ result: 'conflict', issue: { kind: 'folder-gone' } });
    expect((await serverState(inbox)).map((m) => m.subject)).toEqual(['one', 'two', 'three']);
  });

  it('lists a flag change on a message another client deleted, and applies it to the rest', async () => {
    const lock = await other.getMailboxLock(inbox);
    try {
      await other.messageDelete('1', { uid: true });
    } finally {
      lock.release();
    }
    const op: Operation = { kind: 'flag', folderPath: inbox, uidValidity: await uidValidity(inbox), messages: [ref(1, 'one'), ref(2, 'two')], flag: '\\Flagged', value: true };
    const { outcome } = await replay(op);
    expect(outcome).toMatchObject({ result: 'done', issue: { kind: 'message-gone' } });
    expect(await serverState(inbox)).toEqual([
      { uid: 2, subject: 'two', flags: ['\\Flagged'] },
      { uid: 3, subject: 'three', flags: [] },
    ]);
  });

  it('finds the messages by Message-ID when the folder’s UIDVALIDITY changed (RFC 4549 §4.1)', async () => {
    const stale = (await uidValidity(inbox)) + 1000;
    const op: Operation = { kind: 'flag', folderPath: inbox, uidValidity: stale, messages: [{ uid: 99, messageId: `<two.${run}@tern.test>` }], flag: '\\Seen', value: true };
    expect((await replay(op)).outcome).toEqual({ result: 'done', placed: [], issue: null });
    expect((await serverState(inbox)).map((m) => m.flags)).toEqual([[], ['\\Seen'], []]);
  });
});
