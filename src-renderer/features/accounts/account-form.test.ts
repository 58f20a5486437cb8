import { describe, expect, it } from 'vitest';
import { emptyAccountForm, validateAccountForm, withEmail, withSecurity, type AccountFormValues } from './account-form';

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
});
