import { describe, expect, it } from 'vitest';
import { emptyAccountForm, validateAccountForm, withEmail, withProtocol, withSecurity, withSmtpSecurity, type AccountFormValues } from './account-form';

const filled: AccountFormValues = {
  ...withEmail({ ...emptyAccountForm, name: 'Work', host: 'imap.example.com', password: 'secret' }, 'me@example.com'),
};

describe('account form', () => {
  it('lets the port follow security until the user edits it', () => {
    expect(emptyAccountForm.port).toBe('993');
    expect(withSecurity(emptyAccountForm, 'starttls').port).toBe('143');
    expect(withSecurity(withSecurity(emptyAccountForm, 'none'), 'tls').port).toBe('993');
    expect(withSecurity({ ...emptyAccountForm, port: '1993', portEdited: true }, 'starttls').port).toBe('1993');
  });

  it('lets the user name follow the email address until the user edits it', () => {
    expect(withEmail(emptyAccountForm, 'me@example.com').user).toBe('me@example.com');
    expect(withEmail({ ...emptyAccountForm, user: 'me', userEdited: true }, 'other@example.com').user).toBe('me');
  });

  it('builds a valid account', () => {
    const result = validateAccountForm({ ...filled, certificate: ' -----BEGIN CERTIFICATE-----\nabc ' }, 'id_1');
    expect(result.errors).toBeNull();
    expect(result.account).toEqual({
      id: 'id_1',
      name: 'Work',
      email: 'me@example.com',
      incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.com', port: 993, security: 'tls', user: 'me@example.com' },
      smtp: null,
      identities: [],
      sendThroughRelay: false,
      trustedCertificates: ['-----BEGIN CERTIFICATE-----\nabc'],
    });
  });

  it('reports every invalid field with a message meant for people', () => {
    const result = validateAccountForm({ ...emptyAccountForm, port: '70000', certificate: 'junk' }, 'id_1');
    expect(result.account).toBeNull();
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(['certificate', 'email', 'host', 'name', 'password', 'port', 'user']);
    expect(result.errors?.port).toBe('Enter a port number from 1 to 65535.');
    expect(result.errors?.name).toBe('Give the account a name, such as Work.');
  });

  it('refuses a host the schema refuses, and a port that is not a number', () => {
    const result = validateAccountForm({ ...filled, host: 'imap example.com', port: '' }, 'id_1');
    expect(result.errors?.host).toMatch(/^The server name is not valid/);
    expect(result.errors?.port).toBeDefined();
  });

  it('builds a POP3 account with its retention, its ports following the protocol', () => {
    const pop3 = withProtocol(filled, 'pop3');
    expect(pop3.port).toBe('995');
    expect(withSecurity(pop3, 'starttls').port).toBe('110');
    const result = validateAccountForm({ ...pop3, retention: 'delete-after-days', retentionDays: '30' }, 'id_1');
    expect(result.account?.incoming).toEqual({ protocol: 'pop3', host: 'imap.example.com', port: 995, security: 'tls', user: 'me@example.com', retention: 'delete-after-days', retentionDays: 30, checkIntervalMinutes: 10 });
    expect(validateAccountForm({ ...pop3, retention: 'delete-after-days', retentionDays: '0' }, 'id_1').errors?.retentionDays).toBe('Enter a number of days from 1 to 3650.');
    expect(validateAccountForm({ ...pop3, retention: 'keep', retentionDays: '0' }, 'id_1').account?.incoming).toMatchObject({ retention: 'keep' });
    expect(validateAccountForm({ ...pop3, checkMinutes: '3' }, 'id_1').account?.incoming).toMatchObject({ checkIntervalMinutes: 3 });
    expect(validateAccountForm({ ...pop3, checkMinutes: '0' }, 'id_1').errors?.checkMinutes).toBe('Enter a number of minutes from 1 to 1440.');
  });

  it('adds an SMTP server when one is given, with the incoming user name unless another is', () => {
    expect(withSmtpSecurity(filled, 'tls').smtpPort).toBe('465');
    const result = validateAccountForm({ ...filled, smtpHost: 'smtp.example.com' }, 'id_1');
    expect(result.account?.smtp).toEqual({ host: 'smtp.example.com', port: 587, security: 'starttls', user: 'me@example.com' });
    expect(validateAccountForm({ ...filled, smtpHost: 'smtp.example.com', smtpUser: 'sender' }, 'id_1').account?.smtp?.user).toBe('sender');
    expect(validateAccountForm({ ...filled, smtpHost: 'smtp example', smtpPort: '0' }, 'id_1').errors).toMatchObject({ smtpHost: expect.stringMatching(/not valid/), smtpPort: 'Enter a port number from 1 to 65535.' });
  });
});
