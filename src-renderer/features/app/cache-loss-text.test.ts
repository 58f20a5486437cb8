import { describe, expect, it } from 'vitest';
import { cacheLossText } from './cache-loss-text';

describe('the cache-loss notice', () => {
  it('names what was put back, leaving out what there was none of', () => {
    const lines = cacheLossText({ at: 1, restored: { accounts: 1, operations: 0, outbox: 2, drafts: 1 }, pop3Accounts: [] });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('Put back from this window’s memory: 1 account, 2 messages in the outbox, 1 draft. The mail itself comes back from the server at the next sync.');
  });

  it('says that POP3 mail no longer on the server is gone', () => {
    const lines = cacheLossText({ at: 1, restored: { accounts: 2, operations: 3, outbox: 0, drafts: 0 }, pop3Accounts: ['Home'] });
    expect(lines[1]).toContain('2 accounts, 3 changes waiting for the server.');
    expect(lines[2]).toBe('Mail of Home (POP3) that was no longer on the server was only in the cache and could not be restored.');
  });
});
