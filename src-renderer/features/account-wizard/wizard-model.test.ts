import { describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../../src-shared/account-setup';
import { accountOf, editServer, formFromDiscovery, outcomeText, verifyArgsOf, withProgress, withProtocol, withSecurity } from './wizard-model';

const start = { name: 'Zoe', email: 'zoe@example.org', password: 'pw' };
const found: DiscoveryResult = {
  incoming: { protocol: 'imap', host: 'imap.example.org', port: 993, security: 'tls', username: 'zoe', source: 'autoconfig.example.org' },
  smtp: { protocol: 'smtp', host: 'smtp.example.org', port: 587, security: 'starttls', username: 'zoe', source: 'DNS SRV _submission._tcp.example.org' },
  candidates: [],
  problems: [],
  timedOut: false,
};

describe('the account wizard model', () => {
  it('fills the fields from discovery, each with its source, and builds the verify arguments', () => {
    const form = formFromDiscovery(start, found);
    expect(form.incoming).toEqual({ host: 'imap.example.org', port: '993', security: 'tls', user: 'zoe', source: 'autoconfig.example.org' });
    expect(form.smtp.source).toBe('DNS SRV _submission._tcp.example.org');
    expect(verifyArgsOf(form)).toEqual({
      ok: true,
      value: {
        incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.org', port: 993, security: 'tls', user: 'zoe' },
        smtp: { host: 'smtp.example.org', port: 587, security: 'starttls', user: 'zoe' },
        password: 'pw',
        trustedCertificates: [],
        allowPlaintext: false,
      },
    });
  });

  it('leaves missing servers for the user, with the address as login', () => {
    const form = formFromDiscovery(start, { ...found, incoming: null, smtp: null });
    expect(form.incoming).toEqual({ host: '', port: '993', security: 'tls', user: 'zoe@example.org', source: null });
    expect(verifyArgsOf(form)).toEqual({ ok: false, message: expect.stringContaining('incoming server') });
  });

  it('marks edited fields as entered by the user and follows protocol and security with the port', () => {
    const form = formFromDiscovery(start, found);
    expect(editServer(form.incoming, { host: 'other.example.org' }).source).toBeNull();
    expect(withSecurity(form.smtp, 'smtp', 'tls').port).toBe('465');
    const pop = withProtocol(form, 'pop3');
    expect(pop.incoming.port).toBe('995');
    const account = accountOf(pop, 'abc');
    expect(account.ok && account.value.incoming).toEqual({ protocol: 'pop3', host: 'imap.example.org', port: 995, security: 'tls', user: 'zoe' });
  });

  it('saves an account with the certificates the user trusted, and no password', () => {
    const form = { ...formFromDiscovery(start, found), trustedCertificates: ['-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n'] };
    const account = accountOf(form, 'abc');
    expect(account.ok).toBe(true);
    if (!account.ok) return;
    expect(account.value).toMatchObject({ id: 'abc', name: 'Zoe', email: 'zoe@example.org', trustedCertificates: form.trustedCertificates, sendThroughRelay: false });
    expect(JSON.stringify(account.value)).not.toContain('"pw"');
  });

  it('sends a separate SMTP password only when the user gave one', () => {
    const form = formFromDiscovery(start, found);
    const same = verifyArgsOf(form);
    expect(same.ok && 'smtpPassword' in same.value).toBe(false);
    const own = verifyArgsOf({ ...form, smtpPassword: 'smtp-pw' });
    expect(own.ok && own.value.smtpPassword).toBe('smtp-pw');
  });

  it('names each verification problem and records progress per step', () => {
    expect(outcomeText({ kind: 'wrong-password', detail: 'Login failed: [AUTHENTICATIONFAILED]' })).toMatch(/^Wrong user name or password/);
    expect(outcomeText({ kind: 'tls-not-offered', detail: 'x' })).toMatch(/^Encryption required but not offered/);
    expect(withProgress({}, { step: 'srv', state: 'found', detail: '2 servers' })).toEqual({ srv: { state: 'found', detail: '2 servers' } });
  });
});
