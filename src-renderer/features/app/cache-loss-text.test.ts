import { describe, expect, it } from 'vitest';
import { cacheLossText } from './cache-loss-text';

describe('the cache-loss notice', () => {
  it('names what was put back, leaving out what there was none of', () => {
    const lines = cacheLossText({ found: 'running', at: 1, restored: { accounts: 1, operations: 0, drafts: 1 }, pop3Accounts: [] });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('Put back from this window’s memory: 1 account, 1 draft. The mail itself comes back from the server at the next sync.');
  });

  it('at a window’s start, says the accounts came from Tern’s own list and queued changes are lost', () => {
    const lines = cacheLossText({ found: 'at-start', at: 1, restored: { accounts: 1, operations: 0, drafts: 0 }, pop3Accounts: [] });
    expect(lines[0]).toMatch(/^Tern’s local cache was gone when this window opened\./);
    expect(lines[1]).toBe(
      'Put back from Tern’s own list: 1 account. The mail itself comes back from the server at the next sync; changes made offline that had not reached the server were lost with the cache.',
    );
  });

  it('says that POP3 mail no longer on the server is gone', () => {
    const lines = cacheLossText({ found: 'running', at: 1, restored: { accounts: 2, operations: 3, drafts: 0 }, pop3Accounts: ['Home'] });
    expect(lines[1]).toContain('2 accounts, 3 changes waiting for the server.');
    expect(lines[2]).toBe('Mail of Home (POP3) that was no longer on the server was only in the cache and could not be restored.');
  });
});
