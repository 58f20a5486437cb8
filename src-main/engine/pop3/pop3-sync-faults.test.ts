// A POP3 account against servers that misbehave in ways Dovecot will not on demand (a
// scripted server on loopback): no UIDL, malformed replies, over-long lines, a busy maildrop.
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../src-shared/model';
import { startFakePop3Server, standardAnswer, type FakePop3Server, type Script } from '../testing/fake-pop3-server';
import { createMemorySecrets } from '../testing/memory-secrets';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { DEFAULT_POP3_TIMING, Pop3Supervisor } from './pop3-supervisor';

let server: FakePop3Server | undefined;
let supervisor: Pop3Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  await server?.close();
});

async function checkAgainst(script: Script): Promise<{ store: MemoryStore; statuses: AccountStatus[] }> {
  server = await startFakePop3Server('+OK ready\r\n', script);
  const store = createMemoryStore();
  const statuses: AccountStatus[] = [];
  supervisor = new Pop3Supervisor(
    {
      id: 'p',
      name: 'P',
      email: 'p@example.org',
      incoming: { protocol: 'pop3', host: '127.0.0.1', port: server.port, security: 'none', user: 'u', retention: 'delete-after-download' },
      smtp: null,
      identities: [],
      sendThroughRelay: false,
      trustedCertificates: [],
    },
    { store, secrets: createMemorySecrets({ p: 'pw' }), publishStatus: (s) => void statuses.push(s), outboxDir: '/nonexistent', publishOutbox: () => undefined, relayAddress: () => null, cacheDiskFree: async () => null },
    { ...DEFAULT_POP3_TIMING, timeoutMs: 2_000 },
  );
  await supervisor.syncNow();
  return { store, statuses };
}

const sent = (verb: string) => server!.commands.filter((c) => c.startsWith(verb));

describe('POP3 account against a misbehaving server', () => {
  it('says the server lacks UIDL and downloads nothing (never guesses by message number)', async () => {
    const { store, statuses } = await checkAgainst((c) => (c === 'UIDL' ? '-ERR unknown command\r\n' : standardAnswer(c)));
    expect(statuses.at(-1)).toMatchObject({ state: 'error', detail: expect.stringMatching(/does not support UIDL/) });
    expect(sent('RETR')).toEqual([]);
    expect(sent('DELE')).toEqual([]);
    expect(store.messages('p', 'INBOX').size).toBe(0);
  });

  it('reports a malformed UIDL listing and stores and deletes nothing', async () => {
    const { store, statuses } = await checkAgainst((c) => (c === 'UIDL' ? '+OK\r\n1 uid one has spaces\r\n.\r\n' : standardAnswer(c)));
    expect(statuses.at(-1)).toMatchObject({ state: 'error', detail: expect.stringMatching(/Invalid UIDL line/) });
    expect(sent('RETR')).toEqual([]);
    expect(store.messages('p', 'INBOX').size).toBe(0);
  });

  it('reports an over-long line in a message and deletes nothing', async () => {
    const { store, statuses } = await checkAgainst((c) => (c.startsWith('RETR') ? `+OK\r\nSubject: ${'a'.repeat(20_000)}\r\n\r\nbody\r\n.\r\n` : standardAnswer(c)));
    expect(statuses.at(-1)?.state).toBe('error');
    expect(statuses.at(-1)?.detail).toMatch(/line|long|limit/i);
    expect(sent('DELE')).toEqual([]);
    expect(sent('QUIT')).toEqual([]);
    expect(store.messages('p', 'INBOX').size).toBe(0);
  });

  it('reports a reply that is not +OK or -ERR', async () => {
    const { statuses } = await checkAgainst((c) => (c === 'LIST' ? 'HELLO THERE\r\n' : standardAnswer(c)));
    expect(statuses.at(-1)).toMatchObject({ state: 'error', detail: expect.stringMatching(/invalid response/) });
    expect(sent('RETR')).toEqual([]);
  });

  it('waits and retries a locked maildrop ([IN-USE]) with the server’s words', async () => {
    const { statuses } = await checkAgainst((c) => (c.startsWith('PASS') ? '-ERR [IN-USE] Mailbox is locked by another session\r\n' : standardAnswer(c)));
    expect(statuses.at(-1)).toMatchObject({ state: 'offline', detail: expect.stringContaining('[IN-USE] Mailbox is locked by another session') });
  });

  it('stores a message, then deletes it on a clean QUIT', async () => {
    const { store, statuses } = await checkAgainst(standardAnswer);
    expect(statuses.at(-1)?.state).toBe('online');
    expect([...store.messages('p', 'INBOX').values()].map((m) => m.subject)).toEqual(['a']);
    expect(server!.commands.slice(-2)).toEqual(['DELE 1', 'QUIT']);
  });
});
