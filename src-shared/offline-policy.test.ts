import { describe, expect, it } from 'vitest';
import type { Account } from './model';
import { bodiesSince, DEFAULT_BUDGET_BYTES, DEFAULT_ONLINE_CACHE_BYTES, describePolicy, folderPolicy, offlineSettings } from './offline-policy';

const DAY = 86_400_000;

function account(overrides: Partial<Account> = {}, accessModel: 'disconnected' | 'online' = 'disconnected'): Account {
  return {
    id: 'a1', name: 'A', email: 'a@example.org',
    incoming: { protocol: 'imap', accessModel, host: 'imap.example.org', port: 993, security: 'tls', user: 'a' },
    smtp: null, identities: [], sendThroughRelay: false, trustedCertificates: [], ...overrides,
  };
}

describe('offline policy', () => {
  it('defaults a stored account without settings to the last 90 days within 2 GB', () => {
    const settings = offlineSettings(account());
    expect(settings.defaultPolicy).toEqual({ kind: 'recent', days: 90 });
    expect(settings.budgetBytes).toBe(DEFAULT_BUDGET_BYTES);
    expect(offlineSettings(account({}, 'online')).budgetBytes).toBe(DEFAULT_ONLINE_CACHE_BYTES);
  });

  it("takes the folder's own policy, else its special-use default, else the account's", () => {
    const settings = offlineSettings(account({ offline: { defaultPolicy: { kind: 'all' }, folderPolicies: { Trash: { kind: 'recent', days: 7 } } } }));
    expect(folderPolicy(settings, { path: 'Trash', specialUse: 'trash' })).toEqual({ policy: { kind: 'recent', days: 7 }, source: 'folder' });
    expect(folderPolicy(settings, { path: 'Spam', specialUse: 'junk' })).toEqual({ policy: { kind: 'headers' }, source: 'special' });
    expect(folderPolicy(settings, { path: 'Drafts', specialUse: 'drafts' })).toEqual({ policy: { kind: 'all' }, source: 'special' });
    expect(folderPolicy(settings, { path: 'Work', specialUse: null })).toEqual({ policy: { kind: 'all' }, source: 'account' });
  });

  it('turns a policy into the oldest date whose body is kept; the online model keeps none ahead', () => {
    const now = 1_800_000_000_000;
    const settings = offlineSettings(account());
    expect(bodiesSince(settings, { kind: 'recent', days: 30 }, now)).toBe(now - 30 * DAY);
    expect(bodiesSince(settings, { kind: 'all' }, now)).toBe(0);
    expect(bodiesSince(settings, { kind: 'headers' }, now)).toBeNull();
    expect(bodiesSince(offlineSettings(account({}, 'online')), { kind: 'all' }, now)).toBeNull();
    expect([describePolicy({ kind: 'recent', days: 1 }), describePolicy({ kind: 'recent', days: 90 }), describePolicy({ kind: 'headers' })]).toEqual(['Last day', 'Last 90 days', 'Headers only']);
  });
});
