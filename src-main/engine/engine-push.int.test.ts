/**
 * Change detection against a real Dovecot: mail delivered into INBOX or another subscribed
 * folder while the engine runs reaches the cache within 5 s, with no syncNow. With full
 * capabilities INBOX is watched by IDLE (RFC 2177); the IMAP4rev1-only server has no IDLE,
 * so every folder is found by STATUS polling. After a server restart the watch resumes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../e2e/servers/dovecot';
import { accountFor, startOnlineEngine, type TestEngine } from './testing/engine-harness';

const TIMEOUT = 90_000;
const DELIVERY_BUDGET_MS = 5_000;

const SERVERS = [
  { name: 'full capabilities', imapCapability: undefined },
  { name: 'IMAP4rev1 only', imapCapability: 'IMAP4rev1 LITERAL+' },
];

describe.each(SERVERS)('change detection against Dovecot with $name', { timeout: TIMEOUT }, ({ imapCapability }) => {
  let server: DovecotServer;
  let test: TestEngine;
  const account = () => accountFor(server, { id: 'push' });
  const subjects = (folder: string) => [...test.store.messages(account().id, folder).values()].map((m) => m.subject).sort();

  /** Polls the cache for `subject` in `folder` from the moment of the call, for 5 s. */
  async function arrivesWithinBudget(folder: string, subject: string): Promise<void> {
    const deadline = Date.now() + DELIVERY_BUDGET_MS;
    while (Date.now() < deadline) {
      if (subjects(folder).includes(subject)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const statuses = test.statuses.map((s) => `${s.state}${s.detail ? ` (${s.detail})` : ''}`).join(' → ');
    throw new Error(`${subject} did not reach ${folder} within 5 s; the cache has ${subjects(folder).join(', ')}; statuses: ${statuses}`);
  }

  beforeAll(async () => {
    server = await startDovecot({ imapCapability });
    await server.seed('alice', 'INBOX', [{ subject: 'first' }]);
    await server.seed('alice', 'Lists', [{ subject: 'old list mail' }]);
    test = await startOnlineEngine(account());
  }, TIMEOUT);

  afterAll(async () => {
    await test?.engine.close();
    await server?.dispose();
  }, TIMEOUT);

  it('brings new INBOX mail into the cache within 5 s', async () => {
    await server.seed('alice', 'INBOX', [{ subject: 'pushed to inbox' }]);
    await arrivesWithinBudget('INBOX', 'pushed to inbox');
  });

  it('brings new mail in another subscribed folder into the cache within 5 s', async () => {
    await server.seed('alice', 'Lists', [{ subject: 'pushed to lists' }]);
    await arrivesWithinBudget('Lists', 'pushed to lists');
    expect(subjects('Lists')).toEqual(['old list mail', 'pushed to lists']);
  });

  it('keeps watching after a burst of deliveries into both folders', async () => {
    await server.seed('alice', 'INBOX', [{ subject: 'burst 1' }, { subject: 'burst 2' }]);
    await server.seed('alice', 'Lists', [{ subject: 'burst 3' }]);
    await arrivesWithinBudget('INBOX', 'burst 2');
    await arrivesWithinBudget('Lists', 'burst 3');
    expect(subjects('INBOX')).toEqual(['burst 1', 'burst 2', 'first', 'pushed to inbox']);
  });

  it('watches again after the server restarted', async () => {
    const from = test.statuses.length;
    await server.stop(); // Dovecot ends open sessions up to 10 s later
    const offline = await test.waitForState(account().id, 'offline', { from, timeoutMs: 30_000 });
    await server.start();
    await test.waitForState(account().id, 'online', { from: test.statuses.indexOf(offline), timeoutMs: 30_000 });
    await server.seed('alice', 'Lists', [{ subject: 'after the restart' }]);
    await arrivesWithinBudget('Lists', 'after the restart');
  });
});
