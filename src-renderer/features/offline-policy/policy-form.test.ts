import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/model';
import { budgetOf, fieldsOf, formatBytes, policyOf, withAccountSettings, withFolderPolicy } from './policy-form';

const account: Account = {
  id: 'a1', name: 'A', email: 'a@example.org',
  incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.org', port: 993, security: 'tls', user: 'a' },
  smtp: null, identities: [], sendThroughRelay: false, trustedCertificates: [],
};

describe('offline policy form', () => {
  it('turns the fields into a policy and back, and refuses a day count that is not one', () => {
    expect(policyOf(fieldsOf({ kind: 'recent', days: 30 }))).toEqual({ ok: true, policy: { kind: 'recent', days: 30 } });
    expect(policyOf(fieldsOf(undefined))).toEqual({ ok: true, policy: undefined });
    expect(policyOf({ choice: 'headers', days: 'x' })).toEqual({ ok: true, policy: { kind: 'headers' } });
    for (const days of ['0', '2.5', '-3', '', 'ten', '40000']) expect(policyOf({ choice: 'recent', days }).ok).toBe(false);
  });

  it('reads the budget in megabytes, from 50 MB up', () => {
    expect(budgetOf(' 2048 ')).toEqual({ ok: true, bytes: 2048 * 1024 * 1024 });
    expect(budgetOf('49').ok).toBe(false);
    expect(budgetOf('1e3').ok).toBe(false);
    expect([formatBytes(2048), formatBytes(1.5 * 1024 * 1024), formatBytes(2 * 1024 ** 3)]).toEqual(['2 KB', '1.5 MB', '2.0 GB']);
  });

  it('sets and clears one folder policy, keeping the others and the account settings', () => {
    const one = withFolderPolicy({ ...account, offline: { budgetBytes: 100 * 1024 * 1024 } }, 'Work', { kind: 'all' });
    const two = withFolderPolicy(one, 'Lists', { kind: 'headers' });
    expect(two.offline).toEqual({ budgetBytes: 100 * 1024 * 1024, folderPolicies: { Work: { kind: 'all' }, Lists: { kind: 'headers' } } });
    expect(withFolderPolicy(two, 'Work', undefined).offline?.folderPolicies).toEqual({ Lists: { kind: 'headers' } });
    const online = withAccountSettings(two, 'online', { defaultPolicy: { kind: 'headers' }, budgetBytes: 60 * 1024 * 1024 });
    expect(online.incoming).toMatchObject({ accessModel: 'online' });
    expect(online.offline).toEqual({ defaultPolicy: { kind: 'headers' }, budgetBytes: 60 * 1024 * 1024, folderPolicies: { Work: { kind: 'all' }, Lists: { kind: 'headers' } } });
  });
});
