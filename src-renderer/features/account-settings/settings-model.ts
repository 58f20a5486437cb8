/**
 * Editing a saved account as pure data: its settings turned into form fields, checked, and
 * turned back into the Account (everything the form does not show is kept: the access
 * model, POP3 retention, offline policy, relay choice). Changed servers, a new password or
 * a new trusted certificate mean the servers are checked again before saving (issue #8);
 * names, identities and signatures alone are saved at once.
 */
import type { ReverifyArgs } from '../../../src-shared/account-setup';
import { accountSchema, type Account, type Identity, type ServerSettings } from '../../../src-shared/model';
import { isEmailAddress, settingsOf, type Checked, type ServerFields } from '../account-wizard/wizard-model';

export interface IdentityFields {
  name: string;
  address: string;
  replyTo: string;
  signature: string;
}

export interface SettingsForm {
  name: string;
  email: string;
  /** The Reply-To and signature of the account's own address. */
  replyTo: string;
  signature: string;
  /** Further From addresses. */
  identities: IdentityFields[];
  incoming: ServerFields;
  smtp: ServerFields;
  /** Empty: keep the saved password. */
  password: string;
  smtpPassword: string;
  trustedCertificates: string[];
  allowPlaintext: boolean;
}

const fieldsOfServer = (server: ServerSettings | null, email: string): ServerFields =>
  server ? { host: server.host, port: String(server.port), security: server.security, user: server.user, source: null } : { host: '', port: '465', security: 'tls', user: email, source: null };

const fieldsOfIdentity = (identity: Identity): IdentityFields => ({ name: identity.name, address: identity.address, replyTo: identity.replyTo ?? '', signature: identity.signature });

const sameAddress = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function settingsFormOf(account: Account): SettingsForm {
  const own = account.identities.find((identity) => sameAddress(identity.address, account.email));
  return {
    name: account.name,
    email: account.email,
    replyTo: own?.replyTo ?? '',
    signature: own?.signature ?? '',
    identities: account.identities.filter((identity) => identity !== own).map(fieldsOfIdentity),
    incoming: fieldsOfServer(account.incoming, account.email),
    smtp: fieldsOfServer(account.smtp, account.email),
    password: '',
    smtpPassword: '',
    trustedCertificates: account.trustedCertificates,
    // Servers already reached without encryption were agreed to when the account was added.
    allowPlaintext: account.incoming.security === 'none' || account.smtp?.security === 'none',
  };
}

export const blankIdentity = (): IdentityFields => ({ name: '', address: '', replyTo: '', signature: '' });

function identityOf(fields: IdentityFields, which: string): Checked<Identity> {
  const address = fields.address.trim();
  const replyTo = fields.replyTo.trim();
  if (!isEmailAddress(address)) return { ok: false, message: `${which}: enter an email address such as you@example.com.` };
  if (replyTo && !isEmailAddress(replyTo)) return { ok: false, message: `${which}: the Reply-To must be an email address, or empty.` };
  return { ok: true, value: { name: fields.name.trim(), address, replyTo: replyTo || null, signature: fields.signature } };
}

/** The account as edited; the servers' protocol-specific settings are kept. */
export function editedAccount(account: Account, form: SettingsForm): Checked<Account> {
  const incoming = settingsOf(form.incoming);
  if (!incoming) return { ok: false, message: 'Enter the incoming server: a host name, a port from 1 to 65535 and a user name.' };
  // No outgoing server is allowed (mail can go through the relay); a half-filled one is not.
  const smtpWanted = form.smtp.host.trim() !== '';
  const smtp = smtpWanted ? settingsOf(form.smtp) : null;
  if (smtpWanted && !smtp) return { ok: false, message: 'Enter the outgoing (SMTP) server: a host name, a port from 1 to 65535 and a user name.' };
  if (!isEmailAddress(form.email)) return { ok: false, message: 'Enter the account’s email address, such as you@example.com.' };
  const own = identityOf({ name: form.name, address: form.email, replyTo: form.replyTo, signature: form.signature }, 'Your address');
  if (!own.ok) return own;
  const identities: Identity[] = [];
  // The own address's signature and Reply-To live in an identity of the same address.
  if (own.value.replyTo !== null || own.value.signature !== '') identities.push(own.value);
  const seen = new Set([form.email.trim().toLowerCase()]);
  for (const [index, fields] of form.identities.entries()) {
    const identity = identityOf(fields, `Identity ${index + 2}`);
    if (!identity.ok) return identity;
    const key = identity.value.address.toLowerCase();
    if (seen.has(key)) return { ok: false, message: `${identity.value.address} is listed twice.` };
    seen.add(key);
    identities.push(identity.value);
  }
  const parsed = accountSchema.safeParse({
    ...account,
    name: form.name.trim() || form.email.trim(),
    email: form.email.trim(),
    incoming: { ...account.incoming, ...incoming },
    smtp,
    identities,
    trustedCertificates: form.trustedCertificates,
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: `These settings cannot be saved: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
}

const sameServer = (a: ServerSettings | null, b: ServerSettings | null): boolean =>
  a === null || b === null ? a === b : sameAddress(a.host, b.host) && a.port === b.port && a.security === b.security && a.user === b.user;

/** Whether saving must first check the servers: they, a password or the trusted certificates changed. */
export function needsCheck(saved: Account, edited: Account, form: SettingsForm): boolean {
  return (
    !sameServer(saved.incoming, edited.incoming) ||
    !sameServer(saved.smtp, edited.smtp) ||
    form.password !== '' ||
    form.smtpPassword !== '' ||
    saved.trustedCertificates.join('\n') !== edited.trustedCertificates.join('\n')
  );
}

export function reverifyArgsOf(edited: Account, form: SettingsForm): ReverifyArgs {
  return {
    accountId: edited.id,
    incoming: edited.incoming,
    smtp: edited.smtp,
    ...(form.password ? { password: form.password } : {}),
    ...(form.smtpPassword ? { smtpPassword: form.smtpPassword } : {}),
    trustedCertificates: edited.trustedCertificates,
    allowPlaintext: form.allowPlaintext,
  };
}
