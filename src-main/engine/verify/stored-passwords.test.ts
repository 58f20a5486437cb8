import { describe, expect, it } from 'vitest';
import type { ReverifyArgs } from '../../../src-shared/account-setup';
import type { Account } from '../../../src-shared/model';
import { createMemorySecrets } from '../testing/memory-secrets';
import { passwordsForCheck } from './stored-passwords';

const saved = {
  id: 'acc1',
  name: 'Work',
  email: 'alice@example.org',
  incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.org', port: 993, security: 'tls', user: 'alice' },
  smtp: { host: 'smtp.example.org', port: 465, security: 'tls', user: 'alice' },
  identities: [],
  sendThroughRelay: false,
  trustedCertificates: [],
} as Account;

const args = (overrides: Partial<ReverifyArgs> = {}): ReverifyArgs => ({
  accountId: 'acc1',
  incoming: { ...saved.incoming },
  smtp: saved.smtp,
  trustedCertificates: [],
  allowPlaintext: false,
  ...overrides,
});

describe('passwords for checking changed settings', () => {
  it('uses the stored passwords for the same hosts, e.g. a changed port', async () => {
    const secrets = createMemorySecrets({ acc1: 'in-secret', 'acc1:smtp': 'out-secret' });
    expect(await passwordsForCheck(saved, secrets, args({ smtp: { ...saved.smtp!, port: 587, security: 'starttls' } }))).toEqual({ password: 'in-secret', smtpPassword: 'out-secret' });
    expect(await passwordsForCheck(saved, createMemorySecrets({ acc1: 'in-secret' }), args())).toEqual({ password: 'in-secret' });
  });

  it('never sends a stored password to a changed host, whatever the case of the name', async () => {
    const secrets = createMemorySecrets({ acc1: 'in-secret' });
    await expect(passwordsForCheck(saved, secrets, args({ incoming: { ...saved.incoming, host: 'evil.example' } }))).rejects.toThrow(/new incoming server/);
    await expect(passwordsForCheck(saved, secrets, args({ smtp: { ...saved.smtp!, host: 'evil.example' } }))).rejects.toThrow(/new outgoing server/);
    expect(await passwordsForCheck(saved, secrets, args({ incoming: { ...saved.incoming, host: 'IMAP.example.org' } }))).toEqual({ password: 'in-secret' });
  });

  it('takes a typed password for a new host, and a typed SMTP password over a stored one', async () => {
    const secrets = createMemorySecrets({ acc1: 'in-secret', 'acc1:smtp': 'out-secret' });
    expect(await passwordsForCheck(saved, secrets, args({ incoming: { ...saved.incoming, host: 'new.example' }, smtp: { ...saved.smtp!, host: 'new.example' }, password: 'typed' }))).toEqual({ password: 'typed' });
    expect(await passwordsForCheck(saved, secrets, args({ smtpPassword: 'typed-out' }))).toEqual({ password: 'in-secret', smtpPassword: 'typed-out' });
  });

  it('says so when nothing is stored or the account is gone', async () => {
    await expect(passwordsForCheck(saved, createMemorySecrets({}), args())).rejects.toThrow(/No password is stored for Work/);
    await expect(passwordsForCheck(null, createMemorySecrets({}), args())).rejects.toThrow(/not open/);
  });
});
