import { describe, expect, it } from 'vitest';
import { accountSchema, type Account } from '../../../src-shared/model';
import { blankIdentity, editedAccount, needsCheck, reverifyArgsOf, settingsFormOf } from './settings-model';

const saved: Account = accountSchema.parse({
  id: 'acc1',
  name: 'Work',
  email: 'alice@example.org',
  incoming: { protocol: 'pop3', host: 'pop.example.org', port: 995, security: 'tls', user: 'alice', retention: 'delete-after-days', retentionDays: 7 },
  smtp: { host: 'smtp.example.org', port: 465, security: 'tls', user: 'alice' },
  identities: [
    { name: 'Alice', address: 'alice@example.org', replyTo: null, signature: 'Alice\nExample Ltd' },
    { name: 'Help desk', address: 'help@example.org', replyTo: 'tickets@example.org', signature: '' },
  ],
  sendThroughRelay: true,
});

describe('editing an account', () => {
  it('shows the own address’s signature apart from the other identities', () => {
    const form = settingsFormOf(saved);
    expect(form.signature).toBe('Alice\nExample Ltd');
    expect(form.identities.map((i) => i.address)).toEqual(['help@example.org']);
    expect(form.password).toBe('');
  });

  it('keeps everything the form does not show, and needs no check for names and signatures', () => {
    const form = { ...settingsFormOf(saved), name: 'Alice at work', signature: '' };
    const edited = editedAccount(saved, form);
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.value).toMatchObject({ name: 'Alice at work', sendThroughRelay: true, incoming: { protocol: 'pop3', retention: 'delete-after-days', retentionDays: 7 } });
    // An empty signature and Reply-To need no identity of their own.
    expect(edited.value.identities.map((i) => i.address)).toEqual(['help@example.org']);
    expect(needsCheck(saved, edited.value, form)).toBe(false);
  });

  it('checks again when a server, a password or a trusted certificate changes', () => {
    const base = settingsFormOf(saved);
    const variants = [
      { ...base, incoming: { ...base.incoming, port: '110', security: 'starttls' as const } },
      { ...base, smtp: { ...base.smtp, host: 'mail.example.org' } },
      { ...base, password: 'new' },
      { ...base, trustedCertificates: ['-----BEGIN CERTIFICATE-----'] },
    ];
    for (const form of variants) {
      const edited = editedAccount(saved, form);
      if (!edited.ok) throw new Error(edited.message);
      expect(needsCheck(saved, edited.value, form)).toBe(true);
    }
    const changedPort = editedAccount(saved, variants[0]!);
    if (!changedPort.ok) throw new Error(changedPort.message);
    // No password typed: the engine uses the saved one, for the same host only.
    expect(reverifyArgsOf(changedPort.value, variants[0]!)).not.toHaveProperty('password');
  });

  it('refuses bad addresses and an address listed twice, naming the identity', () => {
    const base = settingsFormOf(saved);
    expect(editedAccount(saved, { ...base, identities: [...base.identities, { ...blankIdentity(), address: 'nope' }] })).toEqual({ ok: false, message: expect.stringMatching(/^Identity 3: enter an email address/) });
    expect(editedAccount(saved, { ...base, identities: [...base.identities, { ...blankIdentity(), address: 'HELP@example.org' }] })).toEqual({ ok: false, message: 'HELP@example.org is listed twice.' });
    expect(editedAccount(saved, { ...base, replyTo: 'not an address' })).toMatchObject({ ok: false });
    expect(editedAccount(saved, { ...base, incoming: { ...base.incoming, port: '70000' } })).toMatchObject({ ok: false, message: expect.stringMatching(/incoming server/) });
  });
});

describe('an account without an outgoing server', () => {
  it('stays without one, and needs no check for that', () => {
    const bare = accountSchema.parse({ ...saved, smtp: null });
    const form = settingsFormOf(bare);
    const edited = editedAccount(bare, form);
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.value.smtp).toBeNull();
    expect(needsCheck(bare, edited.value, form)).toBe(false);
    expect(editedAccount(bare, { ...form, smtp: { ...form.smtp, host: 'smtp.example.org', port: '' } })).toMatchObject({ ok: false, message: expect.stringMatching(/outgoing/) });
  });
});
